"""The session's timers: a deadline (the open question's, an assignment's end), and updates
coalesced in time.

Both wrap `loop.call_later`; neither knows the game. The core only advises when a question is
due (`Game.deadline_ms`), as websockets' protocol advises its shell; the session owns the timer.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable

Clock = Callable[[], int]


class DeadlineTimer:
    """Calls `on_due` once the wall clock reaches the deadline it follows."""

    def __init__(self, clock: Clock, on_due: Callable[[], None]) -> None:
        self._clock = clock
        self._on_due = on_due
        self._handle: asyncio.TimerHandle | None = None
        self._deadline: int | None = None
        self._stopped = False

    def follow(self, deadline_ms: int | None) -> None:
        """Aim at `deadline_ms` (None: no question open); call after every command."""
        if deadline_ms == self._deadline or self._stopped:
            return
        if self._handle is not None:
            self._handle.cancel()
            self._handle = None
        self._deadline = deadline_ms
        if deadline_ms is not None:
            delay = max(0, deadline_ms - self._clock()) / 1000
            self._handle = asyncio.get_running_loop().call_later(delay, self._fire)

    def stop(self) -> None:
        self._stopped = True
        if self._handle is not None:
            self._handle.cancel()

    def _fire(self) -> None:
        self._handle = None
        self._deadline = None
        self._on_due()


class Coalescer:
    """Runs `flush` at most once per `interval()` seconds however often `mark` is called.

    `trailing=True` waits a whole interval after the first mark (lobby counts: a burst of joins
    becomes one frame); otherwise a mark long after the last flush flushes at once (the host
    sees a change immediately, and bursts at most once an interval).
    """

    def __init__(
        self, flush: Callable[[], None], interval: Callable[[], float], *, trailing: bool
    ) -> None:
        self._flush = flush
        self._interval = interval
        self._trailing = trailing
        self._handle: asyncio.TimerHandle | None = None
        self._last = 0.0
        self._stopped = False

    def mark(self) -> None:
        """Something changed: flush soon, unless a flush is already due."""
        if self._handle is not None or self._stopped:
            return
        loop = asyncio.get_running_loop()
        wait = self._interval() if self._trailing else self._last + self._interval() - loop.time()
        self._handle = loop.call_later(max(0.0, wait), self._run)

    def stop(self) -> None:
        self._stopped = True
        if self._handle is not None:
            self._handle.cancel()

    def _run(self) -> None:
        self._handle = None
        self._last = asyncio.get_running_loop().time()
        self._flush()
