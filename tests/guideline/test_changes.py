"""The difference between two versions in plain words."""

from __future__ import annotations

from pathlib import Path

from bot.guideline import load_guideline
from bot.guideline.changes import changes
from tests.support.guideline_files import FORSHAGA, edited_guideline


def test_the_same_version_has_no_changes() -> None:
    assert changes(load_guideline(FORSHAGA), load_guideline(FORSHAGA)) == []


def test_changed_numbers_duties_and_sections_in_plain_words(tmp_path: Path) -> None:
    newer = edited_guideline(
        tmp_path,
        min_admins=3,
        reply_within_working_days=2,
        replace={
            'text = "inga sekretessbelagda uppgifter publiceras"': 'text = "inget sekretessbelagt"',
            "Kommunens grafiska profil ska följas.": "Kommunens grafiska profil ska alltid följas.",
        },
    )
    lines = changes(load_guideline(FORSHAGA), load_guideline(newer))
    assert lines == [
        "Svar ska ges inom två arbetsdagar (förut en arbetsdag).",
        "Varje konto ska ha minst tre administratörer (förut två administratörer).",
        "Åtagandet lyder nu: inget sekretessbelagt "
        "(förut: inga sekretessbelagda uppgifter publiceras).",
        "Avsnittet Så här kommer du igång: avsändare och grafisk profil är ändrat.",
    ]
