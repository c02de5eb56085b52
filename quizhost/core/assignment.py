"""A self-paced assignment: every student works through the questions on their own clock.

Sans-I/O like `Game`: `Assignment.handle(command, now_ms)` applies a command stamped by the
session and returns events, or raises `Rejected` and changes nothing. It owns no timer: it
advises the session, per student, when something falls due (`due_ms`: the student's question
deadline, or when their result gives way to the next question by itself) and, once the
`until` deadline has passed, when the whole assignment may end (`ends_ms`).

The rules (docs/game-rules.md, "Self-paced assignments", has worked examples):
- A student's question timer starts when the server opens the question for them (`Advance`,
  sent by a tap on "next" or by the auto-advance), never before: an assignment is joined
  whenever the student likes and nothing runs until they ask for the first question.
- The timer keeps running while the student is away (a closed page is not a pause, or closing
  it would buy time to look answers up). A question whose time ran out while they were away
  counts as unanswered, settled when they come back (`Rejoin`) or when its `TimeUp` fires.
- A result stays until the student taps "next"; the automatic next question comes
  `auto_next_ms` after the result was shown, and only while the student is connected (a
  question never opens for a student who is not there to see it).
- Time the server itself was down never counts: `ServerBack(since_ms)`, the first command
  after a restart, moves every running question's clock on by the outage.
- After `until_ms` nobody joins and no new question opens (`Advance` then finishes the
  student); a student on a question at that moment may finish it.
- Scoring is a live game's (scoring.py), from the student's own clock: elapsed time is
  measured from when their question opened. Streaks run per student.

Determinism: each student's question order comes from `random.Random(f"{seed}:{join_seq}")`,
only when the bank shuffles anything; otherwise all students share one order. The same bank,
seed and `(command, now_ms)` list give the same state: the session's journal replays it.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Mapping
from types import MappingProxyType
from typing import Any

from attrs import evolve

from quizhost.bank.models import Bank, Kind
from quizhost.core.answers import PollKey
from quizhost.core.commands import End, Join, Kick, Leave, Rejoin, SubmitAnswer
from quizhost.core.errors import ErrorCode, Rejected
from quizhost.core.events import (
    AnswerAccepted,
    GameEnded,
    PlayerJoined,
    PlayerKicked,
    PlayerLeft,
    PlayerRejoined,
)
from quizhost.core.nicknames import check_name, name_key
from quizhost.core.players import AnswerRecord, Player, settle
from quizhost.core.questions import PlayedQuestion, play_order
from quizhost.core.settings import DEFAULT_MAX_PLAYERS, GameSettings
from quizhost.core.student_run import (
    Advance,
    AssignmentCommand,
    AssignmentEvent,
    Mark,
    OutageGivenBack,
    ServerBack,
    Step,
    StudentFinished,
    StudentQuestion,
    StudentResult,
    StudentRun,
    TimeUp,
)
from quizhost.core.tally import question_points

__all__ = [
    "Advance",
    "Assignment",
    "AssignmentCommand",
    "AssignmentEvent",
    "Mark",
    "OutageGivenBack",
    "ServerBack",
    "Step",
    "StudentFinished",
    "StudentQuestion",
    "StudentResult",
    "StudentRun",
    "TimeUp",
]


def _shuffles(bank: Bank) -> bool:
    """Whether two students may see the bank differently (then each gets their own order)."""
    return bank.shuffle_questions or any(
        q.kind is Kind.ORDER or getattr(q, "shuffle", False) for q in bank.questions
    )


class Assignment:
    """One self-paced assignment of one bank. See the module docstring for the contract."""

    def __init__(
        self,
        bank: Bank,
        *,
        seed: int,
        max_players: int = DEFAULT_MAX_PLAYERS,
        settings: GameSettings | None = None,
    ) -> None:
        self._bank = bank
        self._seed = seed
        self._shared: tuple[PlayedQuestion, ...] | None = (
            None if _shuffles(bank) else play_order(bank, random.Random(seed))
        )
        self.settings = settings or GameSettings(self_paced=True)
        self.max_players = max_players
        self.ended = False
        self._runs: dict[str, StudentRun] = {}
        self._names: dict[str, str] = {}
        self._joins = 0
        self._active = 0
        self._clock = 0
        total = len(bank.questions)
        self._right = [0] * total  # per bank index
        self._settled = [0] * total
        self._handlers: dict[type[Any], Callable[[Any, int], list[AssignmentEvent]]] = {
            Join: self._join,
            Rejoin: self._rejoin,
            Leave: self._leave,
            Kick: self._kick,
            SubmitAnswer: self._submit,
            Advance: self._advance,
            TimeUp: self._time_up,
            ServerBack: self._server_back,
            End: self._end,
        }

    # Public methods for handling commands.

    def handle(self, command: AssignmentCommand, now_ms: int) -> list[AssignmentEvent]:
        """Apply `command` at `now_ms`; return what happened, or raise Rejected (no change).

        After every call the session re-reads `due_ms` of the student concerned.
        """
        now = max(now_ms, self._clock)
        handler = self._handlers.get(type(command))
        if handler is None:
            raise Rejected(ErrorCode.BAD_STATE, "not a command of a self-paced assignment")
        events = handler(command, now)
        self._clock = now
        return events

    # Public state.

    @property
    def runs(self) -> Mapping[str, StudentRun]:
        """Every student who ever joined, kicked ones included, in join order (read-only)."""
        return MappingProxyType(self._runs)

    @property
    def bank(self) -> Bank:
        return self._bank

    @property
    def total_questions(self) -> int:
        return len(self._bank.questions)

    @property
    def active_count(self) -> int:
        """Students not kicked: what the cap counts."""
        return self._active

    def question_success(self) -> list[tuple[int, int, int]]:
        """(bank index, right, settled) per question, in bank order."""
        return [(i, self._right[i], self._settled[i]) for i in range(self.total_questions)]

    def due_ms(self, player_id: str) -> int | None:
        """When this student's next timer command falls due: TimeUp at their question's
        deadline, or Advance when their result has been shown `auto_next_ms` while connected."""
        run = self._runs.get(player_id)
        if run is None or run.player.kicked or self.ended:
            return None
        if run.step is Step.QUESTION:
            return run.deadline_ms
        if run.step is Step.RESULT and run.player.connected:
            return run.shown_ms + self.settings.auto_next_ms
        return None

    def ends_ms(self) -> int | None:
        """When the assignment may end by itself: the `until` deadline, or later while a
        student is still on a question begun before it (None: no deadline, or ended)."""
        until = self.settings.until_ms
        if until is None or self.ended:
            return None
        running = [r.deadline_ms for r in self._runs.values() if r.step is Step.QUESTION]
        return max([until, *running])

    def ranking(self) -> list[tuple[StudentRun, int]]:
        """Students not kicked with their rank, best first: score, who got there first, join."""
        runs = [r for r in self._runs.values() if not r.player.kicked]
        runs.sort(key=lambda r: (-r.player.score, r.player.score_at_ms, r.player.join_seq))
        return [(run, rank) for rank, run in enumerate(runs, start=1)]

    def is_open(self, now_ms: int) -> bool:
        """Whether new questions still open (and students still join) at `now_ms`."""
        until = self.settings.until_ms
        return not self.ended and (until is None or now_ms < until)

    def state(self) -> tuple[object, ...]:
        """Everything that defines the assignment, as plain values (replay tests compare it)."""
        return (
            self.ended,
            self._joins,
            tuple(self._right),
            tuple(self._settled),
            tuple(
                (
                    r.player,
                    r.step,
                    r.position,
                    r.opened_ms,
                    r.deadline_ms,
                    r.shown_ms,
                    bytes(r.marks),
                    r.right,
                    r.answered,
                    r.result,
                    tuple(q.public for q in r.questions),
                )
                for r in self._runs.values()
            ),
        )

    # Students.

    def _run(self, player_id: str, code: ErrorCode = ErrorCode.NOT_JOINED) -> StudentRun:
        run = self._runs.get(player_id)
        if run is None or run.player.kicked:
            raise Rejected(code, "this student is not in the assignment")
        return run

    def _join(self, command: Join, now: int) -> list[AssignmentEvent]:
        if command.player_id in self._runs:
            raise Rejected(ErrorCode.BAD_STATE, "this player id is already in the assignment")
        if not self.is_open(now):
            raise Rejected(ErrorCode.GAME_LOCKED, "the assignment is closed")
        if self._active >= self.max_players:
            raise Rejected(ErrorCode.GAME_FULL, f"the assignment is full ({self.max_players})")
        name = check_name(command.name)
        if name is None:
            raise Rejected(ErrorCode.NAME_INVALID, "a name needs 1 to 20 visible characters")
        key = name_key(name)
        if key in self._names:
            raise Rejected(ErrorCode.NAME_TAKEN, f"the name {name!r} is taken")
        questions = self._shared
        if questions is None:
            questions = play_order(self._bank, random.Random(f"{self._seed}:{self._joins}"))
        player = Player(command.player_id, name, joined_at_ms=now, join_seq=self._joins)
        self._runs[player.id] = StudentRun(
            player, questions, bytearray(self.total_questions), last_active_ms=now
        )
        self._names[key] = player.id
        self._joins += 1
        self._active += 1
        return [PlayerJoined(player.id, name)]

    def _rejoin(self, command: Rejoin, now: int) -> list[AssignmentEvent]:
        run = self._run(command.player_id, ErrorCode.BAD_TOKEN)
        run.player = evolve(run.player, connected=True)
        events: list[AssignmentEvent] = [PlayerRejoined(run.player.id)]
        if run.step is Step.QUESTION and now >= run.deadline_ms:
            events.append(self._settle(run, None, now))
        if run.step is Step.RESULT:
            run.shown_ms = now  # the result is on screen again: the auto-advance waits anew
        return events

    def _leave(self, command: Leave, now: int) -> list[AssignmentEvent]:
        run = self._run(command.player_id)
        if not run.player.connected:
            return []
        run.player = evolve(run.player, connected=False)
        return [PlayerLeft(run.player.id)]

    def _kick(self, command: Kick, now: int) -> list[AssignmentEvent]:
        run = self._run(command.player_id, ErrorCode.BAD_STATE)
        run.player = evolve(run.player, kicked=True, connected=False)
        self._active -= 1
        return [PlayerKicked(run.player.id)]

    def _submit(self, command: SubmitAnswer, now: int) -> list[AssignmentEvent]:
        run = self._run(command.player_id)
        if command.question != run.position or run.step is not Step.QUESTION:
            if command.question <= run.position:
                answered = run.result is not None and run.result.answered
                code = (
                    ErrorCode.ALREADY_ANSWERED
                    if command.question == run.position and answered
                    else ErrorCode.TOO_LATE
                )
                raise Rejected(code, f"question {command.question} is over for you")
            raise Rejected(ErrorCode.NO_QUESTION, f"question {command.question} is not open")
        if now >= run.deadline_ms:
            raise Rejected(ErrorCode.TOO_LATE, "time is up")
        played = run.questions[run.position]
        problem = played.key.problem(command.answer)
        if problem is not None:
            raise Rejected(ErrorCode.BAD_ANSWER, problem)
        limit = played.public.time_limit_ms
        elapsed = min(max(now - run.opened_ms, 0), limit)
        verdict = played.key.judge(command.answer)
        points = question_points(played, elapsed, limit, verdict)  # the live game's rule
        record = AnswerRecord(command.answer, elapsed, verdict.correct, points, now)
        accepted = AnswerAccepted(
            run.player.id, run.position, command.answer, elapsed, verdict.correct, points
        )
        return [accepted, self._settle(run, record, now)]

    def _advance(self, command: Advance, now: int) -> list[AssignmentEvent]:
        run = self._run(command.player_id)
        if self.ended:
            raise Rejected(ErrorCode.GAME_LOCKED, "the assignment is over")
        if run.step not in (Step.READY, Step.RESULT) or command.after != run.position:
            raise Rejected(ErrorCode.BAD_STATE, f"you are not on the result of {command.after}")
        run.last_active_ms = now
        if run.position + 1 >= len(run.questions) or not self.is_open(now):
            return [self._finish(run)]
        run.position += 1
        played = run.questions[run.position]
        run.step = Step.QUESTION
        run.opened_ms = now
        run.deadline_ms = now + played.public.time_limit_ms
        run.result = None
        return [
            StudentQuestion(run.player.id, played.public, run.deadline_ms, run.deadline_ms - now)
        ]

    def _time_up(self, command: TimeUp, now: int) -> list[AssignmentEvent]:
        run = self._runs.get(command.player_id)
        if run is None or run.step is not Step.QUESTION or now < run.deadline_ms:
            return []
        return [self._settle(run, None, now)]

    def _server_back(self, command: ServerBack, now: int) -> list[AssignmentEvent]:
        down = now - command.since_ms
        if down <= 0:
            return []
        for run in self._runs.values():
            if run.step is Step.QUESTION and run.deadline_ms > command.since_ms:
                run.opened_ms += down
                run.deadline_ms += down
        return [OutageGivenBack(down)]

    def _end(self, command: End, now: int) -> list[AssignmentEvent]:
        if self.ended:
            raise Rejected(ErrorCode.BAD_STATE, "the assignment has ended")
        events: list[AssignmentEvent] = []
        for run in self._runs.values():
            if run.player.kicked:
                continue
            if run.step is Step.QUESTION:
                events.append(self._settle(run, None, now))
            if run.step is not Step.DONE:
                events.append(self._finish(run))
        self.ended = True
        events.append(GameEnded())
        return events

    # Internals.

    def _settle(self, run: StudentRun, record: AnswerRecord | None, now: int) -> StudentResult:
        played = run.questions[run.position]
        keeps_streak = played.base == 0 or isinstance(played.key, PollKey)
        run.player, gained = settle(run.player, record, run.position, keeps_streak)
        poll = played.public.kind is Kind.POLL
        correct = None if poll else bool(record and record.correct)
        if record is None:
            mark = Mark.MISSED
        elif poll:
            mark = Mark.ANSWERED
        else:
            mark = Mark.RIGHT if correct else Mark.WRONG
        run.marks[played.bank_index] = mark
        self._settled[played.bank_index] += 1
        if mark is Mark.RIGHT:
            self._right[played.bank_index] += 1
            run.right += 1
        if record is not None:
            run.answered += 1
            run.last_active_ms = now
        run.step = Step.RESULT
        run.shown_ms = now
        run.result = StudentResult(
            run.player.id,
            run.position,
            record is not None,
            correct,
            gained,
            run.player.score,
            run.player.streak,
            played.key.reveal(),
            played.explanation,
            run.position + 1 >= len(run.questions),
        )
        return run.result

    def _finish(self, run: StudentRun) -> StudentFinished:
        run.step = Step.DONE
        return StudentFinished(run.player.id, run.player.score)
