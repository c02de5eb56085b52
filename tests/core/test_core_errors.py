"""ErrorCode's docstring says which layer raises which code; this keeps the core's part true."""

from __future__ import annotations

import re
from pathlib import Path

import quizhost.core
from quizhost.core import ErrorCode

CORE = Path(quizhost.core.__file__).parent


def codes_used_in(folder: Path) -> set[ErrorCode]:
    names = {
        name
        for path in folder.glob("*.py")
        for name in re.findall(r"ErrorCode\.([A-Z_]+)", path.read_text(encoding="utf-8"))
    }
    return {ErrorCode[name] for name in names}


def test_the_core_raises_the_game_rules_codes_and_no_other() -> None:
    """From name_invalid to bad_state, plus bad_message; never the transport's codes."""
    members = list(ErrorCode)
    rules = set(members[: members.index(ErrorCode.BAD_STATE) + 1])
    assert codes_used_in(CORE) == rules | {ErrorCode.BAD_MESSAGE}
    doc = ErrorCode.__doc__ or ""
    assert "from `name_invalid` to `bad_state`" in doc
    for code in (ErrorCode.BAD_PIN, ErrorCode.RATE_LIMITED, ErrorCode.STORE_FAILED):
        assert f"`{code.value}`" in doc
