"""The players as the game knows them, their answers, and how one question changes them.

`Game` keeps these values and replaces (never mutates) them; the functions here are the
rules of one question's outcome for one player, apart from the state machine's flow.
"""

from __future__ import annotations

from attrs import evolve, frozen

from quizhost.core.answers import Answer
from quizhost.core.scoring import streak_bonus


@frozen
class Player:
    """A player as the game knows them. Replaced (never mutated) when anything changes."""

    id: str
    name: str
    joined_at_ms: int
    join_seq: int  # 0, 1, 2 ... in join order: the last tie-break
    score: int = 0
    streak: int = 0
    connected: bool = True
    kicked: bool = False
    # When the score last changed (question index, answer time): ties go to who got there first.
    score_question: int = -1
    score_at_ms: int = 0
    team: str | None = None  # in a team game
    extra_percent: int = 0  # extra time on every question (the host's ExtraTime), 0: none


@frozen
class Ranked:
    """A player's place in the ranking."""

    player_id: str
    name: str
    score: int
    rank: int


@frozen
class AnswerRecord:
    """An accepted answer to the current question."""

    answer: Answer
    elapsed_ms: int
    correct: bool | None
    points: int  # before the streak bonus
    at_ms: int


def rank_key(player: Player) -> tuple[int, int, int, int]:
    """Best first: score, then who reached it first (question, answer time), then join order."""
    return (-player.score, player.score_question, player.score_at_ms, player.join_seq)


def settle(
    player: Player, record: AnswerRecord | None, question: int, keeps_streak: bool
) -> tuple[Player, int]:
    """The player after a question closes, and the points it gave (streak bonus included).

    A poll or a no-points question leaves the streak as it was; otherwise a correct answer
    extends it (and earns its bonus) and anything else breaks it.
    """
    points = 0 if record is None else record.points
    streak = player.streak
    if not keeps_streak:
        right = record is not None and bool(record.correct)
        streak = streak + 1 if right else 0
        if right:
            points += streak_bonus(streak)
    # One `evolve` at most, none when nothing changed: this runs for every player when a
    # question closes, often on the last answer of a burst, before that answer's ack.
    if points:
        assert record is not None
        score = max(0, player.score + points)  # negative marking never takes a total below 0
        changed = evolve(
            player, score=score, score_question=question, score_at_ms=record.at_ms, streak=streak
        )
        return changed, points
    if streak != player.streak:
        return evolve(player, streak=streak), points
    return player, points
