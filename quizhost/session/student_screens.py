"""A student's own screens in an assignment, drawn from their run in the core.

Apart from the session so that what a phone shows (and how often ranks are re-sorted) can be
read in one place; the session only decides when to send.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

from quizhost.core import PublicQuestion
from quizhost.core.assignment import Assignment, Step, StudentRun
from quizhost.protocol import outbound
from quizhost.session.timers import Clock

#: How stale the ranks in students' own frames may be: one sort per second, not per answer.
RANK_REFRESH_MS: Final = 1_000


class StudentScreens:
    """Frames for one student at a time; the ranks behind them are sorted once a second."""

    def __init__(self, assignment: Assignment, clock: Clock, image_urls: Mapping[str, str]) -> None:
        self.assignment = assignment
        self._clock = clock
        self._image_urls = image_urls
        self._ranks: dict[str, int] = {}
        self._top: list[tuple[str, int, int]] = []
        self._ranked_at = -RANK_REFRESH_MS

    def welcome(self, run: StudentRun, token: str) -> bytes:
        return outbound.welcome_frame(
            run.player.id, run.player.name, token, run.step.value, self_paced=True
        )

    def question(self, player_id: str, question: PublicQuestion, remaining_ms: int) -> bytes:
        return outbound.question_frame(question, remaining_ms, self.image(player_id))

    def state(self, run: StudentRun) -> bytes:
        """Where a (re)joining phone lands: the student's own screen, drawn from their state."""
        if self.assignment.ended:
            return outbound.ENDED
        match run.step:
            case Step.READY:
                return outbound.lobby_frame(self.assignment.active_count)
            case Step.QUESTION:
                question = run.questions[run.position].public
                remaining = max(0, run.deadline_ms - self._clock())
                return outbound.question_frame(question, remaining, self.image(run.player.id))
            case Step.RESULT:
                return self.result(run.player.id)
        return self.podium(run.player.id)

    def result(self, player_id: str) -> bytes:
        run = self.assignment.runs[player_id]
        assert run.result is not None
        question = run.questions[run.result.index].public
        due = self.assignment.due_ms(player_id)
        next_ms = None if due is None else max(0, due - self._clock())
        return outbound.student_reveal_frame(
            question, self.image(player_id), run.result, self.rank(player_id), next_ms
        )

    def podium(self, player_id: str) -> bytes:
        run = self.assignment.runs[player_id]
        self.refresh_ranks(force=True)
        return outbound.student_podium_frame(
            self._top, self.rank(player_id), run.player.score, run.right, len(run.questions)
        )

    def rank(self, player_id: str) -> int:
        self.refresh_ranks()
        return self._ranks.get(player_id, self.assignment.active_count)

    def refresh_ranks(self, *, force: bool = False) -> None:
        """Ranks for students' own frames: one sort a second at most, however many answer."""
        now = self._clock()
        if not force and now - self._ranked_at < RANK_REFRESH_MS:
            return
        self._ranked_at = now
        ranking = self.assignment.ranking()
        self._ranks = {run.player.id: rank for run, rank in ranking}
        self._top = [
            (run.player.name, run.player.score, rank)
            for run, rank in ranking[: outbound.PODIUM_SIZE]
        ]

    def image(self, player_id: str) -> str | None:
        run = self.assignment.runs[player_id]
        question = run.questions[max(run.position, 0)].public
        return None if question.image is None else self._image_urls.get(question.image)
