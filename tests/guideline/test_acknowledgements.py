"""A new guideline version through the console backend: every admin is told what changed
once, acknowledges with Jag har läst (one row per person and version, kept by the database),
is reminded until they do, and the communicators and the register show who has not."""

from __future__ import annotations

import csv
import io
from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy.exc import IntegrityError
from sqlmodel import select

from bot import router, texts
from bot.app import build_registry
from bot.export import write_accounts_csv
from bot.flows import activity
from bot.flows.guideline_ack import ACKNOWLEDGE
from handlers.console.bot import ConsoleBot
from storage.models import AuditEntry, GuidelineAcknowledgement
from tests.conftest import STOCKHOLM
from tests.support.console_accounts import active_account
from tests.support.console_backend import open_application_form
from tests.support.guideline_files import edited_guideline

T = texts.guideline
TUESDAY = datetime(2026, 12, 1, 9, 0, tzinfo=STOCKHOLM)
WEDNESDAY = datetime(2026, 12, 2, 9, 0, tzinfo=STOCKHOLM)
# Five working days after Wednesday 2 December: the 3rd, 4th, 7th, 8th and 9th.
FIVE_WORKING_DAYS_LATER = datetime(2026, 12, 9, 9, 0, tzinfo=STOCKHOLM)


def start(database_url: str, guideline: Path | None = None) -> ConsoleBot:
    # These tests count every message an admin gets; daily activity has its own tests.
    registry = build_registry().without_sweeps(*activity.SWEEP_NAMES)
    overrides = {"guideline_file": guideline} if guideline else {}
    bot = ConsoleBot.start(database_url, now=TUESDAY, registry=registry, **overrides)
    bot.set_communicator("@kim")
    return bot


@pytest.fixture
def version_two(database_url: str, tmp_path: Path):  # type: ignore[no-untyped-def]
    """Version 1 in force with the library's account (Anna, Bertil); then version 2 takes
    effect on Wednesday, with replies due within two working days instead of one."""
    first = start(database_url)
    active_account(first, "Forshaga bibliotek", ["@anna", "@bertil"], TUESDAY)
    first.tick(TUESDAY)
    first.close()
    newer = edited_guideline(
        tmp_path, reply_within_working_days=2, replace={'version = "1"': 'version = "2"'}
    )
    bot = start(database_url, newer)
    bot.tick(WEDNESDAY)
    yield bot
    bot.close()


def told(bot: ConsoleBot, handle: str, title: str) -> list[str]:
    return [bot.show(m) for m in bot.inbox(handle) if (m.title or "").startswith(title)]


def rows(bot: ConsoleBot) -> list[GuidelineAcknowledgement]:
    with bot.core.session() as session:
        return list(session.exec(select(GuidelineAcknowledgement)).all())


def test_the_first_version_asks_nobody(database_url: str) -> None:
    bot = start(database_url)
    active_account(bot, "Forshaga bibliotek", ["@anna", "@bertil"], TUESDAY)
    bot.tick(TUESDAY)
    bot.tick(FIVE_WORKING_DAYS_LATER)
    assert bot.inbox("@anna") == [] and bot.inbox("@bertil") == []
    bot.close()


def test_every_admin_is_told_what_changed_once(version_two: ConsoleBot) -> None:
    bot = version_two
    bot.tick(WEDNESDAY.replace(hour=11))
    for handle in ("@anna", "@bertil"):
        [message] = told(bot, handle, "Riktlinjen har ändrats: version 2")
        assert "Svar ska ges inom två arbetsdagar (förut en arbetsdag)." in message
        assert "Jag har läst" in message
    assert told(bot, "@kim", "Riktlinjen") == []  # a communicator who is no admin


def test_jag_har_last_is_stored_once_and_the_message_says_so(version_two: ConsoleBot) -> None:
    bot = version_two
    bot.press("@anna", T.ACKNOWLEDGE)
    assert bot.notices("@anna")[-1] == T.ACKNOWLEDGED_NOTICE.format(version="2")
    [message] = told(bot, "@anna", "Riktlinjen har ändrats")
    assert "Jag har läst" not in message.split("\n")[-1] and "Du bekräftade" in message
    # A second press (an old copy of the message): nothing new is stored.
    bot.act("@anna", router.Press(ACKNOWLEDGE, "2"))
    assert bot.notices("@anna")[-1].startswith("Du har redan bekräftat version 2")
    [row] = rows(bot)
    assert (row.version, row.acknowledged_at, row.how) == ("2", WEDNESDAY, "read")
    assert row.person_id == bot.directory.person_id("@anna")
    with bot.core.session() as session:
        audited = session.exec(
            select(AuditEntry).where(AuditEntry.action == "guideline.acknowledged")
        ).all()
    assert [(a.actor_id, a.detail["version"]) for a in audited] == [(row.person_id, "2")]


def test_the_database_keeps_one_acknowledgement_per_person_and_version(
    version_two: ConsoleBot,
) -> None:
    anna = version_two.directory.person_id("@anna")
    with pytest.raises(IntegrityError), version_two.core.session() as session:
        for _ in range(2):
            session.add(
                GuidelineAcknowledgement(person_id=anna, version="2", acknowledged_at=WEDNESDAY)
            )
            session.flush()


