"""Extra time on the player page in a real Chromium: the marked phone counts down its own,
longer time with no change to the page, and a mark given mid-question moves it at once."""

from __future__ import annotations

import re

import pytest
from playwright.async_api import expect

from tests.browser.conftest import CHROMIUM, PhoneFactory
from tests.integration.wire import Running, host
from tests.kit.player_page import joined_phone, player_id_of, question_heading, tap_choice

pytestmark = [
    pytest.mark.asyncio(loop_scope="session"),
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium"),
]

QUESTION = "Capital of Australia?"  # 20 s


async def test_a_marked_phone_counts_down_its_own_time(phones: PhoneFactory, game: Running) -> None:
    """+50 % on a 20 s question: Ada's countdown starts near 30; Bob's near 20."""
    ada = await joined_phone(phones, "Ada")
    bob = await joined_phone(phones, "Bob")
    boss = await host(game)
    await boss.send(type="extra_time", player_id=await player_id_of(boss, "Ada"), percent=50)
    await boss.send(type="start")
    await expect(question_heading(ada.page, QUESTION)).to_be_visible()
    await expect(question_heading(bob.page, QUESTION)).to_be_visible()
    await expect(ada.page.locator("#timer-value")).to_have_text(re.compile(r"^(2[3-9]|30)$"))
    await expect(bob.page.locator("#timer-value")).to_have_text(re.compile(r"^(1[3-9]|20)$"))


async def test_a_mark_mid_question_moves_the_countdown_and_keeps_the_choice(
    phones: PhoneFactory, game: Running
) -> None:
    """Marked +100 % while the question is open: the countdown jumps past 20, the question
    stays on screen, and the answer is still taken."""
    ada = await joined_phone(phones, "Ada")
    boss = await host(game)
    await boss.send(type="start")
    page = ada.page
    await expect(question_heading(page, QUESTION)).to_be_visible()
    await expect(page.locator("#timer-value")).to_have_text(re.compile(r"^(1[3-9]|20)$"))
    await boss.send(type="extra_time", player_id=await player_id_of(boss, "Ada"), percent=100)
    await expect(page.locator("#timer-value")).to_have_text(re.compile(r"^(3[3-9]|40)$"))
    await expect(question_heading(page, QUESTION)).to_be_visible()
    await tap_choice(page, "Canberra")
    await expect(page.get_by_role("status").filter(has_text="Answer sent")).to_be_visible()
