"""Every comment's deadline and alert time, over many arrival instants (property test)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.app import create_core
from bot.clock import FixedClock
from bot.config import Settings
from bot.core import Core
from bot.flows.comments.intake import Incoming, receive
from storage.migrate import upgrade
from storage.models import Account, AccountStatus, Person

NOW = datetime(2027, 1, 1, tzinfo=UTC)


def make_core(tmp_path) -> tuple[Core, int]:  # type: ignore[no-untyped-def]
    url = f"sqlite:///{tmp_path / 'deadline.db'}"
    upgrade(url)
    core = create_core(Settings(_env_file=None, database_url=url), FixedClock(NOW))  # type: ignore[call-arg]
    with core.session() as session:
        person = Person(name="Anna", created_at=NOW)
        session.add(person)
        session.flush()
        account = Account(
            platform="facebook",
            name="Konto",
            unit="Enhet",
            purpose="Syfte",
            audience="Målgrupp",
            resources="Resurser",
            owner_id=person.id,
            manager_id=person.id,
            status=AccountStatus.ACTIVE,
            created_at=NOW,
        )
        session.add(account)
        session.flush()
        return core, account.id


def test_deadline_and_alert_for_any_arrival(tmp_path) -> None:  # type: ignore[no-untyped-def]
    core, account_id = make_core(tmp_path)
    calendar = core.calendar

    @settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
    @given(st.integers(min_value=0, max_value=2 * 365 * 24 * 60))
    def check(minutes_before: int) -> None:
        arrived = NOW - timedelta(minutes=minutes_before)
        with core.session() as session:
            comment = receive(
                session, core, account_id, Incoming("manual", None, "Fråga", created_time=arrived)
            )
            assert comment is not None
        assert comment.received_at == arrived
        assert comment.deadline == calendar.reply_deadline(arrived)
        due_day = calendar.local_date(comment.deadline)
        assert calendar.is_working_day(due_day)
        assert calendar.working_days_between(calendar.local_date(arrived), due_day) == 1
        # The alert is that working day's morning: after arrival, before the deadline.
        assert calendar.local_date(comment.alert_at) == due_day
        assert (
            comment.alert_at.astimezone(calendar.tz).time() == core.settings.morning_reminder_time
        )
        assert arrived < comment.alert_at < comment.deadline

    check()
    core.engine.dispose()


def test_a_future_created_time_counts_from_now(tmp_path) -> None:  # type: ignore[no-untyped-def]
    core, account_id = make_core(tmp_path)
    with core.session() as session:
        comment = receive(
            session,
            core,
            account_id,
            Incoming("facebook", "1_2", "Hej", created_time=NOW + timedelta(days=3)),
        )
    assert comment is not None and comment.received_at == NOW
    core.engine.dispose()
