"""Action and form names of the account flows, declared once."""

from bot.registry import action_name

REGISTER = action_name("accounts.register")
LOGIN_CONFIRMED = action_name("accounts.login-confirmed")
PASSWORD_CHANGED = action_name("accounts.password-changed")
CHANGE = action_name("accounts.change")
HANDOVER_ACCEPT = action_name("accounts.handover-accept")
HANDOVER_DECLINE = action_name("accounts.handover-decline")
NAME_MANAGER = action_name("accounts.name-manager")
APPOINT_OWNER = action_name("accounts.appoint-owner")
