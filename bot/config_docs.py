"""`.env.example` and the README's configuration table, written from the settings classes,
so that neither can lack a setting or drift from its default (tests/core/test_config_docs.py)."""

from __future__ import annotations

from pathlib import Path

from pydantic.fields import FieldInfo

from bot.config import EnvSettings, as_env, settings_classes

ROOT = Path(__file__).resolve().parents[1]
README_START = "<!-- config-table:start (scripts/gen-config-docs writes this table) -->"
README_END = "<!-- config-table:end -->"


def _default(field: FieldInfo) -> str:
    if field.default_factory is not None:
        return as_env(field.default_factory())  # type: ignore[call-arg]
    if field.default is None:
        return ""
    return as_env(field.default)


def env_example(classes: list[type[EnvSettings]]) -> str:
    lines = [
        "# Generated from the settings classes by scripts/gen-config-docs; do not edit by hand.",
        "# Copy to .env and fill in. Everything here can also be set as environment variables;",
        '# an empty value means "not set"; a commented line shows the default.',
        "# `smbot check-config` checks it all.",
    ]
    for kind in classes:
        lines += ["", f"# {kind.section or kind.__name__}"]
        for name, field in kind.model_fields.items():
            extra = field.json_schema_extra or {}
            lines.append(f"# {field.description} Allowed: {extra.get('allowed', '')}.")  # type: ignore[union-attr]
            example = extra.get("example")  # type: ignore[union-attr]
            default = _default(field)
            if example:
                lines.append(f"# {name.upper()}={example}")
            elif default:
                # Commented out: a value written here counts as given (e.g. HOST, which
                # TEAMS_LOCAL otherwise narrows to 127.0.0.1), and defaults can then change.
                lines.append(f"# {name.upper()}={default}")
            else:
                lines.append(f"{name.upper()}=")
    return "\n".join(lines) + "\n"


def readme_table(classes: list[type[EnvSettings]]) -> str:
    rows = ["| Variable | Default | Meaning |", "|---|---|---|"]
    for kind in classes:
        for name, field in kind.model_fields.items():
            default = _default(field)
            shown = f"`{default}`" if default else "–"
            rows.append(f"| `{name.upper()}` | {shown} | {field.description} |")
    return "\n".join(rows)


def readme_with_table(readme: str, table: str) -> str:
    start, end = readme.index(README_START), readme.index(README_END)
    return readme[: start + len(README_START)] + "\n" + table + "\n" + readme[end:]


def write(root: Path = ROOT) -> list[Path]:
    """Rewrite both files; the ones that changed."""
    classes = settings_classes()
    changed = []
    targets = {
        root / ".env.example": env_example(classes),
        root / "README.md": readme_with_table(
            (root / "README.md").read_text(encoding="utf-8"), readme_table(classes)
        ),
    }
    for path, text in targets.items():
        if path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
            changed.append(path)
    return changed
