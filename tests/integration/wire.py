"""A real quizhost server on 127.0.0.1 (port 0) with real websocket clients."""

from __future__ import annotations

import asyncio
import contextlib
import json
import weakref
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from attrs import define
from websockets.asyncio.client import ClientConnection, connect

from quizhost.bank.models import (
    Bank,
    ChoiceQuestion,
    OrderQuestion,
    PointsMode,
    PollQuestion,
    SliderQuestion,
    TrueFalseQuestion,
    TypeAnswerQuestion,
)
from quizhost.core import GameSettings
from quizhost.server.app import QuizServer
from quizhost.server.settings import ServerSettings
from quizhost.session import Session, SessionConfig
from quizhost.store import Store

HOST_TOKEN = "test-host-token-0123456789"
TIMEOUT = 5.0

# One question of every kind, with known answers and no shuffling except order items
# (always shuffled for display, so tests map them back by text).
EVERY_KIND = Bank(
    title="Every kind",
    questions=(
        ChoiceQuestion(
            text="Capital of Australia?",
            choices=("Sydney", "Canberra", "Melbourne"),
            correct=frozenset({1}),
            explanation="Canberra was built as a compromise.",
        ),
        ChoiceQuestion(
            text="Which are prime?",
            choices=("2", "3", "4", "9"),
            correct=frozenset({0, 1}),
            multiple=True,
        ),
        TrueFalseQuestion(text="The Sun is a star.", answer=True, points=PointsMode.DOUBLE),
        TypeAnswerQuestion(text="Chemical symbol of gold?", accepted=("Au",)),
        SliderQuestion(
            text="Apollo 11 landed in?", minimum=1950, maximum=2000, step=1, answer=1969
        ),
        OrderQuestion(text="Planets from the Sun", items=("Mercury", "Venus", "Earth", "Mars")),
        PollQuestion(text="Favourite subject?", choices=("Maths", "Art"), points=PointsMode.NONE),
    ),
)

SHORT = Bank(
    title="Short",
    questions=(
        ChoiceQuestion(
            text="Pick B", choices=("A", "B"), correct=frozenset({1}), time_limit_ms=5_000
        ),
        ChoiceQuestion(
            text="Pick A", choices=("A", "B"), correct=frozenset({0}), time_limit_ms=5_000
        ),
    ),
)


@define
class Running:
    server: QuizServer
    session: Session
    store: Store
    db_path: Path

    @property
    def url(self) -> str:
        return f"ws://127.0.0.1:{self.server.port}"

    @property
    def pin(self) -> str:
        return self.session.pin


# Whole classes join from 127.0.0.1 in tests; the per-address limits have their own tests.
ONE_ADDRESS_CLASS = ServerSettings(max_players_per_address=100_000, joins_per_address=100_000)


async def start_server(
    bank: Bank,
    db_path: Path,
    settings: ServerSettings | None = None,
    max_players: int = 2000,
    busy_timeout_ms: int = 5000,
    rules: GameSettings | None = None,
) -> Running:
    store = await Store.open(db_path, busy_timeout_ms=busy_timeout_ms)
    config = SessionConfig(
        max_players=max_players,
        join_url="http://127.0.0.1/?pin={pin}",
        host_update_interval_s=0.05,
        lobby_update_interval_s=0.1,
    )
    session = await Session.create(bank, store, config, settings=rules)
    server = QuizServer(session, host_token=HOST_TOKEN, settings=settings or ONE_ADDRESS_CLASS)
    await server.start("127.0.0.1", 0)
    return Running(server=server, session=session, store=store, db_path=db_path)


async def stop_server(running: Running) -> None:
    await running.server.stop()
    await running.session.close()
    await running.store.close()


@contextlib.asynccontextmanager
async def serving(bank: Bank, db_path: Path, **options: Any) -> AsyncIterator[Running]:
    """`start_server(bank, db_path, **options)` for the block, stopped after it even when the
    test fails; a stop that hangs fails the test after 10 s instead of hanging the run."""
    running = await start_server(bank, db_path, **options)
    try:
        yield running
    finally:
        await asyncio.wait_for(stop_server(running), 10)


