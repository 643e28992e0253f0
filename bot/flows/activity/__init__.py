"""Daily activity: the admins' morning DM, logging posts and look-overs, silence escalation.

Other flows log a post that arrived by webhook with `record_post(...)`.
"""

from bot.flows.activity.log import record_lookover, record_post

# The sweeps this flow registers (tests of other flows may run without them).
SWEEP_NAMES = ("activity-morning", "activity-no-posts")

__all__ = ["SWEEP_NAMES", "record_lookover", "record_post"]
