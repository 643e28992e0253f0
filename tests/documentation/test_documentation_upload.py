"""Screenshot uploads end to end: /skarmdump, a file shared in the DM, the archive, the deadline."""

from __future__ import annotations

import hashlib
import json
from datetime import date, datetime

import pytest
from sqlmodel import select

from bot.command_refs import cmd
from bot.flows.documentation import schedule
from handlers.slack.listeners.files import settle
from storage.models import Account, AuditEntry, DocumentationFile, Escalation, EscalationStatus
from tests.conftest import STOCKHOLM
from tests.support.docs_support import (
    MORNING_DM,
    PDF,
    PNG,
    active_account,
    bot_fixture,
    channel_posts,
    communicator,
    dms,
    everything,
    library_team,
    person,
    running_bot,
    share_file,
)
from tests.support.slack_requests import select_value

MAY_2026 = datetime(2026, 5, 20, 10, 0, tzinfo=STOCKHOLM)


bot = bot_fixture()


@pytest.fixture
def library(bot) -> dict[str, int]:  # type: ignore[no-untyped-def]
    """Anna (owner) and Bertil run the library's account, activated 2026-05-20."""
    return library_team(bot, MAY_2026)


def answers(fake_slack, user: str) -> list[str]:  # type: ignore[no-untyped-def]
    """What the bot said in the user's DM (upload receipts and refusals)."""
    return [
        everything(call.args)
        for call in fake_slack.calls_to("chat.postMessage")
        if call.args.get("channel") in ("D" + user, user)
        and not call.args["text"].startswith(MORNING_DM)
    ]


def archived(bot) -> list[DocumentationFile]:  # type: ignore[no-untyped-def]
    with bot.core.session() as session:
        return list(session.exec(select(DocumentationFile)).all())


async def test_upload_is_archived_with_checksum_and_moves_the_deadline(
    bot, fake_slack, library, tmp_path
) -> None:
    status, body = await bot.slack.command("U1", "/skarmdump")
    assert status == 200
    shown = json.loads(body)
    assert "Ladda upp skärmdumpar för Forshaga bibliotek" in shown["text"]
    assert "2026-11-20" in str(shown["blocks"])  # the current due date

    fake_slack.add_file("F1", PNG, "Skärmavbild 2026-12-01 kl. 09.00.png", "image/png")
    assert await share_file(bot, "U1", "F1") == 200

    assert [c.args["file"] for c in fake_slack.calls_to("files.info")] == ["F1"]
    assert fake_slack.downloads == [("F1", "Bearer xoxb-test")]
    digest = hashlib.sha256(PNG).hexdigest()
    [row] = archived(bot)
    assert (row.sha256, row.size, row.uploader_id) == (digest, len(PNG), library["anna"])
    assert row.content_type == "image/png"
    name = "Skarmavbild_2026-12-01_kl_09_00.png"
    assert row.path == f"{library['account']}/2026-12-01_{digest[:12]}_{name}"
    stored = tmp_path / "archive" / row.path
    assert hashlib.sha256(stored.read_bytes()).hexdigest() == digest

    [receipt] = answers(fake_slack, "U1")
    assert "Arkiverad" in receipt and digest in receipt and "2027-06-01" in receipt
    with bot.core.session() as session:
        account = session.get(Account, library["account"])
        assert schedule.due_date(session, bot.core, account) == date(2027, 6, 1)
        audit = session.exec(
            select(AuditEntry).where(AuditEntry.action == "documentation.archived")
        ).one()
    assert audit.actor_id == library["anna"] and audit.detail["sha256"] == digest

    # Slack also sends a message event for the same upload: the file is handled once.
    event = {
        "type": "message",
        "subtype": "file_share",
        "channel": "DU1",
        "channel_type": "im",
        "user": "U1",
        "files": [{"id": "F1"}],
        "ts": "1700000001.000100",
    }
    assert (await bot.slack.event(event))[0] == 200
    await settle()
    assert len(archived(bot)) == 1 and len(answers(fake_slack, "U1")) == 1


