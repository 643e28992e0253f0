"""`smbot` (also `python -m bot`): serve, migrate, tick, check-config, export."""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import IO, Any

from bot.app import create_core
from bot.clock import FixedClock
from bot.config import EnvSettings, Settings, check_all, mask_url_password, settings_classes
from bot.core import Core
from bot.guideline import Guideline, GuidelineError
from bot.guideline.words import rule_lines
from bot.logging_setup import AccessLog, configure_logging
from bot.platforms import COMMUNICATORS, Platform, load_platforms
from bot.registry import Registry
from storage.migrate import upgrade

log = logging.getLogger("smbot")


class CliError(Exception):
    """Something the operator must fix, said in one line; the command exits 2."""


def main(argv: list[str] | None = None) -> int:
    platforms = load_platforms()
    parser = build_parser(platforms)
    args = parser.parse_args(argv)
    try:
        code = _run(args, platforms)
        sys.stdout.flush()  # here, where a closed pipe is caught, not at interpreter exit
        return code
    except CliError as error:
        print(str(error), file=sys.stderr)
        return 2
    except BrokenPipeError:
        # `smbot … | head`: the reader left. Python would print a traceback on exit while
        # flushing stdout; point it at /dev/null instead (as the Python docs advise).
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 1


def _run(args: argparse.Namespace, platforms: list[Platform]) -> int:
    if args.run is run_check_config:
        return check_config(platforms)
    read, problems = check_all()
    if problems:
        for line in problems:
            print(line, file=sys.stderr)
        return 2
    settings = read[Settings]
    assert isinstance(settings, Settings)
    configure_logging(settings)
    try:
        return int(args.run(args, settings, platforms) or 0)
    except GuidelineError as error:
        # The bot must not run on a guideline it cannot read: say exactly what is wrong.
        print("smbot startar inte: riktlinjefilen har fel.", file=sys.stderr)
        for line in error.lines:
            print(line, file=sys.stderr)
        return 2


def upgraded_core(
    settings: Settings, clock: FixedClock | None = None, registry: Registry | None = None
) -> Core:
    """A core on a database brought up to date first, as `serve` does: every command that
    reads the database would otherwise fail on a fresh one (`no such table`)."""
    migrate_database(settings)
    return create_core(settings, clock, registry)


def migrate_database(settings: Settings) -> None:
    from sqlalchemy.exc import DBAPIError

    try:
        upgrade(settings.database_url)
    except (DBAPIError, OSError) as error:
        raise CliError(database_unreachable(settings, error)) from error


def database_unreachable(settings: Settings, error: BaseException) -> str:
    reason = str(getattr(error, "orig", None) or error).strip().splitlines()
    first = reason[0] if reason else type(error).__name__
    return (
        f"Databasen svarar inte (DATABASE_URL={mask_url_password(settings.database_url)}): {first}"
    )


@contextmanager
def output_file(path: str, mode: str = "w") -> Iterator[IO[Any]]:
    """Write to `path` only when everything was written: a failed export leaves nothing
    behind (neither an empty file nor half of one), and an older file stays as it was."""
    target = Path(path)
    partial = target.with_name(f".{target.name}.partial")
    kwargs: dict[str, Any] = {} if "b" in mode else {"encoding": "utf-8", "newline": ""}
    try:
        with open(partial, mode, **kwargs) as handle:
            yield handle
        os.replace(partial, target)
    finally:
        partial.unlink(missing_ok=True)


def build_parser(platforms: list[Platform]) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="smbot", description="smbot – sociala medier-boten")
    commands = parser.add_subparsers(dest="command", required=True)

    commands.add_parser("serve", help="kör boten (webbserver och schemaläggare)").set_defaults(
        run=run_serve
    )
    commands.add_parser("migrate", help="uppgradera databasen").set_defaults(run=run_migrate)
    tick = commands.add_parser("tick", help="kör alla svep som är aktuella vid en tidpunkt")
    tick.add_argument(
        "--now",
        type=parse_instant,
        help="ISO 8601 med tidszon, t.ex. 2026-12-01T09:00:00+01:00 (standard: nu)",
    )
    tick.set_defaults(run=run_tick)
    commands.add_parser("check-config", help="visa den gällande konfigurationen").set_defaults(
        run=run_check_config
    )
    box = commands.add_parser("outbox", help="visa utkorgen: köade, skickade och misslyckade")
    box.add_argument(
        "--retry-failed", action="store_true", help="försök skicka misslyckade meddelanden igen"
    )
    box.set_defaults(run=run_outbox)
    export = commands.add_parser("export", help="exportera register")
    export.add_argument("what", choices=["accounts"])
    export.add_argument("--format", choices=["csv"], default="csv")
    export.add_argument("--output", "-o", default="-", help="fil (standard: stdout)")
    export.set_defaults(run=run_export)
    importing = commands.add_parser("import", help="importera register")
    importing.add_argument("what", choices=["accounts"])
    importing.add_argument("file", help="CSV-fil i samma format som export accounts")
    importing.add_argument(
        "--apply", action="store_true", help="importera (utan: visa bara vad som skulle hända)"
    )
    importing.set_defaults(run=run_import)
    add_report_commands(commands)
    add_audit_commands(commands)
    for platform in platforms:
        platform.add_cli(commands)
    return parser


