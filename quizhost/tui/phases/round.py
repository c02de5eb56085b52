"""A round's title screen: which round, its title, how many questions; n goes on."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static

from quizhost.session.views import HostView
from quizhost.tui.text import literal


class RoundView(Vertical):
    def compose(self) -> ComposeResult:
        yield Static("", id="round-number", markup=False)
        yield Static("", id="round-title", markup=False)
        yield Static("", id="round-note", markup=False)

    def show(self, view: HostView) -> None:
        shown = view.round
        if shown is None:
            return
        self.query_one("#round-number", Static).update(
            Text(f"Round {shown.index + 1} of {shown.total}", style="bold")
        )
        self.query_one("#round-title", Static).update(literal(shown.title, "bold"))
        count = f"{shown.size} question{'s' if shown.size != 1 else ''}"
        self.query_one("#round-note", Static).update(Text(f"{count} · n starts the round"))
