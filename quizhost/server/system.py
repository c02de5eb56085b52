"""What the operating system allows: open files per process, and a log that cannot flood.

Every connected phone costs the server one file descriptor. macOS Terminal starts programs
with a soft limit of 256 open files: past it `accept()` fails, phones time out with no answer
and asyncio logs the failure again and again. So at start the soft limit is raised to the
hard limit (the most an unprivileged process may ask for), the connection cap is kept below
what is left, so that a phone past it gets a quick HTTP 503 instead of a timeout, and the
same log message is written at most once a second.
"""

from __future__ import annotations

import asyncio
import logging
import os
import sys
import time
from collections.abc import Callable
from typing import Any, Final

from attrs import evolve

from quizhost.portable import open_files_limits
from quizhost.server.settings import ServerSettings

#: Where the hard limit is "unlimited" (macOS), ask for this much: more is refused there anyway.
UNLIMITED_CAP: Final = 65_536
#: Descriptors kept free beyond the websocket connections: for page loads in progress, for
#: connections being answered with 503, for SQLite's temporary files. At least this many, or a
#: tenth of the limit.
MIN_RESERVE: Final = 24


def open_files_limit() -> int | None:
    """The soft limit on open files, or None where the platform has none to read (Windows)."""
    return open_files_limits()[0]


def raise_open_files_limit(cap: int = UNLIMITED_CAP) -> int | None:
    """Raise the soft open-files limit to the hard one (at most `cap` if that is unlimited).

    Returns the soft limit in force afterwards, or None where `resource` does not exist
    (Windows, whose limit is not this one). Never fails: a refused raise keeps the old limit.
    """
    try:
        import resource
    except ImportError:
        return None
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    target = cap if hard == resource.RLIM_INFINITY else hard
    if soft == resource.RLIM_INFINITY or soft >= target:
        return open_files_limit()
    # macOS refuses more than kern.maxfilesperproc even under an unlimited hard limit.
    for wanted in (target, min(target, 10_240)):
        try:
            resource.setrlimit(resource.RLIMIT_NOFILE, (wanted, hard))
        except (ValueError, OSError):
            continue
        break
    return open_files_limit()


def open_descriptors() -> int | None:
    """How many files this process has open now, where the system can tell (Linux, macOS)."""
    for folder in ("/proc/self/fd", "/dev/fd"):
        try:
            return len(os.listdir(folder)) - 1  # minus the descriptor listdir itself used
        except OSError:
            continue
    return None


def connection_budget(limit: int, in_use: int) -> int:
    """How many connections fit in `limit` descriptors with `in_use` taken and a reserve."""
    reserve = max(MIN_RESERVE, limit // 10)
    return max(1, limit - in_use - reserve)


def fit_to_open_files(
    settings: ServerSettings, limit: int | None, players: int
) -> tuple[ServerSettings, str | None]:
    """`settings` with the connection cap and listen backlog kept below the open-files limit.

    Returns the settings to use and, when the limit leaves room for fewer phones than the
    game's player cap `players`, a note for the teacher saying so and how to raise it.
    """
    if limit is None:
        return settings, None
    budget = connection_budget(limit, open_descriptors() or MIN_RESERVE)
    if budget >= settings.max_connections:
        return settings, None
    fitted = evolve(
        settings,
        max_connections=budget,
        connections_per_address=min(settings.connections_per_address, budget),
        listen_backlog=min(settings.listen_backlog, budget),
    )
    if budget >= players:
        return fitted, None
    enough = 1 << (players + players // 4 + MIN_RESERVE).bit_length()
    note = (
        f"Note: this system lets quizhost open only {limit} files, so at most {budget} phones "
        f"can be connected at once (the next ones are told to try again). To allow {players}, "
        f"start quizhost from a shell after `ulimit -n {enough}`."
    )
    return fitted, note


log = logging.getLogger("quizhost.server")

_OUT_OF_RESOURCES = "socket.accept() out of system resource"


def quiet_accept_errors(loop: asyncio.AbstractEventLoop) -> None:
    """Say "too many open files" in one line, not as a traceback, when `accept()` fails.

    asyncio stops accepting for a second and tries again by itself: phones arriving in that
    second wait in the kernel's queue. Other errors go to the handler that was there before.
    """
    previous = loop.get_exception_handler()

    def handle(loop: asyncio.AbstractEventLoop, context: dict[str, Any]) -> None:
        if context.get("message") == _OUT_OF_RESOURCES:
            log.warning(
                "cannot accept a connection (%s): new phones wait a second; "
                "the open-files limit (ulimit -n) is too low for this class",
                context.get("exception"),
            )
        elif previous is not None:
            previous(loop, context)
        else:
            loop.default_exception_handler(context)

    loop.set_exception_handler(handle)


class RepeatFilter(logging.Filter):
    """Let the same message through at most once per `interval_s`; count what it held back.

    "The same" is the logger, the level and the message before its arguments are filled in,
    so `accept() failed: %s` repeated with different errnos is one message. The next record
    that passes says how many were held back since.
    """

    def __init__(
        self, interval_s: float = 1.0, clock: Callable[[], float] = time.monotonic
    ) -> None:
        super().__init__()
        self.interval_s = interval_s
        self._clock = clock
        self._last: dict[tuple[str, int, str], float] = {}
        self._held: dict[tuple[str, int, str], int] = {}

    def filter(self, record: logging.LogRecord) -> bool:
        key = (record.name, record.levelno, str(record.msg))
        now = self._clock()
        last = self._last.get(key)
        if last is not None and now - last < self.interval_s:
            self._held[key] = self._held.get(key, 0) + 1
            return False
        if len(self._last) > 1024:  # many distinct messages: forget the old ones
            self._last.clear()
        self._last[key] = now
        held = self._held.pop(key, 0)
        if held:
            record.msg = f"{record.msg} ({held} more like this held back)"
        return True


LOG_FORMAT: Final = "quizhost: %(levelname)s %(name)s: %(message)s"


def install_log_limit(interval_s: float = 1.0) -> logging.Handler:
    """Log warnings and errors to stderr, each distinct message at most once per `interval_s`.

    For the headless server, which has no console to show them; installed on the root
    logger, so asyncio's own messages (`socket.accept() out of system resource`) pass it too.
    """
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter(LOG_FORMAT))
    handler.addFilter(RepeatFilter(interval_s))
    root = logging.getLogger()
    root.addHandler(handler)
    if root.level == logging.NOTSET or root.level > logging.WARNING:
        root.setLevel(logging.WARNING)
    return handler
