"""The question's countdown in large digits, ticking locally between session updates.

The session sends `remaining_ms` with each view (a few a second at most); in between, the
widget subtracts the time elapsed since that view arrived, read from an injected `ticker`
(monotonic seconds), so tests can freeze it.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable

from textual.widgets import Digits

Ticker = Callable[[], float]
TICK_S = 0.2


class Countdown(Digits):
    """Whole seconds left; stands still while paused."""

    def __init__(self, ticker: Ticker = time.monotonic, *, id: str | None = None) -> None:
        super().__init__("", id=id)
        self._ticker = ticker
        self._remaining_ms: int | None = None
        self._received = 0.0
        self._running = False

    def on_mount(self) -> None:
        self.set_interval(TICK_S, self._tick)

    def start(self, remaining_ms: int | None, *, running: bool) -> None:
        """A fresh `remaining_ms` from the session; `running` is False while paused."""
        self._remaining_ms = remaining_ms
        self._received = self._ticker()
        self._running = running
        self._tick()

    @property
    def seconds_left(self) -> int | None:
        if self._remaining_ms is None:
            return None
        elapsed_ms = (self._ticker() - self._received) * 1000 if self._running else 0
        return max(0, math.ceil((self._remaining_ms - elapsed_ms) / 1000))

    def _tick(self) -> None:
        seconds = self.seconds_left
        value = "" if seconds is None else str(seconds)
        if value != self.value:
            self.update(value)
        self.set_class(seconds is not None and seconds <= 5, "-urgent")
