"""Bad input at the front doors gets a 4xx, one log line, no traceback and no change
(issue 13, items 10 and 11). Real server on loopback; SQLite and PostgreSQL."""

from __future__ import annotations

import asyncio
import json
import logging
from urllib.parse import urlparse

import aiohttp
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select
from sqlmodel import SQLModel

from bot import http_guard
from storage.models import Comment
from tests.support.comments_support import (
    add_communicator,
    fb_comment,
    feed_change,
    generic_post,
    link,
    make_account,
    meta_post,
    meta_signature,
)
from tests.support.webhook_comments import COMMENT, new_secret

DEEP = b'{"a":' * 100_000 + b"1" + b"}" * 100_000


def row_counts(bot) -> dict[str, int]:  # type: ignore[no-untyped-def]
    with bot.core.engine.connect() as connection:
        return {
            name: connection.execute(select(func.count()).select_from(table)).scalar_one()
            for name, table in SQLModel.metadata.tables.items()
        }


def tracebacks(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.exc_info or r.levelno >= logging.ERROR]


@pytest.fixture
async def account(bot, fake_slack) -> tuple[int, str]:  # type: ignore[no-untyped-def]
    account_id = make_account(bot, fake_slack)
    link(bot, account_id)
    add_communicator(fake_slack)
    return account_id, await new_secret(bot, str(account_id))


@pytest.mark.parametrize("header", ["²", "1" * 20, "99999999999", "-1", " ", "1e3"])
async def test_an_odd_account_header_is_refused_not_a_crash(bot, account, caplog, header):
    before = row_counts(bot)
    status, _ = await generic_post(bot, header, COMMENT, account[1])
    assert status == 403
    assert row_counts(bot) == before and tracebacks(caplog) == []


async def test_deep_nesting_is_a_400_on_every_json_door(bot, account, caplog):
    before = row_counts(bot)
    assert (await generic_post(bot, account[0], DEEP, account[1]))[0] == 400
    assert (await meta_post(bot, DEEP))[0] == 400
    assert (await bot.slack.post(DEEP, "application/json"))[0] == 400
    assert row_counts(bot) == before and tracebacks(caplog) == []


async def test_a_nul_or_a_lone_surrogate_in_text_is_a_400_and_nothing_is_stored(
    bot, account, caplog
):
    before = row_counts(bot)
    for text in ("Hej\u0000då", "Hej \ud800"):
        body = json.dumps({**COMMENT, "text": text}).encode()
        assert (await generic_post(bot, account[0], body, account[1]))[0] == 400
    assert row_counts(bot) == before and tracebacks(caplog) == []


@pytest.mark.parametrize("item", [["comment"], {"a": 1}, 7, None])
async def test_an_odd_meta_item_skips_that_change_only(bot, account, caplog, item):
    good = fb_comment("555000111_800001", "En vanlig fråga?")
    odd = feed_change({"item": item, "verb": "add", "comment_id": "x_1", "message": "?"})
    payload = {"object": "page", "entry": odd["entry"] + good["entry"]}
    status, _ = await meta_post(bot, payload)
    assert status == 200
    with bot.core.session() as session:
        stored = [c.external_id for c in session.exec(select(Comment)).scalars()]
    assert stored == ["555000111_800001"]
    assert tracebacks(caplog) == []


async def _raw_request(url: str, head: str, body: bytes, *, close_after: float) -> bytes:
    address = urlparse(url)
    reader, writer = await asyncio.open_connection(address.hostname, address.port)
    writer.write(head.encode() + body)
    await writer.drain()
    try:
        return await asyncio.wait_for(reader.read(4096), close_after)
    except TimeoutError:
        return b""
    finally:
        writer.close()


def _head(path: str, length: int) -> str:
    return (
        f"POST {path} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
        f"Content-Length: {length}\r\n\r\n"
    )


async def test_a_client_leaving_mid_body_is_one_line_and_a_slow_body_times_out(
    bot, account, caplog, monkeypatch
):
    caplog.set_level(logging.INFO)
    before = row_counts(bot)
    await _raw_request(bot.url, _head("/webhooks/comments", 1000), b'{"type":', close_after=0)
    await asyncio.sleep(0.3)
    assert tracebacks(caplog) == []
    assert any("mid-body" in r.getMessage() for r in caplog.records)

    monkeypatch.setattr(http_guard, "BODY_TIMEOUT_SECONDS", 0.5)
    answer = await _raw_request(bot.url, _head("/webhooks/meta", 1000), b"{", close_after=5)
    assert answer.startswith(b"HTTP/1.1 408")
    assert row_counts(bot) == before and tracebacks(caplog) == []


# --- item 11: fuzzed -------------------------------------------------------------------

JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=30),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4)
    ),
    max_leaves=20,
)
FEEDISH = st.fixed_dictionaries(
    {
        "object": st.sampled_from(["page", "instagram", "user", 3]),
        "entry": st.lists(
            st.fixed_dictionaries(
                {
                    "id": st.sampled_from(["555000111", 555000111, "", None, [1]]),
                    "changes": st.lists(
                        st.fixed_dictionaries(
                            {"field": st.sampled_from(["feed", "comments", None, 1]), "value": JSON}
                        ),
                        max_size=3,
                    ),
                }
            ),
            max_size=3,
        ),
    }
)
# What an HTTP client will send as a header value: no control characters.
HEADER = st.text(st.characters(blacklist_categories=("Cc", "Cs")), max_size=25) | st.sampled_from(
    ["²", "1" * 20, "0", "１２", "99999999999"]
)
BODY = st.one_of(
    st.binary(max_size=200),
    JSON.map(lambda v: json.dumps(v).encode()),
    FEEDISH.map(lambda v: json.dumps(v).encode()),
    st.dictionaries(st.sampled_from([*COMMENT, "type"]), JSON, max_size=8).map(
        lambda v: json.dumps(v).encode()
    ),
)
FUZZ = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


async def _fuzz_once(bot, account, caplog, send) -> None:  # type: ignore[no-untyped-def]
    caplog.clear()
    before = row_counts(bot)
    status = await send()
    assert status < 500
    assert tracebacks(caplog) == []
    if status >= 400:
        assert row_counts(bot) == before


@FUZZ
@given(body=BODY, header=HEADER, signed=st.booleans())
async def test_fuzzed_generic_webhook(bot, account, caplog, body, header, signed) -> None:
    account_id, secret = account
    target = str(account_id) if signed else header
    signature = meta_signature(body, secret) if signed else header

    async def send() -> int:
        return (await generic_post(bot, target, body, secret, signature=signature))[0]

    await _fuzz_once(bot, account, caplog, send)


@FUZZ
@given(body=BODY, signed=st.booleans())
async def test_fuzzed_meta_webhook(bot, account, caplog, body, signed) -> None:
    async def send() -> int:
        return (await meta_post(bot, body, signature=None if signed else "sha256=00"))[0]

    await _fuzz_once(bot, account, caplog, send)


@FUZZ
@given(
    query=st.dictionaries(
        st.sampled_from(["hub.mode", "hub.verify_token", "hub.challenge", "x"]),
        st.text(max_size=20),
        max_size=4,
    )
)
async def test_fuzzed_meta_handshake_and_healthz(bot, account, caplog, query) -> None:
    async def send() -> int:
        async with aiohttp.ClientSession() as session:
            async with session.get(bot.url + "/webhooks/meta", params=query) as response:
                first = response.status
            async with session.get(bot.url + "/healthz", params=query) as response:
                return max(first, response.status)

    await _fuzz_once(bot, account, caplog, send)
