"""`.env.example` and the README's configuration table are the settings classes, written out."""

from __future__ import annotations

from pathlib import Path

from bot.config import settings_classes
from bot.config_docs import README_END, README_START, env_example, readme_table
from bot.platforms import load_platforms

ROOT = Path(__file__).resolve().parents[2]


def classes():  # type: ignore[no-untyped-def]
    load_platforms()
    return settings_classes()


def test_env_example_is_generated_from_the_settings() -> None:
    expected = env_example(classes())
    assert (ROOT / ".env.example").read_text(encoding="utf-8") == expected, (
        "run scripts/gen-config-docs"
    )


def test_the_readme_table_is_generated_from_the_settings() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    table = readme[readme.index(README_START) + len(README_START) : readme.index(README_END)]
    assert table.strip() == readme_table(classes()), "run scripts/gen-config-docs"


def test_every_setting_is_documented() -> None:
    text = (ROOT / ".env.example").read_text(encoding="utf-8")
    names = [name.upper() for kind in classes() for name in kind.model_fields]
    assert len(names) >= 35
    for kind in classes():
        for name, field in kind.model_fields.items():
            assert field.description, name
            assert (field.json_schema_extra or {}).get("allowed"), name  # type: ignore[union-attr]
    for name in names:
        assert f"{name}=" in text, name
