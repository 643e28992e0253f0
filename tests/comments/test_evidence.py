"""Illegal content: the category, an evidence record with its SHA-256 saved first, only then
**Borttaget**; communicators told; a police-report number later; evidence read only by the
account's admins and communicators."""

from __future__ import annotations

import hashlib
import json

from sqlmodel import select

from bot.rules.evidence import canonical_json, record_sha256, verify
from storage.models import AuditEntry, Comment, CommentStatus, Escalation, Evidence
from tests.support.comments_support import (
    VISITOR,
    add_communicator,
    alerted_comment,
    at,
    button_labels,
    notices,
    opened_views,
    person,
    updates_to,
)
from tests.support.harness import COMMUNICATORS_CHANNEL
from tests.support.slack_requests import select_value, text_value, user_value

COMMENT_ID = "555000111_700001"
THREAT = "Jag vet var du bor och jag kommer dit i kväll."


async def alerted(bot, fake_slack) -> tuple[int, dict]:  # type: ignore[no-untyped-def]
    return await alerted_comment(bot, fake_slack, COMMENT_ID, THREAT)


async def press(bot, user: str, action: str, value: int | str, channel: str = "C0GEN"):  # type: ignore[no-untyped-def]
    # Pressed by action id directly: the server must check, whatever a client shows.
    return await bot.slack.press(user, f"{action}|0", str(value), channel=channel)


async def save_evidence(bot, fake_slack, comment_id: int, user: str = "UANNA") -> Evidence:  # type: ignore[no-untyped-def]
    fake_slack.calls[:] = [c for c in fake_slack.calls if c.method != "views.open"]
    await press(bot, user, "comments.illegal", comment_id)
    [view] = opened_views(fake_slack)
    await bot.slack.submit(user, view, {"category": select_value("olaga_hot")})
    with bot.core.session() as session:
        return session.exec(select(Evidence)).one()


def comment(bot, comment_id: int) -> Comment:  # type: ignore[no-untyped-def]
    with bot.core.session() as session:
        return session.get(Comment, comment_id)


async def test_removal_is_refused_until_evidence_exists(bot, fake_slack) -> None:
    comment_id, alert = await alerted(bot, fake_slack)
    assert "Markera som borttagen" not in button_labels(alert)
    await press(bot, "UANNA", "comments.removed", comment_id)
    assert notices(fake_slack, "UANNA")[-1].startswith("Spara bevis först")
    assert comment(bot, comment_id).status == CommentStatus.OPEN
    with bot.core.session() as session:
        assert session.exec(select(Evidence)).all() == []


