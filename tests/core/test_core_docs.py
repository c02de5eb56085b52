"""docs/game-rules.md shows the same phase/command table as the code."""

from __future__ import annotations

from pathlib import Path

from quizhost.core import ALLOWED, HOST_COMMANDS, Phase
from quizhost.core.commands import command_name

DOC = Path(__file__).parents[2] / "docs" / "game-rules.md"


def test_doc_table_matches_allowed() -> None:
    """Each phase row of the doc's table marks exactly the commands ALLOWED has for it."""
    lines = DOC.read_text(encoding="utf-8").splitlines()
    header = "| phase | " + " | ".join(command_name(c) for c in HOST_COMMANDS) + " |"
    start = lines.index(header)
    rows = {line.split("|")[1].strip(): line for line in lines[start + 2 : start + 2 + len(Phase)]}
    expected = {
        str(phase): f"| {phase} | "
        + " | ".join("yes" if c in ALLOWED[phase] else "-" for c in HOST_COMMANDS)
        + " |"
        for phase in Phase
    }
    assert rows == expected
