"""Daily activity through the console backend: the admins' morning DM, logging posts and
look-overs, and the silence escalation; exactly what each person receives, tick by tick."""

from __future__ import annotations

from datetime import datetime, timedelta
from random import Random

import pytest
from sqlmodel import select

from bot import router
from bot.flows.activity import record_post
from bot.flows.activity.morning import POSTED
from bot.messages import Message
from handlers.console.bot import ConsoleBot
from handlers.console.inbox import CHANNEL
from storage.models import (
    AccountStatus,
    ActivityLog,
    AuditEntry,
    Escalation,
    EscalationStatus,
    OutboxMessage,
)
from tests.conftest import STOCKHOLM
from tests.support.calendar_oracle import oracle_is_working_day
from tests.support.console_accounts import active_account, depart_quietly
from tests.support.console_backend import console_fixture

# Activated on Monday 2026-11-30; the console's clock starts at Tue 2026-12-01 09:00.
ACTIVATED = datetime(2026, 11, 30, 10, 0, tzinfo=STOCKHOLM)
ADMINS = ["anna", "bo", "cecilia"]

console = console_fixture()  # @kim is a communicator


def at(day: str, clock_time: str = "09:00") -> datetime:
    return datetime.fromisoformat(f"{day}T{clock_time}").replace(tzinfo=STOCKHOLM)


def arrivals(bot: ConsoleBot) -> dict[str, list[Message]]:
    """New messages (not edits) since the last look, by inbox."""
    found: dict[str, list[Message]] = {}
    for delivered in bot.drain():
        if not delivered.edited:
            found.setdefault(delivered.board, []).append(delivered.message)
    return found


def mornings(bot: ConsoleBot, handle: str) -> list[Message]:
    return [m for m in bot.inbox(handle) if (m.title or "").startswith("God morgon")]


def escalations(bot: ConsoleBot) -> list[Message]:
    # The communicators' morning digest goes to the same channel; count escalations only.
    return [m for m in bot.channel() if (m.title or "").startswith("Eskalering")]


@pytest.fixture
def accounts(console: ConsoleBot) -> dict[str, int]:
    """Biblioteket (Anna, Bo), Simhallen (Anna, Cecilia), and people who must get nothing."""
    library = active_account(console, "Biblioteket", ["@anna", "@bo"], ACTIVATED)
    pool = active_account(
        console,
        "Simhallen",
        ["@anna", "@cecilia", "@greta"],
        ACTIVATED,
        platform="instagram",
        nominated=["@nils"],
    )
    depart_quietly(console, "@greta", ACTIVATED)
    active_account(console, "Ansökan", ["@per"], ACTIVATED, status=AccountStatus.PENDING)
    return {"library": library, "pool": pool}


def test_each_admin_gets_one_morning_dm_covering_all_their_accounts(
    console: ConsoleBot, accounts: dict[str, int]
) -> None:
    console.tick(at("2026-12-01", "09:00"))
    got = arrivals(console)
    assert sorted(got) == ADMINS
    assert all(len(messages) == 1 for messages in got.values())
    anna = console.show(got["anna"][0])
    assert "Biblioteket" in anna and "Simhallen" in anna
    assert [b.label for b in got["anna"][0].buttons] == [
        "Publicerat idag: Biblioteket",
        "Översett: Biblioteket",
        "Publicerat idag: Simhallen",
        "Översett: Simhallen",
    ]
    assert [b.value for b in got["anna"][0].buttons] == [str(accounts["library"])] * 2 + [
        str(accounts["pool"])
    ] * 2
    [bo] = got["bo"]
    assert [b.label for b in bo.buttons] == ["Publicerat idag", "Jag har sett över kontot"]
    assert "Publicerat idag: nej" in console.show(bo)
    assert "inget loggat ännu" in console.show(bo)

    console.tick(at("2026-12-01", "09:01"))
    console.tick(at("2026-12-01", "16:00"))
    assert console.drain() == []
    with console.core.session() as session:
        keys = session.exec(
            select(OutboxMessage.key).where(OutboxMessage.key.startswith("daily:"))  # type: ignore[attr-defined]
        ).all()
    assert len(keys) == 3 and all(key.endswith(":2026-12-01") for key in keys)


