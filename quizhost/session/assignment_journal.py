"""An assignment on disk: its journal records, its replay, and its durable write path.

Apart from the running session because results and `--resume` replay assignments too.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterable
from typing import Any, Final

from attrs import frozen

from quizhost.bank.models import Bank
from quizhost.bank.snapshot import SnapshotError, bank_from_json, bank_to_json
from quizhost.core import (
    AnswerAccepted,
    End,
    GameEnded,
    GameSettings,
    Join,
    Kick,
    PlayerJoined,
    PlayerKicked,
    Rejected,
    SubmitAnswer,
)
from quizhost.core.assignment import (
    Advance,
    Assignment,
    AssignmentCommand,
    AssignmentEvent,
    ServerBack,
    TimeUp,
)
from quizhost.session import journal
from quizhost.session.persist import Persister, player_row
from quizhost.store import GameRecord, Store, StoreError
from quizhost.store import statements as sql
from quizhost.store.statements import Statement

# Journal: the live game's kinds for the commands both share, three of its own. These strings
# are on disk forever.
_OWN_KINDS: Final = {Advance: "Advance", TimeUp: "TimeUp", ServerBack: "ServerBack"}


def to_record(command: AssignmentCommand) -> tuple[str, dict[str, Any]]:
    """(kind, JSON-able payload) of a journaled assignment command."""
    match command:
        case Advance(player_id=player_id, after=after):
            return "Advance", {"player_id": player_id, "after": after}
        case TimeUp(player_id=player_id):
            return "TimeUp", {"player_id": player_id}
        case ServerBack(since_ms=since_ms):
            return "ServerBack", {"since_ms": since_ms}
        case Join() | Kick() | SubmitAnswer() | End():
            return journal.to_record(command)
    raise ValueError(f"{type(command).__name__} is never journaled")


def from_record(kind: str, payload: dict[str, Any]) -> AssignmentCommand:
    """The assignment command a journal record stands for (ValueError if unknown)."""
    if kind == "Advance":
        return Advance(player_id=payload["player_id"], after=int(payload["after"]))
    if kind == "TimeUp":
        return TimeUp(player_id=payload["player_id"])
    if kind == "ServerBack":
        return ServerBack(since_ms=int(payload["since_ms"]))
    command = journal.from_record(kind, payload)
    if not isinstance(command, Join | Kick | SubmitAnswer | End):
        raise ValueError(f"{kind} is not a command of a self-paced assignment")
    return command


def is_assignment(record: GameRecord) -> bool:
    """Whether a stored game is a self-paced assignment (damaged rules: the replay says so)."""
    try:
        return journal.settings_from_json(record.settings_json).self_paced
    except journal.JournalError:
        return False


@frozen
class RebuiltAssignment:
    """A stored assignment replayed: its bank, its state, and every event on the way."""

    bank: Bank
    assignment: Assignment
    events: tuple[AssignmentEvent, ...]
    last_seq: int  # the journal's last sequence number (0 if empty)
    last_at_ms: int | None  # when the last command was stamped (None: none yet)


async def rebuild_assignment(store: Store, record: GameRecord) -> RebuiltAssignment:
    """Replay a stored assignment from its bank snapshot, rules and journal (for `--resume`
    and results alike); JournalError says why it cannot be replayed."""
    if record.bank_json is None:
        raise journal.JournalError(f"game {record.id} was stored without its bank")
    try:
        bank = bank_from_json(record.bank_json)
        settings = journal.settings_from_json(record.settings_json)
    except (SnapshotError, journal.JournalError) as exc:
        raise journal.JournalError(f"game {record.id}: {exc}") from exc
    if not settings.self_paced:
        raise journal.JournalError(f"game {record.id} is a live game, not an assignment")
    work = Assignment(
        bank, seed=record.seed, max_players=journal.REPLAY_MAX_PLAYERS, settings=settings
    )
    commands = await store.commands(record.id)
    events: list[AssignmentEvent] = []
    for c in commands:
        try:
            events += work.handle(from_record(c.kind, c.payload), c.at_ms)
        except (KeyError, TypeError, ValueError, Rejected) as exc:
            raise journal.JournalError(
                f"game {record.id}: cannot replay {c.kind} at {c.at_ms}: {exc}"
            ) from exc
    last = commands[-1] if commands else None
    return RebuiltAssignment(
        bank, work, tuple(events), last.seq if last else 0, last.at_ms if last else None
    )


class AssignmentPersister(Persister):
    """The live game's durable path (units written whole and in order, kept ones written
    again) with an assignment's journal records and rows."""

    def __init__(
        self, store: Store, game_id: str, seq: int, bank_index: Callable[[str, int], int]
    ) -> None:
        """`bank_index(student, index as played)` numbers answers by bank question."""
        super().__init__(store, game_id, None, seq)
        self._bank_index = bank_index

    async def save_assignment(
        self, command: AssignmentCommand, events: list[AssignmentEvent], now: int
    ) -> None:
        """Store `command` (stamped `now`) with what it changed; raises SaveFailed."""
        kind, payload = to_record(command)
        unit = self._unit(kind, payload, events, self._assignment_rows(events, now), now)
        try:
            await self._write(unit)
        except StoreError as exc:
            raise self._save_failed(unit, exc) from exc

    def _outcome(self, event: AnswerAccepted) -> dict[str, Any]:
        """Numbered by bank question too: students may have had other orders."""
        bank_question = self._bank_index(event.player_id, event.question)
        return {**super()._outcome(event), "bank_question": bank_question}

    def _assignment_rows(self, events: Iterable[AssignmentEvent], now: int) -> list[Statement]:
        rows: list[Statement] = []
        for event in events:
            match event:
                case PlayerJoined() | PlayerKicked():
                    rows.append(player_row(self._game_id, event, now))
                case GameEnded():
                    rows.append(sql.set_game_state(self._game_id, "ended", now))
        return rows


async def store_new_assignment(
    store: Store,
    bank: Bank,
    settings: GameSettings,
    game_id: str,
    *,
    pin: str,
    seed: int,
    now: int,
    max_players: int,
) -> None:
    """Store a new assignment's bank, rules and one row per question, before anyone joins."""
    await store.create_game(
        game_id,
        pin=pin,
        bank_title=bank.title,
        bank_path=str(bank.source or ""),
        seed=seed,
        created_at_ms=now,
        state="question",
        bank_json=bank_to_json(bank),
        max_players=max_players,
        settings_json=journal.settings_to_json(settings),
    )
    # One row per bank question, idx = bank index: what its answers are numbered by.
    closes = settings.until_ms or now
    await asyncio.gather(
        *(store.open_question(game_id, i, i, now, closes) for i in range(len(bank.questions)))
    )
