"""Platform names as people write them ("Instagram", never the stored key "instagram")."""

from __future__ import annotations

from typing import Protocol

from bot.texts.opening import PLATFORMS


class HasPlatform(Protocol):
    name: str
    platform: str
    platform_other: str | None


def platform_name(platform: str, other: str | None = None) -> str:
    """The name of a platform key; "annat" shows the name the applicant typed."""
    if platform == "annat" and other:
        return other
    return PLATFORMS.get(platform, platform[:1].upper() + platform[1:])


def account_label(account: HasPlatform) -> str:
    """ "Forshaga bibliotek (Instagram)"."""
    return f"{account.name} ({platform_name(account.platform, account.platform_other)})"
