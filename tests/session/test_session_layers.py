"""The session sits under the server: it reaches connections only through its `Link`."""

from __future__ import annotations

import subprocess
import sys


def modules_loaded_by(statement: str) -> set[str]:
    """The modules a fresh interpreter has loaded after running `statement`."""
    code = f"{statement}; import sys; print('\\n'.join(sorted(sys.modules)))"
    out = subprocess.run(
        [sys.executable, "-c", code], check=True, capture_output=True, text=True
    ).stdout
    return set(out.split())


def test_the_session_loads_neither_websockets_nor_the_server() -> None:
    """Importing the session (and its journal, views and tokens) loads no network code."""
    loaded = modules_loaded_by(
        "import quizhost.session, quizhost.session.journal, quizhost.session.tokens"
    )
    assert "quizhost.session.session" in loaded  # the check would be empty otherwise
    assert not {m for m in loaded if m == "websockets" or m.startswith("websockets.")}
    assert not {m for m in loaded if m.startswith("quizhost.server")}
