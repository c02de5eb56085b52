"""The keepalive wheel, on a clock the test moves: who is pinged, who is closed, who leaves.

(Against real sockets and time: tests/integration/test_heartbeat.py.)
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable

from websockets.protocol import State

from quizhost.server.keepalive import KeepaliveSweep


class Clock:
    def __init__(self) -> None:
        self.now = 1_000.0

    def __call__(self) -> float:
        return self.now


class Phone:
    """A connection as the sweep sees it: it records pings and the keepalive's close."""

    def __init__(self, clock: Clock, interval: float = 10.0, timeout: float | None = 5.0) -> None:
        self.heard_at = clock.now
        self.keepalive_due = 0.0
        self.keepalive_pong: asyncio.Future[float] | None = None
        self.ping_interval: float | None = interval
        self.ping_timeout = timeout
        self.state = State.OPEN
        self.pings = 0
        self.failed = False
        self.pong: asyncio.Future[float] = asyncio.get_running_loop().create_future()

    async def ping(self) -> Awaitable[float]:
        self.pings += 1
        self.pong = asyncio.get_running_loop().create_future()
        return self.pong

    async def fail_keepalive(self) -> None:
        self.failed = True


def watched_phones(count: int) -> tuple[Clock, KeepaliveSweep, list[Phone]]:
    """A wheel with a 10 s interval on a clock the test moves, watching `count` new phones."""
    clock = Clock()
    sweep = KeepaliveSweep(10.0, clock=clock)
    phones = [Phone(clock) for _ in range(count)]
    for phone in phones:
        sweep.watch(phone)
    return clock, sweep, phones


async def sweep_at(sweep: KeepaliveSweep, clock: Clock, at: float) -> None:
    """Move the clock to `at`, tick the wheel, let the pings it sent run."""
    clock.now = at
    sweep._tick()
    for _ in range(3):
        await asyncio.sleep(0)


async def test_a_phone_heard_from_is_not_pinged_and_a_silent_one_is() -> None:
    clock, sweep, (talking, silent) = watched_phones(2)
    talking.heard_at = clock.now + 6.0  # it answered a question
    await sweep_at(sweep, clock, clock.now + 10.5)
    assert (talking.pings, silent.pings) == (0, 1)
    await sweep_at(sweep, clock, clock.now + 6.0)  # an interval after it last spoke
    assert talking.pings == 1
    sweep.stop()


async def test_no_pong_within_the_timeout_closes_and_a_pong_keeps_it() -> None:
    clock, sweep, (gone, here) = watched_phones(2)
    await sweep_at(sweep, clock, clock.now + 10.5)
    here.pong.set_result(0.01)
    here.heard_at = clock.now  # the pong is data: it was heard
    await sweep_at(sweep, clock, clock.now + 5.5)
    assert gone.failed and not here.failed
    assert here.pings == 1
    sweep.stop()


async def test_closed_connections_leave_the_wheel() -> None:
    clock, sweep, phones = watched_phones(3)
    phones[0].state = State.CLOSED
    phones[1].state = State.CLOSING
    await sweep_at(sweep, clock, clock.now + 10.5)
    assert sweep.watched == 1 and phones[2].pings == 1
    sweep.stop()
