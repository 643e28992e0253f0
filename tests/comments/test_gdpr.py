"""`/gdpr` through the console backend: a communicator finds what smbot holds about one
commenter, gets it as files, and erases what may be erased; evidence and registered items
are kept with the reason; every step is audited without the name in the log."""

from __future__ import annotations

import json
from datetime import datetime

import pytest
from sqlmodel import select

from bot import router, texts
from bot.flows.comments import gdpr, names
from bot.flows.comments.intake import edited, removed_on_platform
from handlers.console.bot import ConsoleBot
from storage.models import (
    Comment,
    CommentStatus,
    CommentVersion,
    Escalation,
    EscalationStatus,
    Evidence,
    GdprRequest,
    OutboxMessage,
)
from tests.conftest import STOCKHOLM
from tests.support.console_accounts import active_account
from tests.support.console_backend import console_fixture
from tests.support.privacy_support import (
    OLLE,
    VERA,
    attachments,
    audit_entries,
    everything_stored,
    received,
)

P = texts.privacy
T = texts.comments
ACTIVATED = datetime(2026, 10, 1, 10, 0, tzinfo=STOCKHOLM)
ALERTED = datetime(2026, 12, 2, 9, 0, tzinfo=STOCKHOLM)
ORDINARY = "Varför är simhallen stängd på söndagar?"
ORDINARY_EDITED = "Varför är simhallen stängd på söndagar? Min son heter Kalle."
THREAT = "Jag vet var du bor, bibliotekarie."
REGISTERED = "Jag vill överklaga beslutet om bygglov."
OTHER = "Bra jobbat med julmarknaden!"

console = console_fixture()


@pytest.fixture
def found(console: ConsoleBot) -> dict[str, int]:
    """Vera wrote three comments (one edited), Olle one; all alerted on Wednesday morning.

    Anna saves evidence of the threat and registers the appeal; the question stays ordinary."""
    account_id = active_account(console, "Forshaga bibliotek", ["@anna", "@bo"], ACTIVATED)
    core = console.core
    ids = {
        "ordinary": received(core, account_id, "c-1", ORDINARY),
        "threat": received(core, account_id, "c-2", THREAT),
        "registered": received(core, account_id, "c-3", REGISTERED),
        "other": received(core, account_id, "c-4", OTHER, OLLE),
    }
    with core.session() as session:
        edited(session, core, account_id, "facebook", "c-1", ORDINARY_EDITED)
    console.tick(ALERTED)
    console.act("@anna", router.Press(names.ILLEGAL, str(ids["threat"])))
    console.fill("@anna", category="olaga_hot")
    console.act("@anna", router.Press(names.REGISTER, str(ids["registered"])))
    console.fill("@anna", diarienummer="BN 2026/314")
    return ids


def overview(console: ConsoleBot, handle: str, key: str):  # type: ignore[no-untyped-def]
    reply = console.say(handle, f"gdpr {key}")
    assert reply.message is not None, reply.notice
    return reply.message


def test_only_communicators_may_search(console: ConsoleBot, found: dict[str, int]) -> None:
    reply = console.say("@anna", "gdpr Vera Väljare")
    assert reply.message is None and reply.notice
    assert audit_entries(console.core, "gdpr.searched") == []
    with console.core.session() as session:
        assert session.exec(select(GdprRequest)).all() == []


def test_search_by_name_or_id_lists_each_item_and_what_erasure_does(
    console: ConsoleBot, found: dict[str, int]
) -> None:
    by_name = overview(console, "@kim", "VERA  väljare")
    by_id = overview(console, "@kim", VERA["id"])
    for message in (by_name, by_id):
        assert "3 kommentarer på 1 konto" in message.text
        assert f"Nr {found['ordinary']}, kommentar" in message.text
        assert f"Nr {found['other']}," not in message.text  # Olle's
        assert P.GDPR_FATE_ERASABLE in message.text
        assert P.GDPR_FATE_EVIDENCE in message.text
        assert P.GDPR_FATE_REGISTERED.format(number="BN 2026/314") in message.text
        assert P.GDPR_WHY_EVIDENCE in message.text and P.GDPR_WHY_REGISTERED in message.text
        assert ORDINARY not in message.text and THREAT not in message.text
        assert [b.label for b in message.buttons] == [P.GDPR_BUTTON_EXPORT, P.GDPR_BUTTON_ERASE]
    [first, second] = audit_entries(console.core, "gdpr.searched")
    # The key is kept as a digest: the same person by the same name gives the same value.
    assert first.detail["key_sha256"] == gdpr.key_digest("Vera Väljare")
    assert first.detail["matched_by"] == "name" and second.detail["matched_by"] == "id"
    assert first.detail["count"] == 3 and first.actor_id is not None
    assert sorted(first.detail["comment_ids"]) == sorted(
        found[k] for k in ("ordinary", "threat", "registered")
    )
    audit = json.dumps([e.detail for e in (first, second)], ensure_ascii=False)
    assert "Vera" not in audit and VERA["id"] not in audit


