"""What may be archived: content sniffing and file names that cannot leave the archive."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from bot.flows.documentation.filetypes import EXTENSIONS, declared_allowed, safe_filename, sniff
from tests.support.docs_support import PDF, PNG


def test_sniff_knows_images_and_pdf_by_their_bytes() -> None:
    assert sniff(PNG) == "image/png"
    assert sniff(b"\xff\xd8\xff\xe0\x00\x10JFIF") == "image/jpeg"
    assert sniff(b"GIF89a\x01\x00") == "image/gif"
    assert sniff(b"RIFF\x24\x00\x00\x00WEBPVP8 ") == "image/webp"
    assert sniff(b"\x00\x00\x00\x18ftypheic\x00\x00") == "image/heic"
    assert sniff(PDF) == "application/pdf"
    for other in (b"", b"MZ\x90\x00", b"PK\x03\x04docx", b"<svg xmlns=...>", b"GIF8"):
        assert sniff(other) is None


def test_declared_type_is_only_a_first_look() -> None:
    assert declared_allowed("Skärmavbild.PNG", None)
    assert declared_allowed("utan-filändelse", "image/jpeg")
    assert not declared_allowed("setup.exe", "application/x-msdownload")
    assert not declared_allowed("bild.svg", "image/svg+xml")


def test_names_lose_directories_and_get_the_content_extension() -> None:
    assert safe_filename("../../etc/passwd.png", "image/png") == "passwd.png"
    assert safe_filename("C:\\Users\\x\\bild.jpeg", "image/jpeg") == "bild.jpg"
    assert safe_filename("rapport.png", "application/pdf") == "rapport.pdf"
    assert safe_filename("Skärmavbild 2026-12-01 kl. 09.00.png", "image/png") == (
        "Skarmavbild_2026-12-01_kl_09_00.png"
    )
    assert safe_filename("..", "image/png") == "fil.png"
    assert safe_filename("", "image/gif") == "fil.gif"


@given(name=st.text(max_size=300), content_type=st.sampled_from(sorted(EXTENSIONS)))
def test_any_name_becomes_one_harmless_component(name: str, content_type: str) -> None:
    safe = safe_filename(name, content_type)
    assert re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9_-]*\.[a-z]{3,4}", safe)
    assert safe.endswith(EXTENSIONS[content_type])
    assert len(safe) <= 130
