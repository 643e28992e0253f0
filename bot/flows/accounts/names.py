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
