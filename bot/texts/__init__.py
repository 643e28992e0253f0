"""Every user-facing text, Swedish first. One module per area; nothing user-facing elsewhere."""

from bot.texts import admins, common, documentation, escalation, opening

__all__ = ["admins", "common", "documentation", "escalation", "opening"]
