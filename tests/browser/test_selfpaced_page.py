"""The player page in an assignment: Start, answer, the result with Next, the own podium."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest
import pytest_asyncio
from playwright.async_api import Browser, expect

from tests.browser.conftest import CHROMIUM, phone_factory
from tests.integration.test_selfpaced import Assigned, start, stop
from tests.integration.wire import SHORT

pytestmark = [
    pytest.mark.asyncio(loop_scope="session"),
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium"),
    pytest.mark.slow,
]


@pytest_asyncio.fixture(loop_scope="session")
async def assigned(tmp_path: Path) -> AsyncIterator[Assigned]:
    running = await start(tmp_path / "q.db", SHORT, auto_next_ms=60_000)
    try:
        yield running
    finally:
        await stop(running)


async def test_a_student_taps_through_an_assignment(browser: Browser, assigned: Assigned) -> None:
    """Start opens the first question; Next the second; Finish shows how many were right."""
    async with phone_factory(browser, assigned) as phones:  # type: ignore[arg-type]
        phone = await phones()
        page = phone.page
        await page.get_by_label("Your nickname").tap()
        await page.keyboard.type("Ada")
        await page.get_by_role("button", name="Join").tap()
        await expect(page.locator("#lobby-wait")).to_contain_text("your own pace")
        await phone.shot("selfpaced-lobby")
        await page.get_by_role("button", name="Start").tap()
        await expect(page.locator("#question-text")).to_have_text("Pick B")
        await page.get_by_role("button", name="B").tap()
        await expect(page.get_by_role("heading", name="Correct!")).to_be_visible()
        await expect(page.locator("#reveal-auto")).to_contain_text("comes by itself in 60 s")
        await phone.shot("selfpaced-reveal")
        await page.get_by_role("button", name="Next").tap()
        await expect(page.locator("#question-text")).to_have_text("Pick A")
        await page.get_by_role("button", name="B").tap()
        await expect(page.get_by_role("heading", name="Not quite")).to_be_visible()
        await page.get_by_role("button", name="Finish").tap()
        await expect(page.locator("#podium-you")).to_contain_text("You got 1 of 2 right.")
        await phone.shot("selfpaced-podium")


async def test_an_assignment_speaks_the_phones_language(
    browser: Browser, assigned: Assigned
) -> None:
    """A German phone: the lobby's line, Start, Next, Finish and the count right are German."""
    async with phone_factory(browser, assigned) as phones:  # type: ignore[arg-type]
        phone = await phones(None, locale="de-DE")
        page = phone.page
        await page.locator("#name").fill("Bea")
        await page.locator("#join-button").tap()
        await expect(page.locator("#lobby-wait")).to_contain_text("in deinem Tempo")
        await page.get_by_role("button", name="Starten").tap()
        await expect(page.locator("#question-text")).to_have_text("Pick B")
        await page.get_by_role("button", name="B").tap()
        await expect(page.locator("#reveal-auto")).to_contain_text("kommt von selbst in 60 s")
        await page.get_by_role("button", name="Weiter").tap()
        await expect(page.locator("#question-text")).to_have_text("Pick A")
        await page.get_by_role("button", name="A").tap()
        await page.get_by_role("button", name="Fertig").tap()
        await expect(page.locator("#podium-you")).to_contain_text("Du hast 2 von 2 richtig.")
