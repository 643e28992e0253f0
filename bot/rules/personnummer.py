"""Finding Swedish personnummer (and samordningsnummer) in free text.

Rules (a match must satisfy all of them):
- Shape: `YYMMDD-NNNN`, `YYMMDD+NNNN`, `YYMMDDNNNN`, `YYYYMMDD-NNNN` or `YYYYMMDDNNNN`,
  not part of a longer run of digits (so `+46701234567` is not read as one).
- Date: a real calendar date. A samordningsnummer has 60 added to the day (61–91).
  Without a century, `-` (or no separator) means "less than 100 years old" and `+`
  means "100 or older" (Skatteverket's convention), counted from `today`.
- Checksum: the Luhn check digit over the ten digits YYMMDDNNNN.

A phone number that happens to pass all three is flagged too: that is the safe side.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

_PATTERN = re.compile(
    r"(?<![\d+\-])"  # not inside a longer number
    r"(?P<century>\d{2})?(?P<yy>\d{2})(?P<mm>\d{2})(?P<dd>\d{2})"
    r"(?P<sep>[-+]?)"
    r"(?P<serial>\d{4})"
    r"(?![\d])"
)
COORDINATION_OFFSET = 60


@dataclass(frozen=True)
class Personnummer:
    text: str  # as written
    birth_date: date
    coordination: bool  # samordningsnummer
    start: int
    end: int


def luhn_valid(digits: str) -> bool:
    """The Luhn (mod 10) check used by personnummer: weights 2,1,2,1,... from the left."""
    if not digits.isdigit():
        return False
    total = 0
    for index, char in enumerate(digits):
        value = int(char) * (2 if index % 2 == 0 else 1)
        total += value - 9 if value > 9 else value
    return total % 10 == 0


def find_personnummer(text: str, today: date | None = None) -> list[Personnummer]:
    """Every valid personnummer or samordningsnummer in `text`, in order."""
    today = today or date.today()
    found = []
    for match in _PATTERN.finditer(text):
        number = _parse(match, today)
        if number is not None:
            found.append(number)
    return found


def contains_personnummer(text: str, today: date | None = None) -> bool:
    return bool(find_personnummer(text, today))


def mask_personnummer(text: str, today: date | None = None) -> str:
    """The text with every personnummer's digits replaced, for messages in chat."""
    masked = text
    for number in reversed(find_personnummer(text, today)):
        masked = masked[: number.start] + "ÅÅMMDD-XXXX" + masked[number.end :]
    return masked


def _parse(match: re.Match[str], today: date) -> Personnummer | None:
    yy, mm, dd, serial = match["yy"], match["mm"], match["dd"], match["serial"]
    if match["century"] and match["sep"] == "+":
        return None  # "+" only makes sense without a century
    if not luhn_valid(yy + mm + dd + serial):
        return None
    day = int(dd)
    coordination = day > COORDINATION_OFFSET
    if coordination:
        day -= COORDINATION_OFFSET
    year = _year(match["century"], int(yy), int(mm), day, match["sep"], today)
    if year is None:
        return None
    try:
        born = date(year, int(mm), day)
    except ValueError:
        return None
    if born > today:
        return None
    return Personnummer(match.group(0), born, coordination, match.start(), match.end())


def _year(century: str | None, yy: int, month: int, day: int, sep: str, today: date) -> int | None:
    if century:
        return int(century) * 100 + yy
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    # The latest year ending in yy whose birthday is not after today...
    year = today.year - (today.year - yy) % 100
    if (month, day) > (today.month, today.day) and year == today.year:
        year -= 100
    if sep == "+":
        year -= 100  # ...and a "+" says a hundred years more.
    return year
