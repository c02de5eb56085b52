"""What every step of starting a server shares: the options, the error that stops a start,
the database opened with a clear message, and printing that survives a closed terminal."""

from __future__ import annotations

import io
import os
from pathlib import Path
from typing import TextIO

from attrs import define, field

from quizhost.exitcodes import EXIT_DB_IN_USE, EXIT_USAGE
from quizhost.server.settings import ServerSettings
from quizhost.store import Store, StoreError
from quizhost.store.lock import DatabaseInUse, DatabaseLock


@define
class ServeOptions:
    bank: Path | None  # None only with `resume`: the stored game carries its bank
    host: str = "0.0.0.0"
    port: int = 8000
    db: Path = Path("quizhost.db")
    host_token: str | None = None
    max_players: int | None = None  # None: 2000, or what a resumed game was started with
    public_url: str | None = None
    resume: bool = False
    resume_game: str | None = None  # with `resume`: a PIN or a game id (or its start)
    name_blocklist: Path | None = None  # one word per line: names containing one are refused
    friendly_names: bool = False  # the server names every player ("Brave Otter")
    self_paced: bool = False  # an assignment (session/selfpaced.py) instead of a live game
    until_ms: int | None = None  # with self_paced: no new question after this (epoch ms)
    auto_close: bool = True  # a new game closes a question once everyone answered
    autoplay_ms: int = 0  # a new game moves on by itself after each reveal and leaderboard
    teams: int = 0  # --teams N: a team game of N teams (a bank's `teams:` names them too)
    teams_auto: bool = False  # players are put in the smallest team, not picking
    settings: ServerSettings = field(factory=ServerSettings)


class StartError(Exception):
    """The server cannot start; the message says why and what to do. `code` is the exit code."""

    def __init__(self, message: str, code: int = EXIT_USAGE) -> None:
        super().__init__(message)
        self.code = code


def take_lock(db: Path) -> DatabaseLock:
    try:
        return DatabaseLock.acquire(db)
    except DatabaseInUse as exc:
        raise StartError(str(exc), EXIT_DB_IN_USE) from exc
    except StoreError as exc:
        raise StartError(f"cannot use the database {db}: {exc}") from exc


async def open_store(db: Path) -> Store:
    try:
        return await Store.open(db)
    except StoreError as exc:
        raise StartError(f"cannot use the database {db}: {exc}") from exc


def is_terminal(stream: TextIO | None) -> bool:
    try:
        return stream is not None and stream.isatty()
    except (OSError, ValueError):
        return False


def say(stream: TextIO, text: str, end: str = "\n") -> None:
    """Print and flush; a closed pipe or a closed terminal silences the stream instead.

    Without this, a `print` to a reader that went away (`serve | head`, a closed terminal
    window) raises in the middle of shutting down and the store is never closed.
    """
    try:
        print(text, file=stream, end=end, flush=True)
    except (OSError, ValueError):
        _silence(stream)


def _silence(stream: TextIO) -> None:
    """Point the stream's descriptor at the null device, so no later flush fails again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        try:
            os.dup2(devnull, stream.fileno())
        finally:
            os.close(devnull)
    except (OSError, ValueError, io.UnsupportedOperation):
        pass
