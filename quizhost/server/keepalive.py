"""Keepalive for every connection from one timer: a ping once a peer was silent for its
interval, and a close with 1011 when the pong does not come within the ping timeout.

websockets gives each connection a task that sleeps between pings: a task, a coroutine and a
timer per phone, made in every join (~1.9 KiB a player and ~30 µs of a join at 10,000 players:
docs/performance.md, round seven). Here one repeating timer looks, each tick, only at the
connections due in it: a timing wheel whose slots are a tenth of the interval wide, so a ping
comes at most a tenth of an interval late. The behaviour is websockets' own (the same ping,
pong timeout and close), except that a peer heard from within its interval is not pinged:
a phone that answered, or sent the page's heartbeat, has said it is there.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import math
import time
from collections.abc import Awaitable, Callable, Coroutine
from typing import Any, Protocol

from websockets.exceptions import ConnectionClosed
from websockets.protocol import State

log = logging.getLogger(__name__)

#: Each slot of the wheel is this share of the configured interval.
SLOTS_PER_INTERVAL = 10


class Watched(Protocol):
    """What the sweep needs of a connection (`app.GuardedConnection` has it)."""

    heard_at: float  # when data last came in (`time.monotonic()`)
    keepalive_due: float  # when the pong of the ping in flight is due; 0.0: no ping in flight
    keepalive_pong: asyncio.Future[float] | None  # that ping's pong, once it was sent
    ping_interval: float | None
    ping_timeout: float | None

    @property
    def state(self) -> State: ...

    async def ping(self) -> Awaitable[float]: ...

    async def fail_keepalive(self) -> None: ...


class KeepaliveSweep:
    """The keepalive of every connection of a server, on one timer."""

    def __init__(self, interval_s: float, clock: Callable[[], float] = time.monotonic) -> None:
        self._tick_s = interval_s / SLOTS_PER_INTERVAL
        self._clock = clock
        self._slots: dict[int, list[Watched]] = {}
        self._swept = math.floor(clock() / self._tick_s)  # every slot up to this one is done
        self._timer: asyncio.TimerHandle | None = None
        self._tasks: set[asyncio.Task[None]] = set()
        self._stopped = False

    def watch(self, connection: Watched) -> None:
        """Keep `connection` (open, its `ping_interval` set) alive until it closes."""
        assert connection.ping_interval is not None
        connection.keepalive_due = 0.0
        connection.keepalive_pong = None
        self._at(connection.heard_at + connection.ping_interval, connection)

    def stop(self) -> None:
        self._stopped = True
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None
        self._slots.clear()

    @property
    def watched(self) -> int:
        """How many connections wait in the wheel (closed ones leave at their next slot)."""
        return sum(len(slot) for slot in self._slots.values())

    def _at(self, when: float, connection: Watched) -> None:
        slot = max(math.ceil(when / self._tick_s), self._swept + 1)
        due = self._slots.get(slot)
        if due is None:
            self._slots[slot] = [connection]
        else:
            due.append(connection)
        if self._timer is None and not self._stopped:
            self._timer = asyncio.get_running_loop().call_later(self._tick_s, self._tick)

    def _tick(self) -> None:
        self._timer = None
        now = self._clock()
        last = math.floor(now / self._tick_s)
        # The slots due, not every slot number since the last tick: after the wheel stood
        # empty for hours those would be thousands; the slots are ~20 (interval + timeout).
        for slot in sorted(slot for slot in self._slots if slot <= last):
            for connection in self._slots.pop(slot):
                self._check(connection, now)
        self._swept = last
        if self._slots and not self._stopped:
            self._timer = asyncio.get_running_loop().call_later(self._tick_s, self._tick)

    def _check(self, connection: Watched, now: float) -> None:
        if connection.state is not State.OPEN:
            return  # closing or closed: it leaves the wheel
        interval = connection.ping_interval
        assert interval is not None
        if connection.keepalive_due:  # a ping is in flight
            pong = connection.keepalive_pong
            if pong is None or not pong.done():
                if now < connection.keepalive_due:
                    self._at(connection.keepalive_due, connection)
                else:
                    self._spawn(connection.fail_keepalive())
                return
            connection.keepalive_due = 0.0  # answered (and heard_at moved with the pong)
            connection.keepalive_pong = None
        if now - connection.heard_at < interval:
            self._at(connection.heard_at + interval, connection)
            return
        timeout = connection.ping_timeout
        if timeout is None:
            self._spawn(_ping(connection))
            self._at(now + interval, connection)
        else:
            connection.keepalive_due = now + timeout
            self._spawn(_ping(connection))
            self._at(connection.keepalive_due, connection)

    def _spawn(self, work: Coroutine[Any, Any, None]) -> None:
        task = asyncio.ensure_future(work)
        self._tasks.add(task)  # kept until done: the loop holds tasks only weakly
        task.add_done_callback(self._done)

    def _done(self, task: asyncio.Task[None]) -> None:
        self._tasks.discard(task)
        if not task.cancelled() and task.exception() is not None:
            log.error("keepalive ping failed", exc_info=task.exception())


async def _ping(connection: Watched) -> None:
    with contextlib.suppress(ConnectionClosed):  # it closed meanwhile: nothing to keep alive
        connection.keepalive_pong = asyncio.ensure_future(await connection.ping())
