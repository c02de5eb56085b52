"""What differs between Linux, macOS and Windows, behind one small function each.

Teachers' laptops run all three. The package must import and run where a POSIX-only call is
missing, so every such call is made here, with its fallback:
- `stop_on_signals`: asyncio's `loop.add_signal_handler` exists only on Unix event loops
  (Windows raises NotImplementedError); elsewhere a plain `signal.signal` handler for Ctrl+C
  wakes the loop instead.
- `reuse_address`: SO_REUSEADDR lets a restarted server rebind a port left in TIME_WAIT on
  POSIX, but on Windows it lets a second process bind a port that is in use; there
  SO_EXCLUSIVEADDRUSE is the safe choice (as asyncio itself does).
- `run_main`: uvloop (the `quizhost[fast]` extra) runs the server's loop where it is
  installed; it does not exist on Windows, and `QUIZHOST_EVENT_LOOP=asyncio` turns it off,
  as does a low open-files limit.
- `printable_output`: Windows writes a redirected or piped stdout in its ANSI code page
  (cp1252), where an emoji in a nickname or a question raised UnicodeEncodeError.
"""

from __future__ import annotations

import asyncio
import contextlib
import io
import os
import signal
import socket
import sys
from collections.abc import Callable, Coroutine
from typing import Any, TypeVar

T = TypeVar("T")

#: `asyncio` keeps asyncio's own event loop even where uvloop is installed.
EVENT_LOOP_ENV = "QUIZHOST_EVENT_LOOP"
#: Below this many open files (macOS Terminal: 256) the server stays on asyncio: when a burst
#: of phones finds no descriptor left, asyncio leaves them queued and retries a second later
#: (each then gets its HTTP 503), while libuv accepts and closes them unanswered.
UVLOOP_MIN_OPEN_FILES = 4096

STOP_SIGNALS = tuple(
    getattr(signal, name) for name in ("SIGINT", "SIGTERM", "SIGHUP") if hasattr(signal, name)
)


def stop_on_signals(stop: Callable[[], None]) -> Callable[[], None]:
    """Call `stop()` in the running loop on Ctrl+C (and SIGTERM, SIGHUP where they exist).

    Returns the function that puts the previous handlers back; call it when done.
    """
    loop = asyncio.get_running_loop()
    try:
        for signum in STOP_SIGNALS:
            loop.add_signal_handler(signum, stop)
    except (NotImplementedError, RuntimeError):  # Windows' event loops, or not the main thread
        for signum in STOP_SIGNALS:
            _remove_loop_handler(loop, signum)
        return _plain_handlers(loop, stop)

    def restore() -> None:
        for signum in STOP_SIGNALS:
            _remove_loop_handler(loop, signum)

    return restore


def _remove_loop_handler(loop: asyncio.AbstractEventLoop, signum: int) -> None:
    with contextlib.suppress(NotImplementedError, RuntimeError):
        loop.remove_signal_handler(signum)


def _plain_handlers(
    loop: asyncio.AbstractEventLoop, stop: Callable[[], None]
) -> Callable[[], None]:
    """`signal.signal` handlers that hand `stop` to the loop (they run between bytecodes)."""
    previous = {signum: signal.getsignal(signum) for signum in STOP_SIGNALS}

    def handler(signum: int, frame: object) -> None:
        loop.call_soon_threadsafe(stop)

    for signum in STOP_SIGNALS:
        signal.signal(signum, handler)

    def restore() -> None:
        for signum, old in previous.items():
            signal.signal(signum, old)

    return restore


def reuse_address(sock: socket.socket) -> None:
    """Let a restarted server rebind its port at once, without sharing a port in use."""
    if os.name == "nt":
        exclusive = getattr(socket, "SO_EXCLUSIVEADDRUSE", None)
        if exclusive is not None:
            sock.setsockopt(socket.SOL_SOCKET, exclusive, 1)
    elif hasattr(socket, "SO_REUSEADDR"):
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)


def printable_output() -> None:
    """Let stdout and stderr replace what their encoding cannot show, instead of crashing."""
    for stream in (sys.stdout, sys.stderr):
        encoding = (getattr(stream, "encoding", None) or "").lower().replace("-", "")
        if isinstance(stream, io.TextIOWrapper) and encoding not in ("utf8", "utf8sig"):
            stream.reconfigure(errors="replace")


def event_loop_factory() -> Callable[[], asyncio.AbstractEventLoop] | None:
    """uvloop's loop where it is installed and wanted, else None (asyncio's own).

    uvloop cut the server's CPU per answer and per join (docs/performance.md); it is an
    optional extra, so a laptop without it (or on Windows) runs the same code on asyncio.
    """
    if os.name == "nt" or os.environ.get(EVENT_LOOP_ENV, "").strip().lower() == "asyncio":
        return None
    _soft, hard = open_files_limits()
    if hard is not None and hard < UVLOOP_MIN_OPEN_FILES:
        return None
    try:
        import uvloop
    except ImportError:
        return None
    factory: Callable[[], asyncio.AbstractEventLoop] = uvloop.new_event_loop
    return factory


def open_files_limits() -> tuple[int | None, int | None]:
    """The soft and hard limits on open files; None for one that is unlimited, or for both
    where the platform has no such limit to read (Windows: no `resource`)."""
    try:
        import resource
    except ImportError:
        return None, None
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    unlimited = resource.RLIM_INFINITY
    return (None if soft == unlimited else soft), (None if hard == unlimited else hard)


def run_main(main: Coroutine[Any, Any, T]) -> T:
    """`asyncio.run(main)` on the event loop of `event_loop_factory`."""
    with asyncio.Runner(loop_factory=event_loop_factory()) as runner:
        return runner.run(main)


def loop_name() -> str:
    """The running event loop's library: "uvloop" or "asyncio"."""
    module = type(asyncio.get_running_loop()).__module__
    return "uvloop" if module.startswith("uvloop") else "asyncio"
