"""What the host sees: one immutable snapshot of the whole game.

The Textual console renders it and the `/ws/host` channel serialises it as `host_state`; both
get the same object, built once per coalesced update.
"""

from __future__ import annotations

from typing import Any

from attrs import frozen

from quizhost.core import Game, LeaderboardEntry, Phase, PublicQuestion, QuestionClosed
from quizhost.core.spread import AnswerSpread
from quizhost.protocol.outbound import answer_value, question_fields


@frozen
class PlayerRow:
    id: str
    name: str
    score: int
    connected: bool
    answered: bool = False  # the open (or just revealed) question; False outside questions


@frozen
class QuestionInfo:
    question: PublicQuestion
    remaining_ms: int | None
    image_url: str | None


@frozen
class RevealInfo:
    closed: QuestionClosed
    spread: AnswerSpread | None = None  # what was typed, where slider values fell


RankRow = LeaderboardEntry  # the host's leaderboard rows are the core's entries, top ten


@frozen
class HostView:
    """The whole game as the host sees it, at one instant."""

    game_id: str
    pin: str
    join_url: str
    state: Phase
    locked: bool
    players: tuple[PlayerRow, ...]
    question: QuestionInfo | None
    answered: int
    answer_counts: tuple[int, ...] | None
    reveal: RevealInfo | None
    leaderboard: tuple[RankRow, ...]
    max_players: int
    warning: str | None = None  # something could not be saved (disk full, database locked)
    questions_left: int = 0  # not opened yet: 0 on the last leaderboard (the podium is next)

    @property
    def player_count(self) -> int:
        return len(self.players)

    def to_json(self) -> dict[str, Any]:
        """The `host_state` frame (PROTOCOL.md): the whole state, every time."""
        frame: dict[str, Any] = {
            "type": "host_state",
            "game_id": self.game_id,
            "pin": self.pin,
            "join_url": self.join_url,
            "state": self.state.value,
            "locked": self.locked,
            "max_players": self.max_players,
            "warning": self.warning,
            "questions_left": self.questions_left,
            "players": [
                {
                    "id": p.id,
                    "name": p.name,
                    "score": p.score,
                    "connected": p.connected,
                    "answered": p.answered,
                }
                for p in self.players
            ],
        }
        if self.question is not None:
            info = self.question
            frame["question"] = {
                **question_fields(info.question, info.image_url),
                "remaining_ms": info.remaining_ms,
            }
            frame["answered"] = self.answered
            frame["answer_counts"] = (
                list(self.answer_counts) if self.answer_counts is not None else None
            )
        if self.reveal is not None:
            closed = self.reveal.closed
            frame["reveal"] = {
                "index": closed.index,
                "correct": answer_value(closed.correct),
                "counts": list(closed.counts) if closed.counts is not None else None,
                "explanation": closed.explanation,
            }
            if self.reveal.spread is not None:
                frame["reveal"]["spread"] = spread_json(self.reveal.spread)
        if self.leaderboard:
            frame["leaderboard"] = [
                {
                    "id": row.player_id,
                    "name": row.name,
                    "score": row.score,
                    "rank": row.rank,
                    "gained": row.gained,
                    "previous_rank": row.previous_rank,
                }
                for row in self.leaderboard
            ]
        return frame


def spread_json(spread: AnswerSpread) -> dict[str, Any]:
    """A reveal's `spread`: what was typed (type the answer) or the slider's bins."""
    if spread.bins:
        return {
            "margin": spread.margin,
            "bins": [
                {"low": b.low, "high": b.high, "count": b.count, "correct": b.correct}
                for b in spread.bins
            ],
        }
    return {
        "accepted": list(spread.accepted),
        "typed": [{"text": t.text, "count": t.count, "correct": t.correct} for t in spread.typed],
        "other_typed": spread.other_typed,
    }


_SHOWS_QUESTION = frozenset({Phase.QUESTION, Phase.PAUSED, Phase.REVEAL})
_SHOWS_RANKING = frozenset({Phase.LEADERBOARD, Phase.PODIUM, Phase.ENDED})


def build_host_view(
    game: Game,
    *,
    game_id: str,
    pin: str,
    join_url: str,
    now_ms: int,
    image_urls: dict[str, str],
    leaderboard: tuple[RankRow, ...],
    max_players: int,
    warning: str | None = None,
) -> HostView:
    question = None
    if game.question is not None and game.phase in _SHOWS_QUESTION:
        public = game.question
        question = QuestionInfo(
            question=public,
            remaining_ms=game.remaining_ms(now_ms),
            image_url=image_urls.get(public.image) if public.image else None,
        )
    reveal = None
    if game.phase is Phase.REVEAL and game.last_reveal is not None:
        reveal = RevealInfo(closed=game.last_reveal, spread=game.last_spread)
    asked = game.phase in _SHOWS_QUESTION
    players = tuple(
        PlayerRow(
            id=p.id,
            name=p.name,
            score=p.score,
            connected=p.connected,
            answered=asked and game.has_answered(p.id),
        )
        for p in game.players.values()
        if not p.kicked
    )
    return HostView(
        game_id=game_id,
        pin=pin,
        join_url=join_url,
        state=game.phase,
        locked=game.locked,
        players=players,
        question=question,
        answered=game.answered_count,
        answer_counts=game.answer_counts,
        reveal=reveal,
        leaderboard=leaderboard if game.phase in _SHOWS_RANKING else (),
        max_players=max_players,
        warning=warning,
        questions_left=game.total_questions
        - (0 if game.question_index is None else game.question_index + 1),
    )
