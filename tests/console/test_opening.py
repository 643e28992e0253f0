"""Opening an account, through the console backend: platform-neutral rules, no Slack, no Teams."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import select

from bot import texts
from bot.flows.opening.common import T
from handlers.console.bot import ConsoleBot
from handlers.console.inbox import CHANNEL
from storage.models import Account, AccountStatus
from tests.conftest import STOCKHOLM
from tests.console.conftest import apply
from tests.support.console_backend import open_application_form


def accounts(bot: ConsoleBot) -> list[Account]:
    with bot.core.session() as session:
        return list(session.exec(select(Account)).all())


def test_a_whole_opening_ends_with_the_activation_messages(console: ConsoleBot) -> None:
    apply(console)
    assert "Godkänner du ett nytt konto" in console.read("@karin")
    assert "Din ansökan om Forshaga bibliotek är skickad" in console.read("@anna")

    assert console.press("@karin", "Godkänn").notice
    console.press("@bo", "Acceptera")
    assert "Ny ansökan att förankra: Forshaga bibliotek" in console.read(CHANNEL)

    console.press("@kim", "Förankra")
    assert "förankrat syfte och målgrupp" in console.read("@anna")
    form = console.press("@kim", "Lägg in tjänstekonto").form
    assert form is not None
    reply = console.fill(
        "@kim", url="https://www.instagram.com/forshagabibliotek", credentials=["received"]
    )

    assert reply.ok and console.form("@kim") is None
    [account] = accounts(console)
    assert account.status == AccountStatus.ACTIVE
    for admin in ("@anna", "@bo"):
        assert "Forshaga bibliotek är aktivt" in console.read(admin)
    # The review card in the channel was edited in place, not posted again.
    [card] = console.channel()
    assert "Kontot blev aktivt" in (card.footer or "") and not card.buttons
    # Its title, and the applicant's receipt, say how it ended (not "Ny ansökan att förankra").
    assert (card.title or "").startswith("Forshaga bibliotek – aktivt sedan 20")
    [receipt] = [m for m in console.inbox("@anna") if "aktivt sedan" in (m.title or "")]
    assert receipt.title == card.title


def test_only_the_named_people_may_press_and_nothing_changes(console: ConsoleBot) -> None:
    apply(console)
    approve = console.find_button("@karin", "Godkänn")
    for someone in ("@anna", "@bo", "@kim", "@olle"):
        assert console.press_button(someone, approve).notice == T.ONLY_MANAGER
    assert accounts(console)[0].manager_approved_at is None

    console.press("@karin", "Godkänn")
    anchor = console.find_button(CHANNEL, "Förankra")
    assert console.press_button("@olle", anchor).notice == texts.common.COMMUNICATORS_ONLY
    assert accounts(console)[0].anchored_at is None


def test_a_form_with_errors_saves_nothing_and_stays_open(console: ConsoleBot) -> None:
    open_application_form(console, "@anna")
    reply = console.fill("@anna", **{**_answers(), "manager": "@anna", "co_admins": [], "name": ""})
    assert set(reply.errors) >= {"manager", "co_admins", "name"}
    assert accounts(console) == [] and console.inbox("@karin") == []
    assert console.form("@anna") is not None

    assert console.fill("@anna", **_answers()).ok
    assert len(accounts(console)) == 1


def test_the_manager_is_reminded_after_two_working_days(console: ConsoleBot) -> None:
    apply(console)  # Tuesday 1 December, 09:00

    console.tick(datetime(2026, 12, 2, 9, 5, tzinfo=STOCKHOLM))
    assert not _reminders(console, "@karin")
    console.tick(datetime(2026, 12, 3, 9, 5, tzinfo=STOCKHOLM))
    console.tick(datetime(2026, 12, 3, 14, 0, tzinfo=STOCKHOLM))  # once, not every tick
    [reminder] = _reminders(console, "@karin")
    assert "Anna väntar på ditt beslut" in reminder
    assert len(_reminders(console, "@bo")) == 1


def test_commands_are_typed_as_words_with_or_without_a_ring(console: ConsoleBot) -> None:
    apply(console)
    for typed in ("mina konton", "Mina-konton", "/mina konton"):
        assert "Forshaga bibliotek" in console.show(console.say("@anna", typed).message)  # type: ignore[arg-type]
    for typed in ("hjalp", "hjälp", "något helt annat"):
        help_text = console.show(console.say("@anna", typed).message)  # type: ignore[arg-type]
        assert "nytt konto" in help_text and "mina konton" in help_text


def _answers() -> dict:  # type: ignore[type-arg]
    from tests.console.conftest import application

    return application()


def _reminders(bot: ConsoleBot, handle: str) -> list[str]:
    return [bot.show(message) for message in bot.inbox(handle) if "Påminnelse" in bot.show(message)]


def test_a_resubmission_says_what_changed_and_retires_the_old_review_card(
    console: ConsoleBot,
) -> None:
    apply(console)
    console.press("@karin", "Godkänn")
    console.press("@bo", "Acceptera")
    assert console.press("@kim", "Begär komplettering").form is not None
    assert console.fill("@kim", comment="Beskriv målgruppen tydligare, tack.").ok
    assert console.press("@anna", "Ändra ansökan").form is not None
    assert console.fill("@anna", audience="Barnfamiljer i Forshaga med barn 0–12 år.").ok

    old, new = console.channel()
    # The first card no longer offers steps, and says where the current version is.
    assert not old.buttons and (old.title or "").startswith("Ersatt: ansökan om Forshaga")
    assert "Version 2 finns i ett nytt meddelande nedan" in old.text
    assert "Ändrat i version 2: Målgrupp." in console.show(new)
    assert [b.label for b in new.buttons] == ["Förankra", "Begär komplettering"]
