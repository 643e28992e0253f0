"""Every user-facing text, Swedish first. One module per area; nothing user-facing elsewhere."""

from bot.texts import activity, comments, common, escalation, opening

__all__ = ["activity", "comments", "common", "escalation", "opening"]
