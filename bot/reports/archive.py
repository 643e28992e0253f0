"""The archive export: one E-ARK CSIP package per account, each a BagIt bag.

The bag's payload (`data/`) is the information package: `METS.xml` listing every file with
its SHA-256, `metadata/descriptive/` (the account's facts), `metadata/preservation/` (its
history from the audit log), and `representations/rep1/data/` (documentation files,
evidence records, registered comments). Documentation files and evidence records are checked
against their stored SHA-256 before anything is written: a mismatch refuses the export.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
import shutil
import tempfile
import uuid
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import bagit
from lxml import etree
from sqlmodel import Session, col, select

from bot.core import Core
from bot.reports import recorded
from bot.rules.evidence import canonical_json, verify
from storage.models import Account, AuditEntry, Comment, DocumentationFile, Evidence

METS_NS = "http://www.loc.gov/METS/"
XLINK_NS = "http://www.w3.org/1999/xlink"
CSIP_PROFILE = "https://earkcsip.dilcis.eu/profile/E-ARK-CSIP.xml"
_SCHEMA_PATH = Path(__file__).parent / "schemas" / "mets.xsd"
_REP = "representations/rep1/data"


class IntegrityError(Exception):
    """A stored file or record does not match its recorded SHA-256; nothing was written."""


@dataclass(frozen=True)
class PackageFile:
    path: str  # relative to the information package's root
    content: bytes
    mimetype: str
    created: datetime | None = None


def export_accounts(
    session: Session, core: Core, out_dir: Path, account_name: str | None = None
) -> list[Path]:
    """One package directory per account (all, or the one named); returns their paths."""
    statement = select(Account).order_by(col(Account.id))
    if account_name is not None:
        statement = statement.where(Account.name == account_name)
    accounts = session.exec(statement).all()
    if account_name is not None and not accounts:
        raise LookupError(f"inget konto heter {account_name!r}")
    out_dir.mkdir(parents=True, exist_ok=True)
    return [export_account(session, core, account, out_dir) for account in accounts]


def export_account(session: Session, core: Core, account: Account, out_dir: Path) -> Path:
    files = package_files(session, core, account)  # raises before anything is written
    target = out_dir / package_name(account)
    if target.exists():
        shutil.rmtree(target)
    work = Path(tempfile.mkdtemp(prefix=".package-", dir=out_dir))
    try:
        for item in files:
            _write(work / item.path, item.content)
        mets = build_mets(account, files, core.now())
        _write(work / "METS.xml", mets)
        bagit.make_bag(
            str(work),
            {"Source-Organization": "smbot", "External-Identifier": _objid(account)},
            checksums=["sha256"],
        )
        work.rename(target)
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
    return target


def package_name(account: Account) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", account.name.lower()).strip("-") or "konto"
    return f"konto-{account.id}-{slug}"


def package_files(session: Session, core: Core, account: Account) -> list[PackageFile]:
    """Every file of the account's package, each verified against its stored hash."""
    assert account.id is not None
    return [
        _json("metadata/descriptive/konto.json", _facts(account, session, core)),
        *_guidelines(session, core, account),
        _json("metadata/preservation/historik.json", _history(session, account.id)),
        *_documentation(session, core, account.id),
        *_evidence(session, account.id),
        _registered_comments(session, account.id),
    ]


