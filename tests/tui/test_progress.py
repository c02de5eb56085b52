"""The progress screen of a self-paced assignment, driven with Textual's Pilot."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from quizhost.tui.screens.confirm import ConfirmDialog
from quizhost.tui.screens.join_code import JoinCodeDialog
from quizhost.tui.screens.progress import ProgressScreen
from quizhost.tui.widgets.progress_grid import ProgressGrid
from tests.tui.assignment_kit import AssignmentStarter, assignment_console, class_at_work
from tests.tui.console import screen_text, until

SnapCompare = Callable[..., bool]


pytestmark = pytest.mark.usefixtures("utc")


async def progress_screen(pilot: Pilot[Any]) -> ProgressScreen:
    await until(pilot, lambda: isinstance(pilot.app.screen, ProgressScreen), "the progress screen")
    screen = pilot.app.screen
    assert isinstance(screen, ProgressScreen)
    return screen


async def with_class(pilot: Pilot[Any], starter: AssignmentStarter, count: int) -> ProgressScreen:
    """The progress screen once `count` students are at work and it shows them all."""
    screen = await progress_screen(pilot)
    assert starter.session is not None
    await class_at_work(starter.session, count)
    grid = screen.query_one(ProgressGrid)
    await until(pilot, lambda: grid.row_count == count, f"{count} rows")
    await pilot.pause(0.6)  # the last coalesced view
    await pilot.pause()
    return screen


def first_names(grid: ProgressGrid, rows: int) -> list[str]:
    return [str(grid.get_row_at(i)[0]).removesuffix(" ⏸") for i in range(rows)]


async def test_forty_students_fit_80x24_with_marks_scores_and_the_hardest_questions(
    tmp_path: Path,
) -> None:
    """At 80x24: every question column, who has not started, the hardest question."""
    app, starter = assignment_console(tmp_path / "q.db")
    async with app.run_test(size=(80, 24)) as pilot:
        await with_class(pilot, starter, 40)
        text = screen_text(pilot.app)
        assert "PIN 482913" in text and "35/40 started" in text
        assert " 12 " in text.splitlines()[2]  # the last question's column is on screen
        assert "✓" in text and "✗" in text
        assert "Not started (5): Dennis 1, Ken 1, Ada 2, Edsger 2 +1" in text
        assert "Hardest: Q" in text


async def test_rows_sort_by_progress_by_score_and_by_join_order(tmp_path: Path) -> None:
    """p: furthest first; s: best score first; j: as they joined."""
    app, starter = assignment_console(tmp_path / "q.db")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await with_class(pilot, starter, 20)
        grid = screen.query_one(ProgressGrid)
        assert starter.session is not None
        view = starter.session.progress()
        await pilot.press("s")
        best = min(view.students, key=lambda r: r.rank_key)
        assert first_names(grid, 1) == [best.name]
        await pilot.press("j")
        assert first_names(grid, 3) == ["Ada 1", "Grace 1", "Linus 1"]
        await pilot.press("p")
        furthest = [r.done for r in sorted(view.students, key=lambda r: -r.done)][:3]
        dones = {r.name: r.done for r in view.students}
        assert [dones[name] for name in first_names(grid, 3)] == furthest
        assert "sorted by progress" in screen_text(pilot.app)


async def test_the_join_code_opens_and_closes(tmp_path: Path) -> None:
    """c shows the QR code, URL and PIN over the grid; escape closes it."""
    app, _ = assignment_console(tmp_path / "q.db")
    async with app.run_test(size=(80, 40)) as pilot:
        await progress_screen(pilot)
        await pilot.press("c")
        await until(pilot, lambda: isinstance(pilot.app.screen, JoinCodeDialog), "the QR code")
        assert "PIN 482913" in screen_text(pilot.app)
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(pilot.app.screen, ProgressScreen), "the grid")


async def test_ending_asks_first_then_ends_the_assignment(tmp_path: Path) -> None:
    """e asks; n changes nothing; e then y ends it, and the top bar says so."""
    app, starter = assignment_console(tmp_path / "q.db")
    async with app.run_test(size=(80, 24)) as pilot:
        await with_class(pilot, starter, 3)
        assert starter.session is not None
        await pilot.press("e")
        await until(pilot, lambda: isinstance(pilot.app.screen, ConfirmDialog), "the question")
        await pilot.press("n")
        await until(pilot, lambda: isinstance(pilot.app.screen, ProgressScreen), "the grid")
        assert starter.session.in_progress
        await pilot.press("e")
        await until(pilot, lambda: isinstance(pilot.app.screen, ConfirmDialog), "the question")
        await pilot.press("y")
        await until(pilot, lambda: not starter.session.in_progress, "the end")  # type: ignore[union-attr]
        await until(pilot, lambda: "ended" in screen_text(pilot.app).splitlines()[0], "ended")


@pytest.mark.slow
async def test_five_hundred_students_sort_and_scroll(tmp_path: Path) -> None:
    """500 rows: a re-sort and a jump to the end reach the last row, and a new view keeps them
    all (how long it takes is a figure for bench/, not an assertion on a shared machine)."""
    app, starter = assignment_console(tmp_path / "q.db")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await with_class(pilot, starter, 500)
        grid = screen.query_one(ProgressGrid)
        await pilot.press("s")
        await pilot.press("ctrl+end")
        await pilot.pause()
        assert grid.cursor_row == 499
        assert grid.row_count == 500
        assert starter.session is not None
        screen.show_view(type("M", (), {"view": starter.session.progress()})())
        await pilot.pause()
        assert grid.row_count == 500


def test_progress_at_80x24(snap_compare: SnapCompare, tmp_path: Path) -> None:
    """The capture of the issue: 40 students mid-assignment (docs/console.md shows it)."""
    app, starter = assignment_console(tmp_path / "q.db")

    async def forty(pilot: Pilot[Any]) -> None:
        await with_class(pilot, starter, 40)

    assert snap_compare(app, terminal_size=(80, 24), run_before=forty)
