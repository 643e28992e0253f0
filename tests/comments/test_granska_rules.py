"""`granska` through the console backend: an admin pastes a draft and gets the reply
checks plus LIX with a verdict and hints; nothing is saved, and only admins and
communicators may use it."""

from __future__ import annotations

from bot import texts
from bot.flows.comments import names
from handlers.console.bot import ConsoleBot
from tests.support.console_backend import console_fixture
from tests.support.console_comments import PNR, PROPER, library, row_counts

T = texts.comments
console = console_fixture()

HARD = (
    "Kommunstyrelsen beslutade vid sammanträdet om omfattande förändringar av "
    "verksamhetsplaneringen för biblioteksverksamheten och informationsförsörjningen inom "
    "kommunens samtliga förvaltningar under det kommande budgetåret och därefter. "
    "/Anna Andersson, bibliotekarie"
)


def test_a_draft_is_reviewed_in_a_form_and_nothing_is_saved(console: ConsoleBot) -> None:
    library(console)
    form = console.say("@anna", "granska").form
    assert form is not None and form.id == names.GRANSKA
    assert console.fill("@anna", draft="  ").errors == {"draft": T.GRANSKA_REQUIRED}
    before = row_counts(console)
    assert console.fill("@anna", draft=PROPER).ok
    assert row_counts(console) == before
    [result] = console.inbox("@anna")
    assert result.title == T.GRANSKA_RESULT_TITLE
    shown = console.show(result)
    for line in (T.GRANSKA_SIGNED, T.GRANSKA_NO_PNR, T.GRANSKA_TONE_OK):
        assert console.show(result.model_copy(update={"text": line, "title": None})) in shown
    # 9 words (not "20") / 2 sentences + 100 * 2 long (Andersson, bibliotekarie) / 9
    # = 4.5 + 22.2 = 26.7
    assert "LIX 27 – mycket lättläst. 9 ord i två meningar, två långa ord." in shown
    assert "Publicera det och tryck" in shown


def test_a_bad_draft_gets_every_remark_and_concrete_hints(console: ConsoleBot) -> None:
    library(console)
    before = row_counts(console)
    reply = console.say("@anna", f"granska {HARD}\nRing mig!!! {PNR} lol")
    assert row_counts(console) == before
    assert reply.message is not None
    shown = console.show(reply.message)
    assert "Namn och titel" in shown and "saknas" in shown  # the signature is not last
    assert "Personnummer" in shown and "Personnummer: ett i texten" in shown
    assert PNR not in shown
    assert "Slang eller chattförkortningar: lol" in shown
    assert "Flera utrops- eller frågetecken i rad" in shown
    assert "mycket svår" in shown
    assert "Lång mening (23 ord), dela upp den: ”Kommunstyrelsen beslutade vid" in shown
    assert "informationsförsörjningen, verksamhetsplaneringen, biblioteksverksamheten" in shown
    assert T.GRANSKA_NOT_READY in shown


def test_only_admins_and_communicators_may_review(console: ConsoleBot) -> None:
    library(console)
    assert console.say("@olle", "granska Hej").notice == T.GRANSKA_NOT_ALLOWED
    assert console.say("@olle", "granska").form is None
    assert console.say("@kim", "granska").form is not None  # a communicator
    assert console.say("@bo", f"granska {PROPER}").message is not None
