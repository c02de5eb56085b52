"""Where players join (the QR code, the address, the PIN), over the game at any time.

The lobby shows this anyway; once the game runs, a late player or a phone that lost the page
needs it again, and a resumed game opens on it, since its address may have changed.
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Footer, Static

from quizhost.session.views import HostView
from quizhost.tui.phases.lobby import LobbyView


class JoinScreen(Screen[None]):
    """The lobby's join column without the players; j, escape or enter goes back."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,enter,j", "app.pop_screen", "Back to the game", priority=True),
    ]

    def __init__(self, view: HostView, notes: list[str]) -> None:
        super().__init__()
        self._view = view
        self._notes = notes

    def compose(self) -> ComposeResult:
        with Vertical(id="join-screen"):
            yield Static("Players join here", classes="title", markup=False)
            yield LobbyView(id="join-info")
        yield Footer(show_command_palette=False)

    def on_mount(self) -> None:
        info = self.query_one(LobbyView)
        info.show(self._view)
        info.show_notes(self._notes)
