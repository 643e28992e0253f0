"""The opening flow's action and form names, declared once; buttons and handlers use these."""

from bot.registry import action_name

APPLY = action_name("opening.apply")
APPROVE = action_name("opening.approve")
REJECT = action_name("opening.reject")
ACCEPT = action_name("opening.accept")
DECLINE = action_name("opening.decline")
ANCHOR = action_name("opening.anchor")
REQUEST_COMPLETION = action_name("opening.request-completion")
COMPLETION = action_name("opening.completion")
REGISTER_SERVICE_ACCOUNT = action_name("opening.register-service-account")
SERVICE_ACCOUNT = action_name("opening.service-account")
EDIT = action_name("opening.edit")
WITHDRAW = action_name("opening.withdraw")
RENOMINATE = action_name("opening.renominate")
NOMINATE = action_name("opening.nominate")
NEW_APPLICATION = action_name("opening.new-application")
