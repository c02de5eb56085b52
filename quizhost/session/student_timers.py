"""One timer per student in an assignment, aimed at what the core says is due next.

Apart from the session because it is re-aimed after every command: aiming it at the moment
it is already set for must cost nothing.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable

from quizhost.session.timers import Clock


class StudentTimers:
    """`on_due(student)` runs when a student's due moment comes; at most one timer each."""

    def __init__(self, clock: Clock, on_due: Callable[[str], None]) -> None:
        self._clock = clock
        self._on_due = on_due
        self._timers: dict[str, tuple[int, asyncio.TimerHandle]] = {}

    def aim(self, player_id: str, due: int | None) -> None:
        """Set the student's timer for `due` (ms on the clock); None: nothing is due."""
        current = self._timers.get(player_id)
        if current is not None:
            if current[0] == due:
                return
            current[1].cancel()
            del self._timers[player_id]
        if due is None:
            return
        delay = max(0, due - self._clock()) / 1000
        handle = asyncio.get_running_loop().call_later(delay, self._fire, player_id)
        self._timers[player_id] = (due, handle)

    def cancel_all(self) -> None:
        for _, handle in self._timers.values():
            handle.cancel()
        self._timers.clear()

    def _fire(self, player_id: str) -> None:
        self._timers.pop(player_id, None)
        self._on_due(player_id)
