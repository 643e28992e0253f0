"""Every user-facing text, Swedish first. One module per area; nothing user-facing elsewhere."""

from bot.texts import comments, common, escalation, opening

__all__ = ["comments", "common", "escalation", "opening"]