def test_a_version_nobody_enforced_is_refused(version_two: ConsoleBot) -> None:
    version_two.act("@anna", router.Press(ACKNOWLEDGE, "9"))
    assert version_two.notices("@anna")[-1] == T.UNKNOWN_VERSION
    assert rows(version_two) == []


def test_those_who_have_not_are_reminded_and_the_communicators_see_who(
    version_two: ConsoleBot,
) -> None:
    bot = version_two
    bot.press("@anna", T.ACKNOWLEDGE)
    bot.tick(FIVE_WORKING_DAYS_LATER.replace(day=8))
    assert told(bot, "@bertil", "Påminnelse") == []
    bot.tick(FIVE_WORKING_DAYS_LATER)
    bot.tick(FIVE_WORKING_DAYS_LATER.replace(hour=12))
    [reminder] = told(bot, "@bertil", "Påminnelse: har du läst riktlinjen version 2?")
    assert "Svar ska ges inom två arbetsdagar" in reminder
    assert told(bot, "@anna", "Påminnelse") == []
    [posted] = [bot.show(m) for m in bot.channel() if "bekräftat riktlinjen" in (m.title or "")]
    assert "Bertil" in posted and "Forshaga bibliotek" in posted and "Anna" not in posted
    # Bertil reads it from the reminder: he is done, and nobody is reminded any more.
    bot.press("@bertil", T.ACKNOWLEDGE)
    bot.tick(datetime(2026, 12, 16, 9, 0, tzinfo=STOCKHOLM))
    assert len(told(bot, "@bertil", "Påminnelse")) == 1


def test_riktlinjer_status_for_the_communicators(version_two: ConsoleBot) -> None:
    bot = version_two
    bot.press("@anna", T.ACKNOWLEDGE)
    bot.say("@kim", "riktlinjer status")
    status = bot.show(bot.inbox("@kim")[-1])
    assert "1 av 2 har bekräftat" in status and "Bertil (Forshaga bibliotek)" in status
    assert "Anna" not in status
    bot.say("@anna", "riktlinjer status")
    assert bot.notices("@anna")[-1] == texts.common.COMMUNICATORS_ONLY


def test_the_register_shows_who_has_acknowledged(version_two: ConsoleBot) -> None:
    bot = version_two
    bot.press("@anna", T.ACKNOWLEDGE)
    out = io.StringIO()
    with bot.core.session() as session:
        write_accounts_csv(session, out, bot.core)
    header, row = list(csv.reader(io.StringIO(out.getvalue())))
    assert header[-1] == "bekräftat riktlinjen 2" and row[-1] == "Anna"
    assert header[:-1] == texts.opening.CSV_HEADER  # the older columns stay where they were


def test_new_admins_acknowledge_the_version_in_force_when_they_accept(
    version_two: ConsoleBot,
) -> None:
    bot = version_two
    open_application_form(bot, "@cilla")
    answers = {
        "platform": "instagram",
        "name": "Forshaga fritidsgård",
        "unit": "Kultur och fritid",
        "purpose": "Aktiviteter för unga.",
        "audience": "Unga 13–18 år.",
        "resources": "Cilla och Dan, en timme om dagen.",
        "manager": "@karin",
        "co_admins": ["@dan"],
        "duties": [d.key for d in bot.core.guideline.duties],
    }
    assert bot.fill("@cilla", **answers).ok
    bot.press("@dan", "Acceptera")
    cilla, dan = bot.directory.person_id("@cilla"), bot.directory.person_id("@dan")
    assert {(r.person_id, r.version, r.how) for r in rows(bot)} == {
        (cilla, "2", "applied"),
        (dan, "2", "accepted"),
    }
    assert not any(m for m in bot.inbox("@cilla") if "ändrats" in (m.title or ""))
    bot.tick(WEDNESDAY.replace(hour=12))
    assert told(bot, "@dan", "Riktlinjen har ändrats") == []


def test_a_resubmitted_application_records_the_version_and_the_duty_texts_again(
    version_two: ConsoleBot,
) -> None:
    bot = version_two
    open_application_form(bot, "@cilla")
    duties = [d.key for d in bot.core.guideline.duties]
    answers = {
        "platform": "facebook",
        "name": "Forshaga fritidsgård",
        "unit": "Kultur och fritid",
        "purpose": "Aktiviteter för unga.",
        "audience": "Unga 13–18 år.",
        "resources": "Cilla och Dan, en timme om dagen.",
        "manager": "@karin",
        "co_admins": ["@dan"],
        "duties": duties,
    }
    assert bot.fill("@cilla", **answers).ok
    bot.press("@karin", "Godkänn")
    bot.press("@kim", texts.opening.REQUEST_COMPLETION)
    assert bot.fill("@kim", comment="Beskriv målgruppen närmare.").ok
    bot.press("@cilla", texts.opening.EDIT)
    assert bot.fill("@cilla", audience="Unga 13–18 år i Forshaga och Deje.").ok
    with bot.core.session() as session:
        [entry] = session.exec(
            select(AuditEntry).where(AuditEntry.action == "opening.resubmitted")
        ).all()
    assert entry.detail["guideline_version"] == "2"
    assert (
        "frågor besvaras inom två arbetsdagar och informationstexten anger svarstiden"
        in (entry.detail["duty_texts"])
    )
    assert entry.detail["duties_confirmed"] == duties
