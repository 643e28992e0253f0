"""`/mina-konton`, the App Home, `/kontoregister` and the CSV export."""

from __future__ import annotations

import csv
import io
import json

from bot import texts
from bot.cli import main
from bot.people import find_by_identity
from handlers.slack.render import slack_text
from storage.models import AccountStatus
from tests.support.opening_helpers import (
    APPLICANT,
    BO,
    COMMUNICATOR,
    MANAGER,
    OUTSIDER,
    account,
    add_people,
    apply,
    approve_and_accept,
    buttons,
    dms,
    find,
    last_view,
    open_service_account_form,
    press,
    submit,
    updates_in,
)

T = texts.opening


async def command(bot, user: str, name: str, text: str = "") -> dict:  # type: ignore[no-untyped-def]
    status, body = await bot.slack.command(user, name, text)
    assert status == 200
    answer = json.loads(body)
    answer["channel"] = "C0GEN"  # where the command was typed (ephemeral answer)
    return answer


async def _active_and_pending(bot, fake_slack) -> None:  # type: ignore[no-untyped-def]
    """Two accounts: 'Forshaga bibliotek' active, 'Ungdomens hus' waiting for the manager."""
    add_people(fake_slack)
    await apply(bot, fake_slack)
    await bot.dispatch()
    await approve_and_accept(bot, fake_slack)
    form = await open_service_account_form(bot, fake_slack)
    await submit(
        bot, COMMUNICATOR, form,
        {"url": "@forshagabibliotek", "credentials": ["received"], "reference": "Bitwarden"},
    )  # fmt: skip
    await apply(bot, fake_slack, name="Ungdomens hus", platform="tiktok", unit="Fritidsgården")
    await bot.dispatch()


async def test_mina_konton_shows_each_account_and_what_it_waits_for(bot, fake_slack) -> None:
    await _active_and_pending(bot, fake_slack)
    answer = await command(bot, APPLICANT, "/mina-konton")
    text = json.dumps(answer["blocks"], ensure_ascii=False)
    assert "Forshaga bibliotek" in text and "aktivt sedan 2026-12-01" in text
    assert "Ungdomens hus" in text and "godkännande från närmaste chef (Karin Chef)" in text
    assert "svar från Bo Berg" in text
    # The active account waits for its admins to confirm their login (test_logins_rules.py).
    assert "Bekräfta att du kan logga in på *Forshaga bibliotek*" in text
    assert [b["text"]["text"] for b in buttons(answer)] == [
        "Jag kan logga in: Forshaga bibliotek",
        "Dra tillbaka ansökan: Ungdomens hus",
    ]

    # The manager sees what waits for them, and can decide right there.
    answer = await command(bot, MANAGER, "/mina-konton")
    assert "ansökan från Anna Andersson" in json.dumps(answer["blocks"], ensure_ascii=False)
    assert await press(bot, MANAGER, answer, "opening.approve") == T.APPROVED_NOTICE.format(
        name="Ungdomens hus"
    )
    # Someone with nothing sees a friendly hint.
    answer = await command(bot, OUTSIDER, "/mina-konton")
    assert slack_text(T.MINE_EMPTY) in json.dumps(answer["blocks"], ensure_ascii=False)


async def test_app_home_shows_the_same_and_refreshes_after_a_press(bot, fake_slack) -> None:
    await _active_and_pending(bot, fake_slack)
    await bot.slack.event({"type": "app_home_opened", "user": BO, "tab": "home", "channel": "D1"})
    home = fake_slack.calls_to("views.publish")[-1].args
    assert home["user_id"] == BO
    text = json.dumps(home["view"]["blocks"], ensure_ascii=False)
    assert "Forshaga bibliotek" in text and "Svara på nomineringen" in text
    accept = next(b for b in buttons(home["view"]) if b["action_id"].startswith("opening.accept"))
    payload = {
        "type": "block_actions",
        "team": {"id": "T1"},
        "user": {"id": BO, "team_id": "T1"},
        "api_app_id": "A1",
        "trigger_id": "trig.home",
        "container": {"type": "view", "view_id": "VH"},
        "view": {"id": "VH", "type": "home", "blocks": home["view"]["blocks"]},
        "actions": [{"type": "button", "action_id": accept["action_id"], "value": accept["value"],
                     "block_id": "b", "action_ts": "1.1"}],
    }  # fmt: skip
    published = len(fake_slack.calls_to("views.publish"))
    status, _ = await bot.slack.interactive(payload)
    assert status == 200
    assert len(fake_slack.calls_to("views.publish")) == published + 1
    text = json.dumps(fake_slack.calls_to("views.publish")[-1].args["view"], ensure_ascii=False)
    assert "Svara på nomineringen" not in text


