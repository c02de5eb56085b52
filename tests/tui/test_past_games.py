"""Past games: one game's results fit at 100x32, in words, numbers aligned to the right."""

from __future__ import annotations

from pathlib import Path

from quizhost.core import Phase
from quizhost.tui.screens.past_games import GameResultsScreen, PastGamesScreen
from tests.tui.console import answer, fixed_console, join, ready, screen_text, shown, until

LONG = (
    "Which of these rivers, all of them longer than a thousand kilometres, flows through "
    "the most capital cities on its way to the sea?"
)
BANK = f"""
title: Rivers
defaults: {{time: 20, shuffle_questions: false, shuffle_choices: false}}
questions:
  - question: {LONG}
    choices: [{{correct: Danube}}, Rhine, Volga, Nile]
  - question: The Nile flows north.
    true_false: true
"""


def columns(line: str, *names: str) -> list[int]:
    """Where each of `names` ends in `line` (the column a right-aligned value ends at)."""
    return [line.index(name) + len(name) for name in names]


def ending_at(line: str, ends: list[int], widths: list[int]) -> list[str]:
    """The cells of `line` that end at `ends`, `widths` cells wide each, stripped."""
    return [line[end - width : end].strip() for end, width in zip(ends, widths, strict=True)]


async def test_one_game_at_100x32_shows_every_column_in_words(tmp_path: Path) -> None:
    bank = tmp_path / "rivers.yaml"
    bank.write_text(BANK)
    app = fixed_console(tmp_path / "q.db", bank)
    async with app.run_test(size=(100, 32)) as pilot:
        await ready(pilot)
        ada = await join(app, "Ada")
        await join(app, "Bob")
        await pilot.press("s")
        await shown(pilot, Phase.QUESTION)
        await answer(ada, 0, choice=0)
        for _ in range(2):
            await pilot.press("k")
            await shown(pilot, Phase.REVEAL)
            await pilot.press("n", "n")
            await pilot.pause(0.1)
        await shown(pilot, Phase.PODIUM)
        await pilot.press("n")
        await shown(pilot, Phase.ENDED)
        await pilot.press("g")
        await until(pilot, lambda: isinstance(app.screen, PastGamesScreen), "past games")
        await until(pilot, lambda: "Rivers" in screen_text(app), "the list")
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, GameResultsScreen), "results")
        await until(pilot, lambda: "Hardest:" in screen_text(app), "the results")
        lines = screen_text(app).splitlines()

        header = next(line for line in lines if "Question" in line and "Kind" in line)
        assert "Avg points" in header
        first = next(line for line in lines if "1  Which" in line)
        second = next(line for line in lines if "2  The Nile flows north." in line)  # the table row
        assert "choice" in first and "true or false" in second and "true_false" not in second
        ends = columns(header, "Answered", "Correct", "Avg points")
        widths = [len("Answered"), len("Correct"), len("Avg points")]
        assert ending_at(first, ends, widths) == ["1", "100%", "1,000"]
        assert ending_at(second, ends, widths) == ["0", "", "0"]

        players = next(line for line in lines if "Rank" in line and "Score" in line)
        ada = next(line for line in lines if " Ada " in line)
        assert ending_at(ada, columns(players, "Score"), [len("Score")]) == ["1,000"]
