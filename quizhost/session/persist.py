"""The durable path: each accepted command's journal entry and the rows that describe it.

The session calls `save` after the core accepted a command and before anyone hears of it;
`save` returns once everything is committed, or raises `SaveFailed`. An entry that must stay
(the game moved on) is handed back with `keep` and written again with every later save.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Iterable
from typing import Any

from attrs import define

from quizhost.core import (
    AnswerAccepted,
    Command,
    Event,
    Game,
    GameEnded,
    Phase,
    PlayerJoined,
    PlayerKicked,
    QuestionClosed,
    QuestionOpened,
    Resumed,
    TimeAdded,
)
from quizhost.protocol.outbound import answer_fields
from quizhost.session import journal
from quizhost.store import Store


@define
class JournalEntry:
    """One accepted command as the journal stores it."""

    seq: int
    at_ms: int
    kind: str
    payload: dict[str, Any]


class SaveFailed(Exception):
    """Something of this command could not be stored; `entry` is its journal entry."""

    def __init__(self, entry: JournalEntry, failure: BaseException) -> None:
        cause = failure.__cause__ or failure
        super().__init__(str(cause) or type(cause).__name__)
        self.entry = entry


class Persister:
    """Writes one game's journal and rows to the store, in order."""

    def __init__(self, store: Store, game_id: str, game: Game, seq: int) -> None:
        self._store = store
        self._game_id = game_id
        self._game = game
        self._seq = seq
        self._unsaved: list[JournalEntry] = []

    @property
    def waiting(self) -> int:
        """How many kept entries still wait to be written."""
        return len(self._unsaved)

    def save(self, command: Command, events: list[Event], now: int) -> Awaitable[None]:
        """Store `command` (stamped `now`) and what it changed; the result raises SaveFailed.

        The writes are queued at once, in the order of the calls, so a save started from a
        callback (a socket that closed) keeps its place in the journal; await the result.
        """
        self._seq += 1
        kind, payload = journal.to_record(command)
        entry = JournalEntry(self._seq, now, kind, payload)
        retried = [(old, self._append(old, retry=True)) for old in self._unsaved]
        writes: list[Awaitable[object]] = [self._append(entry), *(w for _, w in retried)]
        writes.extend(self._writes_for(events, now))
        return self._settle(entry, retried, writes)

    async def _settle(
        self,
        entry: JournalEntry,
        retried: list[tuple[JournalEntry, asyncio.Future[None]]],
        writes: list[Awaitable[object]],
    ) -> None:
        outcomes = await asyncio.gather(*writes, return_exceptions=True)
        for old, write in retried:
            if write.done() and not write.cancelled() and write.exception() is None:
                self._unsaved.remove(old)
        failure = next((o for o in outcomes if isinstance(o, BaseException)), None)
        if failure is not None:
            raise SaveFailed(entry, failure) from failure

    def keep(self, entry: JournalEntry) -> None:
        """The game kept this command although it was not stored: write it again later."""
        self._unsaved.append(entry)

    def _append(self, entry: JournalEntry, *, retry: bool = False) -> asyncio.Future[None]:
        return self._store.append_command(
            self._game_id, entry.seq, entry.at_ms, entry.kind, entry.payload, retry=retry
        )

    def _writes_for(self, events: Iterable[Event], now: int) -> list[Awaitable[object]]:
        store, game_id = self._store, self._game_id
        writes: list[Awaitable[object]] = []
        for event in events:
            match event:
                case PlayerJoined(player_id=player_id, name=name):
                    writes.append(store.add_player(game_id, player_id, name, now))
                case PlayerKicked(player_id=player_id):
                    writes.append(store.set_kicked(game_id, player_id))
                case AnswerAccepted():
                    writes.append(
                        store.record_answer(
                            game_id=game_id,
                            question_idx=event.question,
                            player_id=event.player_id,
                            answer=answer_fields(event.answer),
                            received_ms=now,
                            elapsed_ms=event.elapsed_ms,
                            correct=event.correct,
                            points=event.points,
                        )
                    )
                case QuestionOpened(question=question, deadline_ms=deadline_ms):
                    writes.append(
                        store.open_question(
                            game_id,
                            question.index,
                            self._game.bank_index(question.index),
                            now,
                            deadline_ms,
                        )
                    )
                case Resumed(deadline_ms=deadline) | TimeAdded(deadline_ms=int() as deadline):
                    index = self._game.question_index
                    assert index is not None  # the clock of an open question moved
                    writes.append(store.set_deadline(game_id, index, deadline))
                case QuestionClosed(index=index):
                    writes.append(store.close_question(game_id, index, now))
                case GameEnded():
                    writes.append(store.set_game_state(game_id, Phase.ENDED.value, ended_at_ms=now))
        if any(not isinstance(e, AnswerAccepted | PlayerJoined) for e in events):
            writes.append(store.set_game_state(game_id, self._game.phase.value))
        return writes
