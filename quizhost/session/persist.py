"""The durable path: each accepted command's journal entry and the rows that describe it.

The session calls `save` after the core accepted a command and before anyone hears of it;
`save` returns once the command is on disk, or raises `SaveFailed`. A command is stored as one
unit: its journal entry with every row it changed (players, questions, the game's state),
written together or not at all, so the journal never names a player whose row is missing, nor
the rows a question whose journal entry is. An accepted answer is its journal entry alone,
with the answer's outcome in it (the `answers` view reads it from there).

When a unit fails (disk full, database locked too long) the session decides its fate: a join
or an answer is taken back (`drop`), anything else stays in the game (`keep`). Kept units are
written again, whole and in journal order, ahead of the next unit, by the next save or by
`flush`; a unit is never written past one whose fate is still open. Which units to write is
decided inside the store's writer when it reaches the write (`Store.write_planned`), and the
bookkeeping follows each commit (`settle`), so concurrent saves never write a unit twice.
"""

from __future__ import annotations

import asyncio
import enum
from collections.abc import Awaitable, Iterable
from typing import Any

from attrs import define, field

from quizhost.core import (
    AnswerAccepted,
    Command,
    Event,
    Forget,
    Game,
    GameEnded,
    Join,
    Phase,
    PlayerJoined,
    PlayerKicked,
    PlayerLeft,
    PlayerRejoined,
    QuestionClosed,
    QuestionOpened,
    Resumed,
    SubmitAnswer,
    TimeAdded,
    UndoAnswer,
)
from quizhost.session import bursts, journal
from quizhost.store import Store, StoreError
from quizhost.store import statements as sql
from quizhost.store.statements import Statement

#: Rows written since the last checkpoint that make a closing question checkpoint the WAL
#: (a few hundred pages). Fewer are left to SQLite's automatic checkpoint, far out.
CHECKPOINT_ROWS = 2000

#: Events that never move the game to another phase: a command made only of these is its
#: journal row alone, which the writer merges with the burst around it (a phone dropping and
#: coming back mid-question must not cut a burst of answers into a statement per answer).
_PHASE_UNCHANGED = (AnswerAccepted, PlayerJoined, PlayerLeft, PlayerRejoined)


class _State(enum.Enum):
    QUEUED = "queued"  # its save is waiting for the writer
    WRITTEN = "written"  # written in the writer's open transaction, not yet committed
    FAILED = "failed"  # its write failed; the session has not said what to do yet
    KEPT = "kept"  # the game kept it: to be written again, in order


@define(eq=False)
class Unit:
    """One accepted command's journal entry and rows, on their way to the disk."""

    seq: int
    statements: tuple[Statement, ...]
    state: _State = field(default=_State.QUEUED)


class SaveFailed(Exception):
    """Something of this command could not be stored; `unit` awaits `keep` or `drop`."""

    def __init__(self, unit: Unit, failure: BaseException) -> None:
        cause = failure.__cause__ or failure
        super().__init__(str(cause) or type(cause).__name__)
        self.unit = unit


class _Blocked(Exception):
    """An earlier unit's fate is still open: nothing after it may be written yet."""


async def _failed(exc: StoreError) -> None:
    raise exc


