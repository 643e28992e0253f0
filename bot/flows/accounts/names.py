"""Action and form names of the account flows, declared once."""

from bot.registry import action_name

REGISTER = action_name("accounts.register")
PAUSE = action_name("accounts.pause")
PAUSE_APPROVE = action_name("accounts.pause.approve")
PAUSE_DECLINE = action_name("accounts.pause.decline")
CLOSE = action_name("accounts.close")
CLOSE_CONFIRM = action_name("accounts.close.confirm")
REVIEW_OK = action_name("accounts.review.ok")
REVIEW_CLOSE = action_name("accounts.review.close")
REVIEW_MANAGER_OK = action_name("accounts.review.manager")
LOGIN_CONFIRMED = action_name("accounts.login-confirmed")
PASSWORD_CHANGED = action_name("accounts.password-changed")
CHANGE = action_name("accounts.change")
CHANGE_OPEN = action_name("accounts.change.open")
HANDOVER_ACCEPT = action_name("accounts.handover-accept")
HANDOVER_DECLINE = action_name("accounts.handover-decline")
NAME_MANAGER = action_name("accounts.name-manager")
APPOINT_OWNER = action_name("accounts.appoint-owner")
