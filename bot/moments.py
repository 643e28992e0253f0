"""A date and time in a form (`FormField(kind="datetime")`): one neutral value, picked not typed.

Slack shows a `datetimepicker` (it answers with epoch seconds), Teams an `Input.Date` and an
`Input.Time` (a day and "HH:MM", the wall clock), the console asks for "ÅÅÅÅ-MM-DD TT:MM".
Each platform hands the core one string, and the core reads every one of them here:

- "2026-12-01 14:30": the municipality's local time (what Teams and the console give);
- "2026-12-01T13:30+00:00": an instant with its offset (what Slack's picker gives, and what
  the core puts in a form as the initial value, so Slack can show it as epoch seconds).
"""

from __future__ import annotations

from datetime import UTC, datetime, tzinfo

LOCAL = "%Y-%m-%d %H:%M"
WITH_OFFSET = "%Y-%m-%dT%H:%M%z"
# What Slack's datetimepicker may send: 1970 up to the end of year 9999 (fromtimestamp's range).
MAX_EPOCH = 253_402_300_799


def moment_value(moment: datetime, tz: tzinfo) -> str:
    """A form's initial value: the instant in local time, to the minute, with its offset."""
    return moment.astimezone(tz).isoformat(timespec="minutes")


def from_epoch(seconds: int) -> str:
    """Slack's picked instant (epoch seconds) as the core's value."""
    return datetime.fromtimestamp(seconds, UTC).isoformat(timespec="minutes")


def parse_moment(value: str, tz: tzinfo) -> datetime | None:
    """The instant a form value names, in `tz`; None if it is neither shape."""
    value = value.strip()
    for shape in (LOCAL, WITH_OFFSET):
        try:
            moment = datetime.strptime(value, shape)
        except ValueError:
            continue
        if moment.tzinfo is None:
            return moment.replace(tzinfo=tz)
        return moment.astimezone(tz)
    return None


def wall_clock(value: str) -> tuple[str, str] | None:
    """The day ("2026-12-01") and the time ("14:30") a value shows, as written (the core
    writes its initial values in local time): what a Teams card or the console shows."""
    value = value.strip()
    for shape in (LOCAL, WITH_OFFSET):
        try:
            moment = datetime.strptime(value, shape)
        except ValueError:
            continue
        return moment.strftime("%Y-%m-%d"), moment.strftime("%H:%M")
    return None


def epoch(value: str) -> int | None:
    """The epoch seconds of a value with an offset (Slack's picker needs them); None for a
    local time, which only the core's time zone can place."""
    try:
        return int(datetime.strptime(value.strip(), WITH_OFFSET).timestamp())
    except ValueError:
        return None
