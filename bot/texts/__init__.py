"""Every user-facing text, Swedish first. One module per area; nothing user-facing elsewhere."""

from bot.texts import common, escalation, opening, teams

__all__ = ["common", "escalation", "opening", "teams"]
