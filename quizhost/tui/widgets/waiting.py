"""The names still to answer the open question, packed into lines, offline ones marked.

Names flow across the width, a few a line, and a name is never broken across lines (a name
wider than a line is cut with an ellipsis), so a class of thirty fits in the room a question
leaves at 80x24, and the rest scrolls.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.cells import cell_len
from rich.text import Text
from textual.geometry import Size
from textual.widget import Widget

from quizhost.session.views import PlayerRow
from quizhost.tui.text import clean
from quizhost.tui.widgets.bars import fit

GAP = "   "
OFFLINE = " (offline)"


def waiting_lines(players: Sequence[PlayerRow], width: int) -> list[Text]:
    """`players` as labels packed greedily into lines at most `width` cells wide."""
    width = max(8, width)
    lines: list[Text] = []
    line = Text(end="")
    for player in players:
        name = clean(player.name)
        suffix = "" if player.connected else OFFLINE
        name = fit(name, max(1, width - cell_len(suffix))).rstrip()
        label = Text(name, style="bold", end="")
        label.append(suffix, style="dim italic")
        if line.cell_len and line.cell_len + len(GAP) + label.cell_len > width:
            lines.append(line)
            line = Text(end="")
        if line.cell_len:
            line.append(GAP)
        line.append_text(label)
    if line.cell_len:
        lines.append(line)
    return lines


class WaitingList(Widget):
    """Who has not answered yet (put it in a scrolling container)."""

    DEFAULT_CSS = """
    WaitingList { height: auto; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.players: tuple[PlayerRow, ...] = ()

    def show(self, players: Sequence[PlayerRow]) -> None:
        rows = tuple(players)
        if rows != self.players:
            self.players = rows
            self.refresh(layout=True)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(waiting_lines(self.players, width))

    def render(self) -> Text:
        return Text("\n", end="").join(waiting_lines(self.players, self.size.width or 60))
