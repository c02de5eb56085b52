"""The open question's clock: when it opened, its limit with added time, and its pauses.

Times are the session's milliseconds as `Game.handle` was given them; nothing here reads a
clock of its own.
"""

from __future__ import annotations

from attrs import define


@define
class QuestionClock:
    """How long the current question has run and has left, pauses excluded."""

    opened_ms: int = 0
    limit_ms: int = 0  # time limit plus added time
    paused_total_ms: int = 0
    paused_at_ms: int | None = None
    written_ms: int = 0  # the time limit as written, what extra time is a share of

    def open(self, now: int, limit_ms: int) -> None:
        self.opened_ms = now
        self.limit_ms = limit_ms
        self.written_ms = limit_ms
        self.paused_total_ms = 0
        self.paused_at_ms = None

    def running_ms(self, now: int) -> int:
        """How long the question has run, pauses excluded (may exceed the limit)."""
        until = now if self.paused_at_ms is None else self.paused_at_ms
        return until - self.opened_ms - self.paused_total_ms

    def remaining_ms(self, now: int) -> int:
        """Time left, >= 0."""
        return max(0, self.limit_ms - self.running_ms(now))

    @property
    def deadline_ms(self) -> int:
        """When the question closes if it is not paused again."""
        return self.opened_ms + self.paused_total_ms + self.limit_ms

    def pause(self, now: int) -> None:
        self.paused_at_ms = now

    def resume(self, now: int) -> None:
        assert self.paused_at_ms is not None
        self.paused_total_ms += now - self.paused_at_ms
        self.paused_at_ms = None

    # Extra time: a player's own limit, deadline and time left.

    def extra_ms(self, percent: int) -> int:
        """A player's extra time on this question: `percent` of the limit as written."""
        return self.written_ms * percent // 100

    def remaining_with_ms(self, now: int, percent: int) -> int:
        """Time left for a player with `percent` extra time, >= 0."""
        return max(0, self.limit_ms + self.extra_ms(percent) - self.running_ms(now))
