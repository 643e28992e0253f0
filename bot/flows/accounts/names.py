"""Action and form names of the account flows, declared once."""

from bot.registry import action_name

REGISTER = action_name("accounts.register")
LOGIN_CONFIRMED = action_name("accounts.login-confirmed")
PASSWORD_CHANGED = action_name("accounts.password-changed")
