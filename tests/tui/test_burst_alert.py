"""A burst of joins from one source is a line on the console, without the address."""

from __future__ import annotations

import asyncio
from pathlib import Path

from quizhost.server.runner import ServeOptions
from quizhost.tui.app import QuizConsole
from quizhost.tui.widgets.topbar import SaveWarning
from tests.integration.wire import Client
from tests.tui.console import adapter_of, ready, screen_text, until

SAMPLE = Path(__file__).resolve().parents[2] / "question_banks" / "sample.yaml"


async def test_a_burst_of_joins_is_shown_without_the_address(tmp_path: Path) -> None:
    """20 joins within 10 s from 127.0.0.80 (the default burst) put a warning line on the
    console naming the source by its label; the address never appears."""
    options = ServeOptions(bank=SAMPLE, host="127.0.0.1", port=0, db=tmp_path / "q.db")
    app = QuizConsole.from_options(options)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await ready(pilot)
        alert = screen.query_one(SaveWarning)
        assert not alert.display
        adapter = adapter_of(app)

        async def bot(index: int) -> Client:
            client = await Client.connect(
                f"ws://127.0.0.1:{adapter.port}", "/ws/play", local_addr=("127.0.0.80", 0)
            )
            await client.send(type="join", pin=adapter.view().pin, name=f"Bot{index}")
            await client.expect("welcome")
            return client

        bots = await asyncio.gather(*(bot(index) for index in range(20)))  # as bots do: at once
        await until(pilot, lambda: bool(adapter.view().alerts), "the burst alert")
        await until(pilot, lambda: "20 joins" in screen_text(app), "the burst alert drawn")
        assert alert.display
        text = screen_text(app)
        assert "20 joins in a few seconds" in text and "source 1" in text
        assert "127.0.0.80" not in text
        for bot in bots:
            await bot.close()


async def test_w_removes_the_burst_sources_players_after_asking(tmp_path: Path) -> None:
    """With an alert on the line, `w` asks, then kicks that source's players at once; the
    alert goes and a real player from another address stays."""
    options = ServeOptions(bank=SAMPLE, host="127.0.0.1", port=0, db=tmp_path / "q.db")
    app = QuizConsole.from_options(options)
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        adapter = adapter_of(app)
        url = f"ws://127.0.0.1:{adapter.port}"
        ada = await Client.connect(url, "/ws/play", local_addr=("127.0.0.2", 0))
        await ada.send(type="join", pin=adapter.view().pin, name="Ada")
        await ada.expect("welcome")

        async def bot(index: int) -> Client:
            client = await Client.connect(url, "/ws/play", local_addr=("127.0.0.81", 0))
            await client.send(type="join", pin=adapter.view().pin, name=f"Bot{index}")
            await client.expect("welcome")
            return client

        bots = await asyncio.gather(*(bot(index) for index in range(20)))
        await until(pilot, lambda: "w removes them" in screen_text(app), "the key's hint")
        await pilot.press("w")
        await until(pilot, lambda: "Remove" in screen_text(app), "the question")
        await pilot.press("y")
        await until(pilot, lambda: not adapter.view().alerts, "the alert gone")
        assert [p.name for p in adapter.view().players] == ["Ada"]
        await until(pilot, lambda: "w removes them" not in screen_text(app), "the line gone")
        for client in (ada, *bots):
            await client.close()
