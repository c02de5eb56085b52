"""`quizhost preview --screen`: the big screen's real `/ws/screen` follows the console's steps."""

from __future__ import annotations

import asyncio
import json
import re
import socket
import urllib.request
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import ConnectionClosed

from quizhost.bank import load_bank
from quizhost.exitcodes import EXIT_FAILED
from quizhost.tui.preview import PreviewApp, PreviewScreen
from tests.interchange.helpers import run_cli
from tests.tui.console import BANK, KINDS_BANK, screen_text

ROUNDS = """\
title: Pub quiz
rounds:
  - title: Round 1 - Geography
    questions:
      - question: What is the capital of Peru?
        accept: Lima
  - title: Round 2 - Science
    questions:
      - question: Water boils at 100 °C at sea level.
        true_false: true
"""


async def next_frame(link: ClientConnection) -> dict[str, Any]:
    frame: dict[str, Any] = json.loads(await link.recv())
    assert frame["type"] == "screen_state"
    return frame


def shown_url(app: PreviewApp) -> str:
    """The big screen's address as the console shows it (what the author copies)."""
    found = re.search(r"Big screen: (http://\S+)", screen_text(app))
    assert found is not None, screen_text(app)
    return found.group(1)


def fetch(url: str) -> tuple[str, bytes]:
    """A plain HTTP GET (in a thread: the server runs in this test's loop)."""
    with urllib.request.urlopen(url) as response:
        return str(response.headers["Content-Type"]), bytes(response.read())


async def watch(url: str) -> ClientConnection:
    parts = urlsplit(url)
    (key,) = parse_qs(parts.query)["key"]
    link = await connect(f"ws://{parts.netloc}/ws/screen")
    await link.send(json.dumps({"type": "screen", "key": key}))
    return link


async def test_the_screen_frames_follow_the_steps_forward_and_back() -> None:
    """The question's text, then its reveal; back sends the question again; end, home."""
    app = PreviewApp(load_bank(BANK), screen_port=0)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        url = shown_url(app)
        assert url.startswith("http://127.0.0.1:") and "/screen?key=" in url
        link = await watch(url)
        frame = await next_frame(link)
        assert frame["state"] == "question"
        assert frame["question"]["text"] == "What is the capital of Australia?"
        assert frame["question"]["choices"] == ["Sydney", "Canberra", "Melbourne", "Perth"]
        assert frame["remaining_ms"] == 20_000 and "reveal" not in frame
        await pilot.press("right")
        frame = await next_frame(link)
        assert frame["state"] == "reveal" and frame["reveal"]["correct"] == 1
        assert frame["question"]["text"] == "What is the capital of Australia?"
        assert frame["reveal"]["explanation"].startswith("Canberra was built as the capital")
        await pilot.press("left")
        frame = await next_frame(link)
        assert frame["state"] == "question" and "reveal" not in frame
        await pilot.press("end")
        frame = await next_frame(link)
        assert frame["state"] == "reveal" and frame["reveal"]["accepted"] == ["Au"]
        assert frame["question"]["text"] == "What is the chemical symbol of gold?"
        await pilot.press("home")
        assert (await next_frame(link))["question"]["index"] == 0
        # A second screen that connects now starts at the step shown.
        await pilot.press("right", "right")
        assert (await next_frame(link))["state"] == "reveal"
        assert (await next_frame(link))["question"]["index"] == 1
        late = await watch(url)
        frame = await next_frame(late)
        assert frame["state"] == "question" and frame["question"]["text"] == "The Sun is a star."
        await pilot.press("q")
    # Quitting the preview stops the screen's server: the pages see it go away.
    with pytest.raises(ConnectionClosed):
        await link.recv()
    with pytest.raises(OSError):
        await connect(f"ws://{urlsplit(url).netloc}/ws/screen")
    assert app.return_code == 0


async def test_round_titles_and_images_reach_the_screen() -> None:
    """A round's title step, and a question's picture served by the preview's own site."""
    app = PreviewApp(load_bank(KINDS_BANK), screen_port=0)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        url = shown_url(app)
        link = await watch(url)
        await next_frame(link)
        screen = app.screen
        assert isinstance(screen, PreviewScreen)
        image = None
        for _ in range(len(screen.views) - 1):
            await pilot.press("right")
            frame = await next_frame(link)
            image = image or frame.get("question", {}).get("image")
        assert image is not None and image.startswith("/images/")
        origin = f"http://{urlsplit(url).netloc}"
        content_type, body = await asyncio.to_thread(fetch, origin + image)
        assert content_type == "image/svg+xml" and b"<svg" in body
        await pilot.press("q")


async def test_a_round_title_is_a_step_of_its_own(tmp_path: Path) -> None:
    bank_path = tmp_path / "rounds.yaml"
    bank_path.write_text(ROUNDS, "utf-8")
    app = PreviewApp(load_bank(bank_path), screen_port=0)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        link = await watch(shown_url(app))
        frame = await next_frame(link)
        assert frame["state"] == "round" and frame["round"]["title"] == "Round 1 - Geography"
        await pilot.press("right")
        assert (await next_frame(link))["question"]["text"] == "What is the capital of Peru?"
        await pilot.press("q")


async def test_a_wrong_key_and_the_player_channel_are_refused() -> None:
    """The preview's screen is key-checked like a game's, and nobody can join a preview."""
    app = PreviewApp(load_bank(BANK), screen_port=0)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        netloc = urlsplit(shown_url(app)).netloc
        async with connect(f"ws://{netloc}/ws/screen") as link:
            await link.send(json.dumps({"type": "screen", "key": "not-the-key"}))
            frame = json.loads(await link.recv())
            assert frame["type"] == "error" and frame["code"] == "bad_token"
            with pytest.raises(ConnectionClosed):
                await link.recv()
        with pytest.raises(Exception, match="404"):
            await connect(f"ws://{netloc}/ws/play")
        await pilot.press("q")


async def test_without_screen_nothing_is_served() -> None:
    app = PreviewApp(load_bank(BANK))
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        assert app.screen_server is None and "Big screen" not in screen_text(app)
        await pilot.press("q")


def test_a_bad_port_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    run = run_cli(capsys, "preview", str(BANK), "--screen", "--port", "70000")
    assert run.code == 2 and "not a port number" in run.err


async def test_a_taken_port_ends_the_preview_and_says_why() -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        app = PreviewApp(load_bank(BANK), screen_port=taken.getsockname()[1])
        async with app.run_test(size=(120, 30)) as pilot:
            await pilot.pause()
    assert app.return_value == EXIT_FAILED and app.screen_server is None
