"""Running smbot as a real process in tests: its environment, the command, waiting for it."""

from __future__ import annotations

import asyncio
import os
import socket
import sys
from datetime import datetime
from pathlib import Path

import aiohttp

from bot.app import create_core
from bot.config import Settings
from storage.migrate import upgrade
from tests.conftest import STOCKHOLM
from tests.support.accounts_db import Admin, active_account

ROOT = Path(__file__).resolve().parents[2]


def environment(**values: str) -> dict[str, str]:
    """A clean environment: nothing from the developer's shell or a `.env` leaks in."""
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": os.environ.get("HOME", "/tmp"),
        "PYTHONPATH": str(ROOT),
        "LOG_LEVEL": "INFO",
    }
    env.update(values)
    return env


async def smbot(*args: str, env: dict[str, str], cwd: Path, timeout: float = 60):
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot",
        *args,
        env=env,
        cwd=cwd,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    out, err = await asyncio.wait_for(process.communicate(), timeout)
    return process.returncode, out.decode(), err.decode()


def seed_accounts(database_url: str) -> None:
    upgrade(database_url)
    core = create_core(Settings(_env_file=None, database_url=database_url))  # type: ignore[call-arg]
    with core.session() as session:
        activated = datetime(2026, 11, 30, 10, tzinfo=STOCKHOLM)
        active_account(
            session, "Biblioteket", [Admin("U1", "Anna A"), Admin("U2", "Bo B")], activated
        )
    core.engine.dispose()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


async def wait_for_health(url: str, process, within: float = 60) -> dict:
    """The first healthy answer; a busy machine may take a while to start Python and migrate."""
    async with aiohttp.ClientSession() as session:
        for _ in range(int(within / 0.1)):
            if process.returncode is not None:
                raise AssertionError("serve exited early")
            try:
                async with session.get(url) as response:
                    if response.status == 200:
                        return await response.json()
            except aiohttp.ClientError:
                pass
            await asyncio.sleep(0.1)
    raise AssertionError("serve never answered /healthz")


async def start_serve(env: dict[str, str], cwd: Path) -> asyncio.subprocess.Process:
    """`smbot serve` as a real process, its output captured."""
    return await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot",
        "serve",
        env=env,
        cwd=cwd,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )


SIGNING_SECRET = "replica-signing-secret"


def serve_env(database_url: str, slack_api_url: str, port: int, **extra: str) -> dict[str, str]:
    """`smbot serve` on loopback against a fake Slack (`slack_api_url` ends in /api/)."""
    return environment(
        DATABASE_URL=database_url,
        SLACK_BOT_TOKEN="xoxb-test",
        SLACK_SIGNING_SECRET=SIGNING_SECRET,
        SLACK_API_URL=slack_api_url,
        SLACK_COMMUNICATORS_CHANNEL="CKOMM",
        HOST="127.0.0.1",
        PORT=str(port),
        **extra,
    )


async def stop(process: asyncio.subprocess.Process, timeout: float = 20) -> str:
    """Terminate a started process; its stderr (the log)."""
    if process.returncode is None:
        process.terminate()
    _, err = await asyncio.wait_for(process.communicate(), timeout)
    return err.decode(errors="replace")