async def test_evidence_is_saved_with_its_checksum_then_removal_is_allowed(bot, fake_slack) -> None:
    comment_id, _alert = await alerted(bot, fake_slack)
    add_communicator(fake_slack)
    bot.clock.set(at(2026, 12, 2, 10, 15))
    await press(bot, "UANNA", "comments.illegal", comment_id)
    [view] = opened_views(fake_slack)
    assert view["callback_id"] == "comments.illegal"
    options = [o["text"]["text"] for o in view["blocks"][1]["element"]["options"]]
    assert options[:2] == ["Olaga hot", "Hets mot folkgrupp"] and len(options) == 8
    status, body = await bot.slack.submit("UANNA", view, {"category": select_value("")})
    assert json.loads(body)["errors"] == {"category": "Välj en kategori."}
    status, body = await bot.slack.submit("UANNA", view, {"category": select_value("olaga_hot")})
    assert status == 200

    with bot.core.session() as session:
        evidence = session.exec(select(Evidence)).one()
    record = evidence.record
    assert record["text"] == THREAT
    assert record["author_name"] == VISITOR["name"] and record["author_id"] == VISITOR["id"]
    assert record["author_profile"] == f"https://www.facebook.com/{VISITOR['id']}"
    assert record["external_id"] == COMMENT_ID and record["platform"] == "facebook"
    assert record["permalink"].endswith("comment_id=700001")
    assert record["parent_external_id"] and record["post_external_id"]
    assert record["created_time"] == "2026-12-01T07:30:00+00:00"
    assert record["captured_at"] == "2026-12-02T09:15:00+00:00"
    assert record["captured_by_name"] == "Anna Andersson"
    # Anyone can recompute the checksum from the stored record.
    recomputed = hashlib.sha256(
        json.dumps(record, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()
    ).hexdigest()
    assert evidence.sha256 == recomputed == record_sha256(record)
    assert comment(bot, comment_id).status == CommentStatus.ILLEGAL

    await bot.dispatch()
    told = [m for m in fake_slack.messages_to(COMMUNICATORS_CHANNEL) if "Olagligt" in m["text"]]
    assert all(m["text"].startswith("Eskalering: Olagligt innehåll") for m in told)
    assert len(told) == 1 and "Olaga hot" in told[0]["text"]
    assert THREAT not in json.dumps(told[0], ensure_ascii=False)
    [update] = updates_to(fake_slack, "DUANNA")
    assert button_labels(update) == [
        "Diarieför",
        "Markera som borttagen",
        "Polisanmälan",
        "Visa bevis",
    ]

    # No reply is owed to illegal content: no overdue escalation at the deadline; but it
    # was not removed within two office hours of the evidence (issue 9): that is escalated.
    await bot.tick(at(2026, 12, 2, 17, 0))
    with bot.core.session() as session:
        kinds = session.exec(select(Escalation.kind)).all()
    assert kinds == ["illegal-content", "illegal-not-removed"]

    await press(bot, "UANNA", "comments.illegal", comment_id)
    assert notices(fake_slack, "UANNA")[-1].startswith("Bevis är redan sparat")
    await press(bot, "UBO", "comments.removed", comment_id)
    removed = comment(bot, comment_id)
    assert removed.status == CommentStatus.REMOVED and removed.removed_by_id is not None
    await press(bot, "UANNA", "comments.removed", comment_id)
    assert (
        notices(fake_slack, "UANNA")[-1]
        == "Kommentaren är redan markerad som borttagen – inget ändrades."
    )
    with bot.core.session() as session:
        actions = session.exec(select(AuditEntry.action).order_by(AuditEntry.id)).all()
    assert actions.index("comment.evidence_saved") < actions.index("comment.removed")


async def test_police_report_number_is_added_later_outside_the_hashed_record(
    bot, fake_slack
) -> None:
    comment_id, _ = await alerted(bot, fake_slack)
    evidence = await save_evidence(bot, fake_slack, comment_id)
    fake_slack.clear()
    await press(bot, "UANNA", "comments.police", comment_id)
    [view] = opened_views(fake_slack)
    _status, body = await bot.slack.submit("UANNA", view, {"number": text_value("")})
    assert json.loads(body)["errors"] == {"number": "Skriv anmälans nummer."}
    await bot.slack.submit("UANNA", view, {"number": text_value("5000-K123456-26")})
    with bot.core.session() as session:
        stored = session.get(Evidence, evidence.id)
    assert stored.police_report_number == "5000-K123456-26"
    assert stored.record == evidence.record and verify(stored.record, stored.sha256)
    await press(bot, "UBO", "comments.police", comment_id)
    assert notices(fake_slack, "UBO")[-1].startswith(
        "Ett polisanmälningsnummer är redan registrerat"
    )


async def test_only_admins_and_communicators_read_evidence(bot, fake_slack) -> None:
    add_communicator(fake_slack)  # before anyone acts: the directory caches the channel
    comment_id, _alert = await alerted(bot, fake_slack)
    evidence = await save_evidence(bot, fake_slack, comment_id)
    fake_slack.add_user("UOLLE", "Olle Obehörig")
    # Someone the comment was forwarded to may handle it, but not read evidence.
    person(bot, fake_slack, "UCARL", "Carl Cirkulation")
    with bot.core.session() as session:
        row = session.get(Comment, comment_id)
        row.forwarded_to_id = session.exec(select(AuditEntry.id).limit(1)).first() and _person_id(
            session, "UCARL"
        )
        session.add(row)

    for user in ("UOLLE", "UCARL"):
        _status, body = await bot.slack.command(user, "/bevis", str(evidence.id))
        assert body == (
            "Bara kontots administratörer och kommunikatörerna kan läsa och hantera bevis."
        )
        await press(bot, user, "comments.evidence", evidence.id)
        await press(bot, user, "comments.police", comment_id)
        assert (
            notices(fake_slack, user)[-2:]
            == ["Bara kontots administratörer och kommunikatörerna kan läsa och hantera bevis."] * 2
        )
    for user in ("UBO", "UKOMM"):
        _status, body = await bot.slack.command(user, "/bevis", str(evidence.id))
        shown = json.loads(body)
        assert THREAT in json.dumps(shown, ensure_ascii=False)
        assert evidence.sha256 in json.dumps(shown)
        # Times in local time as everywhere else, with the UTC time that was hashed beside.
        assert "(UTC " in json.dumps(shown, ensure_ascii=False)
        assert "+00:00" not in json.dumps(shown)
    _status, body = await bot.slack.command("UBO", "/bevis", "999")
    assert body == "Beviset finns inte."
    with bot.core.session() as session:
        viewed = session.exec(
            select(AuditEntry).where(AuditEntry.action == "evidence.viewed")
        ).all()
    assert len(viewed) == 2


def _person_id(session, slack_id: str) -> int:  # type: ignore[no-untyped-def]
    from bot.people import find_by_identity

    person = find_by_identity(session, "slack", slack_id)
    assert person is not None and person.id is not None
    return person.id


def test_canonical_json_is_stable_and_unicode() -> None:
    record = {"b": "ö", "a": [1, None], "c": {"y": 1, "x": 2}}
    assert canonical_json(record) == '{"a":[1,null],"b":"ö","c":{"x":2,"y":1}}'.encode()
    assert record_sha256(record) == record_sha256(dict(reversed(record.items())))
    assert not verify({**record, "b": "o"}, record_sha256(record))


async def test_forwarded_person_can_capture_evidence(bot, fake_slack) -> None:
    comment_id, _alert = await alerted(bot, fake_slack)
    person(bot, fake_slack, "UCARL", "Carl Cirkulation")
    await press(bot, "UANNA", "comments.forward", comment_id, channel="DUANNA")
    [view] = opened_views(fake_slack)
    await bot.slack.submit("UANNA", view, {"person": user_value("UCARL")})
    evidence = await save_evidence(bot, fake_slack, comment_id, user="UCARL")
    assert evidence.record["captured_by_name"] == "Carl Cirkulation"
