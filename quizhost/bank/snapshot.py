"""A bank frozen as JSON, stored with each game.

A game is replayed (crash recovery) and reported on (results) long after it was played; by
then the YAML file may have been edited, moved or deleted. So the bank is stored as it was
played, as JSON, and rebuilt from here without reading any file.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import attrs

from quizhost.bank.models import (
    AnyQuestion,
    Bank,
    ChoiceQuestion,
    OrderQuestion,
    PointsMode,
    PollQuestion,
    Round,
    ScoringMode,
    SliderQuestion,
    TrueFalseQuestion,
    TypeAnswerQuestion,
)

FORMAT = 1
#: The tag each question class is stored under. Stored banks hold these strings for ever: a
#: renamed class keeps its tag, a new question class adds a row.
_TAGS: dict[type[AnyQuestion], str] = {
    ChoiceQuestion: "ChoiceQuestion",
    TrueFalseQuestion: "TrueFalseQuestion",
    TypeAnswerQuestion: "TypeAnswerQuestion",
    SliderQuestion: "SliderQuestion",
    OrderQuestion: "OrderQuestion",
    PollQuestion: "PollQuestion",
}
_CLASSES: dict[str, type[AnyQuestion]] = {tag: cls for cls, tag in _TAGS.items()}


class SnapshotError(ValueError):
    """The stored bank cannot be read by this version."""


def _plain(value: Any) -> Any:
    if isinstance(value, PointsMode):
        return value.value
    if isinstance(value, frozenset):
        return sorted(value)
    if isinstance(value, tuple):
        return list(value)
    return value


def bank_to_json(bank: Bank) -> str:
    questions = [
        {
            "class": _TAGS[type(q)],
            **{f.name: _plain(getattr(q, f.name)) for f in attrs.fields(type(q))},
        }
        for q in bank.questions
    ]
    return json.dumps(
        {
            "format": FORMAT,
            "title": bank.title,
            "description": bank.description,
            "language": bank.language,
            "shuffle_questions": bank.shuffle_questions,
            "auto_close": bank.auto_close,
            "leaderboard_every": bank.leaderboard_every,
            "teams": list(bank.teams),
            "rounds": [{"title": r.title, "size": r.size} for r in bank.rounds],
            "source": str(bank.source) if bank.source else None,
            "questions": questions,
        },
        ensure_ascii=False,
        separators=(",", ":"),
    )


def _question(data: dict[str, Any]) -> AnyQuestion:
    fields = dict(data)
    cls = _CLASSES.get(fields.pop("class", ""))
    if cls is None:
        raise SnapshotError(f"unknown question class in a stored bank: {data.get('class')!r}")
    fields["points"] = PointsMode(fields["points"])
    if "scoring" in fields:  # stored before it existed: speed
        fields["scoring"] = ScoringMode(fields["scoring"])
    for name in ("choices", "accepted", "items"):
        if name in fields:
            fields[name] = tuple(fields[name])
    if "correct" in fields:
        fields["correct"] = frozenset(fields["correct"])
    return cls(**fields)


def bank_from_json(text: str) -> Bank:
    """The bank as it was stored; SnapshotError if this version cannot read it."""
    try:
        data = json.loads(text)
        if data.get("format") != FORMAT:
            raise SnapshotError(f"stored bank format {data.get('format')!r} is not {FORMAT}")
        return Bank(
            title=data["title"],
            description=data["description"],
            language=data.get("language"),
            shuffle_questions=data["shuffle_questions"],
            auto_close=data.get("auto_close"),  # stored before it existed: None
            leaderboard_every=data.get("leaderboard_every"),
            teams=tuple(data.get("teams", ())),
            rounds=tuple(Round(title=r["title"], size=r["size"]) for r in data.get("rounds", ())),
            source=Path(data["source"]) if data["source"] else None,
            questions=tuple(_question(q) for q in data["questions"]),
        )
    except (KeyError, TypeError, ValueError) as exc:
        if isinstance(exc, SnapshotError):
            raise
        raise SnapshotError(f"the stored bank is damaged: {exc}") from exc
