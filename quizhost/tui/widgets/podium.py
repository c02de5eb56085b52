"""The top three as a podium: second, first, third, with steps of different heights."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Static

from quizhost.formats import score_text
from quizhost.session.views import RankRow
from quizhost.tui.text import literal

PLACES = (2, 1, 3)  # left to right
MEDALS = {1: "1st", 2: "2nd", 3: "3rd"}


class Podium(Horizontal):
    """Three steps; an empty step when fewer than three players scored."""

    rows: tuple[RankRow, ...] = ()

    def compose(self) -> ComposeResult:
        for place in PLACES:
            with Vertical(classes=f"step place-{place}"):
                yield Static("", classes="who", markup=False)
                yield Static(MEDALS[place], classes="block")

    def show(self, rows: Sequence[RankRow]) -> None:
        self.rows = tuple(rows[:3])
        by_place = {index + 1: row for index, row in enumerate(self.rows)}
        for step, place in zip(self.query(".step").results(Vertical), PLACES, strict=True):
            row = by_place.get(place)
            who = step.query_one(".who", Static)
            if row is None:
                who.update(Text("—", style="dim"))
                continue
            label = literal(row.name, "bold")
            label.append(f"\n{score_text(row.score)}")
            who.update(label)
