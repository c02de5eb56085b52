"""What the teacher sees of the answers: order items whole, what was typed, where values fell,
the image, and who has not answered yet."""

from __future__ import annotations

from pathlib import Path

import pytest

from quizhost.core import Phase
from quizhost.tui.widgets.items import item_lines
from tests.tui import scenes
from tests.tui.console import KINDS_BANK, fixed_console, screen_text, shown

SIZES = [(80, 24), (100, 32)]
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
