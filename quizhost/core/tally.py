"""The answers to the open (or last) question: who answered what, for how many points, and
the per-choice counts the host sees live.

`Game` decides whether an answer is allowed; the bookkeeping of the accepted ones, and the
count of connected players among them that auto-close compares with, lives here.
"""

from __future__ import annotations

from attrs import define, field

from quizhost.core.answers import Answer, Key, Verdict
from quizhost.core.players import AnswerRecord
from quizhost.core.questions import PlayedQuestion
from quizhost.core.scoring import accuracy_points, answer_points


def question_points(played: PlayedQuestion, elapsed: int, limit: int, verdict: Verdict) -> int:
    """An answer's points before the streak bonus: by speed or accuracy, and the author's
    negative marking for an answer that earns nothing (scoring.py)."""
    if played.accuracy:
        earned = accuracy_points(played.base, verdict.fraction)
    else:
        earned = answer_points(played.base, elapsed, limit, verdict.fraction)
    if earned == 0 and verdict.correct is False:
        earned = played.wrong_points
    return earned


@define
class Tally:
    """The accepted answers to one question (of non-kicked players), in answer order."""

    answers: dict[str, AnswerRecord] = field(factory=dict)
    counts: list[int] | None = None  # per display choice (choice kinds only)
    connected_answered: int = 0  # answers of players connected now

    def reset(self, choice_count: int | None) -> list[int] | None:
        """A new question: no answers yet (no counts for a question without choices).
        Returns the new counts list, which only ever changes in place until the next reset."""
        self.answers = {}
        self.connected_answered = 0
        self.counts = None if choice_count is None else [0] * choice_count
        return self.counts

    def add(self, player_id: str, record: AnswerRecord, key: Key, *, connected: bool) -> None:
        self.answers[player_id] = record
        if self.counts is not None:
            for choice in key.counted(record.answer):
                self.counts[choice] += 1
        if connected:
            self.connected_answered += 1

    def drop(self, player_id: str, key: Key, *, connected: bool) -> None:
        """Forget a player's answer, and what it counted for."""
        record = self.answers.pop(player_id)
        if connected:
            self.connected_answered -= 1
        if self.counts is not None:
            for choice in key.counted(record.answer):
                self.counts[choice] -= 1

    def reconnected(self, player_id: str, connected: bool) -> None:
        """A player (dis)connected: keep the count of connected ones who answered true."""
        if player_id in self.answers:
            self.connected_answered += 1 if connected else -1

    def given(self) -> list[Answer]:
        return [record.answer for record in self.answers.values()]
