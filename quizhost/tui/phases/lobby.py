"""The lobby: the QR code, the join address and the PIN in large type, the players arriving."""

from __future__ import annotations

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Digits, Static

from quizhost.session.views import HostView
from quizhost.tui.text import literal
from quizhost.tui.widgets.players import PlayerList
from quizhost.tui.widgets.qr import QrCode

#: Columns the join column needs beside a doubled QR code.
JOIN_COLUMN = 40


class LobbyView(Horizontal):
    def compose(self) -> ComposeResult:
        yield QrCode(id="qr")
        with Vertical(id="join"):
            yield Static("Scan the code or open", classes="caption", markup=False)
            yield Static("", id="join-url", markup=False)
            yield Static("", id="notes", markup=False)
            yield Static("Game PIN", classes="caption", markup=False)
            yield Digits("", id="pin")
            yield Static("", id="player-count", markup=False)
            yield PlayerList(id="players")
            yield Static("", id="lobby-hint", markup=False)

    def show_notes(self, notes: list[str]) -> None:
        """What the server said at start-up (e.g. that it took another port)."""
        box = self.query_one("#notes", Static)
        box.display = bool(notes)
        box.update(literal("\n".join(notes)))

    def on_resize(self, event: events.Resize) -> None:
        self._fit_qr()

    def _fit_qr(self) -> None:
        """Double the code where the terminal has room for it (and the join column)."""
        qr = self.query_one(QrCode)
        side = qr.modules()
        width, height = self.size
        qr.show(qr.url, big=bool(side) and height >= side and width >= 2 * side + JOIN_COLUMN)

    def show(self, view: HostView) -> None:
        qr = self.query_one(QrCode)
        if qr.url != view.join_url:
            qr.show(view.join_url)
            self._fit_qr()
        self.query_one("#join-url", Static).update(literal(view.join_url, "bold"))
        pin = self.query_one("#pin", Digits)
        if pin.value != view.pin:
            pin.update(view.pin)
        count = Text(no_wrap=True, end="")
        count.append(f"{view.player_count}", style="bold")
        count.append(f" player{'s' if view.player_count != 1 else ''} joined")
        offline = sum(1 for p in view.players if not p.connected)
        if offline:
            count.append(f"  ·  {offline} offline", style="italic")
        if view.locked:
            count.append("  ·  locked: nobody else can join", style="bold")
        self.query_one("#player-count", Static).update(count)
        self.query_one(PlayerList).show(view.players)
        hint = (
            "Waiting for players to join…"
            if not view.players
            else "s starts the game · x kicks a player"
        ) + "\nt switches light and dark · b the big screen"
        self.query_one("#lobby-hint", Static).update(hint)