def test_not_before_the_morning_time_nor_on_weekends_and_holidays(
    console: ConsoleBot, accounts: dict[str, int]
) -> None:
    for moment in [
        at("2026-12-01", "08:59"),
        at("2026-12-05", "09:00"),  # Saturday
        at("2026-12-06", "12:00"),  # Sunday
        at("2026-12-24", "09:30"),  # julafton
        at("2026-12-25", "09:30"),  # juldagen
        at("2027-01-06", "10:00"),  # trettondedag jul
    ]:
        console.tick(moment)
        assert console.drain() == [], moment
    console.tick(at("2026-12-01", "09:00"))
    assert sorted(arrivals(console)) == ADMINS


def test_after_downtime_a_tick_at_one_catches_up_once(
    console: ConsoleBot, accounts: dict[str, int]
) -> None:
    console.tick(at("2026-12-02", "13:00"))
    assert {h: len(mornings(console, h)) for h in ADMINS} == dict.fromkeys(ADMINS, 1)
    console.restart()
    console.tick(at("2026-12-02", "13:01"))
    assert {h: len(mornings(console, h)) for h in ADMINS} == dict.fromkeys(ADMINS, 1)
    console.tick(at("2026-12-03", "09:00"))
    assert {h: len(mornings(console, h)) for h in ADMINS} == dict.fromkeys(ADMINS, 2)


def test_pressing_publicerat_idag_logs_once_and_redraws_the_dms(
    console: ConsoleBot, accounts: dict[str, int]
) -> None:
    console.tick(at("2026-12-01", "09:00"))
    console.drain()
    console.clock.set(at("2026-12-01", "10:15"))
    assert "loggat" in (console.press("@bo", "Publicerat idag").notice or "")
    # Both admins of Biblioteket see it on today's DM; Cecilia (Simhallen only) does not.
    edits = {d.board: d.message for d in console.drain()}
    assert sorted(edits) == ["anna", "bo"]
    assert all(d.edited for d in console.inboxes.current("bo"))
    assert "Publicerat idag: ja (10:15)" in console.show(edits["bo"])
    assert "Senaste inlägg: 2026-12-01" in console.show(edits["anna"])

    assert "redan loggat" in (console.press("@bo", "Publicerat idag").notice or "")
    # A second post by the webhook the same day changes nothing on the DMs.
    with console.core.session() as session:
        record_post(
            session, console.core, accounts["library"], at("2026-12-01", "11:00"), external_id="w"
        )
    console.dispatch()
    assert console.drain() == []
    assert "sett över Biblioteket" in (
        console.press("@bo", "Jag har sett över kontot").notice or ""
    )
    assert "redan markerat som översett" in (
        console.press("@bo", "Jag har sett över kontot").notice or ""
    )
    with console.core.session() as session:
        logs = session.exec(select(ActivityLog)).all()
        actions = session.exec(
            select(AuditEntry.action).where(AuditEntry.action.startswith("activity."))  # type: ignore[attr-defined]
        ).all()
    assert sorted((log.kind, log.source, log.day.isoformat()) for log in logs) == [
        ("lookover", "manual", "2026-12-01"),
        ("post", "manual", "2026-12-01"),
        ("post", "webhook", "2026-12-01"),
    ]
    assert sorted(actions) == ["activity.lookover", "activity.post", "activity.post"]

    # The next working day it may be logged again.
    console.clock.set(at("2026-12-02", "11:00"))
    console.press("@bo", "Publicerat idag")
    with console.core.session() as session:
        assert len(session.exec(select(ActivityLog).where(ActivityLog.kind == "post")).all()) == 3


