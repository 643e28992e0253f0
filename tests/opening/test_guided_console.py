"""The guided application through the console backend: one question at a time, Tillbaka and
Ändra, each answer checked as given, a restart in the middle, avbryt, and the very same
application as the form makes."""

from __future__ import annotations

from typing import Any

from bot import router, texts
from bot.flows.help import start_buttons
from bot.flows.opening import names
from handlers.console.bot import ConsoleBot
from tests.support.console_backend import console_fixture, open_application_form
from tests.support.guided_support import accounts, applications, conversations

G = texts.guided
DUTIES = ["daily", "reply", "comment_rules", "sender", "confidential", "gdpr"]
FORM = {
    "platform": "instagram",
    "name": "Forshaga bibliotek",
    "unit": "Kultur och fritid, biblioteket",
    "purpose": "Boktips, evenemang och öppettider för bibliotekets besökare.",
    "audience": "Invånare i alla åldrar, särskilt barnfamiljer.",
    "resources": "Anna och Bo, cirka 3 timmar i veckan.",
    "manager": "@karin",
    "co_admins": ["@bo"],
    "duties": DUTIES,
}

console = console_fixture()


def last(bot: ConsoleBot, handle: str = "@anna") -> str:
    return bot.show(bot.inbox(handle)[-1])


def asked(bot: ConsoleBot, handle: str = "@anna") -> str:
    """The title of the question the person was asked last."""
    return bot.inbox(handle)[-1].title or ""


def answer_up_to_manager(bot: ConsoleBot) -> None:
    bot.say("@anna", "guida mig")
    bot.press("@anna", "Instagram")
    for step in ("name", "unit", "purpose", "audience", "resources"):
        bot.say("@anna", FORM[step])
    assert asked(bot).endswith("närmaste chef")


def answer_the_rest(bot: ConsoleBot) -> None:
    bot.press("@anna", G.PICK_MANAGER)
    assert bot.fill("@anna", manager="@karin").ok
    bot.press("@anna", G.PICK_CO_ADMINS)
    assert bot.fill("@anna", co_admins=["@bo"]).ok
    bot.press("@anna", G.CONFIRM_DUTIES)
    assert asked(bot) == G.SUMMARY_TITLE


def test_one_question_at_a_time_each_with_the_guidelines_reason(console: ConsoleBot) -> None:
    console.say("@anna", "guida mig")
    first = last(console)
    assert asked(console) == "Steg 1 av 9: plattform"
    assert "Vilken plattform gäller det?" in first and "Varför?" in first
    assert "sätts upp i samråd med kommunikatör" in first  # quoted from the guideline
    assert [b.label for b in console.inbox("@anna")[-1].buttons] == [
        *texts.opening.PLATFORMS.values(),
        G.TO_FORM,
    ]
    console.press("@anna", "Instagram")
    console.say("@anna", FORM["name"])
    console.say("@anna", FORM["unit"])
    purpose = console.inbox("@anna")[-1]
    assert purpose.title == "Steg 4 av 9: syfte"
    assert "väl genomtänkt och förankrad med kommunikatör" in purpose.text
    assert "sprida kommunal information" in [b.label for b in purpose.buttons]
    console.say("@anna", FORM["purpose"])
    console.say("@anna", FORM["audience"])
    resources = last(console)
    assert "dagliga uppdateringar" in resources and "tillräckliga resurser" in resources
    console.say("@anna", FORM["resources"])
    assert "närmsta chef för att starta" in last(console)
    answer_the_rest(console)
    assert accounts(console.core) == 0  # nothing is an application before Skicka ansökan
    summary = last(console)
    assert "Forshaga bibliotek" in summary and "Karin" in summary and "Bo" in summary
    assert console.press("@anna", G.SEND).notice == G.SENT.format(name="Forshaga bibliotek")
    assert accounts(console.core) == 1 and conversations(console.core) == []
    assert "Godkänner du ett nytt konto" in console.read("@karin")


def test_the_same_application_as_the_form(console: ConsoleBot, database_url: str) -> None:
    answer_up_to_manager(console)
    answer_the_rest(console)
    console.press("@anna", G.SEND)
    [guided] = applications(console.core)
    # The same answers through the form, on a fresh database row for a second account.
    open_application_form(console, "@anna")
    assert console.fill("@anna", **FORM).ok
    _, by_form = applications(console.core)
    assert guided == by_form
    assert guided["submitted"]["guideline_version"] == "1"
    assert guided["submitted"]["duty_texts"][0] == "kontot uppdateras varje arbetsdag"


def test_an_invalid_answer_is_asked_again_and_nothing_is_kept(console: ConsoleBot) -> None:
    console.say("@anna", "guida mig")
    console.press("@anna", "Instagram")
    console.say("@anna", "x" * 81)
    again = console.inbox("@anna")[-1]
    assert again.title == "Steg 2 av 9: kontots namn"
    assert texts.opening.ERROR_TOO_LONG.format(max=80, length=81) in again.text
    console.say("@anna", "Mitt lösenord är Hemligt123!")
    assert asked(console) == "Steg 2 av 9: kontots namn"
    [conversation] = conversations(console.core)
    assert "name" not in conversation.answers and "Hemligt" not in str(conversation.answers)
    # The applicant cannot be their own manager: the picker says so, as the form does.
    for step in ("Forshaga bibliotek", "Kultur", "Syfte", "Alla", "Tid"):
        console.say("@anna", step)
    console.press("@anna", G.PICK_MANAGER)
    refused = console.fill("@anna", manager="@anna")
    assert refused.errors == {"manager": texts.opening.ERROR_MANAGER_IS_APPLICANT}
    assert "manager" not in conversations(console.core)[0].answers


