"""A student's own run through an assignment: the commands and events that concern one
student, and the state `Assignment` keeps per student.

Apart from `Assignment` (the class-level rules) so that the per-student vocabulary, which the
session, the results and the console all read, can be read without the rules.
"""

from __future__ import annotations

import enum

from attrs import define, frozen

from quizhost.core.answers import Answer
from quizhost.core.commands import End, Join, Kick, Leave, Rejoin, SubmitAnswer
from quizhost.core.events import (
    AnswerAccepted,
    GameEnded,
    PlayerJoined,
    PlayerKicked,
    PlayerLeft,
    PlayerRejoined,
)
from quizhost.core.players import Player
from quizhost.core.questions import PlayedQuestion, PublicQuestion

# Commands of its own (the player and host commands above are shared with the live game).


@frozen
class Advance:
    """The student moves on from question `after` (-1: not started): a tap or the auto-advance.

    Naming the question moved on from makes a double tap, or a tap racing the auto-advance,
    harmless: the second one no longer fits and is rejected.
    """

    player_id: str
    after: int


@frozen
class TimeUp:
    """The session's timer: the student's question may have run out (never rejected)."""

    player_id: str


@frozen
class ServerBack:
    """The first command after a restart: the server was down from `since_ms` until now."""

    since_ms: int


AssignmentCommand = (
    Join | Rejoin | Leave | Kick | SubmitAnswer | Advance | TimeUp | ServerBack | End
)


class Step(enum.StrEnum):
    """Where one student is; the values are the protocol's `state` names."""

    READY = "lobby"  # joined, no question asked for yet
    QUESTION = "question"
    RESULT = "reveal"
    DONE = "ended"


class Mark(enum.IntEnum):
    """A student's outcome on one question (the progress grid's cells)."""

    NOT_YET = 0
    RIGHT = 1
    WRONG = 2  # wrong or partly right
    MISSED = 3  # time ran out
    ANSWERED = 4  # a poll: answered, neither right nor wrong


# Events of its own.


@frozen
class StudentQuestion:
    """A question opened for one student; schedule their TimeUp at `deadline_ms`."""

    player_id: str
    question: PublicQuestion
    deadline_ms: int
    remaining_ms: int


@frozen
class StudentResult:
    """One student's question is settled: their result, with the right answer.

    `points` is what it gave (streak bonus included); `correct` is None for polls.
    """

    player_id: str
    index: int
    answered: bool
    correct: bool | None
    points: int
    score: int
    streak: int
    reveal: Answer | None
    explanation: str | None
    last: bool  # no question follows


@frozen
class OutageGivenBack:
    """The server was down `down_ms`: running questions got that time back (journal it)."""

    down_ms: int


@frozen
class StudentFinished:
    """A student has no more questions (all done, or the assignment closed for new ones)."""

    player_id: str
    score: int


AssignmentEvent = (
    PlayerJoined
    | PlayerRejoined
    | PlayerLeft
    | PlayerKicked
    | AnswerAccepted
    | StudentQuestion
    | StudentResult
    | StudentFinished
    | OutageGivenBack
    | GameEnded
)


@define
class StudentRun:
    """One student's way through the assignment. Changed only by `Assignment`."""

    player: Player
    questions: tuple[PlayedQuestion, ...]
    marks: bytearray  # a Mark per question, by BANK index
    step: Step = Step.READY
    position: int = -1  # index as played of the open or last question
    opened_ms: int = 0
    deadline_ms: int = 0
    shown_ms: int = 0  # when the current result was (last) put on screen
    right: int = 0
    answered: int = 0
    last_active_ms: int = 0
    result: StudentResult | None = None  # the latest, sent again on a reconnect

    @property
    def done_count(self) -> int:
        """Questions settled so far."""
        return self.position + (0 if self.step is Step.QUESTION else 1)

    @property
    def current(self) -> PublicQuestion | None:
        """The open question as the student sees it (None unless a question is open)."""
        if self.step is not Step.QUESTION:
            return None
        return self.questions[self.position].public
