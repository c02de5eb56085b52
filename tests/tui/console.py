"""Helpers of the console tests: a deterministic server, players on real websockets, waiting.

`fixed_starter` builds what `start_server` builds, but with a fixed PIN, seed and join URL
and a frozen game clock, so scores and screenshots are the same on every run.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from io import StringIO
from pathlib import Path
from typing import Any

from rich.console import Console
from textual.app import App
from textual.pilot import Pilot

from quizhost.bank import load_bank
from quizhost.core import Phase
from quizhost.server.app import QuizServer
from quizhost.server.runner import Served
from quizhost.session import Session, SessionConfig
from quizhost.store import Store
from quizhost.tui.adapter import HostAdapter, Starter
from quizhost.tui.app import QuizConsole
from quizhost.tui.screens.game import GameScreen
from tests.integration.wire import ONE_ADDRESS_CLASS, Client

BANK = Path(__file__).with_name("quiz.yaml")
KINDS_BANK = Path(__file__).with_name("kinds.yaml")  # type-the-answer, slider, order, image
PIN = "482913"
JOIN_URL = "http://192.168.1.20:8000/?pin={pin}"
FROZEN_MS = 1_700_000_000_000
TIMEOUT = 5.0


def fixed_starter(db_path: Path, bank: Path = BANK) -> Starter:
    async def start() -> Served:
        store = await Store.open(db_path)
        config = SessionConfig(join_url=JOIN_URL, host_update_interval_s=0.05)
        session = await Session.create(
            load_bank(bank), store, config, clock=lambda: FROZEN_MS, seed=7, pin=PIN
        )
        server = QuizServer(
            session, host_token="console-test-token-0123456789", settings=ONE_ADDRESS_CLASS
        )
        await server.start("127.0.0.1", 0)
        return Served(server, session, store, "console-test-token", False, [])

    return start


def fixed_console(db_path: Path, bank: Path = BANK) -> QuizConsole:
    """The console on the deterministic server, with its countdown frozen too."""
    return QuizConsole(fixed_starter(db_path, bank), ticker=lambda: 0.0)


async def until(pilot: Pilot[Any], predicate: Callable[[], object], what: str) -> None:
    """Let the app run until `predicate()` is true; fail after TIMEOUT saying `what`."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + TIMEOUT
    while not predicate():
        if loop.time() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        await pilot.pause(0.02)


def adapter_of(app: App[Any]) -> HostAdapter:
    assert isinstance(app, QuizConsole) and app.adapter is not None
    return app.adapter


def game_screen(app: App[Any]) -> GameScreen:
    for screen in app.screen_stack:
        if isinstance(screen, GameScreen):
            return screen
    raise AssertionError("no game screen")


async def ready(pilot: Pilot[Any]) -> GameScreen:
    """Wait until the server runs and the game screen shows its first view."""
    await until(
        pilot,
        lambda: isinstance(pilot.app.screen, GameScreen) and pilot.app.screen.view is not None,
        "the game screen",
    )
    return game_screen(pilot.app)


async def shown(pilot: Pilot[Any], phase: Phase) -> None:
    """Wait until both the session and the console are in `phase`."""

    def done() -> bool:
        screen = game_screen(pilot.app)
        return (
            adapter_of(pilot.app).view().state is phase
            and screen.view is not None
            and screen.view.state is phase
        )

    await until(pilot, done, f"the {phase} view")
    await pilot.pause()  # and drawn: the screen refreshes after the message is handled


async def press_to(pilot: Pilot[Any], key: str, phase: Phase) -> None:
    """Press the host's `key` and wait until the session and the console are in `phase`."""
    await pilot.press(key)
    await shown(pilot, phase)
    await pilot.pause()


async def join(app: App[Any], name: str) -> Client:
    adapter = adapter_of(app)
    client = await Client.connect(f"ws://127.0.0.1:{adapter.port}", "/ws/play")
    await client.send(type="join", pin=adapter.view().pin, name=name)
    await client.expect("welcome")
    return client


async def next_of(client: Client, frame_type: str) -> dict[str, Any]:
    """The next frame of `frame_type`, skipping any other (a player sees many kinds)."""
    while True:
        frame = await client.recv()
        if frame["type"] == frame_type:
            return frame


async def answer(client: Client, question: int, **fields: Any) -> None:
    await client.send(type="answer", question=question, **fields)
    await next_of(client, "answer_ack")


def screen_text(app: App[Any]) -> str:
    """The screen as plain text, as a person reads it (every layer composited)."""
    console = Console(width=app.size.width, file=StringIO(), record=True, legacy_windows=False)
    console.print(app.screen._compositor.render_update(full=True))
    return console.export_text()
