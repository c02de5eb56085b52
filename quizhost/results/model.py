"""What a stored game's results are made of: summaries, facts per player and question,
and the rows counted from them.
"""

from __future__ import annotations

import enum

from attrs import frozen

from quizhost.bank.models import Kind
from quizhost.core import (
    TeamStanding,
)


class ResultsError(Exception):
    """The game is unknown or its stored record cannot be read; the message says which."""


@frozen
class GameSummary:
    id: str
    created_at_ms: int
    bank_title: str
    players: int
    state: str


class Verdict(enum.StrEnum):
    """How one player did on one question, as the CSV's `correct` column and the grid say it."""

    RIGHT = "yes"
    PARTLY = "partly"  # some points for part of a multiple-choice or order answer
    WRONG = "no"
    NO_ANSWER = "no answer"
    POLL = "poll"  # answered a poll: no answer is right or wrong


@frozen
class PlayerResultRow:
    """One player's game; `rank` is None for a kicked player, who is kept (and marked)."""

    rank: int | None
    name: str
    score: int
    correct: int  # questions answered correctly (polls excluded)
    answered: int  # questions answered at all
    average_response_ms: int | None
    partly: int = 0  # questions answered partly right
    kicked: bool = False
    player_id: str = ""
    team: str | None = None  # a team game: the player's team


@frozen
class ChoiceCount:
    """One answer given to a question and by how many players; `right` marks the key."""

    label: str
    count: int
    right: bool


@frozen
class QuestionResultRow:
    index: int
    text: str
    kind: Kind
    answered: int
    correct: int | None  # None for polls
    average_points: float
    partly: int = 0
    right_answer: str = ""  # empty for polls
    distribution: tuple[ChoiceCount, ...] = ()  # every choice in display order, else top answers
    players: int = 0  # players in the game when it closed: who could have answered
    math: bool = False  # `$...$` in `text` is LaTeX (the bank's `math: true`)

    @property
    def share_correct(self) -> float | None:
        """Correct answers out of all answers given; None for polls or when nobody answered."""
        if self.correct is None or self.answered == 0:
            return None
        return self.correct / self.answered


@frozen
class Outcome:
    """One player's outcome of one revealed question: one fact, a row of the CSV export."""

    player_id: str
    name: str
    question_index: int
    answer: str
    verdict: Verdict
    points: int  # streak bonus included, as the player was shown
    response_ms: int | None


@frozen
class GameResults:
    game: GameSummary
    players: tuple[PlayerResultRow, ...]  # ranked players best first, then kicked ones
    questions: tuple[QuestionResultRow, ...]  # revealed questions only, in play order
    answers: tuple[Outcome, ...]  # by player (as in `players`), then question
    total_questions: int = 0  # in the bank, revealed or not
    started_ms: int | None = None  # the first question opened
    last_reveal_ms: int | None = None  # the last question revealed
    teams: tuple[TeamStanding, ...] = ()  # a team game: the game's own standings, best first

    @property
    def ranked(self) -> tuple[PlayerResultRow, ...]:
        """The players still in the game at the end (what averages and charts count)."""
        return tuple(p for p in self.players if not p.kicked)

    @property
    def average_score(self) -> float:
        ranked = self.ranked
        return sum(p.score for p in ranked) / len(ranked) if ranked else 0.0

    @property
    def accuracy(self) -> float | None:
        """Right answers out of all answers to scored questions (polls excluded)."""
        scored = [q for q in self.questions if q.correct is not None]
        answered = sum(q.answered for q in scored)
        return sum(q.correct or 0 for q in scored) / answered if answered else None

    @property
    def duration_ms(self) -> int | None:
        """From the first question opening to the last reveal: the time spent on questions,
        not the lobby before or a podium left on the wall after."""
        if self.started_ms is None or self.last_reveal_ms is None:
            return None
        return self.last_reveal_ms - self.started_ms

    @property
    def hardest_question(self) -> QuestionResultRow | None:
        """The question with the lowest share of correct answers (polls excluded)."""
        scored = [q for q in self.questions if q.share_correct is not None]
        return min(scored, key=lambda q: (q.share_correct, q.index)) if scored else None
