"""The workflows. Importing this package registers their commands, actions, forms and sweeps."""

from bot.flows import activity, comments, escalation, help, opening  # noqa: F401
