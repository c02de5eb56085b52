"""The aiosqlite store: every game, player, opened question, accepted answer and command.

Durability contract
-------------------
Every write method *enqueues* its statement at call time and returns an `asyncio.Future` that
resolves once the batch holding it has been committed (or fails with `StoreError`). The session
therefore awaits an answer's write and only then sends ``answer_ack``. Writes run
in call order, so the command log's order is the order of the calls. Batching, and what fails
when a statement or a transaction fails, is the writer's job: see `quizhost.store.writer`.
An answer is stored once, as its journal entry (the `answers` view reads it from there): the
game core refuses a second answer before anything is written.

``synchronous``: the default is ``FULL``. In WAL mode ``NORMAL`` already survives a crash of the
process or ``kill -9`` (a commit is in the OS's page cache once COMMIT returns), but the last
commits may roll back after a power cut or a kernel panic, because the WAL is fsynced only at
checkpoints. ``FULL`` fsyncs the WAL at every commit, so an acknowledged answer survives a power
cut too. Batching makes that cheap (one fsync per batch, not per answer), and the ack is a
promise to a player, so we keep the stronger guarantee; ``synchronous="NORMAL"`` is available
for slow disks.
"""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

import aiosqlite

from quizhost.store import statements as sql
from quizhost.store.opening import Synchronous, check_header, load_secret, prepare
from quizhost.store.records import (
    AnswerRecord,
    CommandRecord,
    GameRecord,
    PlayerRecord,
    QuestionRecord,
    loads,
)
from quizhost.store.statements import Statement
from quizhost.store.writer import BatchWriter, Op, Settle, StoreError

#: Once writes overlap, a batch starts no sooner than this after the last one began (see
#: `quizhost.store.writer`): 10 ms took a trickle of 2,000 answers a second from ~4 answers
#: per commit to ~20, some 60 µs of server CPU less per answer; a lone write never waits.
COMMIT_GAP_S = 0.010

# Tables holding rows of one game, children first (foreign keys point at games/players).
_GAME_CHILDREN = (
    ("answers_before_v4", "game_id"),  # `answers` itself is a view over the journal
    ("commands", "game_id"),
    ("questions", "game_id"),
    ("players", "game_id"),
)


