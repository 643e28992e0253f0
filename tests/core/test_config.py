"""Settings as an operator writes them: `.env.example` copied as it is means "nothing set"."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bot.config import Settings
from handlers.slack.settings import SlackSettings
from handlers.webhooks.settings import WebhookSettings

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    for name in ("SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET", "SLACK_APP_TOKEN", "MICROSOFT_APP_ID"):
        monkeypatch.delenv(name, raising=False)
    return tmp_path


def test_the_example_env_file_leaves_every_secret_unset(in_tmp: Path) -> None:
    shutil.copy(ROOT / ".env.example", in_tmp / ".env")
    settings = Settings()
    slack = settings.for_platform(SlackSettings)
    assert slack.slack_app_token is None
    assert slack.slack_bot_token is None
    assert settings.for_platform(WebhookSettings).meta_app_secret is None
    assert settings.communicators == []
    assert slack.missing()


def test_values_in_env_file_and_lists(in_tmp: Path) -> None:
    (in_tmp / ".env").write_text(
        "SLACK_BOT_TOKEN=xoxb-1\nSLACK_SIGNING_SECRET=abc\nCOMMUNICATORS=U1, a@b.se\n"
        "LOCAL_CLOSURE_DAYS=2026-12-28,2026-12-29\nMORNING_REMINDER_TIME=08:30\n",
        encoding="utf-8",
    )
    settings = Settings()
    slack = settings.for_platform(SlackSettings)
    assert slack.missing() == []
    assert settings.communicators == ["U1", "a@b.se"]
    assert [d.isoformat() for d in settings.local_closure_days] == ["2026-12-28", "2026-12-29"]
    assert settings.morning_reminder_time.hour == 8 and settings.morning_reminder_time.minute == 30
    assert "xoxb-1" not in str(settings.masked()) + str(slack.masked())
    assert slack.masked()["SLACK_BOT_TOKEN"] == "(satt, dold)"