def test_nothing_found_is_said_and_audited(console: ConsoleBot, found: dict[str, int]) -> None:
    reply = console.say("@kim", "gdpr Nils Ingen")
    assert reply.notice == P.GDPR_NOTHING and reply.message is None
    [entry] = audit_entries(console.core, "gdpr.searched")
    assert entry.detail["count"] == 0 and entry.detail["matched_by"] == "none"
    assert console.say("@kim", "gdpr").notice == P.GDPR_USAGE


def test_the_export_holds_every_version_evidence_and_registration(
    console: ConsoleBot, found: dict[str, int]
) -> None:
    message = overview(console, "@kim", "Vera Väljare")
    assert console.press("@kim", P.GDPR_BUTTON_EXPORT).notice == P.GDPR_EXPORT_SENT
    [dm] = [m for m in console.inbox("@kim") if m.attachments]
    files = attachments(dm)
    stem = f"gdpr-{message.title.split()[2].rstrip(':')}"
    assert sorted(files) == [f"{stem}.json", f"{stem}.txt"]
    data = json.loads(next(v for k, v in files.items() if k.endswith(".json")))
    items = {item["id"]: item for item in data["items"]}
    assert sorted(items) == sorted(found[k] for k in ("ordinary", "threat", "registered"))
    ordinary = items[found["ordinary"]]
    assert [v["text"] for v in ordinary["versions"]] == [ORDINARY, ORDINARY_EDITED]
    assert ordinary["author_id"] == VERA["id"] and ordinary["text"] == ORDINARY_EDITED
    assert items[found["threat"]]["evidence"]["text"] == THREAT
    assert items[found["registered"]]["diarienummer"] == "BN 2026/314"
    text = next(v for k, v in files.items() if k.endswith(".txt"))
    assert "Vera Väljare" in text and ORDINARY in text and "BN 2026/314" in text
    assert P.GDPR_CHECK_BEFORE in text
    # A second press sends nothing twice.
    assert "redan" in (console.press("@kim", P.GDPR_BUTTON_EXPORT).notice or "")
    assert len([m for m in console.inbox("@kim") if m.attachments]) == 1
    [entry] = audit_entries(console.core, "gdpr.exported")
    assert entry.detail["count"] == 3

    # The files were for handing out: a week later the outbox holds no copy of them.
    console.tick(datetime(2026, 12, 9, 8, 59, tzinfo=STOCKHOLM))
    assert export_row(console).payload["attachments"]
    console.tick(datetime(2026, 12, 9, 9, 0, tzinfo=STOCKHOLM))
    assert export_row(console).payload["attachments"] == []
    assert dm.attachments  # what the communicator received stays theirs


def export_row(console: ConsoleBot) -> OutboxMessage:
    with console.core.session() as session:
        return session.exec(
            select(OutboxMessage).where(OutboxMessage.message_key.startswith("gdpr-export:"))
        ).one()


