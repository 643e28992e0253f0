"""The comment flow's action and form names, declared once; buttons and handlers use these."""

from bot.registry import action_name

ANSWERED = action_name("comments.answered")
NO_REPLY = action_name("comments.no_reply")
FORWARD = action_name("comments.forward")
REGISTER = action_name("comments.register")
ILLEGAL = action_name("comments.illegal")
REMOVED = action_name("comments.removed")
POLICE = action_name("comments.police")
EVIDENCE = action_name("comments.evidence")
NEW = action_name("comments.new")
REPLY_TONE = action_name("comments.reply_tone")
MOVED = action_name("comments.moved")
CONFIDENTIAL_REMOVED = action_name("comments.confidential_removed")
GRANSKA = action_name("comments.granska")