async def test_overdue_escalation_is_resolved_by_the_upload(bot, fake_slack, library) -> None:
    await bot.tick(datetime(2026, 12, 1, 9, 0, tzinfo=STOCKHOLM))  # due 2026-11-20: overdue
    [escalation] = [m for m in channel_posts(fake_slack) if "dokumentation" in m["text"]]
    await bot.slack.command("U2", "/skarmdump")
    fake_slack.add_file("F9", PDF, "profil.pdf", "application/pdf")
    await share_file(bot, "U2", "F9")
    await bot.dispatch()
    with bot.core.session() as session:
        row = session.exec(
            select(Escalation).where(Escalation.kind == "documentation-overdue")
        ).one()
    assert row.status == EscalationStatus.RESOLVED
    update = fake_slack.calls_to("chat.update")[-1].args
    assert update["ts"] and "skärmdumpar har laddats upp" in str(update["blocks"])
    assert escalation["text"].splitlines()[0] in update["text"]  # the same escalation, edited
    # The next morning: documented, so nothing more about it.
    fake_slack.clear()
    await bot.tick(datetime(2026, 12, 2, 9, 0, tzinfo=STOCKHOLM))
    assert dms(fake_slack, "U1") == [] and dms(fake_slack, "U2") == []


async def test_several_accounts_pick_one_in_a_form(bot, fake_slack, library) -> None:
    second = active_account(
        bot,
        owner=library["anna"],
        admins=[library["bertil"]],
        manager=library["chef"],
        activated_at=MAY_2026,
        name="Forshaga simhall",
        platform="instagram",
    )
    await bot.slack.command("U1", "/skarmdump")
    view = fake_slack.calls_to("views.open")[-1].args["view"]
    assert view["callback_id"] == "documentation.pick"
    labels = [o["text"]["text"] for o in view["blocks"][1]["element"]["options"]]
    assert labels == ["Forshaga bibliotek (Facebook)", "Forshaga simhall (Instagram)"]
    status, _ = await bot.slack.submit("U1", view, {"account": select_value(str(second))})
    assert status == 200
    assert "Forshaga simhall" in answers(fake_slack, "U1")[-1]
    fake_slack.add_file("F2", PNG, "simhall.png", "image/png")
    await share_file(bot, "U1", "F2")
    assert [f.account_id for f in archived(bot)] == [second]


async def test_the_reminder_button_starts_an_upload_only_for_the_accounts_admins(
    bot, fake_slack, library
) -> None:
    outsider = "UX"
    person(bot, outsider, "Olle Obehörig")
    value = str(library["account"])
    await bot.slack.press(outsider, "documentation.upload|0", value, channel="DUX")
    refusal = fake_slack.calls_to("chat.postEphemeral")[-1].args
    assert refusal["user"] == outsider and "administratör" in refusal["text"]
    fake_slack.add_file("F3", PNG, "x.png", "image/png")
    await share_file(bot, outsider, "F3")
    assert "Skriv */skarmdump* först" in answers(fake_slack, outsider)[-1]
    assert fake_slack.downloads == [] and archived(bot) == []

    await bot.slack.press("U2", "documentation.upload|0", value, channel="DU2")
    # A message answering a press in her DM stays in that conversation (through the outbox).
    assert "Ladda upp skärmdumpar" in fake_slack.messages_to("DU2")[-1]["text"]
    fake_slack.add_file("F4", PNG, "y.png", "image/png")
    await share_file(bot, "U2", "F4")
    assert [f.uploader_id for f in archived(bot)] == [library["bertil"]]


async def test_a_communicator_may_document_any_account(bot, fake_slack, library) -> None:
    communicator(bot)
    _, body = await bot.slack.command("UKOMM", "/skarmdump")
    assert "Forshaga bibliotek" in json.loads(body)["text"]
    fake_slack.add_file("F5", PNG, "k.png", "image/png")
    await share_file(bot, "UKOMM", "F5")
    assert len(archived(bot)) == 1


async def test_an_outsider_has_nothing_to_document(bot, fake_slack, library) -> None:
    person(bot, "UX", "Olle Obehörig")
    _, body = await bot.slack.command("UX", "/skarmdump")
    assert "inte administratör" in body


