"""The leaderboard's moves, what the last leaderboard leads to, and the game-over table."""

from __future__ import annotations

from pathlib import Path

from quizhost.core import Phase
from quizhost.tui.widgets.ranking import RankingTable
from tests.tui.console import answer, fixed_console, join, ready, screen_text, shown

MOVES = ("▲", "▼", "new", " = ")


def table_text(table: RankingTable) -> str:
    return table.render().plain


async def test_no_moves_until_there_is_a_previous_ranking(tmp_path: Path) -> None:
    """After question 1 the ranking is the first one: no ▲, ▼, = or new against join order.
    From question 2 on the moves show (a tie keeps Bob first: he got there first)."""
    app = fixed_console(tmp_path / "q.db")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await ready(pilot)
        ada = await join(app, "Ada")
        bob = await join(app, "Bob")
        await pilot.press("s")
        await shown(pilot, Phase.QUESTION)
        await answer(bob, 0, choice=1)  # Bob first, though he joined second
        await pilot.press("k")
        await shown(pilot, Phase.REVEAL)
        await pilot.press("n")
        await shown(pilot, Phase.LEADERBOARD)
        first = table_text(screen.query_one("#leaderboard-table", RankingTable))
        assert "Bob" in first and "Ada" in first
        assert not [move for move in MOVES if move in first], first

        await pilot.press("n")
        await shown(pilot, Phase.QUESTION)
        await answer(ada, 1, choice=0)
        await pilot.press("k")
        await shown(pilot, Phase.REVEAL)
        await pilot.press("n")
        await shown(pilot, Phase.LEADERBOARD)
        second = table_text(screen.query_one("#leaderboard-table", RankingTable))
        assert [line.split()[:3] for line in second.splitlines()] == [
            ["1", "=", "Bob"],
            ["2", "=", "Ada"],
        ]


async def test_the_last_leaderboard_leads_to_the_podium(tmp_path: Path) -> None:
    """After the last question the hint says the podium comes next, not a question; the
    game-over table has no moves column (there is no next ranking to move in)."""
    app = fixed_console(tmp_path / "q.db")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await ready(pilot)
        ada = await join(app, "Ada")
        await join(app, "Bob")
        await pilot.press("s")
        for question in range(3):
            await shown(pilot, Phase.QUESTION)
            if question == 1:
                await answer(ada, 1, choice=0)
            await pilot.press("k")
            await shown(pilot, Phase.REVEAL)
            await pilot.press("n")
            await shown(pilot, Phase.LEADERBOARD)
            hint = "Press n for the podium" if question == 2 else "Press n for the next question"
            assert hint in screen_text(app)
            await pilot.press("n")
        await shown(pilot, Phase.PODIUM)
        await pilot.press("n")
        await shown(pilot, Phase.ENDED)
        final = table_text(screen.query_one("#final-top", RankingTable))
        assert "Ada" in final and "Bob" in final
        assert not [move for move in MOVES if move in final], final
