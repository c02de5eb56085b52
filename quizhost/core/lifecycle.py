"""The open question's life: its intro, its opening, its closing, and when it closes itself.

`Game` (game.py) decides which command moves a question on; this is what every such move
does, whichever command (or the clock) caused it: opening starts the clock and clears the
counts, closing settles every player's points, ranks, and builds the reveal. Kept apart from
the command handlers so the scoring of a close reads in one place.
"""

from __future__ import annotations

from quizhost.bank.models import Kind
from quizhost.core.answers import PollKey
from quizhost.core.events import (
    Event,
    PlayerResult,
    QuestionClosed,
    QuestionIntroduced,
    QuestionOpened,
)
from quizhost.core.phases import Phase
from quizhost.core.players import settle
from quizhost.core.spread import answer_spread
from quizhost.core.state import GameState


class QuestionLifecycle(GameState):
    """Introduce, open and close questions; `Game` adds the commands that call these."""

    def _auto_close(self, now: int) -> list[Event]:
        """Close the open question if auto-close is on and every connected player answered,
        or if only extra time kept it open and nobody it was kept for can still answer.

        Nobody connected closes nothing (a restarted server waits for the phones); a paused
        question stays paused (the host paused it on purpose). The second rule needs a
        question that had a player with extra time, so a game without any replays exactly
        as before it existed.
        """
        if self.phase is not Phase.QUESTION:
            return []
        if (
            self.settings.auto_close
            and self._roster.connected > 0
            and self._tally.connected_answered == self._roster.connected
        ):
            return [self._close(now)]
        closes_at = self.closes_at_ms
        if self._extra_in_play and closes_at is not None and now >= closes_at:
            return [self._close(now)]
        return []

    def _introduce(self, index: int, now: int) -> QuestionIntroduced | QuestionOpened:
        """Show question `index`: its intro if it has a read time, else open it at once."""
        read_ms = self.read_ms_of(index)
        if read_ms <= 0:
            return self._open(index, now)
        self._current = index
        self._intro_ends_ms = now + read_ms
        self._counts = self._tally.reset(None)
        self.phase = Phase.INTRO
        return QuestionIntroduced(self._questions[index].public, read_ms, now + read_ms)

    def _open(self, index: int, now: int) -> QuestionOpened:
        played = self._questions[index]
        self._intro_ends_ms = None
        self._current = index
        self._timer.open(now, played.public.time_limit_ms)
        self._counts = self._tally.reset(played.choice_count)
        self._teams.open(self._players[pid] for pid in self._roster.order)
        self._extra_in_play = bool(self._extra)
        self.phase = Phase.QUESTION
        limit = self._timer.limit_ms
        return QuestionOpened(played.public, now + limit, limit)

    def _close(self, now: int) -> QuestionClosed:
        assert self._current is not None
        played = self._questions[self._current]
        keeps_streak = played.base == 0 or isinstance(played.key, PollKey)
        # Moves are measured against the last ranking shown; before question 1 there is none
        # (join order is no ranking), and a player who joined since has no previous rank.
        self._previous_rank = self._closed_rank
        self._gained = {}
        answers = self._tally.answers
        for pid in self._roster.order:
            self._players[pid], self._gained[pid] = settle(
                self._players[pid], answers.get(pid), self._current, keeps_streak
            )
        self._closed_rank = self._roster.sort()
        results: dict[str, PlayerResult] = {}
        for rank, pid in enumerate(self._roster.order, start=1):
            player = self._players[pid]
            record = answers.get(pid)
            correct = None if played.public.kind is Kind.POLL else bool(record and record.correct)
            results[pid] = PlayerResult(
                record is not None, correct, self._gained[pid], player.score, rank, player.streak
            )
        self._teams.settle(self._players, self._gained)
        self.phase = Phase.REVEAL
        self._timer.paused_at_ms = None
        self.last_spread = answer_spread(played.key, self._tally.given(), played.public.step)
        self.last_reveal = QuestionClosed(
            self._current,
            played.key.reveal(),
            played.explanation,
            self.answer_counts,
            results,
            self.team_ranking(),
            math=played.public.math,
        )
        return self.last_reveal
