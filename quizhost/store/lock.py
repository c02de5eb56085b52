"""One database, one server: an OS-level lock on a file beside the database.

Two servers on one database would both run the same game and fight over every write. The
running server holds an exclusive lock on `DB.lock` (`fcntl.flock` on POSIX, `msvcrt.locking`
on Windows) for as long as it runs, and writes its pid and address into the file so a second
server can say which one is in the way. The operating system drops the lock when the process
ends in any way, `kill -9` and power cuts included, so a stale file never blocks a restart.
Readers (`quizhost results`, exports) never take it: SQLite's WAL lets them read during a game.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Any

from quizhost.store.writer import StoreError

_INFO_OFFSET = 1  # Windows locks byte 0; the holder's details start after it


class DatabaseInUse(StoreError):
    """Another live process holds the database; `holder` describes it (pid, address)."""

    def __init__(self, message: str, holder: dict[str, Any]) -> None:
        super().__init__(message)
        self.holder = holder


def lock_path(db: Path) -> Path:
    """The lock file of a database: `quizhost.db` -> `quizhost.db.lock`, in the same folder."""
    return db.with_name(db.name + ".lock")


def _try_lock(fd: int) -> bool:
    if sys.platform == "win32":
        import msvcrt

        os.lseek(fd, 0, os.SEEK_SET)
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True
    import fcntl

    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True


def _read_holder(fd: int) -> dict[str, Any]:
    os.lseek(fd, _INFO_OFFSET, os.SEEK_SET)
    try:
        info = json.loads(os.read(fd, 4096).decode("utf-8", "replace") or "{}")
    except ValueError:
        return {}
    return info if isinstance(info, dict) else {}


def describe_holder(holder: dict[str, Any]) -> str:
    """`pid 1234, serving http://…` or what is known of it."""
    parts = [f"pid {holder['pid']}"] if "pid" in holder else []
    if holder.get("address"):
        parts.append(f"serving {holder['address']}")
    return ", ".join(parts) or "details unknown"


class DatabaseLock:
    """The lock a running server holds on its database. `acquire`, then `release` at exit."""

    def __init__(self, db: Path, fd: int) -> None:
        """Use `DatabaseLock.acquire`."""
        self.db = db
        self._fd: int | None = fd
        self._info: dict[str, Any] = {"pid": os.getpid()}
        self._write()

    @classmethod
    def acquire(cls, db: Path) -> DatabaseLock:
        """Take the lock or raise `DatabaseInUse` naming the server that has it.

        Raises `StoreError` when the lock file cannot be created (a read-only folder).
        """
        path = lock_path(db)
        try:
            fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as exc:
            raise StoreError(f"cannot create the lock file {path}: {exc.strerror}") from exc
        if _try_lock(fd):
            return cls(db, fd)
        holder = _read_holder(fd)
        os.close(fd)
        raise DatabaseInUse(
            f"another quizhost server ({describe_holder(holder)}) is using {db}; "
            "stop it first (Ctrl+C in its terminal), or give this one another --db",
            holder,
        )

    def announce(self, address: str) -> None:
        """Record where this server listens, for the message a second server prints."""
        self._info["address"] = address
        self._write()

    def release(self) -> None:
        """Let another server use the database. Safe to call twice."""
        if self._fd is None:
            return
        fd, self._fd = self._fd, None
        os.close(fd)  # closing the descriptor drops the lock (flock and msvcrt alike)

    def _write(self) -> None:
        if self._fd is None:
            return
        data = json.dumps(self._info).encode()
        os.lseek(self._fd, _INFO_OFFSET, os.SEEK_SET)
        os.write(self._fd, data)
        os.ftruncate(self._fd, _INFO_OFFSET + len(data))
