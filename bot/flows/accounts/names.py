"""Action and form names of the account flows, declared once."""

from bot.registry import action_name

REGISTER = action_name("accounts.register")