def test_only_the_accounts_admins_or_communicators_may_log(
    console: ConsoleBot, accounts: dict[str, int]
) -> None:
    console.tick(at("2026-12-01", "09:00"))
    library = str(accounts["library"])
    # Cecilia is an admin of Simhallen, not of Biblioteket; Olle of nothing.
    for handle in ("@cecilia", "@olle"):
        notice = console.act(handle, router.Press(POSTED, library)).notice
        assert "Bara kontots administratörer" in (notice or "")
    assert "finns inte" in (console.act("@olle", router.Press(POSTED, "999")).notice or "")
    console.act("@olle", router.Press(POSTED, "x'; drop"))
    with console.core.session() as session:
        assert session.exec(select(ActivityLog)).all() == []
    console.act("@kim", router.Press(POSTED, library))
    with console.core.session() as session:
        assert [log.account_id for log in session.exec(select(ActivityLog)).all()] == [
            accounts["library"]
        ]


def test_publicerat_command_logs_directly_by_name_or_through_a_form(
    console: ConsoleBot, accounts: dict[str, int]
) -> None:
    # Bo has one account: logged at once.
    reply = console.say("@bo", "publicerat")
    assert "Biblioteket" in (reply.notice or "") and "loggat" in (reply.notice or "")
    # Anna has two: a form to pick one.
    form = console.say("@anna", "publicerat").form
    assert form is not None and form.id == "activity.publish"
    assert [o.label for o in form.fields[-1].options] == [
        "Biblioteket (Facebook)",
        "Simhallen (Instagram)",
    ]
    assert console.fill("@anna", account=str(accounts["pool"])).ok
    # By name, case-insensitive; a name that is not hers is refused.
    assert "redan loggat" in (console.say("@anna", "publicerat simhallen").notice or "")
    refused = console.say("@anna", "publicerat Ishallen").notice or ""
    assert "Inget av dina konton" in refused and "Biblioteket, Simhallen" in refused
    refused = console.say("@cecilia", "publicerat Biblioteket").notice or ""
    assert "Inget av dina konton" in refused
    # Someone with no account gets told so.
    assert "inte administratör" in (console.say("@olle", "publicerat").notice or "")
    with console.core.session() as session:
        logs = session.exec(select(ActivityLog).order_by(ActivityLog.id)).all()  # type: ignore[arg-type]
    assert [log.account_id for log in logs] == [accounts["library"], accounts["pool"]]


def test_publicerat_by_a_communicator_and_with_a_name_on_two_platforms(
    console: ConsoleBot, accounts: dict[str, int]
) -> None:
    twin = active_account(console, "Biblioteket", ["@bo"], ACTIVATED, platform="instagram")
    # Bo runs Biblioteket on two platforms: the name alone asks which.
    form = console.say("@bo", "publicerat biblioteket").form
    assert form is not None
    assert [o.label for o in form.fields[-1].options] == [
        "Biblioteket (Facebook)",
        "Biblioteket (Instagram)",
    ]
    assert console.fill("@bo", account=str(twin)).ok
    # A communicator with no account of their own logs for any account by name.
    assert "loggat" in (console.say("@kim", "publicerat Simhallen").notice or "")
    # Without a name the communicator picks among all active accounts.
    form = console.say("@kim", "publicerat").form
    assert form is not None and len(form.fields[-1].options) == 3
    with console.core.session() as session:
        logs = session.exec(select(ActivityLog).order_by(ActivityLog.id)).all()  # type: ignore[arg-type]
    assert [log.account_id for log in logs] == [twin, accounts["pool"]]


