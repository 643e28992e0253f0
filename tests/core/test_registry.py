"""The bot's verbs: built per bot, every declared name handled, no button from a bare string."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from bot.app import FLOWS, build_registry
from bot.flows import help
from bot.registry import DuplicateVerb, Registry, UnhandledName, Verbs

BOT = Path(__file__).resolve().parents[2] / "bot"


def test_the_full_registry_handles_every_declared_action_and_form() -> None:
    registry = build_registry()
    registry.check()
    assert {"opening.approve", "comments.illegal", "escalation.take"} <= set(registry.actions)
    assert {"opening.apply", "comments.forward"} <= set(registry.forms)
    assert "nytt-konto" in registry.commands and registry.upload is not None


def test_a_registry_missing_the_handlers_of_declared_buttons_fails_its_check() -> None:
    with pytest.raises(UnhandledName, match=r"opening\.approve"):
        Registry.build([help.verbs]).check()


def test_a_verb_registered_twice_is_refused() -> None:
    twin = Verbs()
    twin.command("hjälp", "igen")(lambda ctx, text: None)
    with pytest.raises(DuplicateVerb, match="hjälp"):
        Registry.build([*FLOWS, twin])


def test_registries_are_independent_so_tests_need_no_globals() -> None:
    quiet = build_registry().without_sweeps("activity-morning")
    assert "activity-morning" not in quiet.sweeps
    assert "activity-morning" in build_registry().sweeps


def _literal_names(tree: ast.AST) -> list[str]:
    """Buttons, forms and handlers named by a bare string instead of a declared constant."""
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        callee = node.func
        name = callee.attr if isinstance(callee, ast.Attribute) else getattr(callee, "id", "")
        keyword = {"Button": "action", "Form": "id"}.get(name)
        for kw in node.keywords:
            if kw.arg == keyword and isinstance(kw.value, ast.Constant):
                found.append(f"{name}({kw.arg}={kw.value.value!r})")
        bare = node.args and isinstance(node.args[0], ast.Constant)
        if name in ("action", "form") and isinstance(callee, ast.Attribute) and bare:
            found.append(f"verbs.{name}({node.args[0].value!r})")
    return found


def test_every_button_form_and_handler_uses_a_declared_name() -> None:
    offenders = {
        str(path.relative_to(BOT)): names
        for path in sorted(BOT.rglob("*.py"))
        if (names := _literal_names(ast.parse(path.read_text())))
    }
    assert offenders == {}