async def test_an_admin_who_stepped_down_can_no_longer_upload(bot, fake_slack, library) -> None:
    await bot.slack.command("U2", "/skarmdump")
    from storage.models import AccountAdmin, AdminStatus

    with bot.core.session() as session:
        row = session.exec(
            select(AccountAdmin).where(AccountAdmin.person_id == library["bertil"])
        ).one()
        row.status = AdminStatus.REMOVED
        session.add(row)
    fake_slack.add_file("F6", PNG, "z.png", "image/png")
    await share_file(bot, "U2", "F6")
    assert (
        "bara ladda upp skärmdumpar för konton där du är administratör"
        in answers(fake_slack, "U2")[-1]
    )
    assert archived(bot) == []


async def test_wrong_types_are_refused(bot, fake_slack, library, tmp_path) -> None:
    await bot.slack.command("U1", "/skarmdump")
    # Declared as a program: refused without even downloading it.
    fake_slack.add_file("FEXE", b"MZ\x90\x00", "setup.exe", "application/x-msdownload")
    await share_file(bot, "U1", "FEXE")
    assert fake_slack.downloads == []
    # Named like a picture, but the bytes are not one.
    fake_slack.add_file("FFAKE", b"<html>not an image</html>", "bild.png", "image/png")
    await share_file(bot, "U1", "FFAKE")
    assert [d[0] for d in fake_slack.downloads] == ["FFAKE"]
    refusals = answers(fake_slack, "U1")
    assert len(refusals) == 2
    assert all("varken en bild" in text for text in refusals)
    assert archived(bot) == []
    assert not (tmp_path / "archive").exists() or not any((tmp_path / "archive").rglob("*.*"))


async def test_traversal_names_stay_inside_the_archive(bot, fake_slack, library, tmp_path) -> None:
    await bot.slack.command("U1", "/skarmdump")
    for index, name in enumerate(["../../../etc/passwd.png", "..\\..\\win.pdf", "/abs/.x.png"]):
        content = (PNG if name.endswith(".png") else PDF) + bytes([index])
        fake_slack.add_file(f"FT{index}", content, name, "")
        await share_file(bot, "U1", f"FT{index}")
    rows = archived(bot)
    assert [r.filename for r in rows] == ["passwd.png", "win.pdf", "x.png"]
    root = (tmp_path / "archive").resolve()
    files = [p for p in root.rglob("*") if p.is_file()]
    assert len(files) == 3
    assert all(p.parent == root / str(library["account"]) for p in files)
    assert not (tmp_path / "etc").exists()
    assert all(".." not in r.path and not r.path.startswith("/") for r in rows)


async def test_the_same_file_is_archived_once(bot, fake_slack, library, tmp_path) -> None:
    await bot.slack.command("U1", "/skarmdump")
    fake_slack.add_file("FA", PNG, "a.png", "image/png")
    fake_slack.add_file("FB", PNG, "same-again.png", "image/png")
    await share_file(bot, "U1", "FA")
    await share_file(bot, "U1", "FB")
    assert len(archived(bot)) == 1
    assert "Redan arkiverad" in answers(fake_slack, "U1")[-1]
    assert len([p for p in (tmp_path / "archive").rglob("*") if p.is_file()]) == 1


async def test_a_retried_event_archives_once(bot, fake_slack, library) -> None:
    await bot.slack.command("U1", "/skarmdump")
    fake_slack.add_file("FR", PNG, "r.png", "image/png")
    await share_file(bot, "U1", "FR", event_id="EvFILE")
    await share_file(bot, "U1", "FR", event_id="EvFILE")
    assert len(fake_slack.calls_to("files.info")) == 1
    assert len(archived(bot)) == 1


async def test_the_upload_request_expires(bot, fake_slack, library, clock) -> None:
    await bot.slack.command("U1", "/skarmdump")
    clock.set(datetime(2026, 12, 2, 9, 1, tzinfo=STOCKHOLM))  # 24 h and a minute later
    fake_slack.add_file("FL", PNG, "late.png", "image/png")
    await share_file(bot, "U1", "FL")
    assert "Skriv */skarmdump* först" in answers(fake_slack, "U1")[-1]
    assert archived(bot) == []
    # A week after expiry the request is forgotten altogether.
    from storage.models import PendingUpload

    await bot.tick(datetime(2026, 12, 8, 9, 0, tzinfo=STOCKHOLM))
    with bot.core.session() as session:
        assert len(session.exec(select(PendingUpload)).all()) == 1
    await bot.tick(datetime(2026, 12, 9, 9, 2, tzinfo=STOCKHOLM))
    with bot.core.session() as session:
        assert session.exec(select(PendingUpload)).all() == []