class Store:
    """A quizhost database. Create with `await Store.open(path)`, finish with `await close()`.

    Write methods are plain methods that return a future (enqueued at call time, resolved after
    the commit); read methods are coroutines that run after every write enqueued before them.
    """

    def __init__(
        self,
        conn: aiosqlite.Connection,
        path: Path,
        secret: bytes,
        max_batch: int,
        synchronous: Synchronous = "FULL",
        commit_gap_s: float = 0.0,
    ) -> None:
        """Use `Store.open`; this only assembles an opened connection."""
        self.path = path
        #: The `synchronous` mode in force (checked with SQLite when the store opened).
        self.synchronous = synchronous
        self._conn = conn
        self._secret = secret
        self._max_batch = max_batch
        self._closed = False
        self._writer = BatchWriter(conn, max_batch, commit_gap_s)

    # Opening and closing.

    @classmethod
    async def open(
        cls,
        path: str | Path,
        *,
        synchronous: Synchronous = "FULL",
        busy_timeout_ms: int = 5000,
        max_batch: int = 5000,
        commit_gap_s: float = COMMIT_GAP_S,
    ) -> Store:
        """Open (creating or migrating) the database at `path`.

        Raises `StoreError` for a file that is not a quizhost database (left byte-for-byte
        untouched) or one written by a newer quizhost.
        """
        if synchronous not in ("NORMAL", "FULL"):
            raise ValueError(f"synchronous must be NORMAL or FULL, not {synchronous!r}")
        path = Path(path)
        check_header(path)
        try:
            conn = await aiosqlite.connect(path, isolation_level=None)
        except sqlite3.Error as exc:
            raise StoreError(f"cannot open {path}: {exc}") from exc
        try:
            await prepare(conn, path, synchronous, busy_timeout_ms)
            secret = await load_secret(conn)
        except BaseException:
            await conn.close()
            raise
        return cls(conn, path, secret, max_batch, synchronous, commit_gap_s)

    async def close(self) -> None:
        """Commit everything still queued, then close the connection. Safe to call twice."""
        if self._closed:
            return
        try:
            await self._writer.close()
        finally:
            self._closed = True
            await self._conn.close()

    @property
    def commits(self) -> int:
        """How many batches were committed: for tests and benchmarks."""
        return self._writer.commits

    def secret(self) -> bytes:
        """The JWT signing secret (>= 32 random bytes), created on first run, then stable."""
        return self._secret

    # Writes: each returns a future resolved after its batch commits.

    def create_game(
        self,
        game_id: str,
        *,
        pin: str,
        bank_title: str,
        bank_path: str,
        seed: int,
        created_at_ms: int,
        state: str = "lobby",
        bank_json: str | None = None,
        max_players: int | None = None,
        settings_json: str | None = None,
    ) -> asyncio.Future[None]:
        """Record a new game (`bank_json` freezes the bank as it was played, `settings_json`
        the rules it is played by)."""
        return self._execute(
            Statement(
                "INSERT INTO games (id, pin, bank_title, bank_path, bank_json, seed, state,"
                " created_at_ms, ended_at_ms, max_players, settings_json)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULL, ?, ?)",
                (
                    game_id,
                    pin,
                    bank_title,
                    bank_path,
                    bank_json,
                    seed,
                    state,
                    created_at_ms,
                    max_players,
                    settings_json,
                ),
            )
        )

    def set_game_state(
        self, game_id: str, state: str, *, ended_at_ms: int | None = None
    ) -> asyncio.Future[bool]:
        """Set a game's state; pass `ended_at_ms` when it ends. Resolves to False if no game."""
        return self._update(sql.set_game_state(game_id, state, ended_at_ms))

    def set_game_bank(
        self, game_id: str, *, bank_title: str, bank_path: str, bank_json: str
    ) -> asyncio.Future[bool]:
        """Freeze another bank as the one a game plays (its file was edited in the lobby), so
        that a resumed game and its results use the bank actually played. Resolves to False
        if there is no such game."""
        return self._update(
            Statement(
                "UPDATE games SET bank_title = ?, bank_path = ?, bank_json = ? WHERE id = ?",
                (bank_title, bank_path, bank_json, game_id),
            )
        )

    def add_player(
        self, game_id: str, player_id: str, name: str, joined_at_ms: int
    ) -> asyncio.Future[None]:
        """Record a player who joined (a resume is not a new join)."""
        return self._execute(sql.add_player(game_id, player_id, name, joined_at_ms))

    def set_kicked(self, game_id: str, player_id: str, kicked: bool = True) -> asyncio.Future[bool]:
        """Flag (or unflag) a player as kicked. Resolves to False if there is no such player."""
        return self._update(sql.set_kicked(game_id, player_id, kicked))

    def open_question(
        self, game_id: str, idx: int, bank_index: int, opened_at_ms: int, deadline_ms: int
    ) -> asyncio.Future[None]:
        """Record that question `idx` (bank question `bank_index`) opened with this deadline."""
        return self._execute(sql.open_question(game_id, idx, bank_index, opened_at_ms, deadline_ms))

    def set_deadline(self, game_id: str, idx: int, deadline_ms: int) -> asyncio.Future[bool]:
        """Move an open question's deadline (time added, or the clock resumed after a pause)."""
        return self._update(sql.set_deadline(game_id, idx, deadline_ms))

    def close_question(self, game_id: str, idx: int, closed_at_ms: int) -> asyncio.Future[bool]:
        """Record when question `idx` closed. Resolves to False if it was never opened."""
        return self._update(sql.close_question(game_id, idx, closed_at_ms))

    def append_command(
        self, game_id: str, seq: int, at_ms: int, kind: str, payload: Mapping[str, Any]
    ) -> asyncio.Future[None]:
        """Append one accepted command to the game's replay log (`seq` must be new)."""
        return self._execute(sql.append_command(game_id, seq, at_ms, kind, payload))

    def write_planned(
        self, plan: Callable[[], Sequence[Statement]], settle: Settle
    ) -> asyncio.Future[None]:
        """Queue a write whose statements are chosen when the writer reaches it.

        `plan` is called in the writer, in order with every other write, inside its batch's
        transaction; the statements it returns are written together under a SAVEPOINT, all or
        none (a plan that raises writes nothing). `settle(committed)` is called once, when the
        batch is over and before the next one starts: True only if these statements are on
        disk. This lets the session write what waits to be saved, in order, exactly once.
        """

        return self._writer.submit_planned(plan, settle)

    def checkpoint(self) -> asyncio.Future[tuple[int, int, int]]:
        """Copy the WAL into the database now, between two batches (a PASSIVE checkpoint).

        For a quiet moment, such as between questions, so that SQLite's automatic checkpoint
        does not land inside a burst of answers. Resolves to SQLite's (busy, WAL pages,
        pages checkpointed).
        """

        async def run(conn: aiosqlite.Connection) -> tuple[int, int, int]:
            rows = list(await conn.execute_fetchall("PRAGMA wal_checkpoint(PASSIVE)"))
            busy, log, done = rows[0]
            return int(busy), int(log), int(done)

        future: asyncio.Future[tuple[int, int, int]] = self._writer.submit_alone(run)
        return future

    def delete_game(self, game_id: str) -> asyncio.Future[bool]:
        """Delete a game and everything recorded of it. Resolves to False if there was none."""

        async def run(conn: aiosqlite.Connection) -> bool:
            for table, column in _GAME_CHILDREN:
                await conn.execute(f"DELETE FROM {table} WHERE {column} = ?", (game_id,))
            cursor = await conn.execute("DELETE FROM games WHERE id = ?", (game_id,))
            return cursor.rowcount > 0

        return self._submit(run)

    # Reads: each runs after every write enqueued before it has committed.

    async def game(self, game_id: str) -> GameRecord | None:
        """One game, or None."""
        rows = await self._fetch(f"SELECT {_GAME_COLUMNS} FROM games WHERE id = ?", (game_id,))
        return _game(rows[0]) if rows else None

    async def unfinished_game(self) -> GameRecord | None:
        """The most recently created game that has not ended (what `--resume` brings back)."""
        rows = await self._fetch(
            f"SELECT {_GAME_COLUMNS} FROM games WHERE ended_at_ms IS NULL"
            " ORDER BY created_at_ms DESC, rowid DESC LIMIT 1",
            (),
        )
        return _game(rows[0]) if rows else None

    async def unfinished_games(self) -> list[tuple[GameRecord, int]]:
        """Every game that has not ended, newest first, each with its number of players.

        More than one means `--resume` must be told which (or ask): the newest is not always
        the one a teacher means.
        """
        rows = await self._fetch(
            f"SELECT {_GAME_COLUMNS}, (SELECT count(*) FROM players AS p WHERE p.game_id = g.id)"
            " FROM games AS g WHERE ended_at_ms IS NULL ORDER BY created_at_ms DESC, rowid DESC",
            (),
        )
        return [(_game(row[:-1]), int(row[-1])) for row in rows]

    async def list_games(self) -> list[GameRecord]:
        """Every game, newest first."""
        rows = await self._fetch(
            f"SELECT {_GAME_COLUMNS} FROM games ORDER BY created_at_ms DESC, rowid DESC", ()
        )
        return [_game(row) for row in rows]

    async def players(self, game_id: str) -> list[PlayerRecord]:
        """The players of a game in join order."""
        rows = await self._fetch(
            "SELECT game_id, id, name, joined_at_ms, kicked FROM players WHERE game_id = ?"
            " ORDER BY joined_at_ms, rowid",
            (game_id,),
        )
        return [PlayerRecord(r[0], r[1], r[2], r[3], bool(r[4])) for r in rows]

    async def questions(self, game_id: str) -> list[QuestionRecord]:
        """The questions opened in a game, in play order."""
        rows = await self._fetch(
            "SELECT game_id, idx, bank_index, opened_at_ms, deadline_ms, closed_at_ms"
            " FROM questions WHERE game_id = ? ORDER BY idx",
            (game_id,),
        )
        return [QuestionRecord(*r) for r in rows]

    async def answers(self, game_id: str) -> list[AnswerRecord]:
        """The answers of a game, by question then receipt time (read from the journal)."""
        rows = await self._fetch(
            "SELECT game_id, question_idx, player_id, answer_json, received_ms, elapsed_ms,"
            " correct, points FROM answers WHERE game_id = ?"
            " ORDER BY question_idx, received_ms, seq",
            (game_id,),
        )
        return [
            AnswerRecord(
                r[0],
                r[1],
                r[2],
                loads(r[3]),
                r[4],
                r[5],
                None if r[6] is None else bool(r[6]),
                r[7],
            )
            for r in rows
        ]

    async def commands(self, game_id: str) -> list[CommandRecord]:
        """The command log of a game in `seq` order, for replay."""
        rows = await self._fetch(
            "SELECT game_id, seq, at_ms, kind, payload_json FROM commands WHERE game_id = ?"
            " ORDER BY seq",
            (game_id,),
        )
        return [CommandRecord(r[0], r[1], r[2], r[3], loads(r[4])) for r in rows]

    # The queue: every call goes through the one writer, in order.

    def _submit(self, run: Op, settle: Settle | None = None) -> asyncio.Future[Any]:
        return self._writer.submit(run, settle)

    def _execute(self, statement: Statement) -> asyncio.Future[None]:
        async def run(conn: aiosqlite.Connection) -> None:
            await conn.execute(statement.sql, statement.params)

        return self._submit(run)

    def _update(self, statement: Statement) -> asyncio.Future[bool]:
        async def run(conn: aiosqlite.Connection) -> bool:
            cursor = await conn.execute(statement.sql, statement.params)
            return cursor.rowcount > 0

        return self._submit(run)

    async def _fetch(self, sql: str, params: tuple[Any, ...]) -> list[tuple[Any, ...]]:
        async def run(conn: aiosqlite.Connection) -> list[tuple[Any, ...]]:
            return [tuple(row) for row in await conn.execute_fetchall(sql, params)]

        result: list[tuple[Any, ...]] = await self._submit(run)
        return result


_GAME_COLUMNS = (
    "id, pin, bank_title, bank_path, bank_json, seed, state, created_at_ms, ended_at_ms,"
    " max_players, settings_json"
)


def _game(row: tuple[Any, ...]) -> GameRecord:
    return GameRecord(*row)
