"""Daily activity: the admins' morning DM, logging posts and look-overs, silence escalation."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlmodel import select

from bot.calendar import WorkingCalendar
from bot.flows.activity import record_post
from bot.flows.activity.silence import silent_working_days
from bot.people import find_by_identity
from storage.models import (
    AccountAdmin,
    AccountStatus,
    ActivityLog,
    AdminStatus,
    AuditEntry,
    Escalation,
    EscalationStatus,
    OutboxMessage,
)
from tests.conftest import STOCKHOLM
from tests.support.accounts_db import Admin, active_account
from tests.support.harness import COMMUNICATORS_CHANNEL
from tests.support.slack_requests import select_value

# Activated on Monday 2026-11-30; the clock fixture stands at Tue 2026-12-01 09:00.
ACTIVATED = datetime(2026, 11, 30, 10, 0, tzinfo=STOCKHOLM)


def at(day: str, clock_time: str = "09:00") -> datetime:
    return datetime.fromisoformat(f"{day}T{clock_time}").replace(tzinfo=STOCKHOLM)


def dms(fake_slack) -> dict[str, list[dict]]:
    """Every DM posted, by Slack user."""
    found: dict[str, list[dict]] = {}
    for call in fake_slack.calls_to("chat.postMessage"):
        channel = call.args.get("channel", "")
        if channel.startswith("D"):
            found.setdefault(channel[1:], []).append(call.args)
    return found


def buttons(args: dict) -> list[dict]:
    return [e for b in args["blocks"] if b["type"] == "actions" for e in b["elements"]]


def notices(fake_slack, user: str) -> list[str]:
    return [
        c.args["text"] for c in fake_slack.calls_to("chat.postEphemeral") if c.args["user"] == user
    ]


@pytest.fixture
def accounts(bot, fake_slack):
    """Biblioteket (Anna, Bo), Simhallen (Anna, Cecilia), and people who must get nothing."""
    for user, name in [("UANNA", "Anna Andersson"), ("UBO", "Bo Berg"), ("UCEC", "Cecilia Ek")]:
        fake_slack.add_user(user, name)
    with bot.core.session() as session:
        library = active_account(
            session,
            "Biblioteket",
            [Admin("UANNA", "Anna Andersson"), Admin("UBO", "Bo Berg")],
            ACTIVATED,
        )
        pool = active_account(
            session,
            "Simhallen",
            [
                Admin("UANNA", "Anna Andersson"),
                Admin("UCEC", "Cecilia Ek"),
                Admin("UNOM", "Nils Nominerad", AdminStatus.NOMINATED),
                Admin("UGONE", "Greta Gått"),
            ],
            ACTIVATED,
            platform="instagram",
        )
        gone = find_by_identity(session, "slack", "UGONE")
        assert gone is not None
        gone.departed_at = ACTIVATED
        session.add(gone)
        active_account(
            session,
            "Ansökan",
            [Admin("UPEND", "Per Pending")],
            ACTIVATED,
            status=AccountStatus.PENDING,
        )
        return {"library": library.id, "pool": pool.id}


async def test_each_admin_gets_one_morning_dm_covering_all_their_accounts(
    bot, fake_slack, accounts
):
    await bot.tick(at("2026-12-01", "09:00"))
    got = dms(fake_slack)
    assert sorted(got) == ["UANNA", "UBO", "UCEC"]
    assert all(len(messages) == 1 for messages in got.values())
    anna = got["UANNA"][0]
    assert "Biblioteket" in anna["text"] or "Biblioteket" in str(anna["blocks"])
    assert "Simhallen" in str(anna["blocks"])
    assert [b["text"]["text"] for b in buttons(anna)] == [
        "Publicerat idag: Biblioteket",
        "Tillsett: Biblioteket",
        "Publicerat idag: Simhallen",
        "Tillsett: Simhallen",
    ]
    assert [b["value"] for b in buttons(anna)] == [str(accounts["library"])] * 2 + [
        str(accounts["pool"])
    ] * 2
    bo = got["UBO"][0]
    assert [b["text"]["text"] for b in buttons(bo)] == ["Publicerat idag", "Kontot tillsett"]
    assert "Publicerat idag: nej" in str(bo["blocks"])
    assert "inget loggat ännu" in str(bo["blocks"])

    fake_slack.clear()
    await bot.tick(at("2026-12-01", "09:01"))
    await bot.tick(at("2026-12-01", "16:00"))
    assert dms(fake_slack) == {}
    with bot.core.session() as session:
        keys = session.exec(
            select(OutboxMessage.key).where(OutboxMessage.key.startswith("daily:"))
        ).all()
    assert len(keys) == 3 and all(key.endswith(":2026-12-01") for key in keys)


async def test_not_before_the_morning_time_nor_on_weekends_and_holidays(bot, fake_slack, accounts):
    for moment in [
        at("2026-12-01", "08:59"),
        at("2026-12-05", "09:00"),  # Saturday
        at("2026-12-06", "12:00"),  # Sunday
        at("2026-12-24", "09:30"),  # julafton
        at("2026-12-25", "09:30"),  # juldagen
        at("2027-01-06", "10:00"),  # trettondedag jul
    ]:
        await bot.tick(moment)
        assert dms(fake_slack) == {}, moment
    await bot.tick(at("2026-12-01", "09:00"))
    assert len(dms(fake_slack)) == 3


async def test_after_downtime_a_tick_at_one_catches_up_once(bot, fake_slack, accounts):
    await bot.tick(at("2026-12-02", "13:00"))
    assert {user: len(m) for user, m in dms(fake_slack).items()} == {
        "UANNA": 1,
        "UBO": 1,
        "UCEC": 1,
    }
    await bot.restart()
    await bot.tick(at("2026-12-02", "13:01"))
    assert {user: len(m) for user, m in dms(fake_slack).items()} == {
        "UANNA": 1,
        "UBO": 1,
        "UCEC": 1,
    }
    await bot.tick(at("2026-12-03", "09:00"))
    assert {user: len(m) for user, m in dms(fake_slack).items()} == {
        "UANNA": 2,
        "UBO": 2,
        "UCEC": 2,
    }


async def test_pressing_publicerat_idag_logs_once_and_redraws_the_dms(bot, fake_slack, accounts):
    await bot.tick(at("2026-12-01", "09:00"))
    bo_buttons = buttons(dms(fake_slack)["UBO"][0])
    bot.clock.set(at("2026-12-01", "10:15"))
    status, _ = await bot.slack.press(
        "UBO", bo_buttons[0]["action_id"], bo_buttons[0]["value"], channel="DUBO"
    )
    assert status == 200
    assert "loggat" in notices(fake_slack, "UBO")[-1]
    await bot.dispatch()
    # Both admins of Biblioteket see it on today's DM; Cecilia (Simhallen only) does not.
    updates = {c.args["channel"]: c.args for c in fake_slack.calls_to("chat.update")}
    assert sorted(updates) == ["DUANNA", "DUBO"]
    assert "Publicerat idag: ja (10:15)" in str(updates["DUBO"]["blocks"])
    assert "Senaste inlägg: 2026-12-01" in str(updates["DUANNA"]["blocks"])

    await bot.slack.press("UBO", bo_buttons[0]["action_id"], bo_buttons[0]["value"], channel="DUBO")
    assert "redan loggat" in notices(fake_slack, "UBO")[-1]
    # A second post by the webhook the same day changes nothing on the DMs.
    with bot.core.session() as session:
        record_post(
            session, bot.core, accounts["library"], at("2026-12-01", "11:00"), external_id="w"
        )
    await bot.dispatch()
    assert len(fake_slack.calls_to("chat.update")) == 2
    await bot.slack.press("UBO", bo_buttons[1]["action_id"], bo_buttons[1]["value"], channel="DUBO")
    assert "sett till Biblioteket" in notices(fake_slack, "UBO")[-1]
    await bot.slack.press("UBO", bo_buttons[1]["action_id"], bo_buttons[1]["value"], channel="DUBO")
    assert "redan markerat som tillsett" in notices(fake_slack, "UBO")[-1]
    with bot.core.session() as session:
        logs = session.exec(select(ActivityLog)).all()
        actions = session.exec(
            select(AuditEntry.action).where(AuditEntry.action.startswith("activity."))
        ).all()
    assert sorted((log.kind, log.source, log.day.isoformat()) for log in logs) == [
        ("lookover", "manual", "2026-12-01"),
        ("post", "manual", "2026-12-01"),
        ("post", "webhook", "2026-12-01"),
    ]
    assert sorted(actions) == ["activity.lookover", "activity.post", "activity.post"]

    # The next working day it may be logged again.
    bot.clock.set(at("2026-12-02", "11:00"))
    await bot.slack.press("UBO", bo_buttons[0]["action_id"], bo_buttons[0]["value"], channel="DUBO")
    with bot.core.session() as session:
        assert len(session.exec(select(ActivityLog).where(ActivityLog.kind == "post")).all()) == 3


async def test_only_the_accounts_admins_or_communicators_may_log(bot, fake_slack, accounts):
    fake_slack.add_user("UOUT", "Olle Utomstående")
    fake_slack.add_user("UKOMM", "Karin Kommunikatör")
    fake_slack.channel_members[COMMUNICATORS_CHANNEL] = ["UKOMM"]
    await bot.tick(at("2026-12-01", "09:00"))
    cecilia = buttons(dms(fake_slack)["UCEC"][0])
    library = str(accounts["library"])
    # Cecilia is an admin of Simhallen, not of Biblioteket; Olle of nothing.
    for user in ("UCEC", "UOUT"):
        await bot.slack.press(user, cecilia[0]["action_id"], library, channel=f"D{user}")
        assert "Bara kontots administratörer" in notices(fake_slack, user)[-1]
    await bot.slack.press("UOUT", cecilia[0]["action_id"], "999", channel="DUOUT")
    assert "finns inte" in notices(fake_slack, "UOUT")[-1]
    await bot.slack.press("UOUT", cecilia[0]["action_id"], "x'; drop", channel="DUOUT")
    with bot.core.session() as session:
        assert session.exec(select(ActivityLog)).all() == []
    await bot.slack.press("UKOMM", cecilia[0]["action_id"], library, channel="DUKOMM")
    with bot.core.session() as session:
        assert [log.account_id for log in session.exec(select(ActivityLog)).all()] == [
            accounts["library"]
        ]


async def test_publicerat_command_logs_directly_by_name_or_through_a_form(
    bot, fake_slack, accounts
):
    # Bo has one account: logged at once.
    status, text = await bot.slack.command("UBO", "/publicerat")
    assert status == 200 and "Biblioteket" in text and "loggat" in text
    # Anna has two: a form to pick one.
    status, _ = await bot.slack.command("UANNA", "/publicerat")
    view = fake_slack.calls_to("views.open")[-1].args["view"]
    assert view["callback_id"] == "activity.publish"
    options = [o["text"]["text"] for o in view["blocks"][-1]["element"]["options"]]
    assert options == ["Biblioteket (Facebook)", "Simhallen (Instagram)"]
    status, _ = await bot.slack.submit(
        "UANNA", view, {"account": select_value(str(accounts["pool"]))}
    )
    assert status == 200
    # By name, case-insensitive; a name that is not hers is refused.
    status, text = await bot.slack.command("UANNA", "/publicerat", "simhallen")
    assert "redan loggat" in text
    status, text = await bot.slack.command("UANNA", "/publicerat", "Ishallen")
    assert "Inget av dina konton" in text and "Biblioteket, Simhallen" in text
    status, text = await bot.slack.command("UCEC", "/publicerat", "Biblioteket")
    assert "Inget av dina konton" in text
    # Someone with no account gets told so.
    fake_slack.add_user("UOUT", "Olle Utomstående")
    status, text = await bot.slack.command("UOUT", "/publicerat")
    assert "inte administratör" in text
    with bot.core.session() as session:
        logs = session.exec(select(ActivityLog).order_by(ActivityLog.id)).all()
    assert [log.account_id for log in logs] == [accounts["library"], accounts["pool"]]


async def test_publicerat_by_a_communicator_and_with_a_name_on_two_platforms(
    bot, fake_slack, accounts
):
    fake_slack.add_user("UKOMM", "Karin Kommunikatör")
    fake_slack.channel_members[COMMUNICATORS_CHANNEL] = ["UKOMM"]
    with bot.core.session() as session:
        twin = active_account(
            session, "Biblioteket", [Admin("UBO", "Bo Berg")], ACTIVATED, platform="instagram"
        ).id
    # Bo runs Biblioteket on two platforms: the name alone asks which.
    await bot.slack.command("UBO", "/publicerat", "biblioteket")
    view = fake_slack.calls_to("views.open")[-1].args["view"]
    options = [o["text"]["text"] for o in view["blocks"][-1]["element"]["options"]]
    assert options == ["Biblioteket (Facebook)", "Biblioteket (Instagram)"]
    await bot.slack.submit("UBO", view, {"account": select_value(str(twin))})
    # A communicator with no account of their own logs for any account by name.
    status, text = await bot.slack.command("UKOMM", "/publicerat", "Simhallen")
    assert status == 200 and "loggat" in text
    # Without a name the communicator picks among all active accounts.
    await bot.slack.command("UKOMM", "/publicerat")
    view = fake_slack.calls_to("views.open")[-1].args["view"]
    assert len(view["blocks"][-1]["element"]["options"]) == 3
    with bot.core.session() as session:
        logs = session.exec(select(ActivityLog).order_by(ActivityLog.id)).all()
    assert [log.account_id for log in logs] == [twin, accounts["pool"]]


async def test_a_webhook_post_is_logged_by_itself_once(bot, fake_slack, accounts):
    with bot.core.session() as session:
        posted = at("2026-12-01", "07:45")
        assert (
            record_post(session, bot.core, accounts["pool"], posted, external_id="fb_1") is not None
        )
        assert record_post(session, bot.core, accounts["pool"], posted, external_id="fb_1") is None
        assert (
            record_post(session, bot.core, accounts["pool"], posted, external_id="fb_2") is not None
        )
    await bot.tick(at("2026-12-01", "09:00"))
    cecilia = dms(fake_slack)["UCEC"][0]
    assert "Publicerat idag: ja (07:45)" in str(cecilia["blocks"])
    with bot.core.session() as session:
        rows = session.exec(select(ActivityLog)).all()
    assert sorted(r.external_id for r in rows) == ["fb_1", "fb_2"]
    assert {r.source for r in rows} == {"webhook"}


async def test_three_silent_working_days_escalate_once_until_the_account_posts(
    bot, fake_slack, accounts
):
    with bot.core.session() as session:
        # Simhallen posted on Tuesday; Biblioteket never did (activated Monday).
        record_post(
            session, bot.core, accounts["pool"], at("2026-12-01", "12:00"), external_id="p1"
        )

    def escalations() -> list[dict]:
        # The communicators' morning digest goes to the same channel; count escalations only.
        return [
            m
            for m in fake_slack.messages_to(COMMUNICATORS_CHANNEL)
            if m["text"].startswith("Eskalering")
        ]

    # Thu 12-03: Biblioteket is silent Tue and Wed only; Bo is warned in his morning DM.
    await bot.tick(at("2026-12-03", "09:00"))
    assert escalations() == []
    warning = str(dms(fake_slack)["UBO"][-1]["blocks"])
    assert "Inget inlägg på 2 arbetsdagar. Efter 3 arbetsdagar utan inlägg" in warning
    # Fri 12-04 09:00: Tue, Wed, Thu silent → Biblioteket escalated; Simhallen (Wed, Thu) not.
    await bot.tick(at("2026-12-04", "08:59"))
    assert escalations() == []
    await bot.tick(at("2026-12-04", "09:00"))
    posted = escalations()
    assert len(posted) == 1
    assert "Biblioteket har inte publicerat på 3 arbetsdagar" in posted[0]["text"]
    assert "sedan kontot aktiverades 2026-11-30" in str(posted[0]["blocks"])
    # Since when, not a count capped at the limit (issue 10): activated 30 November.
    morning = str(dms(fake_slack)["UBO"][-1]["blocks"])
    assert "Inget inlägg sedan 30 november 2026. Kommunikatörerna har fått veta det." in morning
    # The weekend does not count; Monday 12-07 Simhallen has Wed, Thu, Fri silent.
    await bot.tick(at("2026-12-05", "10:00"))
    await bot.tick(at("2026-12-07", "09:00"))
    await bot.tick(at("2026-12-08", "09:00"))
    summaries = [m["text"] for m in escalations() if m["text"].startswith("Eskalering")]
    assert len(summaries) == 2
    assert "Simhallen" in summaries[1]

    # Biblioteket posts (by the webhook): its escalation is resolved and the message edited.
    fake_slack.clear()
    with bot.core.session() as session:
        record_post(
            session, bot.core, accounts["library"], at("2026-12-08", "10:00"), external_id="b1"
        )
        row = session.exec(
            select(Escalation).where(Escalation.key.startswith(f"no-posts:{accounts['library']}:"))
        ).one()
        assert row.status == EscalationStatus.RESOLVED
    await bot.tick(at("2026-12-08", "10:01"))
    assert "publicerat igen" in str(fake_slack.calls_to("chat.update")[-1].args["blocks"])
    # Silent again from Wed 12-09: a new escalation on Mon 12-14, keyed by the new date.
    await bot.tick(at("2026-12-11", "09:00"))
    assert not any(m["text"].startswith("Eskalering") for m in escalations())
    await bot.tick(at("2026-12-14", "09:00"))
    new = [m for m in escalations() if m["text"].startswith("Eskalering")]
    assert len(new) == 1 and "Biblioteket" in new[0]["text"]
    with bot.core.session() as session:
        keys = session.exec(select(Escalation.key).where(Escalation.kind == "no-posts")).all()
    assert sorted(keys) == sorted(
        [
            f"no-posts:{accounts['library']}:2026-11-30",
            f"no-posts:{accounts['library']}:2026-12-08",
            f"no-posts:{accounts['pool']}:2026-12-01",
        ]
    )


async def test_silence_counts_working_days_across_holidays(bot, fake_slack, accounts):
    with bot.core.session() as session:
        for account_id in accounts.values():
            record_post(session, bot.core, account_id, at("2026-12-22", "12:00"))
    # By 12-29 only Wed 12-23 and Mon 12-28 were silent (julafton to Sunday are no working days);
    # by 12-30 Tue 12-29 too.
    await bot.tick(at("2026-12-29", "09:00"))
    assert fake_slack.messages_to(COMMUNICATORS_CHANNEL) == []
    await bot.tick(at("2026-12-30", "09:00"))
    assert (
        len(
            [
                m
                for m in fake_slack.messages_to(COMMUNICATORS_CHANNEL)
                if m["text"].startswith("Eskalering")
            ]
        )
        == 2
    )


async def test_other_flows_add_their_lines_to_the_morning_dm(bot, fake_slack, accounts):
    def open_comments(session, core, account, now):
        return (
            [f"2 obesvarade kommentarer på {account.name}"] if account.name == "Simhallen" else []
        )

    bot.core.registry.sections.append(open_comments)  # this bot's registry, built for the test
    await bot.tick(at("2026-12-01", "09:00"))
    assert "2 obesvarade kommentarer på Simhallen" in str(dms(fake_slack)["UCEC"][0]["blocks"])
    assert "obesvarade" not in str(dms(fake_slack)["UBO"][0]["blocks"])


CALENDAR = WorkingCalendar(STOCKHOLM)


@settings(max_examples=300, deadline=None)
@given(
    st.dates(min_value=date(2020, 1, 1), max_value=date(2030, 12, 31)),
    st.integers(0, 30),
    st.integers(1, 5),
)
def test_silent_days_are_the_working_days_strictly_between(since: date, gap: int, cap: int):
    today = since + timedelta(days=gap)
    between = [since + timedelta(days=n) for n in range(1, gap)]
    expected = sum(CALENDAR.is_working_day(day) for day in between)
    assert silent_working_days(CALENDAR, since, today, cap) == min(expected, cap)


async def test_an_account_opened_after_the_morning_waits_for_the_next_morning(bot, fake_slack):
    with bot.core.session() as session:
        admins = [Admin("UNY", "Nina Ny"), Admin("UNILS", "Nils Nilsson")]
        active_account(session, "Nytt konto", admins, at("2026-12-01", "10:00"))
    await bot.tick(at("2026-12-01", "10:30"))
    assert dms(fake_slack) == {}
    await bot.tick(at("2026-12-02", "09:00"))
    assert sorted(dms(fake_slack)) == ["UNILS", "UNY"]


async def test_random_ticks_over_three_weeks_send_one_dm_per_working_morning(
    bot, fake_slack, accounts
):
    """Ticks at random instants (with restarts between some) across weekends and jul."""
    from random import Random

    from tests.support.calendar_oracle import oracle_is_working_day

    rng = Random(20261214)
    start = datetime(2026, 12, 14, 0, 0, tzinfo=STOCKHOLM)
    instants = sorted(start + timedelta(minutes=rng.randrange(0, 21 * 24 * 60)) for _ in range(50))
    expected_days: set[str] = set()
    for n, moment in enumerate(instants):
        if n % 10 == 9:
            await bot.restart()
        await bot.tick(moment)
        local = moment.astimezone(STOCKHOLM)
        if oracle_is_working_day(local.date()) and local.hour >= 9:
            expected_days.add(local.date().isoformat())
    for user in ("UANNA", "UBO", "UCEC"):
        days = [m["text"].split("\n")[0].rsplit(" ", 1)[-1] for m in dms(fake_slack).get(user, [])]
        assert sorted(days) == sorted(expected_days), user
    assert expected_days and "2026-12-24" not in expected_days


async def test_on_a_documentation_reminder_day_each_admin_gets_both_and_the_dm_says_so(
    bot, fake_slack
):
    with bot.core.session() as session:
        admins = [Admin("UANNA", "Anna Andersson"), Admin("UBO", "Bo Berg")]
        active_account(session, "Biblioteket", admins, at("2026-06-01", "10:00"))
        # It posts every day, so no silence escalation gets in the way.
        account_id = session.exec(select(AccountAdmin.account_id)).first()
        record_post(session, bot.core, account_id, at("2026-11-16", "12:00"), external_id="p")
    # Documentation due 2026-12-01; the first reminder is 14 days before, Tue 2026-11-17.
    await bot.tick(at("2026-11-17", "09:00"))
    await bot.tick(at("2026-11-17", "15:00"))
    for user in ("UANNA", "UBO"):
        titles = sorted(m["text"].split("\n")[0] for m in fake_slack.messages_to("D" + user))
        assert len(titles) == 2, titles
        assert titles[1] == "God morgon! Dina konton 2026-11-17"
        morning = [m for m in fake_slack.messages_to("D" + user) if m["text"].startswith("God")]
        assert "Dokumentation (skärmdumpar) senast 2026-12-01" in str(morning[0]["blocks"])
