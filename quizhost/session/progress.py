"""What the teacher sees of a self-paced assignment: one immutable snapshot of the class.

Built by the session at most twice a second (coalesced), read by the console's progress
screen. Rows are in join order; the console sorts them (by progress or score) itself.
"""

from __future__ import annotations

from typing import Final

from attrs import frozen

from quizhost.core.assignment import Assignment, Step, StudentRun

#: A student with no answer and no tap for this long, and not finished, is "stuck".
STUCK_AFTER_MS: Final = 120_000


@frozen
class StudentRow:
    """One student's progress. `marks[i]` is their `Mark` on bank question i.

    Nothing here depends on other students or on the time, so a row is rebuilt only when its
    student changed: `rank_key` orders rows as the ranking does, `last_active_ms` says (with
    the view's time) whether they seem stuck.
    """

    id: str
    name: str
    score: int
    done: int  # questions settled
    right: int
    step: Step
    connected: bool
    marks: bytes
    last_active_ms: int
    rank_key: tuple[int, int, int]  # best first: score, who got there first, join order

    @property
    def started(self) -> bool:
        return self.step is not Step.READY

    @classmethod
    def of(cls, run: StudentRun) -> StudentRow:
        player = run.player
        return cls(
            player.id,
            player.name,
            player.score,
            run.done_count,
            run.right,
            run.step,
            player.connected,
            bytes(run.marks),
            run.last_active_ms,
            (-player.score, player.score_at_ms, player.join_seq),
        )


@frozen
class QuestionStat:
    """How the class does on one bank question so far."""

    bank_index: int
    text: str
    right: int
    settled: int
    math: bool = False  # `$...$` in `text` is LaTeX (the bank's `math: true`)

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

    def is_stuck(self, row: StudentRow) -> bool:
        """Started, not done, and no answer or tap for STUCK_AFTER_MS."""
        active = row.step is Step.QUESTION or row.step is Step.RESULT
        return active and self.now_ms - row.last_active_ms >= STUCK_AFTER_MS

    @property
    def stuck(self) -> tuple[StudentRow, ...]:
        return tuple(s for s in self.students if self.is_stuck(s))

    @property
    def finished(self) -> int:
        return sum(1 for s in self.students if s.step is Step.DONE)

    def hardest(self, count: int = 3) -> tuple[QuestionStat, ...]:
        """The questions with the lowest success so far (ties: bank order)."""
        tried = [q for q in self.questions if q.settled]
        tried.sort(key=lambda q: (q.right / q.settled, q.bank_index))
        return tuple(tried[:count])


class ProgressBuilder:
    """Builds the views of one assignment, rebuilding only the rows of students marked as
    changed since the last one (a view of 2,000 students is then a few rows, not 2,000)."""

    def __init__(self, work: Assignment) -> None:
        self._work = work
        self._rows: dict[str, StudentRow] = {}
        self._changed: set[str] = set()
        self._texts = [q.text for q in work.bank.questions]
        self._math = [q.math for q in work.bank.questions]

    def changed(self, student_id: str) -> None:
        """This student's row must be rebuilt for the next view."""
        self._changed.add(student_id)

    def build(self, *, pin: str, join_url: str, now_ms: int, warning: str | None) -> ProgressView:
        work = self._work
        runs = work.runs
        for student_id in self._changed:
            run = runs.get(student_id)
            if run is not None:
                self._rows[student_id] = StudentRow.of(run)
        self._changed.clear()
        for student_id, run in runs.items():  # newcomers not marked (a restored assignment)
            if student_id not in self._rows:
                self._rows[student_id] = StudentRow.of(run)
        students = tuple(self._rows[sid] for sid, run in runs.items() if not run.player.kicked)
        questions = tuple(
            QuestionStat(index, self._texts[index], right, settled, self._math[index])
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
