"""The application heartbeat: `ping` gets `pong`, and a player that started heartbeating and
then fell silent is marked disconnected at the deadline, while a v1 client that never pings
keeps the websocket ping timeout."""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from websockets.exceptions import ConnectionClosed

from quizhost.server.settings import ServerSettings
from tests.integration.wire import (
    EVERY_KIND,
    Running,
    host,
    host_state_where,
    join,
    start_server,
    stop_server,
)

HEARTBEAT_TIMEOUT_S = 1.0


@pytest.fixture
async def quick_game(tmp_path: Path) -> AsyncIterator[Running]:
    """A game whose heartbeat deadline is one second, so silence shows quickly."""
    settings = ServerSettings(heartbeat_timeout_s=HEARTBEAT_TIMEOUT_S)
    running = await start_server(EVERY_KIND, tmp_path / "quiz.db", settings=settings)
    try:
        yield running
    finally:
        await asyncio.wait_for(stop_server(running), 10)


def connected(name: str, state: dict[str, object]) -> bool | None:
    players = state["players"]
    assert isinstance(players, list)
    return next((p["connected"] for p in players if p["name"] == name), None)


async def test_a_ping_is_answered_with_a_pong(quick_game: Running) -> None:
    """Before and after joining, `{"type":"ping"}` gets `{"type":"pong"}` and nothing else."""
    ada, _ = await join(quick_game, "Ada")
    await ada.send(type="ping")
    assert (await ada.expect("pong")) == {"type": "pong"}
    await ada.close()


async def test_silence_after_heartbeats_marks_the_player_disconnected(quick_game: Running) -> None:
    """The socket stays open (websocket pings still answered) but the app pings stop."""
    boss = await host(quick_game)
    ada, _ = await join(quick_game, "Ada")
    await ada.send(type="ping")
    await ada.expect("pong")
    await host_state_where(boss, lambda s: connected("Ada", s) is True)
    went_silent = time.monotonic()
    await host_state_where(boss, lambda s: connected("Ada", s) is False, timeout=5)
    waited = time.monotonic() - went_silent
    assert HEARTBEAT_TIMEOUT_S * 0.8 <= waited <= HEARTBEAT_TIMEOUT_S + 1.5, waited
    await boss.close()


async def test_heartbeats_keep_a_quiet_player_connected(quick_game: Running) -> None:
    """Pings every half deadline keep the player in, for several deadlines."""
    boss = await host(quick_game)
    ada, _ = await join(quick_game, "Ada")
    for _ in range(6):
        await ada.send(type="ping")
        await ada.expect("pong")
        await asyncio.sleep(HEARTBEAT_TIMEOUT_S / 2)
    state = await host_state_where(boss, lambda s: connected("Ada", s) is not None)
    assert connected("Ada", state) is True
    await ada.close()
    await boss.close()


async def test_a_v1_client_that_never_pings_is_not_held_to_the_deadline(
    quick_game: Running,
) -> None:
    """Without a first ping there is no heartbeat deadline: silence is fine."""
    boss = await host(quick_game)
    ada, _ = await join(quick_game, "Ada")
    await asyncio.sleep(HEARTBEAT_TIMEOUT_S * 3)
    state = await host_state_where(boss, lambda s: connected("Ada", s) is not None)
    assert connected("Ada", state) is True
    await ada.send(type="ping")
    await ada.expect("pong")
    await ada.close()
    await boss.close()


