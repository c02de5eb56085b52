"""Commands as journal records: what the store's command log holds, and back.

Every command the core accepted is appended, in order, with the time it was stamped with.
The core is deterministic, so replaying the journal into a fresh `Game` with the same bank and
seed rebuilds the game exactly (crash recovery).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from quizhost.core import (
    AddTime,
    Answer,
    CloseDue,
    Command,
    End,
    Event,
    Game,
    Join,
    Kick,
    Leave,
    Lock,
    Next,
    Pause,
    Rejected,
    Rejoin,
    Resume,
    Skip,
    Start,
    SubmitAnswer,
    Unlock,
)
from quizhost.protocol.inbound import BadMessage, parse_answer
from quizhost.protocol.outbound import answer_fields

_NO_FIELDS: dict[
    str, type[Start | Next | Skip | Pause | Resume | Lock | Unlock | End | CloseDue]
] = {cls.__name__: cls for cls in (Start, Next, Skip, Pause, Resume, Lock, Unlock, End, CloseDue)}


def to_record(command: Command) -> tuple[str, dict[str, Any]]:
    """(kind, JSON-able payload) for the command log."""
    kind = type(command).__name__
    payload: dict[str, Any]
    match command:
        case Join(player_id=player_id, name=name):
            payload = {"player_id": player_id, "name": name}
        case Rejoin(player_id=player_id) | Leave(player_id=player_id) | Kick(player_id=player_id):
            payload = {"player_id": player_id}
        case SubmitAnswer(player_id=player_id, question=question, answer=answer):
            payload = {
                "player_id": player_id,
                "question": question,
                "answer": answer_fields(answer),
            }
        case AddTime(ms=ms):
            payload = {"ms": ms}
        case _:
            payload = {}
    return kind, payload


def _stored_answer(data: Any) -> Answer:
    if not isinstance(data, dict):
        raise ValueError(f"not an answer: {data!r}")
    try:
        return parse_answer(data)  # the stored form is the wire form
    except BadMessage as exc:
        raise ValueError(f"not an answer: {exc}") from exc


def from_record(kind: str, payload: dict[str, Any]) -> Command:
    """The command a journal record stands for (ValueError for a record this version can't read)."""
    if kind in _NO_FIELDS:
        return _NO_FIELDS[kind]()
    if kind == "Join":
        return Join(player_id=payload["player_id"], name=payload["name"])
    if kind == "Rejoin":
        return Rejoin(player_id=payload["player_id"])
    if kind == "Leave":
        return Leave(player_id=payload["player_id"])
    if kind == "Kick":
        return Kick(player_id=payload["player_id"])
    if kind == "SubmitAnswer":
        return SubmitAnswer(
            player_id=payload["player_id"],
            question=int(payload["question"]),
            answer=_stored_answer(payload["answer"]),
        )
    if kind == "AddTime":
        return AddTime(ms=int(payload["ms"]))
    raise ValueError(f"unknown command kind in the journal: {kind!r}")


# Replay: rebuild a game from its journal.

REPLAY_MAX_PLAYERS = 10**9  # joins refused for a full game were never journaled


class JournalError(Exception):
    """The journal cannot be replayed (damaged, or written by an incompatible version)."""


def replay(
    game: Game, records: Iterable[tuple[int, str, dict[str, Any]]]
) -> Iterator[tuple[int, Command, list[Event]]]:
    """Feed (at_ms, kind, payload) records into `game`; yield each command with its events.

    Nickname rules are not applied meanwhile: a name the live game accepted was stored, and
    rules made stricter since must not stop that game from coming back.
    """
    game.check_names = False
    try:
        for at_ms, kind, payload in records:
            try:
                command = from_record(kind, payload)
                events = game.handle(command, at_ms)
            except (KeyError, TypeError, ValueError, Rejected) as exc:
                raise JournalError(f"cannot replay {kind} at {at_ms}: {exc}") from exc
            yield at_ms, command, events
    finally:
        game.check_names = True
