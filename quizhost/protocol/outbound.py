"""Server frames out: JSON bytes built once per audience.

Every player gets the same bytes of a `question` frame; per-player frames (`reveal`,
`leaderboard`, `podium`) share a pre-serialised prefix and only append the player's own `you`
part, so fan-out to thousands costs one serialisation plus a small join per player.
Nothing here ever sees which answer is correct before the reveal: `question_frame` takes a
`PublicQuestion`, which holds no correctness data.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping, Sequence
from typing import Any

from quizhost import jsontext
from quizhost.bank.models import Kind, ScoringMode
from quizhost.core import (
    Answer,
    ChoiceAnswer,
    ChoicesAnswer,
    LeaderboardEntry,
    OrderAnswer,
    PlayerResult,
    PublicQuestion,
    QuestionClosed,
    RoundShown,
    TeamStanding,
    TextAnswer,
    ValueAnswer,
)
from quizhost.core.assignment import StudentResult
from quizhost.core.spread import AnswerSpread
from quizhost.protocol import PROTOCOL_VERSION
from quizhost.protocol.mathml import math_list, math_segments

LEADERBOARD_SIZE = 10
PODIUM_SIZE = 3


def encode_json(value: object) -> bytes:
    """Any JSON value as compact UTF-8 JSON: a frame, or a part spliced into one (orjson
    when installed, the same bytes: jsontext.py)."""
    return jsontext.encode(value)


def encode(frame: Mapping[str, Any]) -> bytes:
    """One frame as compact UTF-8 JSON (sent as a text frame)."""
    return encode_json(frame)


def _with_you(prefix: bytes, you: Mapping[str, Any]) -> bytes:
    """Close a pre-serialised frame prefix (`{...` without its `}`) with a `you` field."""
    return prefix + b',"you":' + encode(you) + b"}"


def _open_prefix(frame: Mapping[str, Any]) -> bytes:
    return encode(frame)[:-1]


# Wire names of question kinds: single and multiple choice share "choice" (docs/protocol.md).
_WIRE_KIND = {Kind.MULTIPLE: "choice"}


def wire_kind(kind: Kind) -> str:
    return _WIRE_KIND.get(kind, kind.value)


def _number(value: float | None) -> int | float | None:
    """Whole numbers go out as JSON integers (a slider's 1969, not 1969.0)."""
    if value is None:
        return None
    return int(value) if float(value).is_integer() else value


def question_fields(question: PublicQuestion, image_url: str | None) -> dict[str, Any]:
    """What players (and the host) are told about a question: never the correct answer."""
    fields: dict[str, Any] = {
        "index": question.index,
        "total": question.total,
        "kind": wire_kind(question.kind),
        "text": question.text,
        "multiple": question.multiple,
        "time_limit_ms": question.time_limit_ms,
        "points": question.points.value,
        "image": image_url,
        "image_alt": question.image_alt if image_url else None,
        "language": question.language,
    }
    if question.scoring is not ScoringMode.SPEED:  # only when not the v1 rule
        fields["scoring"] = question.scoring.value
    if question.wrong_points:
        fields["wrong"] = question.wrong_points
    if question.kind in (Kind.CHOICE, Kind.MULTIPLE, Kind.TRUE_FALSE, Kind.POLL):
        fields["choices"] = list(question.choices)
    elif question.kind is Kind.SLIDER:
        fields["min"] = _number(question.minimum)
        fields["max"] = _number(question.maximum)
        fields["step"] = _number(question.step)
    elif question.kind is Kind.ORDER:
        fields["items"] = list(question.items)
    if question.math:
        fields.update(_math_fields(question))
    return fields


def _math_fields(question: PublicQuestion) -> dict[str, Any]:
    """`text_math`, `choices_math`, `items_math`: the formulas of a `math: true` question as
    MathML trees (docs/protocol.md, "Formulas"), each only when its text has one."""
    fields: dict[str, Any] = {}
    trees = {
        "text_math": math_segments(question.text),
        "choices_math": math_list(question.choices)
        if question.kind is not Kind.TRUE_FALSE
        else None,
        "items_math": math_list(question.items),
    }
    for name, tree in trees.items():
        if tree is not None:
            fields[name] = tree
    return fields


def explanation_math(explanation: str | None, math: bool) -> dict[str, Any]:
    """`explanation_math` for a reveal, when the explanation of a math question has a formula."""
    tree = math_segments(explanation) if math else None
    return {} if tree is None else {"explanation_math": tree}


def round_fields(shown: RoundShown) -> dict[str, Any]:
    """A round as players, the host and the big screen are told it."""
    return {
        "index": shown.index,
        "total": shown.total,
        "title": shown.title,
        "questions": shown.size,
    }


def round_frame(shown: RoundShown) -> bytes:
    """A round's title screen: `{"type":"round","index":0,"total":3,"title":...}`."""
    return encode({"type": "round", **round_fields(shown)})


def get_ready_frame(question: PublicQuestion, read_ms: int, image_url: str | None) -> bytes:
    """The question intro: what is coming, `read_ms` before answers open (no choices yet)."""
    fields = question_fields(question, image_url)
    return encode(
        {
            "type": "get_ready",
            **{k: fields[k] for k in ("index", "total", "kind", "text", "points", "image")},
            **{k: fields[k] for k in ("text_math",) if k in fields},
            "multiple": question.multiple,
            "time_limit_ms": question.time_limit_ms,
            "read_ms": read_ms,
        }
    )


def question_frame(
    question: PublicQuestion,
    remaining_ms: int,
    image_url: str | None,
    *,
    extra_percent: int = 0,
    limit_ms: int | None = None,
) -> bytes:
    """The question as players see it. A player with extra time gets their own: their own
    `time_limit_ms` (so a v1 phone's countdown is right) and `extra_percent`."""
    fields = question_fields(question, image_url)
    if extra_percent:
        fields["time_limit_ms"] = question.time_limit_ms if limit_ms is None else limit_ms
        fields["extra_percent"] = extra_percent
    return encode({"type": "question", **fields, "remaining_ms": remaining_ms})


def answer_value(answer: Answer | None) -> Any:
    """An answer (or a correct answer) in its wire shape: 1, [0, 2], "text", 1969, [2, 0, 1]."""
    match answer:
        case ChoiceAnswer(choice=choice):
            return choice
        case ChoicesAnswer(choices=choices):
            return sorted(choices)
        case TextAnswer(text=text):
            return text
        case ValueAnswer(value=value):
            return _number(value)
        case OrderAnswer(order=order):
            return list(order)
        case None:
            return None


_ANSWER_FIELD: dict[type, str] = {
    ChoiceAnswer: "choice",
    ChoicesAnswer: "choices",
    TextAnswer: "text",
    ValueAnswer: "value",
    OrderAnswer: "order",
}


def answer_fields(answer: Answer) -> dict[str, Any]:
    """An answer as the player sends it, `{"choice": 1}`: also its stored form (journal, DB)."""
    return {_ANSWER_FIELD[type(answer)]: answer_value(answer)}


def team_rows(teams: Sequence[TeamStanding]) -> list[dict[str, Any]]:
    """Team standings on the wire (a team game has at most 20 teams: every one is sent)."""
    return [
        {"name": t.name, "score": t.score, "rank": t.rank, "gained": t.gained, "members": t.members}
        for t in teams
    ]


def reveal_fields(closed: QuestionClosed) -> dict[str, Any]:
    """What everyone learns when a question closes: the same in `reveal` and `host_state`."""
    fields = {
        "index": closed.index,
        "correct": answer_value(closed.correct),
        "counts": list(closed.counts) if closed.counts is not None else None,
        "explanation": closed.explanation,
        **explanation_math(closed.explanation, closed.math),
    }
    if closed.teams:  # a team game
        fields["teams"] = team_rows(closed.teams)
    return fields


def reveal_prefix(
    closed: QuestionClosed, question: PublicQuestion | None, image_url: str | None
) -> bytes:
    """The part of the `reveal` frame every player shares; it repeats the question so a phone
    that reloaded during the reveal can still show which answer was right."""
    return _open_prefix(
        {
            "type": "reveal",
            **reveal_fields(closed),
            "question": question_fields(question, image_url) if question else None,
        }
    )


def reveal_you(result: PlayerResult | None, score: int, rank: int) -> dict[str, Any]:
    if result is None:  # joined after the question closed
        return {
            "answered": False,
            "correct": False,
            "points": 0,
            "score": score,
            "rank": rank,
            "streak": 0,
        }
    return {
        "answered": result.answered,
        "correct": bool(result.correct),
        "points": result.points,
        "score": result.score,
        "rank": result.rank,
        "streak": result.streak,
    }


def reveal_frame(prefix: bytes, you: Mapping[str, Any]) -> bytes:
    return _with_you(prefix, you)


def ranking_prefix(
    frame_type: str,
    entries: Sequence[LeaderboardEntry],
    size: int,
    teams: Sequence[TeamStanding] = (),
) -> bytes:
    """The shared part of a `leaderboard` or `podium` frame: the top `size` players, and every
    team in a team game."""
    top = [{"name": e.name, "score": e.score, "rank": e.rank} for e in entries[:size]]
    frame: dict[str, Any] = {"type": frame_type, "top": top}
    if teams:
        frame["teams"] = team_rows(teams)
    return _open_prefix(frame)


def ranking_frame(prefix: bytes, rank: int, score: int) -> bytes:
    return _with_you(prefix, {"rank": rank, "score": score})


def welcome_frame(
    player_id: str,
    name: str,
    token: str,
    state: str,
    team: str | None = None,
    *,
    self_paced: bool = False,
) -> bytes:
    frame: dict[str, Any] = {
        "type": "welcome",
        "protocol": PROTOCOL_VERSION,
        "player_id": player_id,
        "name": name,
        "token": token,
        "state": state,
    }
    if self_paced:
        frame["self_paced"] = True  # added in v1: the page shows "Start" and "Next" buttons
    if team is not None:  # a team game
        frame["team"] = team
    return encode(frame)


def error_frame(code: str, message: str) -> bytes:
    return encode({"type": "error", "code": code, "message": message})


def lobby_frame(players: int) -> bytes:
    return encode({"type": "lobby", "players": players})


@functools.lru_cache(maxsize=64)
def answer_ack_frame(question: int) -> bytes:
    """Encoded once per question: in a burst every player gets the same bytes."""
    return encode({"type": "answer_ack", "question": question})


def remaining_frame(frame_type: str, remaining_ms: int) -> bytes:
    """`resumed` or `time_added`: the question's clock as it now stands."""
    return encode({"type": frame_type, "remaining_ms": remaining_ms})


PAUSED = encode({"type": "paused"})
ENDED = encode({"type": "ended"})
KICKED = encode({"type": "kicked"})
PONG = encode({"type": "pong"})


# Self-paced assignments: the same frames, one student at a time (docs/protocol.md).


def student_reveal_frame(
    question: PublicQuestion,
    image_url: str | None,
    result: StudentResult,
    rank: int,
    next_ms: int | None,
) -> bytes:
    """A self-paced student's own `reveal`: the v1 fields, plus `next_ms` (the auto-advance,
    None while it cannot come) and `last` (no question follows)."""
    return encode(
        {
            "type": "reveal",
            "index": result.index,
            "correct": answer_value(result.reveal),
            "counts": None,
            "explanation": result.explanation,
            **explanation_math(result.explanation, question.math),
            "question": question_fields(question, image_url),
            "you": {
                "answered": result.answered,
                "correct": bool(result.correct),
                "points": result.points,
                "score": result.score,
                "rank": rank,
                "streak": result.streak,
            },
            "next_ms": next_ms,
            "last": result.last,
        }
    )


def student_podium_frame(
    top: Sequence[tuple[str, int, int]], rank: int, score: int, right: int, total: int
) -> bytes:
    """A finished student's `podium`: the top 3 so far, their place, and how many were right."""
    return encode(
        {
            "type": "podium",
            "top": [{"name": name, "score": s, "rank": r} for name, s, r in top],
            "you": {"rank": rank, "score": score, "right": right, "total": total},
        }
    )


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
