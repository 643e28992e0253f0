"""No secret in any log line at any level: the real server at LOG_LEVEL=DEBUG, distinctive
secrets, and every captured line grepped (issue 13, item 12)."""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import json
import re

import aiohttp

from tests.support.comments_support import add_communicator
from tests.support.processes import (
    environment,
    free_port,
    seed_accounts,
    start_serve,
    wait_for_health,
)
from tests.support.slack_requests import SlackRequests

SECRETS = {
    "SLACK_BOT_TOKEN": "xoxb-hemlig-token-4711",
    "SLACK_SIGNING_SECRET": "signing-hemlighet-0815",
    "META_APP_SECRET": "meta-hemlighet-42",
    "META_VERIFY_TOKEN": "verify-hemlighet-43",
}
MESSAGE_BODY = "Hemlig-kommentarstext-9911"


async def test_serve_at_debug_logs_no_secret(database_url, fake_slack, tmp_path) -> None:
    seed_accounts(database_url)
    add_communicator(fake_slack)
    port = free_port()
    env = environment(
        DATABASE_URL=database_url,
        SLACK_API_URL=fake_slack.url + "/api/",
        SLACK_COMMUNICATORS_CHANNEL="CKOMM",
        HOST="127.0.0.1",
        PORT=str(port),
        LOG_LEVEL="DEBUG",
        **SECRETS,
    )
    process = await start_serve(env, tmp_path)
    base = f"http://127.0.0.1:{port}"
    try:
        await wait_for_health(base + "/healthz", process)
        async with aiohttp.ClientSession() as session:
            handshake = {
                "hub.mode": "subscribe",
                "hub.verify_token": SECRETS["META_VERIFY_TOKEN"],
                "hub.challenge": "42",
            }
            async with session.get(base + "/webhooks/meta", params=handshake) as response:
                assert response.status == 200
            body = json.dumps(
                {
                    "object": "page",
                    "entry": [
                        {
                            "id": "1",
                            "changes": [
                                {
                                    "field": "feed",
                                    "value": {
                                        "item": "comment",
                                        "verb": "add",
                                        "comment_id": "1_2",
                                        "message": MESSAGE_BODY,
                                    },
                                }
                            ],
                        }
                    ],
                }
            ).encode()
            signature = hmac.new(SECRETS["META_APP_SECRET"].encode(), body, hashlib.sha256)
            async with session.post(
                base + "/webhooks/meta",
                data=body,
                headers={"X-Hub-Signature-256": "sha256=" + signature.hexdigest()},
            ) as response:
                assert response.status == 200
        slack = SlackRequests(base, SECRETS["SLACK_SIGNING_SECRET"])
        status, answer = await slack.command("UKOMM", "/webhook-hemlighet", "Biblioteket")
        assert status == 200
        webhook_secret = re.search(r"`([A-Za-z0-9_\-]{40,})`", answer).group(1)  # type: ignore[union-attr]
        await asyncio.sleep(0.5)
    finally:
        process.terminate()
        out, err = await asyncio.wait_for(process.communicate(), 20)
    logs = out.decode() + err.decode()
    assert "DEBUG" in logs and "/webhooks/meta" in logs  # it did log, and at DEBUG
    for secret in [*SECRETS.values(), webhook_secret, MESSAGE_BODY]:
        assert secret not in logs, [line[:160] for line in logs.splitlines() if secret in line]
