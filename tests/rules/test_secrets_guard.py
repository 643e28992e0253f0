"""`password_reason`: what looks like a password is refused, ordinary text is not."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.secrets_guard import SecretKind, looks_like_password, password_reason

LOOKS_LIKE_A_PASSWORD = [
    ("lösenord: Sommar2026", SecretKind.KEYWORD),
    ("Lösenord: sommar", SecretKind.KEYWORD),
    ("lösenordet är hunter2", SecretKind.KEYWORD),
    ("Lösenordet är Forshaga!", SecretKind.KEYWORD),
    ("password=abc", SecretKind.KEYWORD),
    ("Password: letmein", SecretKind.KEYWORD),
    ("the password is swordfish", SecretKind.KEYWORD),
    ("pwd=hunter2 och användare anna", SecretKind.KEYWORD),
    ("PWD : kaka", SecretKind.KEYWORD),
    ("losenord=qwerty", SecretKind.KEYWORD),
    ("pin: 1234", SecretKind.KEYWORD),
    ("Inloggning anna@forshaga.se, lösen: Vinter99", SecretKind.KEYWORD),
    ("Bitwarden\nlösenord: 'blåbär'", SecretKind.KEYWORD),
    ("passwd := toor", SecretKind.KEYWORD),
    ("xoxb-1234567890-abcdefghijkl", SecretKind.TOKEN),
    ("token EAAGm0PX4ZCpsBAKZAbcdEFGHijklmnop123", SecretKind.TOKEN),
    ("ghp_abcdefghijklmnopqrstuvwxyz0123", SecretKind.TOKEN),
    ("https://anna:hemligt@example.se/login", SecretKind.TOKEN),
    ("Hunter2!x", SecretKind.COMPLEX),
    ("Sommar2026!", SecretKind.COMPLEX),
    ("inloggning: anna, P@ssw0rd", SecretKind.COMPLEX),
    ("(Tr0ub4dor&3)", SecretKind.COMPLEX),
    ("Kolla Zq9#kLm2 tack", SecretKind.COMPLEX),
    ("xK9mP2qR7vL4", SecretKind.RANDOM),
    ("a1B2c3D4e5F6g7", SecretKind.RANDOM),
    ("Q7w8E9r0T1y2u3", SecretKind.RANDOM),
]

ORDINARY_TEXT = [
    "",
    "Forshaga bibliotek",
    "Forshaga-Bibliotek",
    "ForshagaKommun2026",
    "Sommarlov 2026 i Forshaga",
    "iPhone14Pro",
    "https://www.facebook.com/ForshagaBibliotek2026",
    "https://instagram.com/forshaga_kommun?igsh=Ab12Cd!",
    "www.forshaga.se/Kultur-och-fritid",
    "@forshaga_bibliotek",
    "@Forshaga2026",
    "bibliotek.forshaga@forshaga.se",
    "Lösenordet är sparat i Bitwarden under Sociala medier",
    "Lösenord: finns hos kommunikatören",
    "lösenordet finns i 1Password, valvet Kommunikation",
    "Vi byter lösenord varje halvår",
    "Password manager: Bitwarden, post 'Forshaga FB'",
    "Anna och Bo, cirka 3 timmar i veckan",
    "Unga 13–19 år och deras föräldrar",
    "Kultur & fritid, 2 pass i veckan: måndag och torsdag",
    "Målgrupp: invånare 65+",
    "Kontakt: 054-17 20 00",
    "Diarienummer KS-2026/123",
    "Post nr 12 i Bitwarden",
    "TikTok",
    "Facebook-sida för Forshaga bibliotek – evenemang, boktips och öppettider.",
]


@pytest.mark.parametrize(("text", "kind"), LOOKS_LIKE_A_PASSWORD)
def test_password_like_text_is_recognised_with_its_rule(text: str, kind: SecretKind) -> None:
    assert password_reason(text) == kind
    assert looks_like_password(text)


@pytest.mark.parametrize("text", ORDINARY_TEXT)
def test_ordinary_text_passes(text: str) -> None:
    assert password_reason(text) is None


def test_none_passes() -> None:
    assert password_reason(None) is None


@given(st.text(alphabet="abcdefghijklmnopqrstuvwxyzåäö ,.", max_size=200))
def test_lower_case_prose_without_keywords_never_counts(text: str) -> None:
    # Plain words can only match the keyword rule; without a keyword nothing matches.
    if not any(k in text for k in ("lösen", "losen", "pw", "pin", "secret", "password")):
        assert password_reason(text) is None


@given(
    st.text(
        alphabet="abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ", min_size=3, max_size=8
    ),
    st.integers(min_value=10, max_value=99999),
    st.sampled_from("!#%&*+?$€@="),
)
def test_word_digits_symbol_passwords_are_caught(word: str, number: int, symbol: str) -> None:
    candidate = word.capitalize() + str(number) + symbol
    if any(c.islower() for c in candidate) and len(candidate) >= 8:
        assert looks_like_password(candidate)


def test_refuse_secrets_names_each_field_holding_a_password_and_passes_the_rest() -> None:
    from bot.secrets_guard import refuse_secrets

    errors = refuse_secrets(
        "any.form",
        {
            "what": "Nytt namn",
            "reason": "lösenord: Sommar2026",
            "people": ["12", "Hunter2!xyz"],
            "when": "2026-12-10",
            "count": 3,
        },
    )
    assert set(errors) == {"reason", "people"}
    assert all("smbot sparar aldrig lösenord" in message for message in errors.values())
