"""What the teacher sees of the answers: order items whole, what was typed, where values fell,
the image, and who has not answered yet."""

from __future__ import annotations

from pathlib import Path

import pytest

from quizhost.core import Phase
from quizhost.core.spread import SliderBin
from quizhost.tui.widgets.items import item_lines
from quizhost.tui.widgets.spread import histogram_lines
from quizhost.tui.widgets.waiting import WaitingList
from tests.integration.wire import Client
from tests.tui import scenes
from tests.tui.console import (
    KINDS_BANK,
    fixed_console,
    game_screen,
    join,
    ready,
    screen_text,
    shown,
    until,
)

SIZES = [(80, 24), (100, 32)]
clients: list[Client] = []  # kept open until the console stops the server
#: The order question's items as shown (shuffled), and in the right order.
SHOWN = (
    "The World Wide Web",
    "Newcomen's steam engine",
    "Gutenberg's printing press",
    "Bell's telephone",
)
RIGHT = (
    "Gutenberg's printing press",
    "Newcomen's steam engine",
    "Bell's telephone",
    "The World Wide Web",
)


def lines_with(text: str, items: tuple[str, ...]) -> list[str]:
    """For each item, the one screen line that holds it, stripped (fails if split or missing)."""
    lines = text.splitlines()
    found = []
    for item in items:
        holding = [line.strip() for line in lines if item in line]
        assert len(holding) == 1, f"{item!r} is not whole on one line:\n{text}"
        found.append(holding[0])
    return found


@pytest.mark.parametrize("size", SIZES)
async def test_order_items_are_whole_one_a_line(tmp_path: Path, size: tuple[int, int]) -> None:
    """The question lists the items as players see them, one a line; the reveal numbers the
    right order, one a line: no item is broken across lines."""
    app = fixed_console(tmp_path / "q.db", KINDS_BANK)
    async with app.run_test(size=size) as pilot:
        await scenes.order_question(pilot)
        assert lines_with(screen_text(app), SHOWN) == [f"• {item}" for item in SHOWN]
        await pilot.press("k")
        await shown(pilot, Phase.REVEAL)
        assert "Correct order:" in screen_text(app)
        found = lines_with(screen_text(app), RIGHT)
        assert [line[:3] for line in found] == ["1. ", "2. ", "3. ", "4. "]


def test_a_long_item_wraps_under_itself() -> None:
    """An item wider than the screen continues under its own text, past its number."""
    lines = item_lines(["The printing press of Gutenberg", "Web"], 24, numbered=True)
    assert [line.plain for line in lines] == [
        "1. The printing press of",
        "   Gutenberg",
        "2. Web",
    ]


async def test_the_names_still_to_answer_show_during_a_question(tmp_path: Path) -> None:
    """Beside 'answered 4/5' the console names who is missing; one who left is marked."""
    app = fixed_console(tmp_path / "q.db", KINDS_BANK)
    async with app.run_test(size=(80, 24)) as pilot:
        await scenes.typed_question(pilot)
        waiting = game_screen(app).query_one("#waiting", WaitingList)
        await until(pilot, lambda: "Edsger" in waiting.render().plain, "the missing name")
        assert waiting.render().plain == "Edsger"
        assert "Still to answer (1)" in screen_text(app)

        await scenes._clients[-1].close()  # Edsger's phone goes away
        await until(pilot, lambda: "(offline)" in waiting.render().plain, "marked offline")
        assert waiting.render().plain == "Edsger (offline)"
        await pilot.pause()
        assert "Edsger (offline)" in screen_text(app)


