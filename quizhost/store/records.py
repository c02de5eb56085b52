"""Plain rows read back from the store: small frozen attrs records, one per table."""

from __future__ import annotations

import json
from typing import Any

from attrs import frozen

from quizhost import jsontext


@frozen
class GameRecord:
    """One game: which bank it played, with which seed, and where it got to."""

    id: str
    pin: str
    bank_title: str
    bank_path: str
    bank_json: str | None
    seed: int
    state: str
    created_at_ms: int
    ended_at_ms: int | None
    max_players: int | None = None  # None for games stored before schema version 2
    settings_json: str | None = None  # the game's rules; None for games before version 3


@frozen
class PlayerRecord:
    """A player who joined a game (kicked players stay, flagged)."""

    game_id: str
    id: str
    name: str
    joined_at_ms: int
    kicked: bool


@frozen
class QuestionRecord:
    """A question as played: position in play, position in the bank, when it opened, its
    deadline as it last stood (moved by added time and by each resume after a pause; while
    paused, the deadline it had when the pause began), and when it closed."""

    game_id: str
    idx: int
    bank_index: int
    opened_at_ms: int
    deadline_ms: int
    closed_at_ms: int | None


@frozen
class AnswerRecord:
    """An accepted answer; `answer` is the decoded JSON the player sent (choice, text ...)."""

    game_id: str
    question_idx: int
    player_id: str
    answer: Any
    received_ms: int
    elapsed_ms: int
    correct: bool | None
    points: int


@frozen
class CommandRecord:
    """One entry of the append-only command log that rebuilds a game by replay."""

    game_id: str
    seq: int
    at_ms: int
    kind: str
    payload: dict[str, Any]


def dumps(value: Any) -> str:
    """Compact, key-sorted JSON: the stored form of answers and command payloads."""
    return jsontext.encode(value, sort_keys=True).decode()


def loads(text: str) -> Any:
    """The inverse of `dumps`."""
    return json.loads(text)
