"""`smbot teams-package`: the Teams app zip to upload, with ids filled from the configuration."""

from __future__ import annotations

import argparse
import json
import sys
import zipfile
from pathlib import Path
from typing import Any

from bot.config import Settings
from handlers.teams.settings import TeamsSettings

SOURCE = Path(__file__).resolve().parents[2] / "teams"
FILES = ("color.png", "outline.png")


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
    manifest["validDomains"] = sorted({d.strip().lower() for d in domains if d.strip()})
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
    source = Path(args.source)
    template = json.loads((source / "manifest.json").read_text(encoding="utf-8"))
    manifest = build_manifest(template, settings, args.domain)
    if args.version:
        manifest["version"] = args.version
    with zipfile.ZipFile(args.output, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("manifest.json", json.dumps(manifest, ensure_ascii=False, indent=2))
        for name in FILES:
            archive.write(source / name, name)
    print(f"Skrev {args.output} (app-id {app_id}).")
    return 0
