"""Every module at the top of the package has a place in the layer contract (pyproject.toml)."""

from __future__ import annotations

import pkgutil
import tomllib
from pathlib import Path

import quizhost

PYPROJECT = Path(__file__).resolve().parents[1] / "pyproject.toml"


def layer_contract() -> list[set[str]]:
    config = tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))["tool"]["importlinter"]
    (layers,) = [c["layers"] for c in config["contracts"] if c["type"] == "layers"]
    return [{name.strip() for name in layer.split("|")} for layer in layers]


def test_every_top_level_module_and_package_has_a_layer() -> None:
    """A new top-level module or package must be placed, so that lint-imports checks it."""
    placed = set().union(*layer_contract())
    top = {f"quizhost.{info.name}" for info in pkgutil.iter_modules(quizhost.__path__)}
    assert "quizhost.core" in top and "quizhost.cli" in top
    assert top - placed == set(), "add these to the layers in pyproject.toml"
    assert placed - top == set(), "these layers name modules that do not exist"


def test_the_core_may_read_only_the_banks_models_and_text_matching() -> None:
    """The core-bank contract lists what the core must not import from the bank package; a
    new bank module must be on it, or the core could start loading YAML unnoticed."""
    config = tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))["tool"]["importlinter"]
    (forbidden,) = [c["forbidden_modules"] for c in config["contracts"] if c["id"] == "core-bank"]
    bank = Path(quizhost.__file__).parent / "bank"
    modules = {f"quizhost.bank.{info.name}" for info in pkgutil.iter_modules([str(bank)])}
    allowed = {"quizhost.bank.models", "quizhost.bank.textmatch"}
    assert set(forbidden) == modules - allowed
