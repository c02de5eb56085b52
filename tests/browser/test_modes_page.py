"""The player page in the game modes: the question intro ("get ready") in a real Chromium."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path

import attrs
import pytest
import pytest_asyncio
from playwright.async_api import Browser, expect

from quizhost.bank.models import ScoringMode
from quizhost.core import GameSettings
from tests.browser.conftest import CHROMIUM, PhoneFactory, phone_factory
from tests.integration.test_modes import ROUNDS
from tests.integration.wire import (
    HOST_TOKEN,
    SHORT,
    Client,
    Running,
    host,
    start_server,
    stop_server,
)

pytestmark = [
    pytest.mark.asyncio(loop_scope="session"),
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium"),
]


@pytest_asyncio.fixture(loop_scope="session")
async def intro_game(tmp_path: Path) -> AsyncIterator[Running]:
    """A game whose questions have a 1.5 s intro and close when everyone answered."""
    running = await start_server(
        SHORT, tmp_path / "quiz.db", rules=GameSettings(read_ms=1_500, auto_close=True)
    )
    try:
        yield running
    finally:
        await asyncio.wait_for(stop_server(running), 10)


@pytest_asyncio.fixture(loop_scope="session")
async def intro_phones(browser: Browser, intro_game: Running) -> AsyncIterator[PhoneFactory]:
    async with phone_factory(browser, intro_game) as factory:
        yield factory


async def test_get_ready_then_the_question_then_the_reveal_by_itself(
    intro_phones: PhoneFactory, intro_game: Running
) -> None:
    """The phone shows "Get ready!" with the question, then the answers; Ada's answer (the
    only player) reveals at once."""
    phone = await intro_phones()
    page = phone.page
    await page.get_by_label("Your nickname").fill("Ada")
    await page.get_by_role("button", name="Join").tap()
    await expect(page.get_by_role("heading", name="You're in!")).to_be_visible()
    boss = await host(intro_game)
    await boss.send(type="start")
    await expect(page.get_by_role("heading", name="Get ready!")).to_be_visible()
    await expect(page.locator("#ready-text")).to_have_text("Pick B")
    await expect(page.locator("#ready-number")).to_have_text("Question 1 of 2")
    await expect(page.locator("#ready-note")).to_have_text("Answers open in 2 seconds.")
    await phone.shot("player-get-ready")
    await expect(page.get_by_role("heading", name="Pick B")).to_be_visible()
    await page.get_by_role("button", name="B").tap()
    await expect(page.locator("#screen-reveal")).to_be_visible()
    await boss.close()


@pytest_asyncio.fixture(loop_scope="session")
async def rounds_phones(browser: Browser, tmp_path: Path) -> AsyncIterator[PhoneFactory]:
    running = await start_server(ROUNDS, tmp_path / "quiz.db")
    try:
        async with phone_factory(browser, running) as factory:
            yield factory
    finally:
        await asyncio.wait_for(stop_server(running), 10)


async def test_a_round_title_screen(rounds_phones: PhoneFactory) -> None:
    """The round's number, title and size, then its first question."""
    phone = await rounds_phones()
    page = phone.page
    await page.get_by_label("Your nickname").fill("Ada")
    await page.get_by_role("button", name="Join").tap()
    await expect(page.get_by_role("heading", name="You're in!")).to_be_visible()
    port = int(page.url.split(":")[2].split("/")[0])
    boss = await Client.connect(f"ws://127.0.0.1:{port}", "/ws/host")
    await boss.send(type="host", token=HOST_TOKEN)
    await boss.send(type="start")
    await expect(page.get_by_role("heading", name="Warm-up")).to_be_visible()
    await expect(page.locator("#round-number")).to_have_text("Round 1 of 2")
    await expect(page.locator("#round-note")).to_have_text("1 question")
    await phone.shot("player-round")
    await boss.send(type="next")
    await expect(page.get_by_role("heading", name="Pick B")).to_be_visible()
    await boss.close()


NEGATIVE = attrs.evolve(
    SHORT,
    questions=(attrs.evolve(SHORT.questions[0], scoring=ScoringMode.ACCURACY, wrong_points=-250),),
)


@pytest_asyncio.fixture(loop_scope="session")
async def negative_phones(browser: Browser, tmp_path: Path) -> AsyncIterator[PhoneFactory]:
    running = await start_server(NEGATIVE, tmp_path / "quiz.db")
    try:
        async with phone_factory(browser, running) as factory:
            yield factory
    finally:
        await asyncio.wait_for(stop_server(running), 10)


async def test_negative_marking_shows_a_minus(negative_phones: PhoneFactory) -> None:
    """The question says what a wrong answer costs; the reveal shows −250 (a true minus)."""
    phone = await negative_phones()
    page = phone.page
    await page.get_by_label("Your nickname").fill("Ada")
    await page.get_by_role("button", name="Join").tap()
    await expect(page.get_by_role("heading", name="You're in!")).to_be_visible()
    port = int(page.url.split(":")[2].split("/")[0])
    boss = await Client.connect(f"ws://127.0.0.1:{port}", "/ws/host")
    await boss.send(type="host", token=HOST_TOKEN)
    await boss.send(type="start")
    await expect(page.locator("#question-points")).to_have_text(
        "No time bonus · Wrong answer \u2212250"
    )
    await page.get_by_role("button", name="A").tap()
    await expect(page.get_by_role("status").filter(has_text="Answer sent")).to_be_visible()
    await boss.send(type="skip")
    await expect(page.locator("#reveal-points")).to_have_text("\u2212250")
    await phone.shot("player-negative-marking")
    await boss.close()


@pytest_asyncio.fixture(loop_scope="session")
async def team_phones(browser: Browser, tmp_path: Path) -> AsyncIterator[PhoneFactory]:
    rules = GameSettings(teams=("Red", "Blue"))
    running = await start_server(SHORT, tmp_path / "quiz.db", rules=rules)
    try:
        async with phone_factory(browser, running) as factory:
            yield factory
    finally:
        await asyncio.wait_for(stop_server(running), 10)


async def test_a_team_game_on_a_phone(team_phones: PhoneFactory) -> None:
    """The join form offers the teams; the lobby names the team; the reveal and the
    leaderboard give the team's place."""
    phone = await team_phones()
    page = phone.page
    await expect(page.get_by_label("Your team")).to_be_visible()
    await page.get_by_label("Your nickname").fill("Ada")
    await page.get_by_label("Your team").select_option("Blue")
    await phone.shot("player-join-team")
    await page.get_by_role("button", name="Join").tap()
    await expect(page.locator("#lobby-name")).to_have_text("Ada · Team Blue")
    port = int(page.url.split(":")[2].split("/")[0])
    boss = await Client.connect(f"ws://127.0.0.1:{port}", "/ws/host")
    await boss.send(type="host", token=HOST_TOKEN)
    await boss.send(type="start")
    await page.get_by_role("button", name="B").tap()
    await expect(page.get_by_role("status").filter(has_text="Answer sent")).to_be_visible()
    await boss.send(type="skip")
    await expect(page.locator("#reveal-team")).to_contain_text("Team Blue is 1st with")
    await boss.send(type="next")
    await expect(page.locator("#leaderboard-team")).to_contain_text("Team Blue is 1st")
    for command in ("next", "skip", "next", "next"):  # question 2, unanswered, to the podium
        await boss.send(type=command)
        await asyncio.sleep(0.2)
    await expect(page.locator("#podium-team")).to_contain_text("Team Blue is 1st")
    await phone.shot("player-podium-team")
    await boss.close()
