"""Bot Framework authentication on: only tokens signed by the channel's key, for this bot and
this service URL, get in. Everything else is a 401 and changes nothing."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator

import pytest
from sqlmodel import select

from bot.people import link
from storage.models import InboundEvent, OutboxMessage, Person, TeamsConversation
from tests.fakes.openid import FakeOpenId, new_key
from tests.support.teams_harness import ANNA, TeamsHarness

APP_ID = "11111111-2222-3333-4444-555555555555"


@pytest.fixture
def openid() -> Iterator[FakeOpenId]:
    fake = FakeOpenId().start()
    yield fake
    fake.stop()


@pytest.fixture
async def secured(
    database_url, fake_slack, clock, fake_connector, openid
) -> AsyncIterator[TeamsHarness]:  # type: ignore[no-untyped-def]
    harness = TeamsHarness(
        database_url,
        fake_slack,
        clock,
        fake_connector,
        teams_local=False,
        microsoft_app_id=APP_ID,
        microsoft_app_password="not-a-real-secret",
        microsoft_app_tenant_id="tenant-1",
        microsoft_openid_metadata_url=openid.metadata_url,
    )
    await harness.start()
    # Anna is known already, so the accepted install below needs no outgoing call (which
    # would want a real AAD token).
    with harness.core.session() as session:
        anna = Person(name=ANNA.name, email=ANNA.email)
        anna.created_at = harness.core.now()
        session.add(anna)
        session.flush()
        assert anna.id is not None
        link(session, anna.id, "teams", ANNA.id)
    yield harness
    await harness.stop()


def install_activity(teams: TeamsHarness) -> dict:
    activity = teams.teams._activity(
        ANNA, "installationUpdate", teams.teams.personal(ANNA), action="add"
    )
    return activity


def nothing_changed(teams: TeamsHarness) -> None:
    with teams.core.session() as session:
        assert session.exec(select(TeamsConversation)).all() == []
        assert session.exec(select(InboundEvent)).all() == []
        assert session.exec(select(OutboxMessage)).all() == []
    assert teams.connector.sent == []
    assert teams.connector.lookups == []


async def test_a_valid_token_is_accepted(secured: TeamsHarness, openid: FakeOpenId) -> None:
    activity = install_activity(secured)
    token = openid.token(APP_ID, activity["serviceUrl"])
    answer = await secured.teams.post(activity, {"Authorization": f"Bearer {token}"})
    assert answer.status == 200
    with secured.core.session() as session:
        [chat] = session.exec(select(TeamsConversation)).all()
        assert chat.key == ANNA.id


@pytest.mark.parametrize(
    "case",
    [
        "none",
        "basic",
        "malformed",
        "wrong key",
        "unknown key id",
        "other bot",
        "other service url",
        "other issuer",
        "expired",
    ],
)
async def test_bad_tokens_are_refused_and_change_nothing(
    secured: TeamsHarness, openid: FakeOpenId, case: str
) -> None:
    activity = install_activity(secured)
    url = activity["serviceUrl"]
    header = {
        "none": None,
        "basic": "Basic YWxhZGRpbjpvcGVuc2VzYW1l",
        "malformed": "Bearer not.a.jwt",
        "wrong key": "Bearer " + openid.token(APP_ID, url, key=new_key("someone else")),
        "unknown key id": "Bearer " + openid.token(APP_ID, url, key_id="other"),
        "other bot": "Bearer " + openid.token("another-app", url),
        "other service url": "Bearer " + openid.token(APP_ID, "https://evil.example/"),
        "other issuer": "Bearer " + openid.token(APP_ID, url, issuer="https://evil.example"),
        "expired": "Bearer " + openid.token(APP_ID, url, lifetime=-3600),
    }[case]
    headers = {"Authorization": header} if header else {}
    answer = await secured.teams.post(activity, headers)
    assert answer.status == 401, answer.body
    assert "Traceback" not in str(answer.body)
    nothing_changed(secured)


async def test_an_unsigned_invoke_is_refused_not_a_500(secured: TeamsHarness) -> None:
    answer = await secured.teams.execute(
        ANNA, "escalation.take", {"smbot": "action", "action": "escalation.take", "value": "1"}
    )
    assert answer.status == 401
    nothing_changed(secured)
