"""The core stays pure: importing it loads no I/O library and no YAML parser."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

import quizhost.bank
from quizhost.bank import loader

IO_LIBRARIES = ("websockets", "aiosqlite", "textual", "ruamel", "sqlite3", "asyncio", "socket")


def _modules_after(statement: str) -> set[str]:
    """The top-level names in sys.modules after `statement` runs in a fresh interpreter."""
    script = f"{statement}\nimport json, sys\nprint(json.dumps(sorted(sys.modules)))"
    output = subprocess.run(
        [sys.executable, "-c", script], check=True, capture_output=True, text=True
    ).stdout
    return {name.split(".")[0] for name in json.loads(output)}


def test_importing_the_core_loads_no_io_library() -> None:
    """`import quizhost.core` pulls in none of the libraries that touch the outside world."""
    loaded = _modules_after("import quizhost.core")
    assert "quizhost" in loaded  # the probe does see our own modules
    assert loaded.isdisjoint(IO_LIBRARIES), sorted(loaded & set(IO_LIBRARIES))


def test_the_probe_sees_an_io_library_when_one_is_loaded() -> None:
    """The check above can fail: loading the bank's YAML loader shows up as ruamel."""
    assert "ruamel" in _modules_after("import quizhost.bank.loader")


def test_the_bank_package_face_loads_names_on_first_use() -> None:
    """`from quizhost.bank import load_bank` still works, and gives the loader's function."""
    from quizhost.bank import load_bank

    assert load_bank is loader.load_bank
    for name in quizhost.bank.__all__:
        assert getattr(quizhost.bank, name) is not None


def test_the_bank_package_face_rejects_unknown_names() -> None:
    """A misspelt name is an AttributeError, as for any module."""
    with pytest.raises(AttributeError, match="no_such_name"):
        _ = quizhost.bank.no_such_name
