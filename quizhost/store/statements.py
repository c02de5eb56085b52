"""The store's writes as plain statements, so several can be written together.

Each function returns one `Statement` (SQL and its parameters). `Store`'s write methods queue
one each; the session's durable path gathers the statements of one accepted command (its
journal entry and the rows it changed) and has the store write them as one unit
(`Store.write_planned`), all or nothing.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from attrs import frozen

from quizhost.store.records import dumps


@frozen
class Statement:
    """One SQL statement with its parameters."""

    sql: str
    params: tuple[Any, ...]


def set_game_state(game_id: str, state: str, ended_at_ms: int | None = None) -> Statement:
    return Statement(
        "UPDATE games SET state = ?, ended_at_ms = coalesce(?, ended_at_ms) WHERE id = ?",
        (state, ended_at_ms, game_id),
    )


def add_player(game_id: str, player_id: str, name: str, joined_at_ms: int) -> Statement:
    return Statement(
        "INSERT INTO players (game_id, id, name, joined_at_ms) VALUES (?, ?, ?, ?)",
        (game_id, player_id, name, joined_at_ms),
    )


def set_kicked(game_id: str, player_id: str, kicked: bool = True) -> Statement:
    return Statement(
        "UPDATE players SET kicked = ? WHERE game_id = ? AND id = ?",
        (int(kicked), game_id, player_id),
    )


def open_question(
    game_id: str, idx: int, bank_index: int, opened_at_ms: int, deadline_ms: int
) -> Statement:
    return Statement(
        "INSERT INTO questions (game_id, idx, bank_index, opened_at_ms, deadline_ms)"
        " VALUES (?, ?, ?, ?, ?)",
        (game_id, idx, bank_index, opened_at_ms, deadline_ms),
    )


def set_deadline(game_id: str, idx: int, deadline_ms: int) -> Statement:
    return Statement(
        "UPDATE questions SET deadline_ms = ? WHERE game_id = ? AND idx = ?",
        (deadline_ms, game_id, idx),
    )


def close_question(game_id: str, idx: int, closed_at_ms: int) -> Statement:
    return Statement(
        "UPDATE questions SET closed_at_ms = ? WHERE game_id = ? AND idx = ?",
        (closed_at_ms, game_id, idx),
    )


def record_answer(
    game_id: str,
    question_idx: int,
    player_id: str,
    answer: Any,
    *,
    received_ms: int,
    elapsed_ms: int,
    correct: bool | None,
    points: int,
) -> Statement:
    return Statement(
        "INSERT OR IGNORE INTO answers (game_id, question_idx, player_id, answer_json,"
        " received_ms, elapsed_ms, correct, points) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (
            game_id,
            question_idx,
            player_id,
            dumps(answer),
            received_ms,
            elapsed_ms,
            None if correct is None else int(correct),
            points,
        ),
    )


def append_command(
    game_id: str, seq: int, at_ms: int, kind: str, payload: Mapping[str, Any]
) -> Statement:
    return Statement(
        "INSERT INTO commands (game_id, seq, at_ms, kind, payload_json) VALUES (?, ?, ?, ?, ?)",
        (game_id, seq, at_ms, kind, dumps(dict(payload))),
    )