def test_a_webhook_post_is_logged_by_itself_once(
    console: ConsoleBot, accounts: dict[str, int]
) -> None:
    posted = at("2026-12-01", "07:45")
    with console.core.session() as session:
        pool = accounts["pool"]
        assert record_post(session, console.core, pool, posted, external_id="fb_1") is not None
        assert record_post(session, console.core, pool, posted, external_id="fb_1") is None
        assert record_post(session, console.core, pool, posted, external_id="fb_2") is not None
    console.tick(at("2026-12-01", "09:00"))
    [cecilia] = console.inbox("@cecilia")
    assert "Publicerat idag: ja (07:45)" in console.show(cecilia)
    with console.core.session() as session:
        rows = session.exec(select(ActivityLog)).all()
    assert sorted(r.external_id or "" for r in rows) == ["fb_1", "fb_2"]
    assert {r.source for r in rows} == {"webhook"}


def test_three_silent_working_days_escalate_once_until_the_account_posts(
    console: ConsoleBot, accounts: dict[str, int]
) -> None:
    with console.core.session() as session:
        # Simhallen posted on Tuesday; Biblioteket never did (activated Monday).
        record_post(
            session, console.core, accounts["pool"], at("2026-12-01", "12:00"), external_id="p1"
        )

    # Thu 12-03: Biblioteket is silent Tue and Wed only; Bo is warned in his morning DM.
    console.tick(at("2026-12-03", "09:00"))
    assert escalations(console) == []
    warning = console.show(mornings(console, "@bo")[-1])
    assert "Inget inlägg på 2 arbetsdagar. Efter tre arbetsdagar utan inlägg" in warning
    # Fri 12-04 09:00: Tue, Wed, Thu silent → Biblioteket escalated; Simhallen (Wed, Thu) not.
    console.tick(at("2026-12-04", "08:59"))
    assert escalations(console) == []
    console.tick(at("2026-12-04", "09:00"))
    [posted] = escalations(console)
    assert "Biblioteket har inte publicerat på 3 arbetsdagar" in (posted.title or "")
    assert "sedan kontot aktiverades 2026-11-30" in console.show(posted)
    assert "Kommunikatörerna har fått veta det" in console.show(mornings(console, "@bo")[-1])
    # Nobody is told in a DM but the admins; the escalation is in the channel only.
    assert console.inbox("@kim") == []
    # The weekend does not count; Monday 12-07 Simhallen has Wed, Thu, Fri silent.
    console.tick(at("2026-12-05", "10:00"))
    console.tick(at("2026-12-07", "09:00"))
    console.tick(at("2026-12-08", "09:00"))
    summaries = [m.title or "" for m in escalations(console)]
    assert len(summaries) == 2
    assert "Simhallen" in summaries[1]

    # Biblioteket posts (by the webhook): its escalation is resolved and the message edited.
    console.drain()
    with console.core.session() as session:
        record_post(
            session, console.core, accounts["library"], at("2026-12-08", "10:00"), external_id="b1"
        )
        row = session.exec(
            select(Escalation).where(
                Escalation.key.startswith(f"no-posts:{accounts['library']}:")  # type: ignore[attr-defined]
            )
        ).one()
        assert row.status == EscalationStatus.RESOLVED
    console.tick(at("2026-12-08", "10:01"))
    [resolved] = [d for d in console.drain() if d.edited and d.board == CHANNEL]
    assert "publicerat igen" in console.show(resolved.message) and not resolved.message.buttons
    # Silent again from Wed 12-09: a new escalation on Mon 12-14, keyed by the new date.
    console.tick(at("2026-12-11", "09:00"))
    assert len(escalations(console)) == 2
    console.tick(at("2026-12-14", "09:00"))
    new = escalations(console)[2:]
    assert len(new) == 1 and "Biblioteket" in (new[0].title or "")
    with console.core.session() as session:
        keys = session.exec(select(Escalation.key).where(Escalation.kind == "no-posts")).all()
    assert sorted(keys) == sorted(
        [
            f"no-posts:{accounts['library']}:2026-11-30",
            f"no-posts:{accounts['library']}:2026-12-08",
            f"no-posts:{accounts['pool']}:2026-12-01",
        ]
    )


