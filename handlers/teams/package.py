"""`smbot teams-package`: the Teams app zip to upload, with ids filled from the configuration."""

from __future__ import annotations

import argparse
import json
import re
import sys
import zipfile
from pathlib import Path
from typing import Any

from bot.config import Settings
from handlers.teams.settings import TeamsSettings

SOURCE = Path(__file__).resolve().parents[2] / "teams"
FILES = ("color.png", "outline.png")
# What the Teams manifest schema (v1.17) requires of the values we fill in.
GUID = re.compile(r"^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$")
SEMVER = re.compile(r"^\d+\.\d+\.\d+$")
# A host name, optionally with a leading `*.` wildcard (as validDomains allows).
DOMAIN = re.compile(r"^(\*\.)?([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}(:\d{1,5})?$")
MAX_DOMAINS = 16


class PackageError(ValueError):
    """A value the package cannot be built with; the message says which and what is allowed."""


def normalise_domain(given: str) -> str:
    """`https://Smbot.Forshaga.se/` → `smbot.forshaga.se`: validDomains take host names."""
    domain = given.strip().lower()
    domain = re.sub(r"^[a-z][a-z0-9+.-]*://", "", domain)
    domain = domain.split("/", 1)[0]
    if not DOMAIN.match(domain):
        raise PackageError(
            f"Ogiltig domän {given!r}: ange värdnamnet där boten nås, t.ex. smbot.forshaga.se."
        )
    return domain


def check_values(app_id: str, domains: list[str], version: str | None) -> list[str]:
    """The app id, the domains (normalised) and the version, or PackageError."""
    if not GUID.match(app_id):
        raise PackageError(
            f"Felaktig inställning MICROSOFT_APP_ID={app_id!r}: tillåtet är Azure "
            "Bot-registreringens app-id, ett GUID (t.ex. 11111111-2222-3333-4444-555555555555)."
        )
    if version is not None and not SEMVER.match(version):
        raise PackageError(f"Ogiltig version {version!r}: ange tre tal, t.ex. 1.0.1.")
    normalised = sorted({normalise_domain(d) for d in domains if d.strip()})
    if len(normalised) > MAX_DOMAINS:
        raise PackageError(f"Högst {MAX_DOMAINS} domäner får anges.")
    return normalised


def add_cli(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = commands.add_parser("teams-package", help="bygg Teams-appens zip-fil att ladda upp")
    parser.add_argument("--output", "-o", default="smbot-teams.zip", help="zip-filen att skriva")
    parser.add_argument(
        "--domain",
        action="append",
        default=[],
        help="domän där boten nås (validDomains), t.ex. smbot.forshaga.se; får upprepas",
    )
    parser.add_argument("--version", default=None, help="appens version, t.ex. 1.0.1")
    parser.add_argument("--source", default=str(SOURCE), help="mappen med manifest och ikoner")
    parser.set_defaults(run=run_package)


def build_manifest(template: dict[str, Any], settings: Settings, domains: list[str]) -> dict:  # type: ignore[type-arg]
    teams = settings.for_platform(TeamsSettings)
    manifest = json.loads(json.dumps(template))
    manifest["id"] = teams.microsoft_app_id
    for bot in manifest.get("bots", []):
        bot["botId"] = teams.microsoft_app_id
    manifest["developer"]["name"] = settings.org_name[:32]
    manifest["validDomains"] = sorted({normalise_domain(d) for d in domains if d.strip()})
    if teams.microsoft_app_tenant_id and teams.microsoft_app_type == "SingleTenant":
        # Single-tenant bots: the app's AAD registration, for SSO and people lookups.
        manifest["webApplicationInfo"] = {
            "id": teams.microsoft_app_id,
            "resource": f"api://botid-{teams.microsoft_app_id}",
        }
    return manifest


def run_package(args: argparse.Namespace, settings: Settings, platforms: list) -> int:  # type: ignore[type-arg]
    app_id = settings.for_platform(TeamsSettings).microsoft_app_id
    if not app_id:
        print(
            "MICROSOFT_APP_ID saknas: appens id är Azure Bot-registreringens app-id.",
            file=sys.stderr,
        )
        return 2
    try:
        domains = check_values(app_id, args.domain, args.version)
    except PackageError as error:
        print(str(error), file=sys.stderr)
        return 2
    source = Path(args.source)
    template = json.loads((source / "manifest.json").read_text(encoding="utf-8"))
    manifest = build_manifest(template, settings, domains)
    if args.version:
        manifest["version"] = args.version
    with zipfile.ZipFile(args.output, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("manifest.json", json.dumps(manifest, ensure_ascii=False, indent=2))
        for name in FILES:
            archive.write(source / name, name)
    print(f"Skrev {args.output} (app-id {app_id}).")
    return 0
