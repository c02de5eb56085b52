"""The join QR code, URL and PIN over the progress screen: students join whenever they like."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

from quizhost.tui.text import literal
from quizhost.tui.widgets.qr import QrCode


class JoinCodeDialog(ModalScreen[None]):
    """Closed with escape (or c again)."""

    DEFAULT_CSS = """
    JoinCodeDialog { align: center middle; }
    JoinCodeDialog #join-code { width: auto; height: auto; background: $panel; padding: 0 1; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,c", "dismiss_code", "Close"),
    ]

    def __init__(self, url: str, pin: str) -> None:
        super().__init__()
        self._url = url
        self._pin = pin

    def compose(self) -> ComposeResult:
        with Vertical(id="join-code"):
            yield QrCode(self._url)
            yield Static(literal(f"{self._url}\nPIN {self._pin}"), markup=False)

    def action_dismiss_code(self) -> None:
        self.dismiss(None)