class _PingTimes(logging.Handler):
    """When websockets' frame log shows this client receiving the server's keepalive ping."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.times: list[float] = []

    def emit(self, record: logging.LogRecord) -> None:
        if record.getMessage().startswith("< PING"):
            self.times.append(time.monotonic())


async def test_phones_that_joined_together_are_not_all_pinged_together(tmp_path: Path) -> None:
    """A class that joins within seconds must not get its keepalive pings in the same
    seconds ever after (10,000 pings at once slowed every answer of that question): each
    connection pings at its own interval, never longer than the configured one."""
    interval_s = 1.0
    settings = ServerSettings(ping_interval_s=interval_s, ping_timeout_s=5.0)
    running = await start_server(EVERY_KIND, tmp_path / "quiz.db", settings=settings)
    clients, heard, opened = [], [], []
    try:
        for index in range(20):
            log = logging.getLogger(f"tests.keepalive.{index}")
            log.setLevel(logging.DEBUG)
            log.propagate = False
            handler = _PingTimes()
            log.addHandler(handler)
            heard.append(handler)
            client, _ = await join(running, f"P{index}", logger=log)
            opened.append(time.monotonic())
            clients.append(client)
        slack_s = 0.3  # a busy CI machine's scheduling; the draw itself is 75-100 %
        await asyncio.sleep(interval_s + slack_s)
        intervals = [h.times[0] - at for h, at in zip(heard, opened, strict=True) if h.times]
        assert len(intervals) == len(clients), "every connection was pinged within its interval"
        assert all(interval_s * 0.7 <= i <= interval_s + slack_s for i in intervals), intervals
        assert max(intervals) - min(intervals) >= interval_s * 0.1, intervals
    finally:
        for client in clients:
            await client.close()
        for index, handler in enumerate(heard):
            logging.getLogger(f"tests.keepalive.{index}").removeHandler(handler)
        await asyncio.wait_for(stop_server(running), 10)


def _frame_log(name: str) -> tuple[logging.Logger, _PingTimes]:
    """A client logger whose websocket frame log records when keepalive pings arrive."""
    log = logging.getLogger(name)
    log.setLevel(logging.DEBUG)
    log.propagate = False
    handler = _PingTimes()
    log.addHandler(handler)
    return log, handler


async def test_a_phone_that_keeps_talking_is_not_pinged(tmp_path: Path) -> None:
    """A keepalive ping asks whether the peer is still there; a phone heard from within the
    interval has answered that already. The ping comes one interval after it fell silent."""
    interval_s = 0.6
    settings = ServerSettings(ping_interval_s=interval_s, ping_timeout_s=5.0)
    running = await start_server(EVERY_KIND, tmp_path / "quiz.db", settings=settings)
    log, pings = _frame_log("tests.keepalive.talking")
    try:
        ada, _ = await join(running, "Ada", logger=log)
        talking_until = time.monotonic() + interval_s * 4
        while True:
            await ada.send(type="ping")
            await ada.expect("pong")
            silent_from = time.monotonic()
            if silent_from >= talking_until:
                break
            await asyncio.sleep(interval_s / 4)
        assert pings.times == [], "a phone that spoke within the interval was pinged"
        await asyncio.sleep(interval_s + 0.4)
        assert pings.times, "a silent phone was not pinged within the interval"
        assert interval_s * 0.7 <= pings.times[0] - silent_from <= interval_s + 0.4
        await ada.close()
    finally:
        log.removeHandler(pings)
        await asyncio.wait_for(stop_server(running), 10)


async def test_a_peer_that_stops_answering_pings_is_closed_with_1011(tmp_path: Path) -> None:
    """A phone gone without a word (no FIN, as in a lift): its pong never comes, and the
    connection is closed as websockets does, with 1011, after the ping timeout."""
    settings = ServerSettings(ping_interval_s=0.4, ping_timeout_s=0.4)
    running = await start_server(EVERY_KIND, tmp_path / "quiz.db", settings=settings)
    try:
        ada, _ = await join(running, "Ada")
        ada.link.transport.pause_reading()  # the ping waits unread: no pong goes back
        await asyncio.sleep(0.4 + 0.4 + 0.5)
        ada.link.transport.resume_reading()
        with pytest.raises(ConnectionClosed) as closed:
            while True:
                await ada.recv()
        assert closed.value.rcvd is not None
        assert closed.value.rcvd.code == 1011
    finally:
        await asyncio.wait_for(stop_server(running), 10)


async def test_keepalive_is_one_sweep_not_a_task_per_phone(tmp_path: Path) -> None:
    """websockets' keepalive is a task and a timer per connection (~1.9 KiB and ~30 µs of
    each join at 10,000 players); the server's is one timing wheel, which a closed
    connection leaves at its next slot."""
    settings = ServerSettings(ping_interval_s=0.5, ping_timeout_s=5.0)
    running = await start_server(EVERY_KIND, tmp_path / "quiz.db", settings=settings)
    try:
        phones = [(await join(running, f"P{i}"))[0] for i in range(5)]
        assert running.server.server is not None
        links = running.server.server.connections
        assert len(links) == 5 and all(link.keepalive_task is None for link in links)
        assert running.server.keepalive.watched == 5
        for phone in phones:
            await phone.close()
        await asyncio.sleep(0.5 + 0.2)  # an interval, and a slot's width of slack
        assert running.server.keepalive.watched == 0
    finally:
        await asyncio.wait_for(stop_server(running), 10)
