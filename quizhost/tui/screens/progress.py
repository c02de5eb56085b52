"""The teacher's view of a self-paced assignment: the class's progress, live.

A grid of students x questions (right, wrong, missed, not yet), each student's score and how
far they are, the questions with the lowest success so far, and who has not started or seems
stuck. Views come from the session at most twice a second; a burst of them is coalesced
again here (`ProgressChanged.can_replace`), so 500 students never make the console lag.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import Footer, Static

from quizhost.bank.maths import shown_as_text
from quizhost.core import Rejected
from quizhost.tui.adapter import ProgressAdapter, ProgressView, StudentRow
from quizhost.tui.messages import ProgressChanged
from quizhost.tui.screens.confirm import ConfirmDialog
from quizhost.tui.screens.join_code import JoinCodeDialog
from quizhost.tui.text import literal
from quizhost.tui.widgets.progress_grid import Order, ProgressGrid

#: How many names the "not started" and "stuck" lines list before "+N more".
NAMES_SHOWN = 4


def names_line(label: str, rows: tuple[StudentRow, ...]) -> Text:
    """ "Not started (3): Ada, Bob, Cy" with at most NAMES_SHOWN names, then "+N"."""
    line = Text(f"{label} ({len(rows)}): ", style="bold", no_wrap=True, overflow="ellipsis")
    if not rows:
        line.append("nobody", style="dim")
        return line
    for number, row in enumerate(rows[:NAMES_SHOWN]):
        if number:
            line.append(", ")
        line.append_text(literal(row.name))
    if len(rows) > NAMES_SHOWN:
        line.append(f" +{len(rows) - NAMES_SHOWN}")
    return line


def summary_lines(view: ProgressView, width: int) -> Text:
    """The three lines under the grid, each cut to `width`: hardest questions, not started,
    stuck."""
    hardest = Text("Hardest: ", style="bold", no_wrap=True, overflow="ellipsis")
    tried = view.hardest(3)
    if not tried:
        hardest.append("no answers yet", style="dim")
    for number, stat in enumerate(tried):
        if number:
            hardest.append("  ·  ")
        share = round(100 * (stat.success or 0))
        hardest.append(f"Q{stat.bank_index + 1} {share}% ", style="bold")
        text = literal(shown_as_text(stat.text, stat.math))
        text.truncate(18, overflow="ellipsis")
        hardest.append_text(text)
    lines = [
        hardest,
        names_line("Not started", view.not_started),
        names_line("Stuck (no answer for 2 min)", view.stuck),
    ]
    for line in lines:
        line.truncate(max(1, width), overflow="ellipsis")
    return Text("\n", end="").join(lines)


def status_line(title: str, view: ProgressView) -> Text:
    """The top bar: the quiz, the PIN, who started and finished, and the deadline."""
    text = Text(no_wrap=True, overflow="ellipsis", end="")
    text.append(" quizhost ", style="bold reverse")
    text.append(" ")
    text.append_text(literal(title, "bold"))
    if view.ended:
        text.append("  ·  ended", style="bold")
    elif view.until_ms is not None:
        until = datetime.fromtimestamp(view.until_ms / 1000).strftime("%a %H:%M")
        text.append(f"  ·  until {until}")
    students = len(view.students)
    started = students - len(view.not_started)
    text.append(f"  ·  PIN {view.pin}  ·  {started}/{students} started  ·  {view.finished} done")
    return text


class ProgressScreen(Screen[None]):
    """The assignment's live progress; every key is in docs/console.md."""

    DEFAULT_CSS = """
    ProgressScreen #progress-top { height: 1; background: $panel; }
    ProgressScreen #progress-warning { height: auto; max-height: 2; background: $error;
        text-style: bold; display: none; }
    ProgressScreen #progress-join { height: 1; color: $foreground; }
    ProgressScreen ProgressGrid { height: 1fr; }
    ProgressScreen #progress-summary { height: 3; padding: 0 1; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("p", "order('progress')", "By progress"),
        Binding("s", "order('score')", "By score"),
        Binding("j", "order('join order')", "Join order"),
        Binding("c", "join_code", "QR code"),
        Binding("e", "end", "End"),
    ]

    def __init__(self, adapter: ProgressAdapter) -> None:
        super().__init__()
        self.adapter = adapter
        self.order = Order.PROGRESS
        self.view: ProgressView | None = None
        self._unsubscribe: Callable[[], None] | None = None

    def compose(self) -> ComposeResult:
        yield Static("", id="progress-top", markup=False)
        yield Static("", id="progress-warning", markup=False)
        yield Static("", id="progress-join", markup=False)
        yield ProgressGrid(id="progress-grid")
        yield Static("", id="progress-summary", markup=False)
        yield Footer(show_command_palette=False)

    def on_mount(self) -> None:
        self._unsubscribe = self.adapter.subscribe(self._view_arrived)
        self.query_one(ProgressGrid).focus()
        for note in self.adapter.notes:
            self.notify(note, title="Note", timeout=10, markup=False)

    def on_unmount(self) -> None:
        if self._unsubscribe is not None:
            self._unsubscribe()
            self._unsubscribe = None

    def _view_arrived(self, view: ProgressView) -> None:
        """Called by the session (same loop, synchronously): queue it as a message."""
        self.post_message(ProgressChanged(view))

    @on(ProgressChanged)
    def show_view(self, message: ProgressChanged) -> None:
        self.view = message.view
        self._draw()

    def _draw(self) -> None:
        view = self.view
        if view is None:
            return
        self.query_one("#progress-top", Static).update(status_line(self.adapter.bank_title, view))
        warning = self.query_one("#progress-warning", Static)
        warning.display = view.warning is not None
        if view.warning is not None:
            warning.update(literal(f"⚠ {view.warning}"))
        join = Text(f" Join at {view.join_url}  ·  sorted by {self.order}", no_wrap=True)
        join.truncate(max(1, self.size.width), overflow="ellipsis")
        self.query_one("#progress-join", Static).update(join)
        self.query_one(ProgressGrid).show(view, self.order)
        summary = self.query_one("#progress-summary", Static)
        summary.update(summary_lines(view, self.size.width - 2))
        self.refresh_bindings()

    # Actions.

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "end":
            return self.adapter.in_progress
        return True

    def action_order(self, order: str) -> None:
        self.order = Order(order)
        self._draw()

    def action_join_code(self) -> None:
        if self.view is not None:
            self.app.push_screen(JoinCodeDialog(self.view.join_url, self.view.pin))

    def action_end(self) -> None:
        async def end_if(confirmed: bool | None) -> None:
            if confirmed:
                self._end()

        self.app.push_screen(
            ConfirmDialog(
                "End the assignment now? Questions students are on count as unanswered, "
                "and nobody can go on.",
                "End",
            ),
            end_if,
        )

    @work(exclusive=True, group="progress-command")
    async def _end(self) -> None:
        try:
            await self.adapter.end()
        except Rejected as exc:
            self.notify(exc.message, severity="warning", markup=False)
