"""`quizhost results` as a person reads it: aligned tables, grouped scores, a real prompt."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from wcwidth import wcswidth

from quizhost.bank.models import Kind
from quizhost.results import GameResults, GameSummary, PlayerResultRow, QuestionResultRow
from quizhost.results_command import format_results
from quizhost.store import Store

PLAYERS = (
    PlayerResultRow(1, "Eli 🦊", 19_054, 3, 3, 2_500),
    PlayerResultRow(2, "Ada", 8_123, 2, 3, 3_100),
    PlayerResultRow(3, "株式会社", 950, 1, 3, None),
    PlayerResultRow(4, "Zoé", 12, 0, 1, 9_000),
)


def results() -> GameResults:
    return GameResults(
        game=GameSummary("g1", 1_700_000_000_000, "Capitals", len(PLAYERS), "ended"),
        players=PLAYERS,
        questions=(QuestionResultRow(0, "Capital of Peru?", Kind.CHOICE, 4, 2, 500.0),),
        answers=(),
    )


def player_lines(lines: list[str]) -> list[str]:
    start = next(i for i, line in enumerate(lines) if line.startswith("RANK"))
    return lines[start : start + 1 + len(PLAYERS)]


def cell_columns(line: str) -> list[int]:
    """The screen column where each cell starts (cells are two or more spaces apart)."""
    return [wcswidth(line[: m.start()]) for m in re.finditer(r"\S+(?: \S+)*", line)]


def test_a_nickname_with_an_emoji_or_wide_letters_keeps_its_row_in_line() -> None:
    """Every column after the nickname starts at the same screen column, whatever the name."""
    header, *rows = player_lines(format_results(results()))
    columns = cell_columns(header)
    assert len(columns) == 7
    for row in rows:
        cells = cell_columns(row)
        assert cells == columns[: len(cells)] and len(cells) >= 6, row


def test_scores_are_grouped_as_the_phones_group_them() -> None:
    """19054 points read '19,054', as on an English phone, in the table and the average."""
    lines = format_results(results())
    text = "\n".join(player_lines(lines))
    assert "19,054" in text and "8,123" in text and " 950" in text
    assert "Average score: 7,035" in lines


def _results_command(db: Path, *args: str, stdin: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "quizhost", "results", *args, "--db", str(db)],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=60,
    )


async def test_delete_asks_first_and_keeps_the_game_unless_told_yes(tmp_path: Path) -> None:
    """The prompt reads a real stdin: 'n' (or nothing) keeps the game, 'y' deletes it."""
    db = tmp_path / "quiz.db"
    store = await Store.open(db)
    try:
        await store.create_game(
            "game-to-delete",
            pin="123456",
            bank_title="Capitals",
            bank_path="capitals.yaml",
            seed=1,
            created_at_ms=1_700_000_000_000,
        )
    finally:
        await store.close()

    kept = _results_command(db, "game-to", "--delete", stdin="n\n")
    assert "Delete game game-to-delete (Capitals)" in kept.stdout
    assert "Nothing deleted." in kept.stdout and kept.returncode == 1
    assert _results_command(db, "game-to", "--delete", stdin="").returncode == 1
    assert "game-to-delete" in _results_command(db, stdin="").stdout

    deleted = _results_command(db, "game-to", "--delete", stdin="yes\n")
    assert "Deleted game game-to-delete." in deleted.stdout and deleted.returncode == 0
    assert "No games stored yet." in _results_command(db, stdin="").stdout