def build_mets(account: Account, files: list[PackageFile], created: datetime) -> bytes:
    """The package's METS.xml, validated against the METS schema before it is returned."""
    m = f"{{{METS_NS}}}"
    root = etree.Element(
        m + "mets",
        nsmap={None: METS_NS, "xlink": XLINK_NS},
        OBJID=_objid(account),
        LABEL=account.name,
        TYPE="OTHER",
        PROFILE=CSIP_PROFILE,
    )
    header = etree.SubElement(root, m + "metsHdr", CREATEDATE=_iso(created), RECORDSTATUS="NEW")
    agent = etree.SubElement(
        header, m + "agent", ROLE="CREATOR", TYPE="OTHER", OTHERTYPE="SOFTWARE"
    )
    etree.SubElement(agent, m + "name").text = "smbot"
    metadata = [f for f in files if f.path.startswith("metadata/")]
    content = [f for f in files if not f.path.startswith("metadata/")]
    descriptive = [f for f in metadata if f.path.startswith("metadata/descriptive/")]
    preservation = [f for f in metadata if f not in descriptive]
    for index, item in enumerate(descriptive, start=1):
        section = etree.SubElement(root, m + "dmdSec", ID=f"dmd-{index}", CREATED=_iso(created))
        _md_ref(section, item)
    amd = etree.SubElement(root, m + "amdSec", ID="amd-1")
    for index, item in enumerate(preservation, start=1):
        _md_ref(etree.SubElement(amd, m + "digiprovMD", ID=f"digiprov-{index}"), item)
    file_sec = etree.SubElement(root, m + "fileSec", ID="filesec-1")
    group = etree.SubElement(file_sec, m + "fileGrp", ID="grp-rep1", USE="Representations/rep1")
    for index, item in enumerate(content, start=1):
        entry = etree.SubElement(
            group,
            m + "file",
            ID=f"file-{index}",
            MIMETYPE=item.mimetype,
            SIZE=str(len(item.content)),
            CHECKSUM=_sha256(item.content),
            CHECKSUMTYPE="SHA-256",
            **({"CREATED": _iso(item.created)} if item.created else {}),
        )
        etree.SubElement(
            entry,
            m + "FLocat",
            {f"{{{XLINK_NS}}}type": "simple", f"{{{XLINK_NS}}}href": item.path},
            LOCTYPE="URL",
        )
    struct = etree.SubElement(root, m + "structMap", ID="struct-1", TYPE="PHYSICAL", LABEL="CSIP")
    top = etree.SubElement(struct, m + "div", ID="div-root", LABEL=account.name)
    top.set("DMDID", " ".join(f"dmd-{n}" for n in range(1, len(descriptive) + 1)))
    top.set("ADMID", "amd-1")
    rep = etree.SubElement(top, m + "div", ID="div-rep1", LABEL="Representations/rep1")
    for index in range(1, len(content) + 1):
        etree.SubElement(rep, m + "fptr", FILEID=f"file-{index}")
    document = etree.ElementTree(root)
    mets_schema().assertValid(document)
    return etree.tostring(document, xml_declaration=True, encoding="UTF-8", pretty_print=True)


_schema: etree.XMLSchema | None = None


def mets_schema() -> etree.XMLSchema:
    global _schema
    if _schema is None:
        _schema = etree.XMLSchema(etree.parse(str(_SCHEMA_PATH)))
    return _schema


def validate_package(path: Path) -> list[str]:
    """Problems with a package: BagIt, METS schema, METS checksums. Empty when valid."""
    problems: list[str] = []
    try:
        bagit.Bag(str(path)).validate()
    except bagit.BagError as error:
        problems.append(f"BagIt: {error}")
    mets_path = path / "data" / "METS.xml"
    try:
        document = etree.parse(str(mets_path))
    except (OSError, etree.XMLSyntaxError) as error:
        return [*problems, f"METS: {error}"]
    if not mets_schema().validate(document):
        problems.append(f"METS: {mets_schema().error_log.last_error}")
    for element in document.iter(f"{{{METS_NS}}}file", f"{{{METS_NS}}}mdRef"):
        location = element if element.tag.endswith("mdRef") else element[0]
        href = location.get(f"{{{XLINK_NS}}}href", "")
        target = path / "data" / href
        if not target.is_file() or _sha256(target.read_bytes()) != element.get("CHECKSUM"):
            problems.append(f"METS: checksum of {href} does not match")
    return problems


def _md_ref(parent: etree._Element, item: PackageFile) -> None:
    etree.SubElement(
        parent,
        f"{{{METS_NS}}}mdRef",
        {f"{{{XLINK_NS}}}type": "simple", f"{{{XLINK_NS}}}href": item.path},
        LOCTYPE="URL",
        MDTYPE="OTHER",
        OTHERMDTYPE="JSON",
        MIMETYPE=item.mimetype,
        SIZE=str(len(item.content)),
        CHECKSUM=_sha256(item.content),
        CHECKSUMTYPE="SHA-256",
    )


