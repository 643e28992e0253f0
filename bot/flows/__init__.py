"""The workflows. Importing this package registers their commands, actions, forms and sweeps."""

from bot.flows import (  # noqa: F401
    activity,
    admins,
    comments,
    documentation,
    escalation,
    help,
    opening,
)
