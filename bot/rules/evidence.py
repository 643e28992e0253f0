"""The evidence record's checksum: SHA-256 over a canonical JSON form of the record.

Canonical: keys sorted, no insignificant whitespace, UTF-8 without \\u escapes, times as
ISO 8601 strings in UTC. Anyone can recompute it from the stored record (or an export):
`sha256(json.dumps(record, sort_keys=True, separators=(",", ":"), ensure_ascii=False))`.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any


def canonical_json(record: dict[str, Any]) -> bytes:
    return json.dumps(record, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode(
        "utf-8"
    )


def record_sha256(record: dict[str, Any]) -> str:
    return hashlib.sha256(canonical_json(record)).hexdigest()


def verify(record: dict[str, Any], sha256: str) -> bool:
    return record_sha256(record) == sha256
