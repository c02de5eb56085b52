"""docs/console.md names every key the console binds, so a teacher can look any of them up."""

from __future__ import annotations

import importlib
import pkgutil
import re
from pathlib import Path

from textual.binding import Binding

import quizhost.tui

DOC = Path(__file__).parents[2] / "docs" / "console.md"


def bound_keys() -> dict[str, set[str]]:
    """Every key in a BINDINGS of a class defined in quizhost.tui, with the classes binding it."""
    found: dict[str, set[str]] = {}
    for module_info in pkgutil.walk_packages(quizhost.tui.__path__, "quizhost.tui."):
        module = importlib.import_module(module_info.name)
        for value in vars(module).values():
            if not isinstance(value, type) or value.__module__ != module.__name__:
                continue
            for binding in Binding.make_bindings(vars(value).get("BINDINGS", [])):
                found.setdefault(binding.key, set()).add(value.__name__)
    return found


def documented_keys() -> set[str]:
    """The keys written as code in the first column of the tables of the Keys section."""
    text = DOC.read_text(encoding="utf-8")
    section = text.split("\n## Keys\n", 1)[1].split("\n## ", 1)[0]
    rows = [line for line in section.splitlines() if line.startswith("| `")]
    return {key for row in rows for key in re.findall(r"`([^`]+)`", row.split("|")[1])}


def test_every_bound_key_is_in_the_keys_tables() -> None:
    """A key bound on any screen, dialog or the app itself has a row in docs/console.md."""
    bound = bound_keys()
    # The screens this walk must see, so a change in how bindings are found cannot pass empty.
    assert {"GameScreen", "PickPlayerDialog", "ConfirmDialog", "QuizConsole"} <= set().union(
        *bound.values()
    )
    missing = {key: sorted(owners) for key, owners in bound.items() if key not in documented_keys()}
    assert not missing, f"keys bound but not in docs/console.md's Keys tables: {missing}"
