"""The store's writes as plain statements, so several can be written together.

Each function returns one `Statement` (SQL and its parameters). `Store`'s write methods queue
one each; the session's durable path gathers the statements of one accepted command (its
journal entry and the rows it changed) and has the store write them as one unit
(`Store.write_planned`), all or nothing. An accepted answer has no row of its own: its journal
entry carries its outcome, and the `answers` view reads it from there (schema version 4).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Final

from attrs import frozen

from quizhost import jsontext
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


_ADD_PLAYER: Final = "INSERT INTO players (game_id, id, name, joined_at_ms) VALUES (?, ?, ?, ?)"
_APPEND_COMMAND: Final = (
    "INSERT INTO commands (game_id, seq, at_ms, kind, payload_json) VALUES (?, ?, ?, ?, ?)"
)


def add_player(game_id: str, player_id: str, name: str, joined_at_ms: int) -> Statement:
    return Statement(_ADD_PLAYER, (game_id, player_id, name, joined_at_ms))


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


def append_command(
    game_id: str, seq: int, at_ms: int, kind: str, payload: Mapping[str, Any]
) -> Statement:
    return Statement(_APPEND_COMMAND, (game_id, seq, at_ms, kind, dumps(dict(payload))))


def _from_json(insert: str, columns: int) -> str:
    """`insert`'s rows read from one JSON array of arrays (`json_each`), in array order."""
    head = insert[: insert.index(" VALUES ")]
    picks = ", ".join(f"value ->> {i}" for i in range(columns))
    return f"{head} SELECT {picks} FROM json_each(?) ORDER BY key"


# The inserts a burst is made of (an answer is its journal entry alone), each with its
# one-statement form, in the order they must run.
_BULK: Final[dict[str, tuple[int, str]]] = {
    _ADD_PLAYER: (0, _from_json(_ADD_PLAYER, 4)),
    _APPEND_COMMAND: (1, _from_json(_APPEND_COMMAND, 5)),
}


def bulkable(statements: Sequence[Statement]) -> bool:
    """True if every statement is an insert that `bulk` can merge with others of its kind."""
    return all(statement.sql in _BULK for statement in statements)


def bulk(statements: Sequence[Statement]) -> list[Statement]:
    """The same rows as `statements` (all `bulkable`), one statement per table.

    A burst of answers then crosses into SQLite (one thread hop, one GIL hand-off, one
    statement preparation) a few times per batch instead of twice per answer. Rows keep their
    order within each table, so rowids, and hence every "in order received" read, are the same
    as with one statement per row.
    """
    rows: dict[str, list[tuple[Any, ...]]] = {}
    for statement in statements:
        rows.setdefault(statement.sql, []).append(statement.params)
    ordered = sorted(rows.items(), key=lambda item: _BULK[item[0]][0])
    return [
        Statement(_BULK[insert][1], (jsontext.encode(params).decode(),))
        for insert, params in ordered
    ]
