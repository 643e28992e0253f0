"""The composition root: the full set of verbs, and a core that runs them.

Everything that starts the bot (`serve`, `tick`, the CLI, the tests) builds its core here, so
there is one list of flows and one check that every button's action has a handler.
"""

from __future__ import annotations

from bot.clock import Clock
from bot.config import Settings
from bot.core import Core
from bot.flows import (
    account_register,
    chat_files,
    escalation,
    guideline,
    guideline_ack,
    help,
    overview,
    reports,
    resend,
)
from bot.flows.accounts import (
    changes,
    closing,
    handover,
    leavers,
    logins,
    password,
    pause,
    registration,
)
from bot.flows.accounts import review as account_review
from bot.flows.activity import buttons, morning, silence
from bot.flows.admins import nominating, shortage, step_down
from bot.flows.comments import (
    batch,
    confidential,
    deadlines,
    disposal,
    evidence,
    gdpr,
    granska,
    handling,
    links,
    manual,
    removal,
    reply_check,
    summary,
)
from bot.flows.documentation import major_change, pending, reminders, upload
from bot.flows.opening import (
    application,
    guided,
    listing,
    manager,
    nomination,
    review,
    service_account,
    withdraw,
)
from bot.flows.opening import reminders as opening_reminders
from bot.registry import Registry, Verbs

# Sweeps run in this order each tick, and summary sections appear in this order; words
# written in a direct chat are heard in this order (a guided application before a question).
FLOWS: list[Verbs] = [
    help.verbs,
    escalation.verbs,
    application.verbs,
    listing.verbs,
    guided.verbs,
    guideline.verbs,
    guideline_ack.verbs,
    account_register.verbs,
    overview.verbs,
    manager.verbs,
    nomination.verbs,
    review.verbs,
    service_account.verbs,
    withdraw.verbs,
    registration.verbs,
    # Before the posting sweeps: a pause that ends today gets this morning's DM.
    pause.verbs,
    closing.verbs,
    account_review.verbs,
    opening_reminders.verbs,
    logins.verbs,
    password.verbs,
    changes.verbs,
    handover.verbs,
    leavers.verbs,
    buttons.verbs,
    silence.verbs,
    morning.verbs,
    nominating.verbs,
    step_down.verbs,
    shortage.verbs,
    manual.verbs,
    links.verbs,
    handling.verbs,
    reply_check.verbs,
    confidential.verbs,
    granska.verbs,
    evidence.verbs,
    removal.verbs,
    batch.verbs,
    deadlines.verbs,
    summary.verbs,
    disposal.verbs,
    gdpr.verbs,
    upload.verbs,
    pending.verbs,
    major_change.verbs,
    reminders.verbs,
    reports.verbs,
    chat_files.verbs,
    resend.verbs,
]


def build_registry() -> Registry:
    return Registry.build(FLOWS)


def create_core(
    settings: Settings, clock: Clock | None = None, registry: Registry | None = None
) -> Core:
    return Core.create(settings, clock, registry=registry or build_registry())
