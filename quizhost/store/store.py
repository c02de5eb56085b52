"""The aiosqlite store: every game, player, opened question, accepted answer and command.

Durability contract
-------------------
Every write method *enqueues* its statement at call time and returns an `asyncio.Future` that
resolves once the batch holding it has been committed (or fails with `StoreError`). The session
therefore does ``await store.record_answer(...)`` and only then sends ``answer_ack``. Writes run
in call order, so the command log's order is the order of the calls.

One writer task drains the queue: it takes everything pending (up to `max_batch`), runs it in a
single ``BEGIN IMMEDIATE ... COMMIT`` and resolves the futures. While it commits, new writes
pile up and go into the next batch, so a burst of thousands of answers costs a handful of
commits (one fsync each) instead of thousands. aiosqlite runs SQLite in its own thread, so a
slow disk delays acknowledgements but never blocks the event loop.

A statement that fails (a duplicate key, a missing foreign row) fails only its own future:
SQLite backs out that one statement and keeps the transaction open, so the rest of the batch
still commits. Answers use ``INSERT OR IGNORE`` and report whether they were inserted. An error
that aborts the whole transaction (disk full, I/O error) or a failed COMMIT fails every future
of the batch.

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
import secrets
import sqlite3
from collections.abc import Awaitable, Callable, Iterable, Mapping
from pathlib import Path
from typing import Any, Literal, TypeVar

import aiosqlite
from attrs import define

from quizhost.store.records import (
    AnswerRecord,
    CommandRecord,
    GameRecord,
    PlayerRecord,
    QuestionRecord,
    dumps,
    loads,
)
from quizhost.store.schema import APPLICATION_ID, MIGRATIONS, SCHEMA_VERSION

T = TypeVar("T")

_SQLITE_HEADER = b"SQLite format 3\x00"
_SECRET_KEY = "jwt_secret"
_SECRET_BYTES = 64  # the HS256 block size; pyjwt wants at least 32

Synchronous = Literal["NORMAL", "FULL"]
_Op = Callable[[aiosqlite.Connection], Awaitable[Any]]


# Tables holding rows of one game, children first (foreign keys point at games/players).
_GAME_CHILDREN = (
    ("answers", "game_id"),
    ("commands", "game_id"),
    ("questions", "game_id"),
    ("players", "game_id"),
)


class StoreError(Exception):
    """The database cannot be used or a write failed; the message says which and why."""


@define
class _Job:
    run: _Op
    future: asyncio.Future[Any]


def _check_header(path: Path) -> None:
    """Refuse anything that exists and is not an SQLite file, before SQLite can touch it."""
    if not path.exists():
        return
    if not path.is_file():
        raise StoreError(f"{path} is not a quizhost database (not a regular file)")
    with path.open("rb") as f:
        head = f.read(len(_SQLITE_HEADER))
    if head and head != _SQLITE_HEADER:
        raise StoreError(
            f"{path} is not a quizhost database (not an SQLite file); "
            "it was left untouched — pass another --db path"
        )


async def _scalar(conn: aiosqlite.Connection, sql: str) -> Any:
    async with conn.execute(sql) as cursor:
        row = await cursor.fetchone()
    return None if row is None else row[0]


async def _prepare(
    conn: aiosqlite.Connection, path: Path, synchronous: Synchronous, busy_timeout_ms: int
) -> None:
    """Check the file is ours and not from a newer quizhost, then configure and migrate it."""
    await conn.execute(f"PRAGMA busy_timeout = {int(busy_timeout_ms)}")
    try:
        app_id = int(await _scalar(conn, "PRAGMA application_id"))
        version = int(await _scalar(conn, "PRAGMA user_version"))
        tables = int(await _scalar(conn, "SELECT count(*) FROM sqlite_master"))
    except sqlite3.DatabaseError as exc:
        raise StoreError(f"{path} is not a quizhost database ({exc})") from exc
    if app_id != APPLICATION_ID and (version != 0 or tables != 0):
        raise StoreError(
            f"{path} is not a quizhost database (an SQLite file of another application); "
            "it was left untouched"
        )
    if version > SCHEMA_VERSION:
        raise StoreError(
            f"{path} has schema version {version}, newer than this quizhost understands "
            f"({SCHEMA_VERSION}); upgrade quizhost or use another --db"
        )
    mode = str(await _scalar(conn, "PRAGMA journal_mode = WAL")).lower()
    if mode != "wal":
        raise StoreError(f"{path}: SQLite refused WAL mode (journal_mode is {mode!r})")
    await conn.execute(f"PRAGMA synchronous = {synchronous}")
    await conn.execute("PRAGMA foreign_keys = ON")
    for from_version in range(version, SCHEMA_VERSION):
        script = (
            "BEGIN IMMEDIATE;\n"
            f"{MIGRATIONS[from_version]}\n"
            f"PRAGMA user_version = {from_version + 1};\n"
            f"PRAGMA application_id = {APPLICATION_ID};\n"
            "COMMIT;\n"
        )
        try:
            await conn.executescript(script)
        except sqlite3.Error as exc:
            if conn.in_transaction:
                await conn.execute("ROLLBACK")
            raise StoreError(
                f"{path}: migration to schema version {from_version + 1} failed: {exc}"
            ) from exc


async def _load_secret(conn: aiosqlite.Connection) -> bytes:
    """Get the JWT signing secret, creating it on first run (so tokens survive restarts)."""
    await conn.execute("BEGIN IMMEDIATE")
    try:
        await conn.execute(
            "INSERT OR IGNORE INTO meta (key, value) VALUES (?, ?)",
            (_SECRET_KEY, secrets.token_bytes(_SECRET_BYTES)),
        )
        async with conn.execute("SELECT value FROM meta WHERE key = ?", (_SECRET_KEY,)) as cur:
            row = await cur.fetchone()
        await conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            await conn.execute("ROLLBACK")
        raise
    value = None if row is None else row[0]
    if not isinstance(value, bytes) or len(value) < 32:
        raise StoreError("the stored signing secret is damaged (expected at least 32 bytes)")
    return value


class Store:
    """A quizhost database. Create with `await Store.open(path)`, finish with `await close()`.

    Write methods are plain methods that return a future (enqueued at call time, resolved after
    the commit); read methods are coroutines that run after every write enqueued before them.
    """

    def __init__(
        self, conn: aiosqlite.Connection, path: Path, secret: bytes, max_batch: int
    ) -> None:
        """Use `Store.open`; this only assembles an opened connection."""
        self.path = path
        self._conn = conn
        self._secret = secret
        self._max_batch = max_batch
        self._loop = asyncio.get_running_loop()
        self._pending: list[_Job] = []
        self._wakeup = asyncio.Event()
        self._closing = False
        self._closed = False
        #: How many batches were committed, and the largest one: for tests and benchmarks.
        self.commits = 0
        self.largest_batch = 0
        self._writer = asyncio.create_task(self._run_writer(), name="quizhost-store-writer")

    # Opening and closing.

    @classmethod
    async def open(
        cls,
        path: str | Path,
        *,
        synchronous: Synchronous = "FULL",
        busy_timeout_ms: int = 5000,
        max_batch: int = 5000,
    ) -> Store:
        """Open (creating or migrating) the database at `path`.

        Raises `StoreError` for a file that is not a quizhost database (left byte-for-byte
        untouched) or one written by a newer quizhost.
        """
        if synchronous not in ("NORMAL", "FULL"):
            raise ValueError(f"synchronous must be NORMAL or FULL, not {synchronous!r}")
        path = Path(path)
        _check_header(path)
        try:
            conn = await aiosqlite.connect(path, isolation_level=None)
        except sqlite3.Error as exc:
            raise StoreError(f"cannot open {path}: {exc}") from exc
        try:
            await _prepare(conn, path, synchronous, busy_timeout_ms)
            secret = await _load_secret(conn)
        except BaseException:
            await conn.close()
            raise
        return cls(conn, path, secret, max_batch)

    async def close(self) -> None:
        """Commit everything still queued, then close the connection. Safe to call twice."""
        if self._closed:
            return
        self._closing = True
        self._wakeup.set()
        try:
            await self._writer
        finally:
            self._closed = True
            await self._conn.close()

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
    ) -> asyncio.Future[None]:
        """Record a new game (`bank_json` optionally freezes the bank as it was played)."""
        return self._execute(
            "INSERT INTO games (id, pin, bank_title, bank_path, bank_json, seed, state,"
            " created_at_ms, ended_at_ms, max_players) VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULL, ?)",
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
            ),
        )

    def set_game_state(
        self, game_id: str, state: str, *, ended_at_ms: int | None = None
    ) -> asyncio.Future[bool]:
        """Set a game's state; pass `ended_at_ms` when it ends. Resolves to False if no game."""
        return self._update(
            "UPDATE games SET state = ?, ended_at_ms = coalesce(?, ended_at_ms) WHERE id = ?",
            (state, ended_at_ms, game_id),
        )

    def add_player(
        self, game_id: str, player_id: str, name: str, joined_at_ms: int
    ) -> asyncio.Future[None]:
        """Record a player who joined (a resume is not a new join)."""
        return self._execute(
            "INSERT INTO players (game_id, id, name, joined_at_ms) VALUES (?, ?, ?, ?)",
            (game_id, player_id, name, joined_at_ms),
        )

    def set_kicked(self, game_id: str, player_id: str, kicked: bool = True) -> asyncio.Future[bool]:
        """Flag (or unflag) a player as kicked. Resolves to False if there is no such player."""
        return self._update(
            "UPDATE players SET kicked = ? WHERE game_id = ? AND id = ?",
            (int(kicked), game_id, player_id),
        )

    def open_question(
        self, game_id: str, idx: int, bank_index: int, opened_at_ms: int, deadline_ms: int
    ) -> asyncio.Future[None]:
        """Record that question `idx` (bank question `bank_index`) opened with this deadline."""
        return self._execute(
            "INSERT INTO questions (game_id, idx, bank_index, opened_at_ms, deadline_ms)"
            " VALUES (?, ?, ?, ?, ?)",
            (game_id, idx, bank_index, opened_at_ms, deadline_ms),
        )

    def set_deadline(self, game_id: str, idx: int, deadline_ms: int) -> asyncio.Future[bool]:
        """Move an open question's deadline (add time, resume after a pause)."""
        return self._update(
            "UPDATE questions SET deadline_ms = ? WHERE game_id = ? AND idx = ?",
            (deadline_ms, game_id, idx),
        )

    def close_question(self, game_id: str, idx: int, closed_at_ms: int) -> asyncio.Future[bool]:
        """Record when question `idx` closed. Resolves to False if it was never opened."""
        return self._update(
            "UPDATE questions SET closed_at_ms = ? WHERE game_id = ? AND idx = ?",
            (closed_at_ms, game_id, idx),
        )

    def record_answer(
        self,
        game_id: str,
        question_idx: int,
        player_id: str,
        answer: Any,
        *,
        received_ms: int,
        elapsed_ms: int,
        correct: bool | None,
        points: int,
    ) -> asyncio.Future[bool]:
        """Store an accepted answer (`answer` is JSON-able, e.g. ``{"choice": 1}``).

        Resolves to True once durable, or False if this player already had an answer to this
        question (nothing is changed then). Other answers in the same batch are unaffected.
        """
        return self._update(
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
        self,
        game_id: str,
        seq: int,
        at_ms: int,
        kind: str,
        payload: Mapping[str, Any],
        *,
        retry: bool = False,
    ) -> asyncio.Future[None]:
        """Append one accepted command to the game's replay log (`seq` must be new).

        `retry=True` writes an entry again after a failed batch: if it did reach the disk
        after all, the existing row is kept.
        """
        verb = "INSERT OR IGNORE" if retry else "INSERT"
        return self._execute(
            f"{verb} INTO commands (game_id, seq, at_ms, kind, payload_json)"
            " VALUES (?, ?, ?, ?, ?)",
            (game_id, seq, at_ms, kind, dumps(dict(payload))),
        )

    def delete_game(self, game_id: str) -> asyncio.Future[bool]:
        """Delete a game and everything recorded of it. Resolves to False if there was none."""

        async def run(conn: aiosqlite.Connection) -> bool:
            for table, column in _GAME_CHILDREN:
                await conn.execute(f"DELETE FROM {table} WHERE {column} = ?", (game_id,))
            cursor = await conn.execute("DELETE FROM games WHERE id = ?", (game_id,))
            return cursor.rowcount > 0

        return self._submit(run)

    def set_meta(self, key: str, value: bytes | str) -> asyncio.Future[None]:
        """Set an application setting (e.g. a remembered host token)."""
        return self._execute(
            "INSERT INTO meta (key, value) VALUES (?, ?)"
            " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            (key, value),
        )

    # Reads: each runs after every write enqueued before it has committed.

    async def get_meta(self, key: str) -> bytes | str | None:
        """An application setting, or None."""
        rows = await self._fetch("SELECT value FROM meta WHERE key = ?", (key,))
        value: bytes | str | None = rows[0][0] if rows else None
        return value

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
        """The answers of a game, by question then receipt time."""
        rows = await self._fetch(
            "SELECT game_id, question_idx, player_id, answer_json, received_ms, elapsed_ms,"
            " correct, points FROM answers WHERE game_id = ?"
            " ORDER BY question_idx, received_ms, rowid",
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

    # The queue and its writer.

    def _submit(self, run: _Op) -> asyncio.Future[Any]:
        if self._closing or self._writer.done():
            raise StoreError("the store is closed")
        future: asyncio.Future[Any] = self._loop.create_future()
        self._pending.append(_Job(run, future))
        self._wakeup.set()
        return future

    def _execute(self, sql: str, params: tuple[Any, ...]) -> asyncio.Future[None]:
        async def run(conn: aiosqlite.Connection) -> None:
            await conn.execute(sql, params)

        return self._submit(run)

    def _update(self, sql: str, params: tuple[Any, ...]) -> asyncio.Future[bool]:
        async def run(conn: aiosqlite.Connection) -> bool:
            cursor = await conn.execute(sql, params)
            return cursor.rowcount > 0

        return self._submit(run)

    async def _fetch(self, sql: str, params: tuple[Any, ...]) -> list[tuple[Any, ...]]:
        async def run(conn: aiosqlite.Connection) -> list[tuple[Any, ...]]:
            return [tuple(row) for row in await conn.execute_fetchall(sql, params)]

        result: list[tuple[Any, ...]] = await self._submit(run)
        return result

    async def _run_writer(self) -> None:
        while True:
            while not self._pending:
                if self._closing:
                    return
                self._wakeup.clear()
                await self._wakeup.wait()
            batch = self._pending[: self._max_batch]
            del self._pending[: self._max_batch]
            try:
                await self._run_batch(batch)
            except BaseException as exc:  # never leave a caller waiting on a dead writer
                error = exc if isinstance(exc, Exception) else StoreError("store writer stopped")
                _fail(batch, error, "store writer failed")
                _fail(self._pending, error, "store writer failed")
                self._pending.clear()
                raise

    async def _run_batch(self, batch: list[_Job]) -> None:
        conn = self._conn
        done: list[tuple[_Job, Any]] = []
        try:
            await conn.execute("BEGIN IMMEDIATE")
        except Exception as exc:
            _fail(batch, exc, "could not start a transaction")
            return
        for i, job in enumerate(batch):
            try:
                value = await job.run(conn)
            except Exception as exc:
                _fail([job], exc, "write failed")
                if not conn.in_transaction:  # the error rolled the whole transaction back
                    _fail([j for j, _ in done], exc, "transaction rolled back")
                    _fail(batch[i + 1 :], exc, "transaction rolled back")
                    return
            else:
                done.append((job, value))
        try:
            await conn.execute("COMMIT")
        except Exception as exc:
            _fail([j for j, _ in done], exc, "commit failed")
            if conn.in_transaction:
                await conn.execute("ROLLBACK")
            return
        self.commits += 1
        self.largest_batch = max(self.largest_batch, len(batch))
        for job, value in done:
            if not job.future.done():
                job.future.set_result(value)


def _fail(jobs: Iterable[_Job], exc: Exception, what: str) -> None:
    for job in jobs:
        if not job.future.done():
            error = StoreError(f"{what}: {exc}")
            error.__cause__ = exc
            job.future.set_exception(error)


_GAME_COLUMNS = (
    "id, pin, bank_title, bank_path, bank_json, seed, state, created_at_ms, ended_at_ms,"
    " max_players"
)


def _game(row: tuple[Any, ...]) -> GameRecord:
    return GameRecord(*row)
