"""One check of a reply (or a draft) against the guideline: the pure part, no database.

- signed with name and title (`bot.rules.signature`),
- no personnummer or samordningsnummer (`bot.rules.personnummer`),
- plain and polite (`bot.rules.tone`: slang and chat abbreviations, shouting in
  capitals, strings of ! or ?, emoji).

A missing signature or a personnummer *refuses* a reply; a tone remark is only a remark
(the person may close anyway, and that choice is recorded).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from bot.rules.personnummer import find_personnummer
from bot.rules.signature import is_signed
from bot.rules.tone import tone_remarks


@dataclass(frozen=True)
class ReplyCheck:
    signed: bool
    personnummer: int  # how many were found (never which: they are not repeated)
    remarks: list[str] = field(default_factory=list)

    @property
    def refused(self) -> bool:
        """The reply may not count as an answer: unsigned, or it holds a personnummer."""
        return not self.signed or self.personnummer > 0

    @property
    def clean(self) -> bool:
        return not self.refused and not self.remarks


def check_reply(text: str, titles: Iterable[str] = (), today: date | None = None) -> ReplyCheck:
    return ReplyCheck(
        signed=is_signed(text, titles),
        personnummer=len(find_personnummer(text, today)),
        remarks=tone_remarks(text),
    )
