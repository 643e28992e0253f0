"""The Teams app package and the command line: `smbot teams-package`, `check-config`, `serve`."""

from __future__ import annotations

import json
import os
import socket
import struct
import subprocess
import sys
import time
import zipfile
import zlib
from pathlib import Path

import pytest

from bot.cli import main

ROOT = Path(__file__).resolve().parents[2]
APP_ID = "11111111-2222-3333-4444-555555555555"
COMMANDS = [
    "nytt konto",
    "guida mig",
    "mina konton",
    "publicerat",
    "skärmdump",
    "granska",
    "kontoregister",
    "pausa konto",
    "avsluta konto",
    "hjälp",
]


@pytest.fixture
def env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    for name in list(os.environ):
        if name.startswith(("MICROSOFT_", "SLACK_", "TEAMS_")):
            monkeypatch.delenv(name)
    monkeypatch.chdir(tmp_path)  # no .env from the working tree
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'smbot.db'}")
    return tmp_path


def png_size_and_pixels(data: bytes) -> tuple[int, int, list[tuple[int, ...]]]:
    """Width, height and RGBA pixels of an 8-bit RGBA, unfiltered PNG (as ours are)."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    position, idat = 8, b""
    while position < len(data):
        length = struct.unpack(">I", data[position : position + 4])[0]
        kind = data[position + 4 : position + 8]
        if kind == b"IDAT":
            idat += data[position + 8 : position + 8 + length]
        position += 12 + length
    raw = zlib.decompress(idat)
    stride = 1 + width * 4
    pixels = [
        tuple(raw[row * stride + 1 + col * 4 : row * stride + 5 + col * 4])
        for row in range(height)
        for col in range(width)
    ]
    return width, height, pixels


def test_the_package_has_the_ids_commands_and_icons(env: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("MICROSOFT_APP_ID", APP_ID)
    monkeypatch.setenv("MICROSOFT_APP_TENANT_ID", "tenant-1")
    output = env / "app.zip"
    code = main(["teams-package", "-o", str(output), "--domain", "Smbot.Forshaga.se"])
    assert code == 0
    with zipfile.ZipFile(output) as archive:
        assert sorted(archive.namelist()) == ["color.png", "manifest.json", "outline.png"]
        manifest = json.loads(archive.read("manifest.json"))
        color = png_size_and_pixels(archive.read("color.png"))
        outline = png_size_and_pixels(archive.read("outline.png"))
    assert manifest["id"] == APP_ID
    assert "v1.17" in manifest["$schema"] and manifest["manifestVersion"] == "1.17"
    [bot] = manifest["bots"]
    assert bot["botId"] == APP_ID
    assert sorted(bot["scopes"]) == ["groupChat", "personal", "team"]
    assert bot["supportsFiles"] is True
    personal = next(c for c in bot["commandLists"] if c["scopes"] == ["personal"])
    assert [c["title"] for c in personal["commands"]] == COMMANDS
    assert manifest["validDomains"] == ["smbot.forshaga.se"]
    assert manifest["developer"]["name"] == "Forshaga kommun"
    assert color[:2] == (192, 192)
    assert outline[:2] == (32, 32)
    # The outline icon is white on transparent, nothing else.
    assert {p for p in outline[2] if p[3]} <= {(255, 255, 255, 255)}
    assert any(p[3] == 0 for p in outline[2])


def test_the_package_needs_the_app_id(env: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["teams-package", "-o", str(env / "app.zip")]) == 2
    assert "MICROSOFT_APP_ID saknas" in capsys.readouterr().err
    assert not (env / "app.zip").exists()


def test_check_config_says_what_teams_lacks(env: Path, monkeypatch, capsys) -> None:  # type: ignore[no-untyped-def]
    main(["check-config"])
    assert "teams: saknar MICROSOFT_APP_ID" in capsys.readouterr().out
    monkeypatch.setenv("MICROSOFT_APP_ID", APP_ID)
    main(["check-config"])
    out = capsys.readouterr().out
    assert "teams: saknar MICROSOFT_APP_PASSWORD, MICROSOFT_APP_TENANT_ID" in out
    monkeypatch.setenv("MICROSOFT_APP_PASSWORD", "hemligt-lösen")
    monkeypatch.setenv("MICROSOFT_APP_TENANT_ID", "tenant-1")
    main(["check-config"])
    out = capsys.readouterr().out
    assert "teams: redo" in out
    assert "hemligt-lösen" not in out


def test_serve_says_loudly_that_local_teams_has_no_authentication(env: Path) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    environment = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("MICROSOFT_", "SLACK_"))},
        "DATABASE_URL": f"sqlite:///{env / 'serve.db'}",
        "TEAMS_LOCAL": "true",
        "HOST": "127.0.0.1",
        "PORT": str(port),
    }
    process = subprocess.Popen(
        [sys.executable, "-m", "bot", "serve"],
        cwd=env,
        env={**environment, "PYTHONPATH": str(ROOT)},
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        seen = ""
        deadline = time.monotonic() + 30
        while "UTAN autentisering" not in seen and time.monotonic() < deadline:
            line = process.stderr.readline() if process.stderr else ""
            if not line and process.poll() is not None:
                break
            seen += line
        assert "Teams körs UTAN autentisering" in seen
    finally:
        process.terminate()
        process.wait(timeout=10)


SCHEMA = Path(__file__).parent / "schema" / "MicrosoftTeams.v1.17.schema.json"


def package_manifest(path: Path) -> dict:  # type: ignore[type-arg]
    with zipfile.ZipFile(path) as archive:
        return json.loads(archive.read("manifest.json"))


def test_the_package_passes_the_teams_manifest_schema(env: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import jsonschema

    monkeypatch.setenv("MICROSOFT_APP_ID", APP_ID)
    monkeypatch.setenv("MICROSOFT_APP_TENANT_ID", "66666666-7777-8888-9999-000000000000")
    output = env / "app.zip"
    assert main(["teams-package", "-o", str(output), "--domain", "smbot.forshaga.se"]) == 0
    manifest = package_manifest(output)
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    # The schema says draft-04 but uses `const`, which draft-04 validators skip: check it here.
    assert schema["properties"]["manifestVersion"]["const"] == manifest["manifestVersion"]
    jsonschema.Draft4Validator(schema).validate(manifest)


@pytest.mark.parametrize("app_id", ["my-bot", "11111111-2222-3333-4444-55555555555", " "])
def test_an_app_id_that_is_no_guid_writes_no_package(
    env: Path, monkeypatch, capsys, app_id
) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("MICROSOFT_APP_ID", app_id)
    assert main(["teams-package", "-o", str(env / "app.zip")]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1
    assert "MICROSOFT_APP_ID" in err and "GUID" in err
    assert not (env / "app.zip").exists()


@pytest.mark.parametrize(
    "given", ["https://Smbot.Forshaga.se/", "smbot.forshaga.se/", "http://smbot.forshaga.se/x"]
)
def test_a_domain_is_taken_as_its_host_name(env: Path, monkeypatch, given: str) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("MICROSOFT_APP_ID", APP_ID)
    assert main(["teams-package", "-o", str(env / "app.zip"), "--domain", given]) == 0
    assert package_manifest(env / "app.zip")["validDomains"] == ["smbot.forshaga.se"]


@pytest.mark.parametrize("given", ["smbot forshaga", "https://", "smbot..se"])
def test_a_domain_that_is_no_host_name_writes_no_package(
    env: Path, monkeypatch, capsys, given: str
) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("MICROSOFT_APP_ID", APP_ID)
    assert main(["teams-package", "-o", str(env / "app.zip"), "--domain", given]) == 2
    assert "Ogiltig domän" in capsys.readouterr().err
    assert not (env / "app.zip").exists()
