"""Daily activity: the admins' morning DM, logging posts and look-overs, silence escalation.

Other flows log a post that arrived by webhook with `record_post(...)`.
"""

from bot.flows.activity import buttons, morning, silence  # noqa: F401  (registers handlers)
from bot.flows.activity.log import record_lookover, record_post

__all__ = ["record_lookover", "record_post"]
