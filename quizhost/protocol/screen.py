"""The big screen's frame, `screen_state`: what the projector shows, never whom to command.

The session fills a `ScreenView` (`quizhost.session.screen`); this module owns its wire shape.
Every field is bounded whatever the number of players: counts, the top five, the last few
names that joined, the five most common typed answers, ten slider buckets. So a screen costs
the same at 10 players and at 10,000.
"""

from __future__ import annotations

from typing import Any

from attrs import frozen

from quizhost.core import (
    LeaderboardEntry,
    PublicQuestion,
    QuestionClosed,
    RoundShown,
    TeamStanding,
)
from quizhost.protocol import PROTOCOL_VERSION
from quizhost.protocol.outbound import (
    answer_value,
    encode,
    error_frame,
    explanation_math,
    question_fields,
    round_fields,
    team_rows,
)

#: How many players the screen's leaderboard and podium show.
SCREEN_TOP_SIZE = 5
#: How many of the names that joined last the lobby shows.
RECENT_NAMES = 12
#: How many of the most common typed answers a type-answer reveal shows.
TYPED_ANSWERS_SHOWN = 5
#: A typed answer is shown only when at least this many players typed it.
TYPED_ANSWER_MIN_PLAYERS = 2
#: Into how many equal buckets a slider's range is cut to show where the values fell.
SLIDER_BUCKETS = 10


@frozen
class TypedAnswer:
    text: str
    players: int


@frozen
class SliderSpread:
    """A slider's answer, its margin and how many values fell in each bucket of the range."""

    answer: float
    margin: float
    buckets: tuple[int, ...]


@frozen
class ScreenReveal:
    closed: QuestionClosed
    accepted: tuple[str, ...] = ()  # type answer: every accepted spelling
    typed: tuple[TypedAnswer, ...] = ()  # type answer: the most common, blocklist-clean
    slider: SliderSpread | None = None


@frozen
class ScreenView:
    """The game as the room sees it, at one instant."""

    state: str
    pin: str
    join_url: str
    locked: bool
    players: int
    joined: tuple[str, ...]  # in the lobby, the last names that joined, oldest first
    question: PublicQuestion | None
    image_url: str | None
    remaining_ms: int | None
    answered: int
    reveal: ScreenReveal | None
    top: tuple[LeaderboardEntry, ...]
    opens_in_ms: int | None = None  # the question intro: time before answers open
    round: RoundShown | None = None  # a round's title screen
    teams: tuple[TeamStanding, ...] = ()  # a team game's standings with the ranking (<= 20)


def _number(value: float) -> int | float:
    return int(value) if float(value).is_integer() else value


def screen_fields(view: ScreenView) -> dict[str, Any]:
    """The `screen_state` frame as a dict (docs/protocol.md, "Big screen")."""
    frame: dict[str, Any] = {
        "type": "screen_state",
        "protocol": PROTOCOL_VERSION,
        "state": view.state,
        "pin": view.pin,
        "join_url": view.join_url,
        "locked": view.locked,
        "players": view.players,
        "joined": list(view.joined),
    }
    if view.question is not None:
        frame["question"] = question_fields(view.question, view.image_url)
        frame["remaining_ms"] = view.remaining_ms
        frame["answered"] = view.answered
        if view.opens_in_ms is not None:
            frame["opens_in_ms"] = view.opens_in_ms
    if view.round is not None:
        frame["round"] = round_fields(view.round)
    if view.teams:
        frame["teams"] = team_rows(view.teams)
    if view.reveal is not None:
        reveal = view.reveal
        closed = reveal.closed
        fields: dict[str, Any] = {
            "index": closed.index,
            "correct": answer_value(closed.correct),
            "counts": list(closed.counts) if closed.counts is not None else None,
            "explanation": closed.explanation,
            **explanation_math(closed.explanation, closed.math),
        }
        if reveal.accepted:
            fields["accepted"] = list(reveal.accepted)
            fields["typed"] = [{"text": t.text, "players": t.players} for t in reveal.typed]
        if reveal.slider is not None:
            fields["slider"] = {
                "answer": _number(reveal.slider.answer),
                "margin": _number(reveal.slider.margin),
                "buckets": list(reveal.slider.buckets),
            }
        frame["reveal"] = fields
    if view.top:
        frame["top"] = [
            {
                "name": row.name,
                "score": row.score,
                "rank": row.rank,
                "gained": row.gained,
                "previous_rank": row.previous_rank,
            }
            for row in view.top[:SCREEN_TOP_SIZE]
        ]
    return frame


def screen_state_frame(view: ScreenView) -> bytes:
    return encode(screen_fields(view))


BAD_SCREEN_KEY = error_frame("bad_token", "wrong or missing screen key")
SCREEN_FULL = error_frame("game_full", "too many big screens are open")
