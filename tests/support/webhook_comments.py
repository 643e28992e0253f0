"""A generic-webhook comment and a fresh per-account secret."""

from __future__ import annotations

import re

COMMENT = {
    "type": "comment",
    "platform": "linkedin",
    "id": "urn:li:comment:(activity:7,1)",
    "text": "När öppnar simhallen igen?",
    "created_time": "2026-12-01T08:45:00+01:00",
    "permalink": "https://www.linkedin.com/feed/update/urn:li:activity:7",
    "author": {
        "name": "Per Persson",
        "id": "li-42",
        "profile_url": "https://www.linkedin.com/in/per",
    },
}


async def new_secret(bot, account_ref: str, user: str = "UKOMM") -> str:  # type: ignore[no-untyped-def]
    status, body = await bot.slack.command(user, "/webhook-hemlighet", account_ref)
    assert status == 200
    match = re.search(r"`([A-Za-z0-9_\-]{40,})`", body)
    assert match, body
    return match.group(1)
