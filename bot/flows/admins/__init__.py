"""Admins: at least MIN_ADMINS present per account; departures, stepping down, replacements."""

from bot.flows.admins.departure import person_departed, person_returned

__all__ = ["person_departed", "person_returned"]
