"""Every user-facing text, Swedish first. One module per area; nothing user-facing elsewhere."""

from bot.texts import activity, common, escalation, opening, teams

__all__ = ["activity", "common", "escalation", "opening", "teams"]
