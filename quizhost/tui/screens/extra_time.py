"""Choose how much extra time one player gets on every question: +25 %, +50 %, +100 % or none.

An accommodation for a student who reads or writes more slowly; the core keeps it for the
rest of the game (and a resumed game keeps it too).
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from quizhost.core import EXTRA_TIME_PERCENTS
from quizhost.tui.text import literal

#: The key of each choice: 1, 2, 3 for the percents offered, 0 for none.
KEY_OF_PERCENT = {percent: str(number) for number, percent in enumerate(EXTRA_TIME_PERCENTS, 1)}
KEY_OF_PERCENT[0] = "0"


def extra_mark(percent: int) -> str:
    """How a marked player shows in the console's lists: '⏱+50%' ('' when unmarked)."""
    return f"⏱+{percent}%" if percent else ""


class ExtraTimeDialog(ModalScreen[int | None]):
    """Dismissed with the chosen percent (0: none), or None (escape)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel"),
        *(
            Binding(key, f"choose({percent})", show=False)
            for percent, key in KEY_OF_PERCENT.items()
        ),
    ]

    def __init__(self, name: str, current: int) -> None:
        super().__init__()
        self._name = name
        self._current = current

    def compose(self) -> ComposeResult:
        now = f"now +{self._current} %" if self._current else "now none"
        with Vertical(id="dialog"):
            question = literal(f"Extra time for {self._name} on every question ({now})?")
            yield Static(question, id="dialog-question", markup=False)
            yield Static(
                "Their countdown and speed points stretch with it. Escape cancels.",
                markup=False,
            )
            with Horizontal(id="dialog-buttons"):
                for percent, key in KEY_OF_PERCENT.items():
                    label = f"+{percent} % ({key})" if percent else f"None ({key})"
                    yield Button(label, id=f"extra-{percent}")

    def on_mount(self) -> None:
        self.query_one(f"#extra-{self._current}", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        assert event.button.id is not None
        self.dismiss(int(event.button.id.removeprefix("extra-")))

    def action_choose(self, percent: int) -> None:
        self.dismiss(percent)

    def action_cancel(self) -> None:
        self.dismiss(None)
