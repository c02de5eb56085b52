"""The leaderboard: rank, movement since the last question, name, score, points gained."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.geometry import Size
from textual.widget import Widget

from quizhost.formats import score_text, signed_points
from quizhost.session.views import RankRow
from quizhost.tui.text import clean
from quizhost.tui.widgets.bars import fit


def movement(row: RankRow) -> tuple[str, str]:
    """How the player moved, as a short label and a style: ▲2 up, ▼1 down, = same, new."""
    if row.previous_rank is None:
        return "new", "italic"
    change = row.previous_rank - row.rank
    if change > 0:
        return f"▲{change}", "bold green"
    if change < 0:
        return f"▼{-change}", "bold red"
    return "=", "dim"


class RankingTable(Widget):
    """The top rows of a ranking, one line each."""

    DEFAULT_CSS = """
    RankingTable { height: auto; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.rows: tuple[RankRow, ...] = ()
        self.moves = True

    def show(self, rows: Sequence[RankRow], *, moves: bool = True) -> None:
        """`moves`: show the movement column (not on a final table, where nothing follows).
        It stays blank while no row has a previous rank: the first ranking moved from none."""
        self.rows = tuple(rows)
        self.moves = moves and any(row.previous_rank is not None for row in self.rows)
        self.refresh(layout=True)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return max(1, len(self.rows))

    def render(self) -> Text:
        if not self.rows:
            return Text("Nobody has scored yet.", style="italic")
        width = self.size.width or 60
        name_width = max(8, min(24, width - 32))
        text = Text(no_wrap=True, end="")
        for number, row in enumerate(self.rows):
            if number:
                text.append("\n")
            text.append(f"{row.rank:>3}  ", style="bold")
            if self.moves:
                moved, moved_style = movement(row)
                text.append(f"{moved:<4} ", style=moved_style)
            text.append(fit(clean(row.name), name_width), style="bold" if row.rank <= 3 else "")
            text.append(f" {score_text(row.score):>9}", style="bold")
            gained = signed_points(row.gained)
            text.append(f" {gained:>8}", style="green" if row.gained > 0 else "red")
        return text
