"""Question banks: YAML files authors write, loaded into validated, immutable models.

Call `load_bank(path)` to get a `Bank` or a `BankError` whose `problems` say what to fix and
where; `validate_paths` checks several files without raising (the `validate` command).

The names below load on first use (PEP 562): the game core imports `quizhost.bank.models`
and `quizhost.bank.textmatch`, and must not pay for (or depend on) the YAML parser that
`loader` brings in.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from quizhost.bank.errors import BankError, BankFileError, Problem
    from quizhost.bank.loader import (
        BankReport,
        check_bytes,
        check_file,
        check_text,
        load_bank,
        load_banks,
        validate_paths,
    )
    from quizhost.bank.textmatch import matches, normalize_answer

_HOMES = {
    "BankError": "errors",
    "BankFileError": "errors",
    "Problem": "errors",
    "BankReport": "loader",
    "check_bytes": "loader",
    "check_file": "loader",
    "check_text": "loader",
    "load_bank": "loader",
    "load_banks": "loader",
    "validate_paths": "loader",
    "matches": "textmatch",
    "normalize_answer": "textmatch",
}

__all__ = [
    "BankError",
    "BankFileError",
    "BankReport",
    "Problem",
    "check_bytes",
    "check_file",
    "check_text",
    "load_bank",
    "load_banks",
    "matches",
    "normalize_answer",
    "validate_paths",
]


def __getattr__(name: str) -> Any:
    """Import the submodule that defines `name` the first time someone asks for it."""
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{home}"), name)
    globals()[name] = value
    return value
