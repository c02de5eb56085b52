"""Commands as journal records: what the store's command log holds, and back.

Every command the core accepted is appended, in order, with the time it was stamped with.
The core is deterministic, so replaying the journal into a fresh `Game` with the same bank and
seed rebuilds the game exactly: `rebuild` does it for both crash recovery (`--resume`) and the
results of past games, so the two can never disagree.
"""

from __future__ import annotations

import json
from collections.abc import Container, Iterable, Iterator, Mapping
from types import MappingProxyType
from typing import Any, Final

import attrs
from attrs import frozen

from quizhost.bank.models import Bank
from quizhost.bank.snapshot import SnapshotError, bank_from_json
from quizhost.core import (
    AddTime,
    Answer,
    Autoplay,
    CloseDue,
    Command,
    DisconnectAll,
    End,
    Event,
    ExtraTime,
    Game,
    GameSettings,
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
from quizhost.store import GameRecord, Store

#: The kind each command is stored under. These strings are on disk in every game ever played,
#: so they never change: a renamed class keeps its string, a new command adds a row.
KINDS: Final[Mapping[type[Command], str]] = MappingProxyType(
    {
        Join: "Join",
        Rejoin: "Rejoin",
        Leave: "Leave",
        SubmitAnswer: "SubmitAnswer",
        Start: "Start",
        Next: "Next",
        Skip: "Skip",
        Pause: "Pause",
        Resume: "Resume",
        AddTime: "AddTime",
        Kick: "Kick",
        Lock: "Lock",
        Unlock: "Unlock",
        End: "End",
        CloseDue: "CloseDue",
        DisconnectAll: "DisconnectAll",
        Autoplay: "Autoplay",
        ExtraTime: "ExtraTime",
    }
)
_BY_KIND: Final = {kind: cls for cls, kind in KINDS.items()}
_NO_FIELDS: Final = (Start, Next, Skip, Pause, Resume, Lock, Unlock, End, CloseDue, DisconnectAll)


def to_record(command: Command) -> tuple[str, dict[str, Any]]:
    """(kind, JSON-able payload) for the command log; ValueError for one never journaled."""
    kind = KINDS.get(type(command))
    if kind is None:
        raise ValueError(f"{type(command).__name__} is never journaled")
    payload: dict[str, Any]
    match command:  # the answer first: a burst is made of them
        case SubmitAnswer(player_id=player_id, question=question, answer=answer):
            payload = {
                "player_id": player_id,
                "question": question,
                "answer": answer_fields(answer),
            }
        case Join(player_id=player_id, name=name, team=team, device=device):
            payload = {"player_id": player_id, "name": name}
            if team is not None:
                payload["team"] = team
            if device is not None:  # absent, as in games stored before devices were kept
                payload["device"] = device
        case Rejoin(player_id=player_id, device=str() as device):
            payload = {"player_id": player_id, "device": device}
        case Rejoin(player_id=player_id) | Leave(player_id=player_id) | Kick(player_id=player_id):
            payload = {"player_id": player_id}
        case AddTime(ms=ms) | Autoplay(ms=ms):
            payload = {"ms": ms}
        case ExtraTime(player_id=player_id, percent=percent):
            payload = {"player_id": player_id, "percent": percent}
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


def _stored_device(payload: dict[str, Any]) -> str | None:
    device = payload.get("device")
    if device is not None and not isinstance(device, str):
        raise ValueError(f"not a device id: {device!r}")
    return device


def from_record(kind: str, payload: dict[str, Any]) -> Command:
    """The command a journal record stands for (ValueError for a record this version can't read)."""
    cls = _BY_KIND.get(kind)
    if cls in _NO_FIELDS:
        return cls()
    if cls is Join:
        return Join(
            player_id=payload["player_id"],
            name=payload["name"],
            team=payload.get("team"),
            device=_stored_device(payload),
        )
    if cls is Rejoin:
        return Rejoin(player_id=payload["player_id"], device=_stored_device(payload))
    if cls is Leave:
        return Leave(player_id=payload["player_id"])
    if cls is Kick:
        return Kick(player_id=payload["player_id"])
    if cls is SubmitAnswer:
        return SubmitAnswer(
            player_id=payload["player_id"],
            question=int(payload["question"]),
            answer=_stored_answer(payload["answer"]),
        )
    if cls is AddTime:
        return AddTime(ms=int(payload["ms"]))
    if cls is Autoplay:
        return Autoplay(ms=int(payload["ms"]))
    if cls is ExtraTime:
        return ExtraTime(player_id=payload["player_id"], percent=int(payload["percent"]))
    raise ValueError(f"unknown command kind in the journal: {kind!r}")


# Replay: rebuild a game from its journal.

REPLAY_MAX_PLAYERS = 10**9  # joins refused for a full game were never journaled


class JournalError(Exception):
    """The journal cannot be replayed (damaged, or written by an incompatible version)."""


def replay(
    game: Game,
    records: Iterable[tuple[int, str, dict[str, Any]]],
    stored_answers: Container[tuple[int, str, int]] | None = None,
) -> Iterator[tuple[int, Command, list[Event]]]:
    """Feed (at_ms, kind, payload) records into `game`; yield each command with its events.

    `stored_answers` holds (question, player id, received_ms) of the `answers` view. Given, an
    answer in the journal without its row is passed over: the live game took it back. Since
    a command's entry and rows are written together (and, from schema version 4, an answer's
    row is its entry) this never happens, but quizhost 0.1.0 could store an answer's entry
    while its row failed, and then took the answer back.

    Nickname rules are not applied meanwhile: a name the live game accepted was stored, and
    rules made stricter since must not stop that game from coming back.
    """
    game.check_names = False
    try:
        for at_ms, kind, payload in records:
            try:
                command = from_record(kind, payload)
                if (
                    stored_answers is not None
                    and isinstance(command, SubmitAnswer)
                    and (command.question, command.player_id, at_ms) not in stored_answers
                ):
                    continue
                events = game.handle(command, at_ms)
            except (KeyError, TypeError, ValueError, Rejected) as exc:
                raise JournalError(f"cannot replay {kind} at {at_ms}: {exc}") from exc
            yield at_ms, command, events
    finally:
        game.check_names = True


# The rules a game is played by, stored beside its journal.


def settings_to_json(settings: GameSettings) -> str:
    """The stored form of a game's rules: a JSON object, one key per rule not at its default.

    Defaults are left out so a game played without a newer rule stays readable by a quizhost
    that predates that rule.
    """
    data = {
        f.name: getattr(settings, f.name)
        for f in attrs.fields(GameSettings)
        if getattr(settings, f.name) != f.default
    }
    return json.dumps(data, sort_keys=True, separators=(",", ":"))


def settings_from_json(text: str | None) -> GameSettings:
    """The rules a stored game was played by (None: stored before rules were kept, defaults).

    A rule this version does not know means the game was played by a newer quizhost: replaying
    it without that rule would give other scores, so it is refused (JournalError).
    """
    if text is None:
        return GameSettings()
    try:
        data = json.loads(text)
        if not isinstance(data, dict):
            raise ValueError("not a JSON object")
        known = {f.name for f in attrs.fields(GameSettings)}
        unknown = sorted(set(data) - known)
        if unknown:
            raise JournalError(
                f"it was played under rules this quizhost does not know ({', '.join(unknown)}):"
                " upgrade quizhost to replay it"
            )
        return GameSettings(**data)
    except (TypeError, ValueError) as exc:
        raise JournalError(f"its stored rules are damaged: {exc}") from exc


Step = tuple[int, Command, list[Event]]


@frozen
class Rebuilt:
    """A stored game replayed: its bank, the game as its last command left it, every step."""

    bank: Bank
    settings: GameSettings
    game: Game
    steps: tuple[Step, ...]
    last_seq: int  # the journal's last sequence number (0 if empty)


async def rebuild(store: Store, record: GameRecord) -> Rebuilt:
    """Replay a stored game from its own bank snapshot, rules and journal; JournalError says why
    not."""
    if record.bank_json is None:
        raise JournalError(f"game {record.id} was stored without its bank; cannot rebuild it")
    try:
        bank = bank_from_json(record.bank_json)
        settings = settings_from_json(record.settings_json)
    except (SnapshotError, JournalError) as exc:
        raise JournalError(f"game {record.id}: {exc}") from exc
    game = Game(bank, seed=record.seed, max_players=REPLAY_MAX_PLAYERS, settings=settings)
    commands = await store.commands(record.id)
    rows = {(a.question_idx, a.player_id, a.received_ms) for a in await store.answers(record.id)}
    try:
        steps = tuple(replay(game, [(c.at_ms, c.kind, c.payload) for c in commands], rows))
    except JournalError as exc:
        raise JournalError(f"game {record.id}: {exc}") from exc
    last_seq = commands[-1].seq if commands else 0
    return Rebuilt(bank=bank, settings=settings, game=game, steps=steps, last_seq=last_seq)
