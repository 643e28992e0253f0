"""Personnummer in free text: formats, dates, samordningsnummer, Luhn; no false positives on
phone numbers that fail Luhn."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.rules.personnummer import (
    contains_personnummer,
    find_personnummer,
    luhn_valid,
    mask_personnummer,
)

TODAY = date(2026, 12, 1)


def check_digit(nine: str) -> str:
    """The Luhn digit that makes `nine` + digit valid (computed independently of the rule)."""
    for digit in "0123456789":
        digits = [int(c) for c in nine + digit]
        total = sum(
            (d * 2 - 9 if d * 2 > 9 else d * 2) if i % 2 == 0 else d for i, d in enumerate(digits)
        )
        if total % 10 == 0:
            return digit
    raise AssertionError


def pnr(yymmdd: str, serial3: str = "987", sep: str = "-", century: str = "") -> str:
    return f"{century}{yymmdd}{sep}{serial3}{check_digit(yymmdd + serial3)}"


@pytest.mark.parametrize(
    ("text", "born"),
    [
        ("811218-9876", date(1981, 12, 18)),  # Skatteverket's example
        ("Mitt nummer är 811218-9876.", date(1981, 12, 18)),
        ("19811218-9876", date(1981, 12, 18)),
        ("198112189876", date(1981, 12, 18)),
        ("8112189876", date(1981, 12, 18)),
        ("121212-1212", date(2012, 12, 12)),  # Tolvan
        ("121212+1212", date(1912, 12, 12)),  # + means a hundred years or more
        ("701063-2391", date(1970, 10, 3)),  # samordningsnummer: day + 60
        (pnr("000229"), date(2000, 2, 29)),  # a leap day
        (pnr("261224"), date(1926, 12, 24)),  # not yet born in 2026, so 1926
        (pnr("261201"), date(2026, 12, 1)),  # born today
        (pnr("991231", century="18"), date(1899, 12, 31)),
        ("(811218-9876)", date(1981, 12, 18)),
    ],
)
def test_valid_numbers_are_found(text: str, born: date) -> None:
    [found] = find_personnummer(text, TODAY)
    assert found.birth_date == born
    assert found.coordination == (text.startswith("7010"))


@pytest.mark.parametrize(
    "text",
    [
        "811218-9877",  # wrong check digit
        "811218-9866",
        "19811218-9877",
        pnr("811318"),  # month 13
        pnr("810018"),  # month 0
        pnr("810100"),  # day 0
        pnr("810132"),  # day 32
        pnr("810230"),  # 30 February
        pnr("010229"),  # 2001 is no leap year
        pnr("810192"),  # samordningsnummer day 32
        pnr("261224", century="20"),  # in the future
        pnr("811218", sep="+", century="19"),  # "+" with a century makes no sense
        "0701234567",  # a mobile number failing Luhn
        "070-123 45 67",
        "+46701234567",
        "08-123 456 78",
        "Ring 0544-123 45",
        "1234811218987612",  # inside a longer number
        "811218 9876",  # not a written form we accept
        "Vi har öppet 10–14 på lördag",
        "",
    ],
)
def test_invalid_or_other_numbers_are_not(text: str) -> None:
    assert find_personnummer(text, TODAY) == []
    assert not contains_personnummer(text, TODAY)


def test_several_numbers_and_masking() -> None:
    text = "Jag 811218-9876 och min son 121212-1212 vill ha svar."
    assert [n.text for n in find_personnummer(text, TODAY)] == ["811218-9876", "121212-1212"]
    assert mask_personnummer(text, TODAY) == "Jag ÅÅMMDD-XXXX och min son ÅÅMMDD-XXXX vill ha svar."
    assert mask_personnummer("Inget här", TODAY) == "Inget här"


def test_luhn() -> None:
    assert luhn_valid("8112189876") and luhn_valid("1212121212")
    assert not luhn_valid("8112189877") and not luhn_valid("81121898x6") and not luhn_valid("")


dates = st.dates(min_value=date(1900, 1, 2), max_value=TODAY)
serials = st.integers(min_value=0, max_value=999).map(lambda n: f"{n:03d}")


@given(dates, serials, st.booleans())
def test_every_valid_number_is_found_in_every_written_form(
    born: date, serial: str, coord: bool
) -> None:
    day = born.day + (60 if coord else 0)
    yymmdd = f"{born:%y%m}{day:02d}"
    plus = born <= TODAY.replace(year=TODAY.year - 100)
    short_sep = "+" if plus else "-"
    forms = [
        pnr(yymmdd, serial, short_sep),
        pnr(yymmdd, serial, "-", century=f"{born.year // 100}"),
        pnr(yymmdd, serial, "", century=f"{born.year // 100}"),
    ]
    for form in forms:
        [found] = find_personnummer(f"Hej, {form} här", TODAY)
        assert found.birth_date == born and found.coordination == coord


@given(dates, serials)
def test_a_wrong_check_digit_is_never_found(born: date, serial: str) -> None:
    good = pnr(f"{born:%y%m%d}", serial, "-", century=f"{born.year // 100}")
    wrong = good[:-1] + str((int(good[-1]) + 1) % 10)
    assert find_personnummer(wrong, TODAY) == []


@given(st.text(alphabet="0123456789-+ ", max_size=40))
def test_whatever_is_found_passes_luhn_and_is_born_by_today(text: str) -> None:
    for found in find_personnummer(text, TODAY):
        digits = found.text.replace("-", "").replace("+", "")[-10:]
        assert luhn_valid(digits)
        assert found.birth_date <= TODAY
        assert found.birth_date > TODAY - timedelta(days=366 * 200)
