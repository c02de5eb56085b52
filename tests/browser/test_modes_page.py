"""The player page in the game modes: the question intro ("get ready") in a real Chromium."""

from __future__ import annotations

import asyncio

import attrs
import pytest
from playwright.async_api import expect

from quizhost.bank.models import ScoringMode
from quizhost.core import GameSettings
from tests.browser.conftest import CHROMIUM, GameOpener
from tests.integration.test_modes import ROUNDS
from tests.integration.wire import SHORT, host
from tests.kit.player_page import answer_sent, joined_phone

pytestmark = [
    pytest.mark.asyncio(loop_scope="session"),
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium"),
]


async def test_get_ready_then_the_question_then_the_reveal_by_itself(
    phones_on: GameOpener,
) -> None:
    """The phone shows "Get ready!" with the question, then the answers; Ada's answer (the
    only player) reveals at once. (Questions have a 1.5 s intro and close when everyone
    answered.)"""
    phones, running = await phones_on(SHORT, GameSettings(read_ms=1_500, auto_close=True))
    phone = await joined_phone(phones, "Ada")
    page = phone.page
    boss = await host(running)
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


async def test_a_round_title_screen(phones_on: GameOpener) -> None:
    """The round's number, title and size, then its first question."""
    phones, running = await phones_on(ROUNDS)
    phone = await joined_phone(phones, "Ada")
    page = phone.page
    boss = await host(running)
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


async def test_negative_marking_shows_a_minus(phones_on: GameOpener) -> None:
    """The question says what a wrong answer costs; the reveal shows −250 (a true minus)."""
    phones, running = await phones_on(NEGATIVE)
    phone = await joined_phone(phones, "Ada")
    page = phone.page
    boss = await host(running)
    await boss.send(type="start")
    await expect(page.locator("#question-points")).to_have_text(
        "No time bonus · Wrong answer \u2212250"
    )
    await page.get_by_role("button", name="A").tap()
    await answer_sent(page)
    await boss.send(type="skip")
    await expect(page.locator("#reveal-points")).to_have_text("\u2212250")
    await phone.shot("player-negative-marking")
    await boss.close()


async def test_a_team_game_on_a_phone(phones_on: GameOpener) -> None:
    """The join form offers the teams; the lobby names the team; the reveal and the
    leaderboard give the team's place."""
    phones, running = await phones_on(SHORT, GameSettings(teams=("Red", "Blue")))
    phone = await phones()
    page = phone.page
    await expect(page.get_by_label("Your team")).to_be_visible()
    await page.get_by_label("Your nickname").fill("Ada")
    await page.get_by_label("Your team").select_option("Blue")
    await phone.shot("player-join-team")
    await page.get_by_role("button", name="Join").tap()
    await expect(page.locator("#lobby-name")).to_have_text("Ada · Team Blue")
    boss = await host(running)
    await boss.send(type="start")
    await page.get_by_role("button", name="B").tap()
    await answer_sent(page)
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
