"""`quizhost preview --screen` in a real Chromium: the big-screen page follows the console.

The console is the real preview app driven by Textual's Pilot; the page is the shipped big
screen, opened at the address the console shows, in the same loop as the browser.
"""

from __future__ import annotations

import re

import pytest
from playwright.async_api import Browser, expect

from quizhost.bank import load_bank
from quizhost.tui.preview import PreviewApp
from tests.browser.conftest import CHROMIUM
from tests.browser.test_big_screen import HD, Screen
from tests.tui.console import BANK, KINDS_BANK, screen_text

pytestmark = [
    pytest.mark.asyncio(loop_scope="session"),
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium"),
]


def shown_url(app: PreviewApp) -> str:
    found = re.search(r"Big screen: (http://\S+)", screen_text(app))
    assert found is not None
    return found.group(1)


async def open_preview_screen(browser: Browser, url: str) -> Screen:
    context = await browser.new_context(viewport=HD, reduced_motion="reduce")
    context.set_default_timeout(5_000)
    page = await context.new_page()
    screen = Screen(page, url.split("/screen?", 1)[0])
    await page.goto(url)
    return screen


async def test_the_page_shows_the_previewed_question_then_its_reveal(browser: Browser) -> None:
    app = PreviewApp(load_bank(BANK), screen_port=0)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        screen = await open_preview_screen(browser, shown_url(app))
        page = screen.page
        await screen.shows("question")
        await expect(page.locator("#q-text")).to_have_text("What is the capital of Australia?")
        await expect(page.locator("#q-tiles li")).to_have_count(4)
        await expect(page.locator("#q-answered")).to_be_hidden()  # no players: no "0 of 0"
        assert "key=" not in page.url  # the key left the address bar, as in a game
        await pilot.press("right")
        await screen.shows("reveal")
        await expect(page.locator("#r-text")).to_have_text("What is the capital of Australia?")
        right = page.locator('#r-bars li[data-correct="true"]')
        await expect(right).to_have_count(1)
        await expect(right).to_contain_text("Canberra")
        await expect(page.locator("#r-explanation")).to_contain_text("Canberra was built")
        await pilot.press("left")  # back: that step's view again
        await screen.shows("question")
        await expect(page.locator("#s-reveal")).to_be_hidden()
        await pilot.press("right", "right")
        await screen.shows("question")
        await expect(page.locator("#q-text")).to_have_text("The Sun is a star.")
        assert screen.problems() == []
        await page.context.close()
        await pilot.press("q")


async def test_a_question_picture_is_served_to_the_page(browser: Browser) -> None:
    app = PreviewApp(load_bank(KINDS_BANK), screen_port=0)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        screen = await open_preview_screen(browser, shown_url(app))
        page = screen.page
        image = page.locator("#q-image")
        while not await image.is_visible():
            assert app.screen.check_action("forward", ()) is True
            await pilot.press("right")
            await pilot.pause()
            await page.wait_for_timeout(100)
        natural = await image.evaluate("img => img.complete && img.naturalWidth")
        assert natural and natural > 0
        assert screen.problems() == []
        await page.context.close()
        await pilot.press("q")