@pytest.fixture
async def game(tmp_path: Path) -> AsyncIterator[Running]:
    async with serving(EVERY_KIND, tmp_path / "quiz.db") as running:
        yield running


@pytest.fixture
async def short_game(tmp_path: Path) -> AsyncIterator[Running]:
    async with serving(SHORT, tmp_path / "quiz.db") as running:
        yield running


_clients: weakref.WeakSet[Client] = weakref.WeakSet()


async def close_left_open_clients() -> None:
    """Close the clients a test left open while its event loop still runs.

    Otherwise their sockets are only found by the garbage collector, later, as
    `ResourceWarning: unclosed socket` (an error in this suite) in whichever test runs then,
    or at the interpreter's exit.
    """
    for client in list(_clients):
        try:
            await asyncio.wait_for(client.link.close(), 2)
        except (TimeoutError, OSError):
            client.link.transport.abort()


@pytest.fixture(autouse=True)
async def close_clients_left_open() -> AsyncIterator[None]:
    """`close_left_open_clients` after every test."""
    yield
    await close_left_open_clients()


class Client:
    """A websocket client that records every frame it receives, in order."""

    def __init__(self, link: ClientConnection) -> None:
        self.link = link
        self.frames: list[dict[str, Any]] = []
        _clients.add(self)

    @classmethod
    async def connect(cls, url: str, path: str, **kwargs: Any) -> Client:
        link = await asyncio.wait_for(connect(url + path, **kwargs), TIMEOUT)
        return cls(link)

    async def send(self, **frame: Any) -> None:
        await self.link.send(json.dumps(frame))

    async def recv(self, timeout: float = TIMEOUT) -> dict[str, Any]:
        data = await asyncio.wait_for(self.link.recv(), timeout)
        frame: dict[str, Any] = json.loads(data)
        self.frames.append(frame)
        return frame

    async def expect(self, frame_type: str, timeout: float = TIMEOUT) -> dict[str, Any]:
        """The next frame of `frame_type`, skipping `lobby` counts and `host_state` updates."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while True:
            frame = await self.recv(max(0.01, deadline - loop.time()))
            if frame["type"] == frame_type:
                return frame
            if frame["type"] not in ("lobby", "host_state"):
                raise AssertionError(f"expected {frame_type!r}, got {frame!r}")

    async def close(self) -> None:
        await self.link.close()


async def join(running: Running, name: str, **kwargs: Any) -> tuple[Client, dict[str, Any]]:
    client = await Client.connect(running.url, "/ws/play", **kwargs)
    await client.send(type="join", pin=running.pin, name=name)
    welcome = await client.expect("welcome")
    return client, welcome


async def host(running: Running) -> Client:
    client = await Client.connect(running.url, "/ws/host")
    await client.send(type="host", token=HOST_TOKEN)
    await client.expect("host_state")
    return client


async def game_started(running: Running, *names: str) -> tuple[Client, list[Client]]:
    """The host and a phone per name, joined in that order; the host has sent `start`."""
    players = [(await join(running, name))[0] for name in names]
    boss = await host(running)
    await boss.send(type="start")
    return boss, players


async def answered(client: Client, question: int, choice: int) -> None:
    """Answer with `choice` and wait for the ack: the answer is stored once this returns."""
    await client.send(type="answer", question=question, choice=choice)
    await client.expect("answer_ack")


async def host_state_where(
    host_client: Client, predicate: Any, timeout: float = TIMEOUT
) -> dict[str, Any]:
    """The latest or a coming host_state for which predicate(frame) holds."""
    latest = [f for f in host_client.frames if f["type"] == "host_state"][-1:]
    if latest and predicate(latest[0]):
        return latest[0]
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while True:
        frame = await host_client.expect("host_state", max(0.01, deadline - loop.time()))
        if predicate(frame):
            return frame