def parse_instant(value: str) -> datetime:
    try:
        moment = datetime.fromisoformat(value)
    except ValueError as error:
        raise argparse.ArgumentTypeError(f"ogiltig tidpunkt: {value!r}") from error
    if moment.tzinfo is None:
        raise argparse.ArgumentTypeError("tidpunkten måste ha tidszon, t.ex. +01:00")
    return moment


def run_migrate(args: argparse.Namespace, settings: Settings, platforms: list[Platform]) -> int:
    migrate_database(settings)
    print("Databasen är uppgraderad.")
    return 0


def run_check_config(
    args: argparse.Namespace, settings: Settings, platforms: list[Platform]
) -> int:
    """Only reached through `main`, which runs `check_config` before reading any setting."""
    return check_config(platforms)


def check_config(platforms: list[Platform]) -> int:
    """Every problem at once: every settings class, the database, the platforms."""
    read, problems = check_all()
    shown: dict[str, str] = {}
    for values in read.values():
        shown.update(values.masked())
    width = max((len(name) for name in shown), default=0)
    for name, value in shown.items():
        print(f"{name.ljust(width)}  {value}")
    print()
    for values in read.values():
        if hasattr(values, "missing") and getattr(values, "platform", ""):
            missing = values.missing()
            state = "redo" if not missing else "saknar " + ", ".join(missing)
            print(f"{values.platform}: {state}")
    settings = read.get(Settings)
    if isinstance(settings, Settings):
        problems.extend(_check_database_and_people(settings, platforms, read))
    for line in problems:
        print(line)
    errors = [line for line in problems if not line.startswith("Varning")]
    if not errors:
        print("Konfigurationen är giltig.")
    return 2 if errors else 0


def _check_database_and_people(
    settings: Settings, platforms: list[Platform], read: dict[type[EnvSettings], EnvSettings]
) -> list[str]:
    from sqlalchemy import text

    try:
        core = create_core(settings)
    except GuidelineError as error:
        return ["smbot startar inte: riktlinjefilen har fel.", *error.lines]
    try:
        with core.engine.connect() as connection:
            connection.execute(text("SELECT 1"))
    except Exception as error:
        return [database_unreachable(settings, error)]
    print(f"databas: svarar ({mask_url_password(settings.database_url)})")
    print_guideline(core.guideline, settings)
    if settings.communicators or _has_communicators_channel(core, platforms):
        return []
    return [
        "Varning: inga kommunikatörer är konfigurerade – varken en kommunikatörskanal "
        "(t.ex. SLACK_COMMUNICATORS_CHANNEL, eller en registrerad Teams-kanal) eller "
        "COMMUNICATORS. Eskaleringar når då ingen."
    ]


def _has_communicators_channel(core: Core, platforms: list[Platform]) -> bool:
    for platform in platforms:
        if platform.missing_settings(core):
            continue
        platform.attach(core, None)
    for sender in core.senders.values():
        try:
            if sender.has_channel(COMMUNICATORS):
                return True
        except Exception:  # e.g. a database never migrated: no channel registered yet
            log.debug("has_channel failed", exc_info=True)
    return False


