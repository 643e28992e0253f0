"""The "which account?" field that several forms open with (publish, upload, comment, ...)."""

from __future__ import annotations

from collections.abc import Sequence

from bot.flows.opening.common import platform_label
from bot.messages import FormField, Option
from storage.models import Account


def account_label(account: Account) -> str:
    return f"{account.name} ({platform_label(account)})"


def account_field(
    accounts: Sequence[Account], label: str, *, chosen: int | None = None
) -> FormField:
    """A select over `accounts`; preselects `chosen`, or the only account there is."""
    options = [Option(value=str(a.id), label=account_label(a)) for a in accounts]
    if chosen is None and len(options) == 1:
        initial: str | None = options[0].value
    else:
        initial = str(chosen) if chosen is not None else None
    return FormField(id="account", label=label, kind="select", options=options, initial=initial)