async def test_a_long_list_of_names_to_answer_scrolls_at_80x24(tmp_path: Path) -> None:
    """Sixty players, none has answered: the names fill the room left and scroll to the last."""
    app = fixed_console(tmp_path / "q.db", KINDS_BANK)
    names = [f"Pupil number {number:02}" for number in range(1, 61)]
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        for name in names:
            clients.append(await join(app, name))
        await pilot.press("s")
        await shown(pilot, Phase.QUESTION)
        waiting = game_screen(app).query_one("#waiting", WaitingList)
        await until(pilot, lambda: "Pupil number 60" in waiting.render().plain, "every name")
        text = screen_text(app)
        assert "Still to answer (60)" in text and "Pupil number 01" in text
        assert "Pupil number 60" not in text  # below the fold
        scroller = game_screen(app).query_one("#waiting-scroll")
        assert scroller.max_scroll_y > 0
        scroller.scroll_end(animate=False)
        await pilot.pause()
        assert "Pupil number 60" in screen_text(app)


async def test_the_lobby_marks_a_player_who_left(tmp_path: Path) -> None:
    """A player whose phone went away stays in the list, marked, and counted as offline."""
    app = fixed_console(tmp_path / "q.db")
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        ada = await join(app, "Ada")
        await join(app, "Bob")
        await until(pilot, lambda: "Bob" in screen_text(app), "Bob")
        await ada.close()
        await until(pilot, lambda: "Ada  (offline)" in screen_text(app), "Ada marked")
        assert "Bob  (offline)" not in screen_text(app)
        assert "2 players joined  ·  1 offline" in screen_text(app)


@pytest.mark.parametrize("size", SIZES)
async def test_a_typed_answer_reveal_shows_the_spellings_and_what_was_typed(
    tmp_path: Path, size: tuple[int, int]
) -> None:
    """Every accepted spelling, then the answers typed, grouped as judged, most typed first."""
    app = fixed_console(tmp_path / "q.db", KINDS_BANK)
    async with app.run_test(size=size) as pilot:
        await scenes.typed_reveal(pilot)
        text = screen_text(app)
        assert "Correct answer: 6  ·  also accepted: six, six sides" in text
        assert "What players typed" in text
        six, digit, seven = lines_with(text, ("✓ Six ", "✓ 6 ", "✗ seven "))
        assert [six.split()[-1], digit.split()[-1], seven.split()[-1]] == ["2", "1", "1"]
        assert text.index("✓ Six") < text.index("✓ 6 ") < text.index("✗ seven")
        assert "3 of 4 answers correct" in text


@pytest.mark.parametrize("size", SIZES)
async def test_a_slider_reveal_shows_the_margin_and_where_the_values_fell(
    tmp_path: Path, size: tuple[int, int]
) -> None:
    """1969 ± 2; the values 1960, 1969, 1970, 1972, 1990 drawn in bins of three years."""
    app = fixed_console(tmp_path / "q.db", KINDS_BANK)
    async with app.run_test(size=size) as pilot:
        await scenes.slider_reveal(pilot)
        text = screen_text(app)
        assert "Correct answer: 1969 ± 2" in text
        assert "Where the values fell" in text
        [labels] = [line for line in text.splitlines() if line.strip().startswith("1950")]
        assert labels.split() == ["1950", "1969", "2000"]


def test_the_histogram_draws_each_bin_as_tall_as_its_count() -> None:
    """Two bins of three: the fuller one reaches the top, the margin is thick on the axis."""
    bins = (SliderBin(0, 2, 2, False), SliderBin(3, 5, 1, True), SliderBin(6, 8, 0, False))
    lines = [line.plain for line in histogram_lines(bins, 4)]
    assert lines == [
        "██",
        "██",
        "██ ██",
        "██ ██",
        "───━━━──",
        "0  4   8",
    ]


async def test_an_image_question_names_its_image(tmp_path: Path) -> None:
    app = fixed_console(tmp_path / "q.db", KINDS_BANK)
    async with app.run_test(size=(80, 24)) as pilot:
        await scenes.image_question(pilot)
        assert "Image: images/flag-japan.svg" in screen_text(app)
        await pilot.press("k")
        await shown(pilot, Phase.REVEAL)
        assert "Image: images/flag-japan.svg" in screen_text(app)