def print_guideline(guideline: Guideline, settings: Settings) -> None:
    decided = guideline.decided_by
    print(f"\nRiktlinje i kraft: {guideline.title}, version {guideline.version}")
    print(f"  fil: {settings.guideline_file}")
    print(f"  beslutad av: {decided.role} {decided.name}".rstrip())
    print(f"  beslutsdatum: {guideline.decided_on or '–'}  dnr: {guideline.diarienummer or '–'}")
    print(f"  revideras senast: {guideline.review_date or '–'}  länk: {guideline.link}")
    for line in rule_lines(guideline.rules):
        print(f"  - {line}")
    if guideline.missing():
        print("  Fyll i riktlinjefilen: " + ", ".join(guideline.missing()) + " saknas.")


def run_serve(args: argparse.Namespace, settings: Settings, platforms: list[Platform]) -> int:
    from aiohttp import web

    from bot.server import make_app

    core = create_core(settings)
    usable = [p for p in platforms if not p.missing_settings(core)]
    chat = [p for p in usable if p.is_chat]
    if not chat:
        missing = sorted({m for p in platforms for m in p.missing_settings(core)})
        print("smbot kan inte starta: ingen chattplattform är konfigurerad.", file=sys.stderr)
        print("Saknade miljövariabler: " + "; ".join(missing), file=sys.stderr)
        return 2
    migrate_database(settings)
    app = make_app(core, usable)
    host = listen_host(settings)
    log.info("smbot lyssnar på %s:%s (%s)", host, settings.port, ", ".join(p.name for p in usable))
    web.run_app(app, host=host, port=settings.port, print=None, access_log_class=AccessLog)
    return 0


def listen_host(settings: Settings) -> str:
    """HOST; but a platform running without authentication (TEAMS_LOCAL) is for this
    machine only, so then loopback unless HOST was given."""
    if "host" in settings.model_fields_set:
        return settings.host
    for kind in settings_classes():
        if kind is not Settings and getattr(settings.for_platform(kind), "unauthenticated", False):
            return "127.0.0.1"
    return settings.host


def run_tick(
    args: argparse.Namespace,
    settings: Settings,
    platforms: list[Platform],
    registry: Registry | None = None,
) -> int:
    from bot.sweeps import tick

    clock = FixedClock(args.now) if args.now else None
    core = upgraded_core(settings, clock, registry)
    for platform in platforms:
        if not platform.missing_settings(core):
            platform.attach(core, None)
    report = asyncio.run(tick(core))
    print(
        f"Svep: {', '.join(report.ran) or 'inga'}; skickat {report.dispatch.sent}, "
        f"försöker igen {report.dispatch.retried}, misslyckade {report.dispatch.failed}"
    )
    if report.failed:
        # Cron and monitoring see it; the log has the traceback.
        print(f"Svep som misslyckades: {', '.join(report.failed)}", file=sys.stderr)
        return 1
    return 0


def run_outbox(args: argparse.Namespace, settings: Settings, platforms: list[Platform]) -> int:
    from bot.outbox.admin import failed_rows, retry_failed, status_counts

    core = upgraded_core(settings)
    with core.session() as session:
        counts = status_counts(session)
        for status in ("pending", "sending", "sent", "failed"):
            print(f"{status.ljust(8)} {counts.get(status, 0)}")
        for row in failed_rows(session):
            print(f"misslyckat: {row.key} ({row.attempts} försök): {row.last_error}")
        if args.retry_failed:
            print(f"{retry_failed(session, core.now())} meddelanden köas om.")
    return 1 if counts.get("failed") and not args.retry_failed else 0


def run_export(args: argparse.Namespace, settings: Settings, platforms: list[Platform]) -> int:
    from bot.export import write_accounts_csv

    core = upgraded_core(settings)
    with core.session() as session:
        if args.output == "-":
            write_accounts_csv(session, sys.stdout, core)
        else:
            with output_file(args.output) as handle:
                write_accounts_csv(session, handle, core)
    return 0


def run_import(args: argparse.Namespace, settings: Settings, platforms: list[Platform]) -> int:
    from bot.flows.accounts.importing import import_accounts

    core = create_core(settings)
    upgrade(settings.database_url)
    with core.session() as session, open(args.file, encoding="utf-8", newline="") as handle:
        report = import_accounts(session, core, handle, apply=args.apply)
        if not report.ok:
            session.rollback()
    for line in report.lines:
        print(line, file=sys.stdout if report.ok else sys.stderr)
    return 0 if report.ok else 1


