"""One number formatter: the console and the results group scores as the phones' browser does."""

from __future__ import annotations

import json

import pytest
from playwright.async_api import Browser

from quizhost.formats import DEFAULT_LANGUAGE, LANGUAGES, score_text

pytestmark = pytest.mark.asyncio(loop_scope="session")

NUMBERS = [0, 7, 950, 1_000, 1_234, 9_999, 10_000, 19_054, 123_456, 1_234_567, 98_765_432]


async def test_score_text_matches_intl_number_format_in_every_listed_language(
    browser: Browser,
) -> None:
    """For each language in the table, Chromium's Intl.NumberFormat gives the same text."""
    page = await browser.new_page()
    try:
        script = (
            "([languages, numbers]) => Object.fromEntries(languages.map("
            "(l) => [l, numbers.map((n) => new Intl.NumberFormat(l).format(n))]))"
        )
        browser_text = await page.evaluate(script, [sorted(LANGUAGES), NUMBERS])
    finally:
        await page.close()
    ours = {language: [score_text(n, language) for n in NUMBERS] for language in LANGUAGES}
    assert ours == browser_text, json.dumps(browser_text, ensure_ascii=True)


async def test_an_unknown_language_groups_as_the_page_default(browser: Browser) -> None:
    """A language outside the table, or a region of one, falls back as documented."""
    page = await browser.new_page()
    try:
        english = await page.evaluate("new Intl.NumberFormat('en').format(19054)")
    finally:
        await page.close()
    assert score_text(19_054, "xx") == score_text(19_054) == english == "19,054"
    assert score_text(19_054, "DE-at".replace("at", "AT")) == score_text(19_054, "de")
    assert DEFAULT_LANGUAGE == "en"