def test_tillbaka_behall_and_andra(console: ConsoleBot) -> None:
    console.say("@anna", "guida mig")
    console.press("@anna", "Annat")
    assert asked(console) == "Steg 2 av 10: vilken plattform"
    console.say("@anna", "Mastodon")
    console.press("@anna", G.BACK)
    assert asked(console) == "Steg 2 av 10: vilken plattform"
    assert "Ditt svar nu: **Mastodon**" in console.inbox("@anna")[-1].text
    console.press("@anna", G.KEEP)
    assert asked(console) == "Steg 3 av 10: kontots namn"
    console.press("@anna", G.BACK)
    console.press("@anna", G.BACK)
    console.press("@anna", "Facebook")  # no longer "annat": that question goes
    assert asked(console) == "Steg 2 av 9: kontots namn"
    assert "platform_other" not in conversations(console.core)[0].answers
    for text in ("Forshaga bibliotek", "Kultur", "Syfte", "Alla", "Tid"):
        console.say("@anna", text)
    answer_the_rest(console)
    # Ändra from the summary: pick the name, answer it, and be back at the summary.
    console.press("@anna", G.CHANGE)
    console.press("@anna", "Kontots namn: Forshaga bibliotek")
    assert asked(console) == "Steg 2 av 9: kontots namn"
    console.say("@anna", "Forshaga kulturskola")
    assert asked(console) == G.SUMMARY_TITLE
    assert "Forshaga kulturskola" in last(console)
    console.press("@anna", G.SEND)
    [sent] = applications(console.core)
    assert sent["name"] == "Forshaga kulturskola" and sent["platform"] == "facebook"


def test_a_restart_in_the_middle_and_days_later(console: ConsoleBot) -> None:
    answer_up_to_manager(console)
    console.restart()
    console.clock.set(console.clock.now().replace(day=4))
    console.say("@anna", "nytt konto steg för steg")
    assert G.WELCOME_BACK in last(console) and asked(console).endswith("närmaste chef")
    answer_the_rest(console)
    console.press("@anna", G.SEND)
    [sent] = applications(console.core)
    assert sent["resources"] == FORM["resources"]


def test_avbryt_ends_it_and_saves_nothing(console: ConsoleBot) -> None:
    answer_up_to_manager(console)
    assert console.say("@anna", "avbryt").notice == G.CANCELLED
    assert conversations(console.core) == [] and accounts(console.core) == 0
    # Words are commands and questions again.
    assert console.say("@anna", "mina konton").message is not None


def test_old_buttons_and_other_peoples_presses_change_nothing(console: ConsoleBot) -> None:
    console.say("@anna", "guida mig")
    platform_question = console.inbox("@anna")[-1]
    console.press("@anna", "Instagram")
    # The first question's button again: Anna is shown where she is now.
    stale = console.press_button("@anna", platform_question.buttons[0])
    assert G.STALE in (stale.message.text if stale.message else "")
    assert conversations(console.core)[0].answers == {"platform": "instagram"}
    # Bo presses Anna's button: he has no conversation, nothing of hers changes.
    pressed = console.act("@bo", router.Press(names.GUIDED_SEND, "summary"))
    assert pressed.notice == G.NOTHING_GOING_ON
    assert conversations(console.core)[0].step == "name"


def test_nytt_konto_starts_the_conversation_and_its_first_question_opens_the_form(
    console: ConsoleBot,
) -> None:
    started = console.say("@anna", "nytt konto")
    assert started.form is None and started.message is not None
    assert started.message.title == "Steg 1 av 9: plattform"
    assert G.TO_FORM in started.message.text  # the intro says the form is one press away
    assert len(conversations(console.core)) == 1
    # Fyll i formuläret i stället: the form, and the empty conversation ends with it, so
    # what Anna writes next is a command again, not an answer to "Vilken plattform?".
    opened = console.press("@anna", G.TO_FORM)
    assert opened.form is not None and opened.form.id == names.APPLY
    assert conversations(console.core) == []
    assert console.say("@anna", "mina konton").message is not None
    assert conversations(console.core) == []
    assert console.fill("@anna", **FORM).ok and accounts(console.core) == 1
    # Once an answer is given the button is gone (Ändra and Tillbaka are there instead).
    console.say("@anna", "nytt konto")
    console.press("@anna", "Instagram")
    labels = [b.label for b in console.inbox("@anna")[-1].buttons]
    assert G.TO_FORM not in labels and G.CHANGE in labels


def test_an_old_form_button_opens_the_form_and_keeps_the_answers_given(
    console: ConsoleBot,
) -> None:
    console.say("@anna", "guida mig")
    first = console.inbox("@anna")[-1]
    console.press("@anna", "Instagram")
    [to_form] = [b for b in first.buttons if b.label == G.TO_FORM]
    assert console.press_button("@anna", to_form).form is not None
    assert conversations(console.core)[0].answers == {"platform": "instagram"}
    # Someone else's press opens a form for them and touches nothing of Anna's.
    assert console.press_button("@bo", to_form).form is not None
    assert conversations(console.core)[0].answers == {"platform": "instagram"}


def test_guida_mig_on_the_form_and_the_start_buttons(console: ConsoleBot) -> None:
    # The welcome card's and the App Home's Ansök om nytt konto still open the form.
    [apply] = [b for b in start_buttons() if b.label == texts.common.START_APPLY]
    assert console.press_button("@anna", apply).form is not None
    assert conversations(console.core) == []
    reply: Any = console.press("@anna", G.START)  # the button on the form's intro
    assert reply.message is not None and reply.message.title == "Steg 1 av 9: plattform"
    # The App Home and the Teams welcome card carry the same button.
    [guided] = [b for b in start_buttons() if b.label == G.START]
    again = console.press_button("@anna", guided)
    assert again.message is not None and G.WELCOME_BACK in again.message.text