def add_report_commands(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    report = commands.add_parser("report", help="månadsrapporten (uppföljning)")
    report.add_argument("--month", required=True, help="ÅÅÅÅ-MM, t.ex. 2026-11")
    report.add_argument("--format", choices=["pdf", "html", "csv"], default="pdf")
    report.add_argument("--output", "-o", required=True, help="fil att skriva")
    report.set_defaults(run=run_report)
    archive = commands.add_parser("archive", help="arkivexport (E-ARK/BagIt)")
    what = archive.add_subparsers(dest="archive_command", required=True)
    export = what.add_parser("export", help="ett paket per konto")
    export.add_argument("--account", help="bara kontot med detta namn")
    export.add_argument("--output", "-o", required=True, help="katalog att skriva paketen i")
    export.set_defaults(run=run_archive_export)
    validate = what.add_parser("validate", help="kontrollera paket (BagIt, METS, kontrollsummor)")
    validate.add_argument("packages", nargs="+", help="paketkataloger, eller en katalog med paket")
    validate.set_defaults(run=run_archive_validate)


def run_report(args: argparse.Namespace, settings: Settings, platforms: list[Platform]) -> int:
    from bot.reports.documents import render
    from bot.reports.figures import build_report
    from bot.reports.period import Month

    try:
        month = Month.parse(args.month)
    except ValueError as error:
        print(str(error), file=sys.stderr)
        return 2
    core = upgraded_core(settings)
    with core.session() as session:
        content = render(build_report(session, core, month), args.format)
    with output_file(args.output, "wb") as handle:
        handle.write(content)
    print(f"Rapporten för {month.label} är skriven till {args.output}.")
    return 0


def run_archive_export(
    args: argparse.Namespace, settings: Settings, platforms: list[Platform]
) -> int:
    from pathlib import Path

    from bot.reports.archive import IntegrityError, export_accounts

    core = upgraded_core(settings)
    try:
        with core.session() as session:
            paths = export_accounts(session, core, Path(args.output), args.account)
    except (LookupError, IntegrityError) as error:
        print(f"Arkivexporten avbröts: {error}", file=sys.stderr)
        return 1
    for path in paths:
        print(path)
    print(f"{len(paths)} paket skrivna.")
    return 0


def run_archive_validate(
    args: argparse.Namespace, settings: Settings, platforms: list[Platform]
) -> int:
    """Each package as the archive will check it: the bag's manifests, the METS schema and
    the METS checksums. No database needed."""
    from pathlib import Path

    from bot.reports.archive import validate_package

    packages: list[Path] = []
    for given in map(Path, args.packages):
        packages += [given] if (given / "bagit.txt").is_file() else sorted(given.glob("*/"))
    failed = 0
    for package in packages:
        problems = validate_package(package)
        print(f"{package}: {'giltigt' if not problems else 'OGILTIGT'}")
        for problem in problems:
            print(f"  {problem}")
        failed += bool(problems)
    if not packages:
        print("Inga paket hittades.", file=sys.stderr)
        return 2
    return 1 if failed else 0


def add_audit_commands(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    audit = commands.add_parser("audit", help="granskningsloggen: kontrollera och exportera")
    actions = audit.add_subparsers(dest="audit_command", required=True)
    actions.add_parser("verify", help="kontrollera att kedjan är obruten").set_defaults(
        run=run_audit_verify
    )
    export = actions.add_parser("export", help="skriv ut hela loggen för arkivet")
    export.add_argument("--format", choices=["jsonl"], default="jsonl")
    export.add_argument("--output", "-o", default="-", help="fil (standard: stdout)")
    export.set_defaults(run=run_audit_export)


def run_audit_verify(
    args: argparse.Namespace, settings: Settings, platforms: list[Platform]
) -> int:
    from bot.audit import verify_chain

    core = upgraded_core(settings)
    with core.session() as session:
        report = verify_chain(session)
    if report.ok:
        print(f"Granskningsloggen är obruten: {report.checked} poster.")
        return 0
    print(
        f"Granskningsloggen är bruten vid post {report.broken_id}: {report.reason} "
        f"({report.checked} poster före den stämmer).",
        file=sys.stderr,
    )
    return 1


def run_audit_export(
    args: argparse.Namespace, settings: Settings, platforms: list[Platform]
) -> int:
    from bot.audit import export_jsonl

    core = upgraded_core(settings)
    with core.session() as session:
        if args.output == "-":
            export_jsonl(session, sys.stdout)
        else:
            with output_file(args.output) as handle:
                count = export_jsonl(session, handle)
            print(f"{count} poster skrivna till {args.output}.", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
