"""Comments on the accounts: intake, deadlines, handling, evidence and disposal."""

from bot.flows.comments import (  # noqa: F401  (registers commands, actions, forms, sweeps)
    deadlines,
    disposal,
    evidence,
    handling,
    intake,
    links,
    manual,
    summary,
)
