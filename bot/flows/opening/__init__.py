"""Opening an account (DESIGN.md §2): application, manager, admins, anchoring, service account.

One module per step; importing the package registers its commands, actions and forms.
"""

from bot.flows.opening import (  # noqa: F401
    application,
    listing,
    manager,
    nomination,
    reminders,
    review,
    service_account,
    withdraw,
)
