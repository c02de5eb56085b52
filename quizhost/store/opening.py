"""Opening a database file: refuse what is not ours, configure, migrate, load the secret."""

from __future__ import annotations

import secrets
import sqlite3
from pathlib import Path
from typing import Any, Literal

import aiosqlite

from quizhost.store.schema import APPLICATION_ID, MIGRATIONS, SCHEMA_VERSION
from quizhost.store.writer import StoreError

Synchronous = Literal["NORMAL", "FULL"]

_SQLITE_HEADER = b"SQLite format 3\x00"
_SECRET_KEY = "jwt_secret"
_SECRET_BYTES = 64  # the HS256 block size; pyjwt wants at least 32


def check_header(path: Path) -> None:
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


#: Pages (4 KiB) the WAL may grow to before a commit checkpoints it (SQLite's default: 1000).
WAL_AUTOCHECKPOINT_PAGES = 25_000


async def prepare(
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
    # SQLite's own checkpoint runs inside whichever commit finds the WAL over the limit: in a
    # burst of answers, that commit (and every ack waiting on it) pays for copying the WAL into
    # the database and an fsync. The session checkpoints between questions
    # (`Store.checkpoint`); this much larger limit is only a safety net for a long question.
    await conn.execute(f"PRAGMA wal_autocheckpoint = {WAL_AUTOCHECKPOINT_PAGES}")
    in_force = {1: "NORMAL", 2: "FULL"}.get(int(await _scalar(conn, "PRAGMA synchronous")))
    if in_force != synchronous or int(await _scalar(conn, "PRAGMA foreign_keys")) != 1:
        raise StoreError(f"{path}: SQLite refused synchronous={synchronous} or foreign keys")
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


async def load_secret(conn: aiosqlite.Connection) -> bytes:
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
