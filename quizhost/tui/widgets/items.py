"""A list of items one a line (order questions), a long item wrapping under itself.

An item is never joined to the next one on a line, nor broken where a bullet or a number
could be mistaken for a new item: each starts its own line, and its continuation lines are
indented past the marker.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.cells import cell_len
from rich.console import Console
from rich.text import Text
from textual.geometry import Size
from textual.widget import Widget

from quizhost.tui.text import clean

_MEASURE = Console(width=1000, file=None, color_system=None, legacy_windows=False)


def item_lines(items: Sequence[str], width: int, *, numbered: bool) -> list[Text]:
    """The lines of `items` at `width` cells: '• item' or '1. item', wrapped with an indent."""
    lines: list[Text] = []
    for number, item in enumerate(items, start=1):
        marker = f"{number}. " if numbered else "• "
        room = max(8, width - cell_len(marker))
        wrapped = Text(clean(item)).wrap(_MEASURE, room, overflow="fold")
        for index, part in enumerate(wrapped):
            line = Text(marker if index == 0 else " " * cell_len(marker), style="bold", end="")
            line.append_text(part)
            line.rstrip()
            lines.append(line)
    return lines


class ItemList(Widget):
    """Order items, as players see them (bullets) or in the right order (numbered)."""

    DEFAULT_CSS = """
    ItemList { height: auto; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.items: tuple[str, ...] = ()
        self.numbered = False

    def show(self, items: Sequence[str], *, numbered: bool = False) -> None:
        self.items, self.numbered = tuple(items), numbered
        self.refresh(layout=True)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(item_lines(self.items, width, numbered=self.numbered))

    def render(self) -> Text:
        lines = item_lines(self.items, self.size.width or 60, numbered=self.numbered)
        return Text("\n", end="").join(lines)