def test_silence_counts_working_days_across_holidays(
    console: ConsoleBot, accounts: dict[str, int]
) -> None:
    with console.core.session() as session:
        for account_id in accounts.values():
            record_post(session, console.core, account_id, at("2026-12-22", "12:00"))
    # By 12-29 only Wed 12-23 and Mon 12-28 were silent (julafton to Sunday are no working days);
    # by 12-30 Tue 12-29 too.
    console.tick(at("2026-12-29", "09:00"))
    assert console.channel() == []
    console.tick(at("2026-12-30", "09:00"))
    assert len(escalations(console)) == 2


def test_other_flows_add_their_lines_to_the_morning_dm(
    console: ConsoleBot, accounts: dict[str, int]
) -> None:
    def open_comments(session, core, accounts, now):  # type: ignore[no-untyped-def]
        """A section is asked once for every account of the morning."""
        return {
            a.id: [f"2 obesvarade kommentarer på {a.name}"]
            for a in accounts
            if a.name == "Simhallen"
        }

    console.core.registry.sections.append(open_comments)  # this bot's registry, built for it
    console.tick(at("2026-12-01", "09:00"))
    assert "2 obesvarade kommentarer på Simhallen" in console.read("@cecilia")
    assert "obesvarade" not in console.read("@bo")


def test_an_account_opened_after_the_morning_waits_for_the_next_morning(
    console: ConsoleBot,
) -> None:
    active_account(console, "Nytt konto", ["@nina", "@nils"], at("2026-12-01", "10:00"))
    console.tick(at("2026-12-01", "10:30"))
    assert console.drain() == []
    console.tick(at("2026-12-02", "09:00"))
    assert sorted(arrivals(console)) == ["nils", "nina"]


def test_random_ticks_over_three_weeks_send_one_dm_per_working_morning(
    console: ConsoleBot, accounts: dict[str, int]
) -> None:
    """Ticks at random instants (with restarts between some) across weekends and jul."""
    rng = Random(20261214)
    start = datetime(2026, 12, 14, 0, 0, tzinfo=STOCKHOLM)
    instants = sorted(start + timedelta(minutes=rng.randrange(0, 21 * 24 * 60)) for _ in range(50))
    expected_days: set[str] = set()
    for n, moment in enumerate(instants):
        if n % 10 == 9:
            console.restart()
        console.tick(moment)
        local = moment.astimezone(STOCKHOLM)
        if oracle_is_working_day(local.date()) and local.hour >= 9:
            expected_days.add(local.date().isoformat())
    for handle in ADMINS:
        days = [(m.title or "").rsplit(" ", 1)[-1] for m in mornings(console, handle)]
        assert len(days) == len(console.inbox(handle)), handle  # nothing else was sent
        assert sorted(days) == sorted(expected_days), handle
    assert expected_days and "2026-12-24" not in expected_days


def test_on_a_documentation_reminder_day_each_admin_gets_both_and_the_dm_says_so(
    console: ConsoleBot,
) -> None:
    account_id = active_account(console, "Biblioteket", ["@anna", "@bo"], at("2026-06-01", "10:00"))
    with console.core.session() as session:
        # It posts every day, so no silence escalation gets in the way.
        record_post(session, console.core, account_id, at("2026-11-16", "12:00"), external_id="p")
    # Documentation due 2026-12-01; the first reminder is 14 days before, Tue 2026-11-17.
    console.tick(at("2026-11-17", "09:00"))
    console.tick(at("2026-11-17", "15:00"))
    for handle in ("@anna", "@bo"):
        titles = sorted(m.title or "" for m in console.inbox(handle))
        assert len(titles) == 2, titles
        assert titles[1] == "God morgon! Dina konton 2026-11-17"
        [morning] = mornings(console, handle)
        assert "Dokumentation (skärmdumpar) senast 2026-12-01" in console.show(morning)
