"""Every user-facing text, Swedish first. One module per area; nothing user-facing elsewhere."""

from bot.texts import (
    accounts,
    activity,
    admins,
    comments,
    common,
    delivery,
    documentation,
    escalation,
    guided,
    guideline,
    opening,
    overview,
    privacy,
)

__all__ = [
    "accounts",
    "activity",
    "admins",
    "comments",
    "common",
    "delivery",
    "documentation",
    "escalation",
    "guided",
    "guideline",
    "opening",
    "overview",
    "privacy",
]