async def test_kontoregister_is_for_communicators_only(bot, fake_slack) -> None:
    await _active_and_pending(bot, fake_slack)
    for user in (APPLICANT, MANAGER, OUTSIDER):
        _status, body = await bot.slack.command(user, "/kontoregister")
        assert body == texts.common.COMMUNICATORS_ONLY
    answer = await command(bot, COMMUNICATOR, "/kontoregister")
    text = json.dumps(answer["blocks"], ensure_ascii=False)
    assert "2 konton: 1 aktivt, 1 väntande." in text
    # Active, but nobody has confirmed the login yet: it needs attention, and says why.
    assert "Forshaga bibliotek" in text and "har bekräftat inloggningen" in text
    only_pending = await command(bot, COMMUNICATOR, "/kontoregister", "väntande")
    text = json.dumps(only_pending["blocks"], ensure_ascii=False)
    assert "Forshaga bibliotek" not in text and "1 väntande ansökan" in text
    assert "Ungdomens hus* (TikTok) · Väntar · Fritidsgården" in text


async def test_communicators_act_on_pending_applications_from_the_register(bot, fake_slack) -> None:
    await _active_and_pending(bot, fake_slack)
    await press(bot, MANAGER, find(dms(fake_slack, MANAGER), "opening.approve"), "opening.approve")
    answer = await command(bot, COMMUNICATOR, "/kontoregister", "väntande")
    assert [b["text"]["text"] for b in buttons(answer)] == [
        "Förankra: Ungdomens hus",
        "Begär komplettering: Ungdomens hus",
    ]
    await press(bot, COMMUNICATOR, answer, "opening.anchor")
    await bot.dispatch()
    # The channel card shows it too (updated in place).
    card = updates_in(fake_slack, "CKOMM")[-1]
    assert "Förankrad av Kim Kommunikatör" in json.dumps(card["blocks"], ensure_ascii=False)


async def test_hjalp_without_a_ring_reaches_the_help(bot, fake_slack) -> None:
    add_people(fake_slack)
    answer = await command(bot, OUTSIDER, "/hjalp")
    text = json.dumps(answer["blocks"], ensure_ascii=False)
    for name in ("nytt-konto", "mina-konton"):
        assert name in text
    assert "kontoregister" not in text  # for communicators: not shown to others


async def test_export_accounts_as_csv(bot, fake_slack, tmp_path, monkeypatch) -> None:
    await _active_and_pending(bot, fake_slack)
    monkeypatch.setenv("DATABASE_URL", bot.database_url)
    monkeypatch.chdir(tmp_path)  # no stray .env
    target = tmp_path / "konton.csv"
    assert main(["export", "accounts", "--format", "csv", "--output", str(target)]) == 0
    rows = list(csv.DictReader(io.StringIO(target.read_text(encoding="utf-8"))))
    assert [r["konto"] for r in rows] == ["Forshaga bibliotek", "Ungdomens hus"]
    active, pending = rows
    assert active["status"] == "Aktivt" and active["plattform"] == "Instagram"
    assert active["administratörer"] == "Anna Andersson, Bo Berg"
    assert active["tjänstekonto"] == "@forshagabibliotek"
    assert active["uppgifter förvaras"] == "Bitwarden"
    assert active["aktivt sedan"] == "2026-12-01 09:00"
    assert pending["status"] == "Väntar" and pending["nominerade"] == "Bo Berg"
    assert pending["förankrad"] == "" and pending["verksamhet"] == "Fritidsgården"
    assert account_count(bot) == 2


def account_count(bot) -> int:  # type: ignore[no-untyped-def]
    from sqlmodel import select

    from storage.models import Account

    with bot.core.session() as session:
        return len(session.exec(select(Account)).all())


async def test_withdrawn_application_is_listed_as_such(bot, fake_slack) -> None:
    add_people(fake_slack)
    await apply(bot, fake_slack)
    await bot.dispatch()
    await press(bot, APPLICANT, find(dms(fake_slack, APPLICANT), "opening.withdraw"),
                "opening.withdraw")  # fmt: skip
    assert account(bot).status == AccountStatus.WITHDRAWN
    answer = await command(bot, APPLICANT, "/mina-konton")
    text = json.dumps(answer["blocks"], ensure_ascii=False)
    assert "Forshaga bibliotek* (Instagram) – Dragen tillbaka" in text
    assert buttons(answer) == []


