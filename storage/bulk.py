"""Insert thousands of rows a statement (a sweep's DMs, escalations, audit entries).

On PostgreSQL each column of a page of rows goes as one JSON array, `INSERT … SELECT …
FROM ROWS FROM (json_array_elements_text(:a), …)`: the statement text stays a few
hundred characters however many rows, so neither SQLAlchemy nor psycopg parses or binds
tens of thousands of placeholders (a 5,000-row multi-VALUES statement took psycopg ~0.4 s
to split and bind, per page; typed arrays, one per column, as long to escape in Python),
and the server parses each array once (one JSON document a row, read with `->>` per
column, took it ~0.4 s a page). Elsewhere (SQLite) one compiled INSERT is executed for
the rows (SQLAlchemy's insertmanyvalues).

Either way the rows are inserted in the order given (ids follow it: the audit chain is
walked in id order), a page of `PAGE` rows a statement, and with `conflict` a row whose
key is taken is skipped (`ON CONFLICT (…) DO NOTHING`), as one row's insert would.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import UTC
from typing import Any

from sqlalchemy import JSON, Date, DateTime, String, Table, TypeDecorator, insert, text
from sqlalchemy.dialects import postgresql
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.engine import Row
from sqlmodel import Session

from storage.models._types import UTCDateTime

# Rows a statement. At a morning DM's ~1 kB of payload, 5,000 rows are ~5 MB of
# parameters: few statements, and never a whole morning's payloads in memory at once.
PAGE = 5000


def insert_many(
    session: Session,
    table: Table,
    rows: Iterable[dict[str, Any]],
    *,
    conflict: Sequence[str] = (),
    returning: Sequence[str] = (),
) -> list[Row[Any]]:
    """Insert `rows` (dicts with the same keys) into `table`; the `returning` columns of
    the rows inserted (a row skipped on `conflict` returns nothing)."""
    connection = session.connection()
    postgres = connection.dialect.name == "postgresql"
    found: list[Row[Any]] = []
    for page in _pages(rows, PAGE):
        if postgres:
            statement, parameters = _from_json(table, page, conflict, returning)
            result = connection.execute(statement, parameters)
        else:
            result = connection.execute(_many(table, conflict, returning), page)
        if returning:
            found.extend(result.all())
    return found


def _from_json(
    table: Table, page: list[dict[str, Any]], conflict: Sequence[str], returning: Sequence[str]
) -> tuple[Any, dict[str, str]]:
    """`INSERT INTO t (a, b) SELECT … FROM ROWS FROM (json_array_elements_text(:a),
    json_array_elements_text(:b)) WITH ORDINALITY … ORDER BY n`: each column of the page
    as one JSON array (one parameter to bind; psycopg escapes each element of an array
    parameter in Python), each parsed once by the server. The ORDER BY makes the ids
    follow the rows' order."""
    dialect = postgresql.dialect()  # type: ignore[no-untyped-call]
    names = list(page[0])
    functions, selected, parameters = [], [], {}
    for i, name in enumerate(names):
        column = table.c[name]
        encode = _encoder(column)
        parameters[f"p{i}"] = json.dumps([encode(row[name]) for row in page])
        if isinstance(column.type, JSON):
            # Each element's own JSON text: json.dumps's, as SQLAlchemy's JSON type writes it.
            functions.append(f"json_array_elements(CAST(:p{i} AS JSON))")
            selected.append(f"CAST(r.c{i} AS {column.type.compile(dialect=dialect)})")
        elif isinstance(_base(column.type), String):
            # Text as it is: a value too long for the column fails on assignment, as in a
            # plain INSERT (a cast to VARCHAR(n) would cut it short).
            functions.append(f"json_array_elements_text(CAST(:p{i} AS JSON))")
            selected.append(f"r.c{i}")
        else:
            functions.append(f"json_array_elements_text(CAST(:p{i} AS JSON))")
            selected.append(f"CAST(r.c{i} AS {column.type.compile(dialect=dialect)})")
    aliases = ", ".join(f"c{i}" for i in range(len(names)))
    sql = (
        f"INSERT INTO {_quote(table.name)} ({', '.join(_quote(n) for n in names)}) "
        f"SELECT {', '.join(selected)} "
        f"FROM ROWS FROM ({', '.join(functions)}) WITH ORDINALITY AS r({aliases}, n) "
        "ORDER BY r.n"
    )
    if conflict:
        sql += f" ON CONFLICT ({', '.join(_quote(c) for c in conflict)}) DO NOTHING"
    if returning:
        sql += f" RETURNING {', '.join(_quote(c) for c in returning)}"
    return text(sql), parameters


def _base(type_: Any) -> Any:
    """The type under a TypeDecorator (SQLModel's AutoString is one over String)."""
    return type_.impl_instance if isinstance(type_, TypeDecorator) else type_


def _encoder(column: Any) -> Callable[[Any], Any]:
    """How a column's value goes into the page's JSON (text the cast reads back exactly)."""
    if isinstance(column.type, UTCDateTime):
        return _utc
    if isinstance(_base(column.type), (DateTime, Date)):
        return _iso
    return _same


def _many(table: Table, conflict: Sequence[str], returning: Sequence[str]) -> Any:
    """One compiled INSERT the driver executes for every row of a page (SQLite)."""
    statement: Any = sqlite_insert(table) if conflict else insert(table)
    if conflict:
        statement = statement.on_conflict_do_nothing(index_elements=list(conflict))
    if returning:
        statement = statement.returning(*(table.c[c] for c in returning))
    return statement.execution_options(insertmanyvalues_page_size=PAGE)


def _utc(value: Any) -> Any:
    if value is None:
        return None
    if value.tzinfo is None:
        raise ValueError("naive datetime given to a UTC column")
    return value.astimezone(UTC).isoformat()


def _iso(value: Any) -> Any:
    return None if value is None else value.isoformat()


def _same(value: Any) -> Any:
    return value


def _quote(name: str) -> str:
    return postgresql.dialect().identifier_preparer.quote(name)  # type: ignore[no-untyped-call]


def _pages(rows: Iterable[dict[str, Any]], size: int) -> Iterator[list[dict[str, Any]]]:
    page: list[dict[str, Any]] = []
    for row in rows:
        page.append(row)
        if len(page) == size:
            yield page
            page = []
    if page:
        yield page
