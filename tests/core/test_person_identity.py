"""People by platform identity: matching across tools, and two first requests racing."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from alembic import command
from sqlalchemy import event
from sqlmodel import Session, select

from bot import people
from storage.db import make_engine, session_scope
from storage.migrate import alembic_config, upgrade
from storage.models import Person, PersonIdentity

NOW = datetime(2026, 12, 1, 8, 0, tzinfo=UTC)


def test_the_same_person_across_tools_by_aad_id_or_email(database_url: str) -> None:
    upgrade(database_url)
    engine = make_engine(database_url)
    with session_scope(engine) as session:
        picked = people.get_or_create(session, "aad", "AAD-1", NOW, home_platform="teams")
        anna = people.get_or_create(
            session, "teams", "29:anna", NOW, name="Anna", email="Anna@X.se", also={"aad": "AAD-1"}
        )
        from_slack = people.get_or_create(session, "slack", "UANNA", NOW, email="anna@x.se")
        assert picked.id == anna.id == from_slack.id and anna.id is not None
        assert (anna.home_platform, anna.email) == ("teams", "anna@x.se")
        assert people.identities_of(session, anna.id) == {
            "aad": "AAD-1",
            "teams": "29:anna",
            "slack": "UANNA",
        }
        assert people.identity_of(session, anna.id, "slack") == "UANNA"
        assert people.identity_of(session, anna.id, "telegram") is None
        assert people.find_by_identity(session, "telegram", "42") is None
        assert people.named_communicator(session, ["29:ANNA"], anna)
        assert people.named_communicator(session, ["anna@x.se"], anna)
        assert not people.named_communicator(session, ["someone@x.se"], anna)
    engine.dispose()


def test_two_first_requests_racing_make_one_person(database_url: str) -> None:
    """Issue 13 item 8: the loser of the race adopts the winner's person, no IntegrityError."""
    upgrade(database_url)
    engine = make_engine(database_url)
    rival_done = False

    def rival_commits_first(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        # The other replica saves the same new user between our look-up and our insert.
        nonlocal rival_done
        if rival_done or not statement.startswith("INSERT INTO person "):
            return
        rival_done = True
        with session_scope(engine) as rival:
            people.get_or_create(rival, "slack", "UNEW", NOW, name="Rival")

    event.listen(engine, "before_cursor_execute", rival_commits_first)
    with session_scope(engine) as session:
        mine = people.get_or_create(session, "slack", "UNEW", NOW, name="Ny Person")
    event.remove(engine, "before_cursor_execute", rival_commits_first)
    with Session(engine) as session:
        everyone = session.exec(select(Person)).all()
        identities = session.exec(select(PersonIdentity)).all()
    engine.dispose()
    assert rival_done
    assert [p.id for p in everyone] == [mine.id]
    assert [(i.person_id, i.platform, i.external_id) for i in identities] == [
        (mine.id, "slack", "UNEW")
    ]


def test_migration_moves_the_columns_into_identities_and_back(database_url: str) -> None:
    config = alembic_config(database_url)
    command.upgrade(config, "0008")
    engine = make_engine(database_url)
    insert = sa.text(
        "INSERT INTO person (name, title, email, slack_user_id, teams_user_id, aad_object_id,"
        " home_platform, created_at) VALUES (:name, '', NULL, :slack, :teams, :aad, 'slack', :at)"
    )
    with engine.begin() as connection:
        connection.execute(insert, dict(name="A", slack="UA", teams=None, aad=None, at=NOW))
        connection.execute(insert, dict(name="B", slack="UB", teams="29:b", aad="AAD-B", at=NOW))
    command.upgrade(config, "0009_person_identity")
    with engine.connect() as connection:
        rows = connection.execute(
            sa.text(
                "SELECT p.name, i.platform, i.external_id FROM person_identity i"
                " JOIN person p ON p.id = i.person_id"
            )
        ).all()
    assert sorted(map(tuple, rows)) == [
        ("A", "slack", "UA"),
        ("B", "aad", "AAD-B"),
        ("B", "slack", "UB"),
        ("B", "teams", "29:b"),
    ]
    command.downgrade(config, "0008")
    with engine.connect() as connection:
        back = connection.execute(
            sa.text("SELECT name, slack_user_id, teams_user_id, aad_object_id FROM person")
        ).all()
    engine.dispose()
    assert sorted(map(tuple, back)) == [("A", "UA", None, None), ("B", "UB", "29:b", "AAD-B")]
