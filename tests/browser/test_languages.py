"""The page in the player's language: chosen from the browser, changed with the picker and
remembered; the bank's text keeps its own language and direction; True/False in the page's
words; right-to-left for Arabic. Screenshots in German and Arabic go to
tests/browser/artifacts/ (copied to docs/screenshots/).
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import attrs
import pytest
import pytest_asyncio
from playwright.async_api import Page, expect

from quizhost.bank.models import ChoiceQuestion
from tests.browser.conftest import CHROMIUM, Phone, phone_factory
from tests.integration.wire import EVERY_KIND, Running, host, serving
from tests.kit.player_page import revealed, skip_to

pytestmark = [
    pytest.mark.asyncio(loop_scope="session"),
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium"),
]

# Written beside the other browser artifacts (ignored), so that a test run leaves the tree clean;
# docs/screenshots/ holds copies chosen from there.
SCREENSHOTS = Path(__file__).resolve().parent / "artifacts"
HEBREW = "מה בירת צרפת?"
ARABIC_CHOICE = "بيرث (WA) 2024"


async def start(bank: Any, tmp_path: Path) -> AsyncIterator[Running]:
    async with serving(bank, tmp_path / "quiz.db") as running:
        yield running


@pytest_asyncio.fixture(loop_scope="session")
async def french_bank_game(tmp_path: Path) -> AsyncIterator[Running]:
    """EVERY_KIND, said to be written in French (for `lang`)."""
    async for running in start(attrs.evolve(EVERY_KIND, language="fr"), tmp_path):
        yield running


@pytest_asyncio.fixture(loop_scope="session")
async def rtl_game(tmp_path: Path) -> AsyncIterator[Running]:
    """A Hebrew question first, with an Arabic choice mixing scripts and digits."""
    first = ChoiceQuestion(
        text=HEBREW, choices=("פריז", "ליון", ARABIC_CHOICE), correct=frozenset({0})
    )
    bank = attrs.evolve(EVERY_KIND, questions=(first, *EVERY_KIND.questions[1:]))
    async for running in start(bank, tmp_path):
        yield running


async def page_language(page: Page) -> tuple[str, str]:
    lang, way = await page.evaluate("[document.documentElement.lang, document.documentElement.dir]")
    return str(lang), str(way)


async def join(phone: Phone, name: str, button: str, lobby: str) -> None:
    page = phone.page
    await page.locator("#name").fill(name)
    await page.get_by_role("button", name=button).click()
    await expect(page.get_by_role("heading", name=lobby)).to_be_visible()


async def test_a_german_browser_gets_the_page_in_german(
    browser: Any, french_bank_game: Running
) -> None:
    """navigator.languages decides; the bank's text is marked French; True/False are German."""
    game = french_bank_game
    async with phone_factory(browser, game) as phones:
        phone = await phones(f"/?pin={game.pin}", locale="de-DE")
        page = phone.page
        await expect(page.get_by_label("Spiel-PIN")).to_have_value(game.pin)
        assert await page_language(page) == ("de", "ltr")
        await expect(page.get_by_label("Sprache")).to_have_value("de")
        await phone.shot("player-join-de")
        await page.screenshot(path=SCREENSHOTS / "player-join-de.png")
        await join(phone, "Ada", "Mitmachen", "Du bist dabei!")
        await expect(page.locator("#lobby-count")).to_have_text("1 Person spielt mit")
        boss = await host(game)
        await boss.send(type="start")
        text = page.locator("#question-text")
        await expect(text).to_have_text("Capital of Australia?")
        await expect(text).to_have_attribute("lang", "fr")
        await expect(text).to_have_attribute("dir", "auto")
        await expect(page.locator("#question-number")).to_have_text("Frage 1 von 7")
        await expect(page.get_by_text("Tippe auf eine Antwort")).to_be_visible()
        await phone.shot("player-question-de")
        await page.screenshot(path=SCREENSHOTS / "player-question-de.png")
        await skip_to(phone, boss, "The Sun is a star.")
        await expect(page.get_by_role("button", name="Richtig")).to_be_visible()
        await page.get_by_role("button", name="Richtig").click()
        await expect(page.get_by_text("Antwort gesendet ✓ Warte auf die anderen…")).to_be_visible()
        await revealed(page, boss, "Richtig!")
        await expect(page.locator("#reveal-rank")).to_contain_text("Du bist auf Platz 1.")
        await boss.close()


async def test_the_picker_changes_the_language_and_remembers_it(
    browser: Any, french_bank_game: Running
) -> None:
    """Choosing Français turns the join screen French at once, and still after a reload."""
    game = french_bank_game
    async with phone_factory(browser, game) as phones:
        phone = await phones(f"/?pin={game.pin}")
        page = phone.page
        await expect(page.get_by_role("button", name="Join")).to_be_visible()
        await page.get_by_label("Language").select_option("fr")
        await expect(page.get_by_role("button", name="Rejoindre")).to_be_visible()
        assert await page_language(page) == ("fr", "ltr")
        await page.reload()
        await expect(page.get_by_role("button", name="Rejoindre")).to_be_visible()
        await expect(page.get_by_label("Langue")).to_have_value("fr")


async def test_arabic_turns_the_page_right_to_left_and_bank_text_keeps_its_direction(
    browser: Any, rtl_game: Running
) -> None:
    """dir=rtl from the language; the Hebrew question ends with its question mark on the left,
    and numbers are the language's own."""
    game = rtl_game
    async with phone_factory(browser, game) as phones:
        phone = await phones(f"/?pin={game.pin}", locale="ar")
        page = phone.page
        await expect(page.get_by_role("button", name="انضم")).to_be_visible()
        assert await page_language(page) == ("ar", "rtl")
        await phone.shot("player-join-ar")
        await page.screenshot(path=SCREENSHOTS / "player-join-ar.png")
        await join(phone, "Ada", "انضم", "أنت في اللعبة!")
        boss = await host(game)
        await boss.send(type="start")
        text = page.locator("#question-text")
        await expect(text).to_have_text(HEBREW)
        direction = await text.evaluate("(e) => getComputedStyle(e).direction")
        assert direction == "rtl"
        # The question mark is the last character; right to left it sits left of the first.
        left_of_first = await text.evaluate(
            """(e) => { const node = e.firstChild; const range = document.createRange();
                range.setStart(node, 0); range.setEnd(node, 1);
                const first = range.getBoundingClientRect().left;
                range.setStart(node, node.length - 1); range.setEnd(node, node.length);
                return range.getBoundingClientRect().left < first; }"""
        )
        assert left_of_first
        choice = page.locator(".answer-text", has_text=ARABIC_CHOICE)
        await expect(choice).to_have_attribute("dir", "auto")
        expected = await page.evaluate("new Intl.NumberFormat('ar').format(1)")
        await expect(page.locator("#question-number")).to_contain_text(expected)
        await phone.shot("player-question-ar")
        await page.screenshot(path=SCREENSHOTS / "player-question-ar.png")
        await boss.close()