@pytest.fixture
async def small_bot(database_url, fake_slack, clock, tmp_path):  # type: ignore[no-untyped-def]
    async with running_bot(
        database_url, fake_slack, clock, tmp_path, documentation_max_upload_bytes=2048
    ) as harness:
        yield harness


async def test_too_large_files_are_refused(small_bot, fake_slack) -> None:
    bot = small_bot
    anna = person(bot, "U1", "Anna Andersson")
    bertil = person(bot, "U2", "Bertil Berg")
    active_account(bot, owner=anna, admins=[bertil], manager=anna, activated_at=MAY_2026)
    await bot.slack.command("U1", "/skarmdump")
    big = PNG + b"\x00" * 4096
    # Slack says it is large: refused before downloading.
    fake_slack.add_file("FBIG", big, "big.png", "image/png", size=len(big))
    await share_file(bot, "U1", "FBIG")
    assert fake_slack.downloads == []
    # Slack's word was wrong: the download stops past the limit and it is refused all the same.
    fake_slack.add_file("FLIE", big + b"\x01", "lie.png", "image/png", size=100)
    await share_file(bot, "U1", "FLIE")
    assert [d[0] for d in fake_slack.downloads] == ["FLIE"]
    refusals = answers(fake_slack, "U1")
    assert len(refusals) == 2 and all("för stor" in text for text in refusals)
    with bot.core.session() as session:
        assert session.exec(select(DocumentationFile)).all() == []


async def test_the_core_takes_files_from_any_platform(bot, fake_slack, library, tmp_path) -> None:
    """What Teams calls with an attachment's bytes: no Slack involved."""
    from bot.flows.documentation import archive_upload, receive_upload

    with bot.core.session() as session:
        refused = receive_upload(session, bot.core, library["bertil"], "a.png", PNG)
        assert refused.file is None
        assert f"Skriv **{cmd('skarmdump')}** först" in (refused.reply.notice or "")
        outsider = archive_upload(
            session, bot.core, library["account"], library["chef"], "a.png", PNG, bot.core.now()
        )
        assert outsider.file is None and "administratör" in (outsider.reply.notice or "")
        done = archive_upload(
            session, bot.core, library["account"], library["bertil"], "a.png", PDF, bot.core.now()
        )
        assert done.file is not None and done.file.filename == "a.pdf"
    assert (tmp_path / "archive" / done.file.path).read_bytes() == PDF
    assert fake_slack.calls == []


async def test_an_unwritable_archive_is_reported_and_nothing_is_recorded(
    database_url, fake_slack, clock, tmp_path
) -> None:
    blocker = tmp_path / "not-a-directory"
    blocker.write_text("a file where the archive should be")
    async with running_bot(database_url, fake_slack, clock, tmp_path, archive_dir=blocker) as bot:
        anna = person(bot, "U1", "Anna Andersson")
        bertil = person(bot, "U2", "Bertil Berg")
        active_account(bot, owner=anna, admins=[bertil], manager=anna, activated_at=MAY_2026)
        await bot.slack.command("U1", "/skarmdump")
        fake_slack.add_file("FW", PNG, "w.png", "image/png")
        assert await share_file(bot, "U1", "FW") == 200
        assert "Något gick fel" in answers(fake_slack, "U1")[-1]
        with bot.core.session() as session:
            assert session.exec(select(DocumentationFile)).all() == []
            assert (
                session.exec(
                    select(AuditEntry).where(AuditEntry.action == "documentation.archived")
                ).all()
                == []
            )


async def test_the_bot_token_goes_only_to_slack(bot, fake_slack, library) -> None:
    await bot.slack.command("U1", "/skarmdump")
    elsewhere = fake_slack.url.replace("127.0.0.1", "localhost") + "/files/FEVIL"
    fake_slack.add_file("FEVIL", PNG, "e.png", "image/png", url_private_download=elsewhere)
    await share_file(bot, "U1", "FEVIL")
    assert fake_slack.downloads == []
    assert "kunde inte hämta" in answers(fake_slack, "U1")[-1]
    assert archived(bot) == []