async def test_communicators_see_what_waits_for_them_on_their_home(bot, fake_slack) -> None:
    await _active_and_pending(bot, fake_slack)
    answer = await command(bot, COMMUNICATOR, "/mina-konton")
    assert "Väntar på kommunikatörerna" not in json.dumps(answer["blocks"], ensure_ascii=False)
    await press(bot, MANAGER, find(dms(fake_slack, MANAGER), "opening.approve"), "opening.approve")
    answer = await command(bot, COMMUNICATOR, "/mina-konton")
    text = json.dumps(answer["blocks"], ensure_ascii=False)
    assert "Väntar på kommunikatörerna" in text and "Förankra *Ungdomens hus*" in text
    assert await press(bot, COMMUNICATOR, answer, "opening.anchor") == T.ANCHORED_NOTICE.format(
        name="Ungdomens hus"
    )
    answer = await command(bot, COMMUNICATOR, "/mina-konton")
    assert "Lägg in tjänstekontot för *Ungdomens hus*" in json.dumps(
        answer["blocks"], ensure_ascii=False
    )


async def test_the_owner_is_offered_to_nominate_when_admins_are_missing(bot, fake_slack) -> None:
    add_people(fake_slack)
    await apply(bot, fake_slack)
    await bot.dispatch()
    await press(bot, BO, find(dms(fake_slack, BO), "opening.decline"), "opening.decline")
    answer = await command(bot, APPLICANT, "/mina-konton")
    text = json.dumps(answer["blocks"], ensure_ascii=False)
    assert "fler administratörer – 1 till behöver nomineras" in text
    assert [b["text"]["text"] for b in buttons(answer)] == [
        "Nominera administratör: Forshaga bibliotek",
        "Dra tillbaka ansökan: Forshaga bibliotek",
    ]
    await press(bot, APPLICANT, answer, "opening.renominate")
    assert last_view(fake_slack)["callback_id"] == "opening.nominate"


async def test_a_rejected_application_shows_the_reason(bot, fake_slack) -> None:
    add_people(fake_slack)
    await apply(bot, fake_slack)
    await bot.dispatch()
    await press(bot, MANAGER, find(dms(fake_slack, MANAGER), "opening.reject"), "opening.reject")
    await submit(bot, MANAGER, last_view(fake_slack), {"reason": "Inte i år."})
    answer = await command(bot, APPLICANT, "/mina-konton")
    text = json.dumps(answer["blocks"], ensure_ascii=False)
    assert "Avslagen" in text and "Skäl: Inte i år." in text
    assert buttons(answer) == []


async def test_a_long_register_stays_short_and_brings_the_whole_register_as_files(
    bot, fake_slack
) -> None:

    from storage.models import Account, AccountAdmin

    add_people(fake_slack)
    await apply(bot, fake_slack)  # one pending application, through the flow
    with bot.core.session() as session:
        owner = find_by_identity(session, "slack", APPLICANT)
        assert owner is not None
        for number in range(60):
            active = Account(
                platform="facebook", name=f"Aktivt konto nummer {number:02d}",
                unit="Verksamhet " * 5, purpose="p", audience="a", resources="r",
                owner_id=owner.id, manager_id=owner.id, status=AccountStatus.ACTIVE,
                created_at=bot.clock.now(), activated_at=bot.clock.now(),
            )  # fmt: skip
            session.add(active)
            session.flush()
            session.add(
                AccountAdmin(account_id=active.id, person_id=owner.id, is_owner=True,
                             status="accepted", nominated_at=bot.clock.now())
            )  # fmt: skip
    answer = await command(bot, COMMUNICATOR, "/kontoregister")
    text = json.dumps(answer["blocks"], ensure_ascii=False)
    assert len(text) <= 2900
    assert "61 konton: 60 aktiva, 1 väntande." in text
    # Each active account lacks its second admin: the ten that need it most are named.
    assert "60 aktiva konton behöver åtgärd" in text
    assert text.count("Aktivt konto nummer") == 10
    assert "smbot export" not in text  # no command-line hint: the files come in the chat
    await bot.dispatch()
    files = fake_slack.shared_files("D" + COMMUNICATOR)
    assert [f["title"] for f in files] == [
        "kontoregister-2026-12-01.csv",
        "kontoregister-2026-12-01.xlsx",
    ]
    assert files[0]["content"].decode().count("Aktivt konto nummer") == 60
