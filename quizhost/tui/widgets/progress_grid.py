"""The class's progress as a grid: one row per student, one narrow column per question.

A `DataTable` (it draws only the rows on screen, so 500 students scroll smoothly). A new view
updates only the cells that changed while the row order stays; a new order redraws the rows.
"""

from __future__ import annotations

import enum
from collections.abc import Sequence

from rich.text import Text
from textual.widgets import DataTable

from quizhost.core.assignment import Mark, Step
from quizhost.formats import score_text
from quizhost.tui.adapter import ProgressView, StudentRow
from quizhost.tui.text import literal

#: How each outcome looks in a cell: a symbol first (colour is never the only sign).
CELLS: dict[int, tuple[str, str]] = {
    Mark.NOT_YET: ("·", "dim"),
    Mark.RIGHT: ("✓", "bold green"),
    Mark.WRONG: ("✗", "bold red"),
    Mark.MISSED: ("–", "yellow"),
    Mark.ANSWERED: ("•", "cyan"),
}
NAME_WIDTH = 14


class Order(enum.StrEnum):
    """How the rows are sorted."""

    PROGRESS = "progress"
    SCORE = "score"
    JOINED = "join order"


def sorted_rows(rows: Sequence[StudentRow], order: Order) -> list[StudentRow]:
    """Rows in `order`: furthest first (then score), best score first, or as they joined."""
    if order is Order.PROGRESS:
        return sorted(rows, key=lambda r: (-r.done, r.rank_key))
    if order is Order.SCORE:
        return sorted(rows, key=lambda r: r.rank_key)
    return list(rows)


def row_cells(row: StudentRow, total: int, stuck: bool) -> tuple[Text, ...]:
    """The cells of one student's row: name, score, how far, then a mark per question."""
    name = literal(row.name)
    name.truncate(NAME_WIDTH, overflow="ellipsis")
    if not row.connected and row.step is not Step.DONE:
        name.stylize("dim")
    if stuck:
        name.append(" ⏸", style="yellow")
    done = "done" if row.step is Step.DONE else f"{row.done}/{total}"
    marks = tuple(Text(*CELLS.get(mark, CELLS[Mark.NOT_YET])) for mark in row.marks)
    score = Text(score_text(row.score), justify="right")
    return (name, score, Text(done, justify="right"), *marks)


class ProgressGrid(DataTable[Text]):
    """Students x questions. Call `show(view, order)` with every new view."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="row", zebra_stripes=True)
        self._total = -1
        self._order: list[str] = []
        self._cells: dict[str, tuple[Text, ...]] = {}

    def show(self, view: ProgressView, order: Order) -> None:
        if view.total != self._total:
            self._total = view.total
            self.clear(columns=True)
            self.add_column("Student", width=NAME_WIDTH + 2, key="name")
            self.add_column("Score", width=6, key="score")
            self.add_column("Done", width=5, key="done")
            for index in range(view.total):
                self.add_column(str(index + 1), width=max(1, len(str(index + 1))), key=str(index))
            self._order, self._cells = [], {}
        rows = sorted_rows(view.students, order)
        keys = [row.id for row in rows]
        cells = {row.id: row_cells(row, view.total, view.is_stuck(row)) for row in rows}
        if keys != self._order:
            cursor = self.cursor_row
            self.clear()
            for key in keys:
                self.add_row(*cells[key], key=key)
            if keys:
                self.move_cursor(row=min(cursor, len(keys) - 1))
        else:
            columns = list(self.columns)
            for key, new in cells.items():
                old = self._cells.get(key)
                for column, (before, after) in enumerate(zip(old or (), new, strict=False)):
                    if before != after:
                        self.update_cell(key, columns[column], after)
        self._order, self._cells = keys, cells

    @property
    def highlighted_student(self) -> str | None:
        """The id of the student under the cursor (None: no students)."""
        if not self._order or not 0 <= self.cursor_row < len(self._order):
            return None
        return self._order[self.cursor_row]