def _facts(account: Account, session: Session, core: Core) -> dict[str, Any]:
    facts = account.model_dump(mode="json")
    facts["guideline_versions"] = recorded.guideline_versions_for_account(session, core, account)
    return facts


def _guidelines(session: Session, core: Core, account: Account) -> list[PackageFile]:
    """The guideline versions in force during the account's life, each as it was decided."""
    return [
        _json(
            f"metadata/descriptive/riktlinje-{_slug(version.version)}.json",
            {
                "version": version.version,
                "title": version.title,
                "decided_by_role": version.decided_by_role,
                "decided_by_name": version.decided_by_name,
                "decided_on": version.decided_on.isoformat() if version.decided_on else None,
                "took_effect_at": version.took_effect_at.isoformat(),
                "content": version.content,
            },
        )
        for version in recorded.in_force_between(session, *recorded.life(core, account))
    ]


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9.]+", "-", text.lower()).strip("-") or "version"


def _history(session: Session, account_id: int) -> list[dict[str, Any]]:
    entries = session.exec(
        select(AuditEntry).where(AuditEntry.account_id == account_id).order_by(col(AuditEntry.id))
    ).all()
    return [entry.model_dump(mode="json") for entry in entries]


def _documentation(session: Session, core: Core, account_id: int) -> list[PackageFile]:
    rows = session.exec(
        select(DocumentationFile)
        .where(DocumentationFile.account_id == account_id)
        .order_by(col(DocumentationFile.id))
    ).all()
    root = Path(core.settings.archive_dir)
    found = []
    for row in rows:
        content = (root / row.path).read_bytes()
        if hashlib.sha256(content).hexdigest() != row.sha256:
            raise IntegrityError(f"documentation file {row.path} does not match its SHA-256")
        name = f"{row.id}_{row.filename}"
        found.append(
            PackageFile(f"{_REP}/dokumentation/{name}", content, row.content_type, row.uploaded_at)
        )
    return found


def _evidence(session: Session, account_id: int) -> list[PackageFile]:
    rows = session.exec(
        select(Evidence).where(Evidence.account_id == account_id).order_by(col(Evidence.id))
    ).all()
    found = []
    for row in rows:
        if not verify(row.record, row.sha256):
            raise IntegrityError(f"evidence {row.id} does not match its SHA-256")
        # The record exactly as hashed, so the archive can recompute the checksum itself.
        found.append(
            PackageFile(
                f"{_REP}/bevis/bevis-{row.id}.json",
                canonical_json(row.record),
                "application/json",
                row.captured_at,
            )
        )
        envelope = row.model_dump(mode="json", exclude={"record"})
        found.append(_json(f"{_REP}/bevis/bevis-{row.id}-uppgifter.json", envelope))
    return found


def _registered_comments(session: Session, account_id: int) -> PackageFile:
    rows = session.exec(
        select(Comment)
        .where(Comment.account_id == account_id, col(Comment.diarienummer).is_not(None))
        .order_by(col(Comment.id))
    ).all()
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["id", "diarienummer", "diarieförd", "mottagen", "plattform", "status", "text"])
    for row in rows:
        # A comment holding a personnummer keeps its text out of the export.
        text = "(utelämnad: innehåller personnummer)" if row.confidential else row.text
        writer.writerow(
            [
                row.id,
                row.diarienummer,
                _iso(row.diarieford_at) if row.diarieford_at else "",
                _iso(row.received_at),
                row.platform,
                row.status,
                text,
            ]
        )
    return PackageFile(
        f"{_REP}/kommentarer/diarieforda.csv", buffer.getvalue().encode("utf-8"), "text/csv"
    )


def _json(path: str, value: Any) -> PackageFile:
    content = json.dumps(value, ensure_ascii=False, indent=2, sort_keys=True).encode("utf-8")
    return PackageFile(path, content, "application/json")


def _write(target: Path, content: bytes) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(content)


def _objid(account: Account) -> str:
    # Stable across exports of the same account, unique across municipalities' bots.
    return f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, f'smbot:account:{account.id}')}"


def _iso(moment: datetime) -> str:
    return moment.isoformat()


def _sha256(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()
