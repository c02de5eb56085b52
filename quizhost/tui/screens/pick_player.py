"""Pick a player to kick, or to give extra time, while the game runs (the lobby has its own
list on screen)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

from quizhost.session.views import PlayerRow
from quizhost.tui.widgets.players import PlayerList


class PickPlayerDialog(ModalScreen[str | None]):
    """Dismissed with the chosen player's id (enter or a click), or None (escape)."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, players: Sequence[PlayerRow], what: str = "Kick which player?") -> None:
        super().__init__()
        self._players = tuple(players)
        self._what = what

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static(f"{self._what} ↑↓ and enter; escape cancels.", markup=False)
            yield PlayerList(id="pick-players", marks=True)

    def on_mount(self) -> None:
        players = self.query_one(PlayerList)
        players.show(self._players)
        players.focus()
        if self._players:
            players.highlighted = 0

    @on(PlayerList.OptionSelected)
    def picked(self, event: PlayerList.OptionSelected) -> None:
        event.stop()
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        self.dismiss(None)
