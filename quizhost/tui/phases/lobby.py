"""The lobby: the QR code, the join address and the PIN in large type, the players arriving."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Digits, Static

from quizhost.session.views import HostView
from quizhost.tui.text import literal
from quizhost.tui.widgets.players import PlayerList
from quizhost.tui.widgets.qr import QrCode


class LobbyView(Horizontal):
    def compose(self) -> ComposeResult:
        yield QrCode(id="qr")
        with Vertical(id="join"):
            yield Static("Scan the code or open", classes="caption", markup=False)
            yield Static("", id="join-url", markup=False)
            yield Static("Game PIN", classes="caption", markup=False)
            yield Digits("", id="pin")
            yield Static("", id="player-count", markup=False)
            yield PlayerList(id="players")
            yield Static("", id="lobby-hint", markup=False)

    def show(self, view: HostView) -> None:
        self.query_one(QrCode).show(view.join_url)
        self.query_one("#join-url", Static).update(literal(view.join_url, "bold"))
        pin = self.query_one("#pin", Digits)
        if pin.value != view.pin:
            pin.update(view.pin)
        count = Text(no_wrap=True, end="")
        count.append(f"{view.player_count}", style="bold")
        count.append(f" player{'s' if view.player_count != 1 else ''} joined")
        if view.locked:
            count.append("  ·  locked: nobody else can join", style="bold")
        self.query_one("#player-count", Static).update(count)
        self.query_one(PlayerList).show(view.players)
        hint = (
            "Waiting for players to join…"
            if not view.players
            else "Press s to start · ↑↓ and x to kick a player"
        )
        self.query_one("#lobby-hint", Static).update(hint)
