"""Logging that never carries a secret, at any level.

Three guards: the access log writes the path without its query string (Meta's handshake
sends the verify token there); bolt and slack_sdk are held at INFO, because at DEBUG they
log request and response bodies (message texts, a freshly shown webhook secret); and a
filter on every handler replaces the configured secrets wherever they still turn up.
"""

from __future__ import annotations

import logging

from aiohttp.abc import AbstractAccessLogger
from aiohttp.web import BaseRequest, StreamResponse

from bot.config import EnvSettings, Settings

FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
# Libraries whose DEBUG output holds bodies.
BODY_LOGGERS = ("slack_bolt", "slack_sdk", "botbuilder", "msrest", "urllib3", "aiohttp.client")
# Libraries that talk at INFO about their own work: fpdf2's font subsetting writes some
# hundred lines for every PDF (`smbot report`, the monthly report), bagit a few for every
# file it packs (`smbot archive export`). Held at WARNING.
CHATTY_LOGGERS = ("fontTools", "bagit")
REDACTED = "***"


def configure_logging(settings: Settings) -> None:
    level = logging.getLevelName(settings.log_level.upper())
    logging.basicConfig(level=level, format=FORMAT)
    if isinstance(level, int) and level < logging.INFO:
        for name in BODY_LOGGERS:
            logging.getLogger(name).setLevel(logging.INFO)
    for name in CHATTY_LOGGERS:
        logging.getLogger(name).setLevel(
            max(logging.WARNING, level if isinstance(level, int) else 0)
        )
    for handler in logging.getLogger().handlers:
        # Bolt sets its own loggers' levels, so the level above is not enough alone.
        handler.addFilter(QuietBodies())
        handler.addFilter(SecretRedactor(configured_secrets(settings)))


def configured_secrets(settings: Settings) -> list[str]:
    """Every secret value configured: the core's and those of each platform's settings class
    (the platforms are loaded before logging is set up, so their classes are known)."""
    values = []
    kinds = [kind for kind in _settings_classes() if kind is not Settings]
    for group in (settings, *(settings.for_platform(kind) for kind in kinds)):
        for name in group.secret_fields:
            secret = getattr(group, name, None)
            if secret is not None:
                values.append(
                    secret.get_secret_value()
                    if hasattr(secret, "get_secret_value")
                    else str(secret)
                )
    password = _database_password(settings.database_url)
    if password:
        values.append(password)
    # Short values would redact ordinary words; no real secret is that short.
    return [v for v in values if len(v) >= 6]


def _settings_classes() -> list[type[EnvSettings]]:
    found, pending = [], list(EnvSettings.__subclasses__())
    while pending:
        kind = pending.pop()
        found.append(kind)
        pending.extend(kind.__subclasses__())
    return found


def _database_password(url: str) -> str | None:
    from sqlalchemy.engine import make_url

    try:
        return make_url(url).password  # type: ignore[return-value]
    except Exception:
        return None


class QuietBodies(logging.Filter):
    """Drops the body-holding libraries' DEBUG records."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno >= logging.INFO:
            return True
        return not any(
            record.name == name or record.name.startswith(name + ".") for name in BODY_LOGGERS
        )


class SecretRedactor(logging.Filter):
    def __init__(self, secrets: list[str]) -> None:
        super().__init__()
        self.secrets = sorted(set(secrets), key=len, reverse=True)

    def filter(self, record: logging.LogRecord) -> bool:
        if not self.secrets:
            return True
        message = record.getMessage()
        cleaned = message
        for secret in self.secrets:
            cleaned = cleaned.replace(secret, REDACTED)
        if cleaned != message:
            record.msg, record.args = cleaned, None
        return True


class AccessLog(AbstractAccessLogger):
    """Like aiohttp's default line, but the path without its query string."""

    def log(self, request: BaseRequest, response: StreamResponse, time: float) -> None:
        self.logger.info(
            '%s "%s %s HTTP/%d.%d" %s %s %.3fs',
            request.remote,
            request.method,
            request.path,
            request.version.major,
            request.version.minor,
            response.status,
            response.body_length,
            time,
        )
