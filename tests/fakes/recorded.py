"""Every Adaptive Card and Block Kit payload the fakes receive, for the payload rules.

The fakes call `record`; `tests/conftest.py` checks each test's payloads against
`tests/support/payload_rules.py`. With SMBOT_RECORD_DIR set, every payload is also written
there as JSON (scripts/render-cards renders them to PNG).
"""

from __future__ import annotations

import itertools
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class Payload:
    platform: str  # "teams" or "slack"
    kind: str  # Teams: the operation; Slack: the API method
    body: dict[str, Any]  # Teams: the Adaptive Card; Slack: the call's arguments


PAYLOADS: list[Payload] = []
_serial = itertools.count(1)


def record(platform: str, kind: str, body: dict[str, Any]) -> None:
    PAYLOADS.append(Payload(platform, kind, body))
    folder = os.environ.get("SMBOT_RECORD_DIR")
    if folder:
        test = os.environ.get("PYTEST_CURRENT_TEST", "").split(" ")[0]
        name = f"{os.getpid()}-{next(_serial):05d}-{platform}.json"
        Path(folder).mkdir(parents=True, exist_ok=True)
        data = {"platform": platform, "kind": kind, "test": test, "body": body}
        (Path(folder) / name).write_text(json.dumps(data, ensure_ascii=False, default=str))
