"""The big screen in the game modes, in a real Chromium against a real server: a round's
title screen, the question intro ("Get ready!": the question alone, no tiles) and a team
game's standings above the leaderboard, the podium and the end screen."""

from __future__ import annotations

import asyncio
import re
from pathlib import Path

import pytest
from playwright.async_api import Browser, expect

from quizhost.core import GameSettings
from tests.browser.conftest import CHROMIUM
from tests.browser.test_big_screen import open_screen
from tests.integration.test_modes import ROUNDS
from tests.integration.wire import Client, host, join, start_server, stop_server

pytestmark = [
    pytest.mark.asyncio(loop_scope="session"),
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium"),
]


async def until(phone: Client, frame_type: str) -> None:
    while (await phone.recv())["type"] != frame_type:
        pass


async def test_round_intro_and_teams_on_the_big_screen(browser: Browser, tmp_path: Path) -> None:
    """Round title, then the intro with the question and no tiles, then the question's tiles;
    the leaderboard and the end screen start with the teams, best first."""
    rules = GameSettings(read_ms=2_000, teams=("Red", "Blue"), leaderboard_every=0)
    game = await start_server(ROUNDS, tmp_path / "quiz.db", rules=rules)
    try:
        screen = await open_screen(browser, game, f"/screen?key={game.server.screen_key}")
        page = screen.page
        await screen.shows("lobby")
        ada, _ = await join(game, "Ada")
        boss = await host(game)
        await boss.send(type="start")
        await screen.shows("round")
        await expect(page.locator("#rd-number")).to_have_text("Round 1 of 2")
        await expect(page.locator("#rd-title")).to_have_text("Warm-up")
        await expect(page.locator("#rd-size")).to_have_text("1 question")

        await boss.send(type="next")
        await until(ada, "get_ready")
        await screen.shows("question")
        await expect(page.locator("#s-question")).to_have_attribute("data-intro", "")
        # The read time runs down: 2 s, so "2" or "1" (then bare "Get ready!" at 0).
        await expect(page.locator("#q-answered")).to_have_text(re.compile(r"^Get ready! [12]$"))
        await expect(page.locator("#q-answered")).to_be_visible()
        await expect(page.locator("#q-text")).to_have_text("Pick B")
        await expect(page.locator("#q-tiles")).to_be_hidden()
        await screen.shot("intro")

        question = await ada.expect("question")  # the read time is over
        await expect(page.locator("#q-tiles .tile")).to_have_count(2)
        await expect(page.locator("#q-tiles")).to_be_visible()
        await expect(page.locator("#s-question")).not_to_have_attribute("data-intro", "")
        await ada.send(type="answer", question=question["index"], choice=1)
        await ada.expect("answer_ack")
        await boss.send(type="skip")
        await ada.expect("reveal")
        await boss.send(type="next")
        await ada.expect("leaderboard")
        await screen.shows("leaderboard")
        teams = page.locator("#lb-teams .team")
        await expect(teams).to_have_count(2)
        await expect(teams.nth(0)).to_contain_text("Team Red")  # Ada's (the smallest team)
        await screen.shot("teams-leaderboard")

        await boss.send(type="end")
        await screen.shows("ended")
        await expect(page.locator("#en-teams .team")).to_have_count(2)
        assert screen.problems() == []
    finally:
        await asyncio.wait_for(stop_server(game), 10)