class Persister:
    """Writes one game's journal and rows to the store, a unit per command, in order."""

    def __init__(self, store: Store, game_id: str, game: Game | None, seq: int) -> None:
        """`game` is the live game whose rows are written (None for a subclass that writes
        its own rows: the self-paced session's)."""
        self._store = store
        self._game_id = game_id
        self._game = game
        self._seq = seq
        # The units not on disk and not in the writer's open transaction (queued, failed or
        # kept), by seq (journal order): what a plan has to look at. A dict and a count of the
        # kept ones, so that with thousands of answers in flight each costs O(1) to plan,
        # settle and check, not a walk over every unit in flight.
        self._open: dict[int, Unit] = {}
        self._kept = 0
        self._rows_unchecked = 0  # written since the last checkpoint

    @property
    def waiting(self) -> int:
        """How many units the game kept that wait to be written again."""
        return self._kept

    def save(self, command: Command, events: list[Event], now: int) -> Awaitable[None]:
        """Store `command` (stamped `now`) with what it changed; the result raises SaveFailed.

        The unit is queued for the writer at once, in the order of the calls, so a save started
        from a callback (a socket that closed) keeps its place in the journal; await the result.
        """
        kind, payload = journal.to_record(command)
        unit = self._unit(kind, payload, events, self._rows_for(events, now), now)
        return self._saved(unit, self._write(unit), events)

    def _unit(
        self,
        kind: str,
        payload: dict[str, Any],
        events: Iterable[object],
        rows: list[Statement],
        now: int,
    ) -> Unit:
        """The next journal entry with the rows its command changed, queued in journal order.

        An accepted answer has no row of its own: its outcome goes into its journal entry, the
        one durable row the `answers` view reads, so a burst writes one row per answer.
        """
        self._seq += 1
        for event in events:
            if isinstance(event, AnswerAccepted):
                payload = {**payload, **self._outcome(event)}
        entry = sql.append_command(self._game_id, self._seq, now, kind, payload)
        unit = Unit(self._seq, (entry, *rows))
        self._open[unit.seq] = unit
        return unit

    def _outcome(self, event: AnswerAccepted) -> dict[str, Any]:
        """What the core made of an answer, as stored in its journal entry."""
        return {"elapsed_ms": event.elapsed_ms, "correct": event.correct, "points": event.points}

    async def _saved(self, unit: Unit, queued: Awaitable[None], events: list[Event]) -> None:
        """Once the unit is on disk: keep housekeeping out of the bursts (see `bursts`)."""
        try:
            await queued
        except StoreError as exc:
            raise self._save_failed(unit, exc) from exc
        self._rows_unchecked += len(unit.statements)
        for event in events:
            if isinstance(event, QuestionOpened):
                bursts.question_opened()
            elif isinstance(event, QuestionClosed) and self._rows_unchecked >= CHECKPOINT_ROWS:
                self._checkpoint()
            elif isinstance(event, GameEnded):
                bursts.game_ended()

    def _checkpoint(self) -> None:
        """Between questions: copy the WAL into the database now, not inside the next burst."""
        self._rows_unchecked = 0
        try:
            future = self._store.checkpoint()
        except StoreError:  # closing: nothing to keep out of a burst any more
            return
        future.add_done_callback(_ignore_failure)

    async def flush(self) -> bool:
        """Write every kept unit now; True once nothing waits any more."""
        if self.waiting:
            try:
                await self._write(None)
            except StoreError:  # what failed stays kept, for the next try
                return False
        return self.waiting == 0

    def keep(self, unit: Unit) -> None:
        """The game kept this command although it was not stored: write it again later."""
        if unit.state is _State.FAILED:
            unit.state = _State.KEPT
            self._kept += 1

    def drop(self, unit: Unit) -> None:
        """The game took this command back: it is never written."""
        if unit.state is _State.FAILED:
            del self._open[unit.seq]

    # Planning inside the writer, settling after each batch.

    def _write(self, own: Unit | None) -> Awaitable[None]:
        """Queue the write now (the writer keeps call order); the result raises StoreError."""
        written: list[Unit] = []

        def plan() -> list[Statement]:
            return self._plan(own, written)

        def settle(committed: bool) -> None:
            self._settle(own, written, committed)

        try:
            return self._store.write_planned(plan, settle)
        except StoreError as exc:
            return _failed(exc)

    def _save_failed(self, own: Unit, exc: StoreError) -> SaveFailed:
        """What a failed write means for its unit, as the session hears it."""
        if own.state is _State.QUEUED:  # never reached the writer
            own.state = _State.FAILED
        return SaveFailed(own, exc)

    def _plan(self, own: Unit | None, written: list[Unit]) -> list[Statement]:
        """The statements to write now: every kept unit before `own` in order, then `own`."""
        chosen: list[Unit] = []
        for unit in self._open.values():
            if unit is own:
                chosen.append(unit)
                break
            if unit.state is _State.KEPT:
                chosen.append(unit)
            elif own is None:
                break  # a flush writes what it can, up to the first open fate
            else:
                raise _Blocked(f"change {unit.seq} before this one is not saved yet")
        for unit in chosen:
            if unit.state is _State.KEPT:
                self._kept -= 1
            unit.state = _State.WRITTEN
            del self._open[unit.seq]
        written.extend(chosen)
        return [statement for unit in chosen for statement in unit.statements]

    def _settle(self, own: Unit | None, written: list[Unit], committed: bool) -> None:
        if written and not committed:  # back among the open units, in journal order
            for unit in written:
                if unit is own:
                    unit.state = _State.FAILED
                else:
                    unit.state = _State.KEPT
                    self._kept += 1
            self._open.update((unit.seq, unit) for unit in written)
            self._open = dict(sorted(self._open.items()))
        written.clear()
        if own is not None and own.state is _State.QUEUED:
            own.state = _State.FAILED  # its batch failed before it was planned

    # What a command changed, as rows.

    def _rows_for(self, events: Iterable[Event], now: int) -> list[Statement]:
        assert self._game is not None
        game_id = self._game_id
        rows: list[Statement] = []
        for event in events:
            match event:
                case PlayerJoined() | PlayerKicked():
                    rows.append(player_row(game_id, event, now))
                case QuestionOpened(question=question, deadline_ms=deadline_ms):
                    bank_index = self._game.bank_index(question.index)
                    rows.append(
                        sql.open_question(game_id, question.index, bank_index, now, deadline_ms)
                    )
                case Resumed(deadline_ms=deadline) | TimeAdded(deadline_ms=int() as deadline):
                    index = self._game.question_index
                    assert index is not None  # the clock of an open question moved
                    rows.append(sql.set_deadline(game_id, index, deadline))
                case QuestionClosed(index=index):
                    rows.append(sql.close_question(game_id, index, now))
                case GameEnded():
                    rows.append(sql.set_game_state(game_id, Phase.ENDED.value, now))
        if any(not isinstance(e, _PHASE_UNCHANGED) for e in events):
            rows.append(sql.set_game_state(game_id, self._game.phase.value))
        return rows


def _ignore_failure(future: asyncio.Future[tuple[int, int, int]]) -> None:
    """A checkpoint that fails (the WAL busy, the disk full) is retried by SQLite later."""
    if not future.cancelled():
        future.exception()


def player_row(game_id: str, event: PlayerJoined | PlayerKicked, now: int) -> Statement:
    """The players row a join adds or a kick flags: the same in a live game and an assignment."""
    if isinstance(event, PlayerJoined):
        return sql.add_player(game_id, event.player_id, event.name, now)
    return sql.set_kicked(game_id, event.player_id)


def undo_for(command: Command) -> Command | None:
    """The command that takes back a player command whose write failed."""
    if isinstance(command, SubmitAnswer):
        return UndoAnswer(player_id=command.player_id, question=command.question)
    if isinstance(command, Join):
        return Forget(player_id=command.player_id)
    return None