def test_erasure_removes_ordinary_items_and_keeps_evidence_and_registered(
    console: ConsoleBot, found: dict[str, int]
) -> None:
    overview(console, "@kim", "Vera Väljare")
    console.press("@kim", P.GDPR_BUTTON_EXPORT)
    alerts_before = [m for m in console.inbox("@anna") if ORDINARY in m.text]
    assert alerts_before  # the due-morning alert quoted the text

    notice = console.press("@kim", P.GDPR_BUTTON_ERASE).notice or ""
    assert f"Raderat: nr {found['ordinary']}." in notice
    assert f"nr {found['threat']} ({P.GDPR_FATE_EVIDENCE})" in notice

    with console.core.session() as session:
        erased = session.get(Comment, found["ordinary"])
        assert erased.text == "" and erased.author_name is None
        assert erased.author_external_id is None and erased.author_profile is None
        assert erased.erased_request_id is not None and erased.purged_at == ALERTED
        assert (
            session.exec(
                select(CommentVersion).where(CommentVersion.comment_id == found["ordinary"])
            ).all()
            == []
        )
        threat = session.get(Comment, found["threat"])
        registered = session.get(Comment, found["registered"])
        assert threat.text == THREAT and threat.author_name == VERA["name"]
        assert registered.text == REGISTERED and registered.purged_at is None
        assert session.exec(select(Evidence)).one().record["text"] == THREAT
        other = session.get(Comment, found["other"])
        assert other.text == OTHER and other.author_name == OLLE["name"]
    # The export's stored copy went with what it held.
    assert export_row(console).payload["attachments"] == []

    # Nothing of the erased texts is left anywhere in the database.
    stored = everything_stored(console.core)
    assert ORDINARY not in stored and "Kalle" not in stored
    assert THREAT in stored and REGISTERED in stored
    # Anna's alert about it now says it was erased (edited in place, not a new message).
    anna = console.inbox("@anna")
    assert not [m for m in anna if ORDINARY in m.text]
    assert any(m.text == P.ERASED_TEXT.format(when="2026-12-02 09:00") for m in anna)

    [entry] = audit_entries(console.core, "gdpr.erased")
    assert entry.detail == {
        "request_id": entry.detail["request_id"],
        "erased": [found["ordinary"]],
        "kept": sorted([str(found["threat"]), str(found["registered"])]),
    }
    # Meta reporting it deleted afterwards brings nothing back (its delivery names Vera).
    with console.core.session() as session:
        said = {"from": VERA, "verb": "remove"}
        account_id = session.get(Comment, found["ordinary"]).account_id
        assert not removed_on_platform(session, console.core, account_id, "facebook", "c-1", said)
    with console.core.session() as session:
        assert session.get(Comment, found["ordinary"]).deleted_on_platform_at is None
        assert not session.exec(
            select(CommentVersion).where(CommentVersion.comment_id == found["ordinary"])
        ).all()
    again = console.act("@kim", router.Press(gdpr.ERASE, str(entry.detail["request_id"])))
    assert "redan raderad" in (again.notice or "")
    assert len(audit_entries(console.core, "gdpr.erased")) == 1


def test_an_open_comment_is_closed_and_its_escalation_resolved_on_erasure(
    console: ConsoleBot,
) -> None:
    account_id = active_account(console, "Forshaga bibliotek", ["@anna", "@bo"], ACTIVATED)
    comment_id = received(console.core, account_id, "c-9", ORDINARY)
    console.tick(datetime(2026, 12, 2, 17, 5, tzinfo=STOCKHOLM))  # past its deadline
    with console.core.session() as session:
        [escalation] = session.exec(
            select(Escalation).where(Escalation.kind == "comment-overdue")
        ).all()
        assert escalation.status == EscalationStatus.OPEN
    overview(console, "@kim", VERA["id"])
    console.press("@kim", P.GDPR_BUTTON_ERASE)
    with console.core.session() as session:
        comment = session.get(Comment, comment_id)
        assert comment.status == CommentStatus.NO_REPLY_NEEDED and comment.text == ""
        assert session.get(Escalation, escalation.id).status == EscalationStatus.RESOLVED
    # Disposal later finds nothing left to purge in it.
    console.tick(datetime(2027, 4, 1, 9, 0, tzinfo=STOCKHOLM))
    assert audit_entries(console.core, "comments.purged") == []


def test_a_stranger_cannot_press_the_buttons(console: ConsoleBot, found: dict[str, int]) -> None:
    overview(console, "@kim", "Vera Väljare")
    with console.core.session() as session:
        request_id = session.exec(select(GdprRequest.id)).one()
    for action in (gdpr.EXPORT, gdpr.ERASE):
        reply = console.act("@anna", router.Press(action, str(request_id)))
        assert reply.notice
    assert audit_entries(console.core, "gdpr.exported") == []
    assert audit_entries(console.core, "gdpr.erased") == []
    assert ORDINARY_EDITED in everything_stored(console.core)
