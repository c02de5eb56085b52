"""What the teacher sees of a self-paced assignment: one immutable snapshot of the class.

Built by the session at most twice a second (coalesced), read by the console's progress
screen. Rows are in join order; the console sorts them (by progress or score) itself.
"""

from __future__ import annotations

from typing import Final

from attrs import frozen

from quizhost.core.assignment import Assignment, Step

#: A student with no answer and no tap for this long, and not finished, is "stuck".
STUCK_AFTER_MS: Final = 120_000


@frozen
class StudentRow:
    """One student's progress. `marks[i]` is their `Mark` on bank question i."""

    id: str
    name: str
    score: int
    rank: int
    done: int  # questions settled
    right: int
    step: Step
    connected: bool
    marks: bytes
    stuck: bool

    @property
    def started(self) -> bool:
        return self.step is not Step.READY


@frozen
class QuestionStat:
    """How the class does on one bank question so far."""

    bank_index: int
    text: str
    right: int
    settled: int

    @property
    def success(self) -> float | None:
        """Right answers out of settled ones (None: nobody has got there yet)."""
        return None if not self.settled else self.right / self.settled


@frozen
class ProgressView:
    """The whole class at one instant."""

    pin: str
    join_url: str
    warning: str | None
    ended: bool
    until_ms: int | None
    now_ms: int
    total: int  # questions per student
    students: tuple[StudentRow, ...]
    questions: tuple[QuestionStat, ...]

    @property
    def not_started(self) -> tuple[StudentRow, ...]:
        return tuple(s for s in self.students if not s.started)

    @property
    def stuck(self) -> tuple[StudentRow, ...]:
        return tuple(s for s in self.students if s.stuck)

    @property
    def finished(self) -> int:
        return sum(1 for s in self.students if s.step is Step.DONE)

    def hardest(self, count: int = 3) -> tuple[QuestionStat, ...]:
        """The questions with the lowest success so far (ties: bank order)."""
        tried = [q for q in self.questions if q.settled]
        tried.sort(key=lambda q: (q.right / q.settled, q.bank_index))
        return tuple(tried[:count])


def build_progress(
    work: Assignment, *, pin: str, join_url: str, now_ms: int, warning: str | None
) -> ProgressView:
    """The progress view of `work` at `now_ms` (one sort for the ranks, one pass per student)."""
    ranks = {run.player.id: rank for run, rank in work.ranking()}
    students = tuple(
        StudentRow(
            run.player.id,
            run.player.name,
            run.player.score,
            ranks[run.player.id],
            run.done_count,
            run.right,
            run.step,
            run.player.connected,
            bytes(run.marks),
            run.step is not Step.DONE
            and run.step is not Step.READY
            and now_ms - run.last_active_ms >= STUCK_AFTER_MS,
        )
        for run in work.runs.values()
        if not run.player.kicked
    )
    texts = [q.text for q in work.bank.questions]
    questions = tuple(
        QuestionStat(index, texts[index], right, settled)
        for index, right, settled in work.question_success()
    )
    return ProgressView(
        pin,
        join_url,
        warning,
        work.ended,
        work.settings.until_ms,
        now_ms,
        work.total_questions,
        students,
        questions,
    )
