"""Formulas on the phone and the big screen, in a real Chromium against a real server: the
page builds MathML elements from the frame's tree (createElementNS, no HTML parsing anywhere),
and the browser lays them out as maths with no script or font fetched."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import pytest
from playwright.async_api import Browser, Page, expect

from quizhost.bank.models import Bank, ChoiceQuestion, OrderQuestion
from tests.browser.conftest import CHROMIUM, phone_factory
from tests.browser.test_big_screen import open_screen
from tests.integration.wire import host, start_server, stop_server
from tests.kit.player_page import in_lobby, join_as

pytestmark = [
    pytest.mark.asyncio(loop_scope="session"),
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium"),
]

MATHML_NS = "http://www.w3.org/1998/Math/MathML"
MATHS = Bank(
    title="Fractions",
    questions=(
        ChoiceQuestion(
            text=r"What is $\frac{1}{2}$ of \$10?",
            choices=(r"\$5", "$x^2$", "$10$"),
            correct=frozenset({0}),
            explanation=r"Half of $10$ is $\frac{10}{2} = 5$.",
            math=True,
        ),
        OrderQuestion(text="Smallest first", items=(r"$\frac{1}{4}$", "$1$"), math=True),
    ),
)

# Counts every use of an HTML sink, whoever makes it: the page must build formulas without one.
SPY_ON_HTML_SINKS = """
window.__htmlSinks = 0;
for (const [proto, name] of [[Element.prototype, "innerHTML"], [Element.prototype, "outerHTML"],
                             [ShadowRoot.prototype, "innerHTML"]]) {
  const real = Object.getOwnPropertyDescriptor(proto, name);
  Object.defineProperty(proto, name, {
    get() { return real.get.call(this); },
    set(value) { window.__htmlSinks++; real.set.call(this, value); },
  });
}
for (const name of ["insertAdjacentHTML", "setHTMLUnsafe"]) {
  const real = Element.prototype[name];
  if (real) Element.prototype[name] = function (...args) {
    window.__htmlSinks++;
    return real.apply(this, args);
  };
}
const write = Document.prototype.write;
Document.prototype.write = function (...args) {
  window.__htmlSinks++;
  return write.apply(this, args);
};
"""

# The structure of a formula as built: tag names and text, namespace checked on every element.
DESCRIBE = """
(root) => {
  const walk = (node) => {
    if (node.nodeType === Node.TEXT_NODE) return node.textContent;
    if (node.namespaceURI !== "MATHML_NS") return "NOT-MATHML:" + node.nodeName;
    return [node.localName, ...[...node.childNodes].map(walk)];
  };
  return walk(root);
}
""".replace("MATHML_NS", MATHML_NS)

# A fraction laid out as one: the numerator above the denominator.
STACKED = """
(frac) => {
  const [top, bottom] = frac.children;
  return top.getBoundingClientRect().bottom <= bottom.getBoundingClientRect().top + 1;
}
"""


async def formula(page: Page, selector: str) -> Any:
    return await page.locator(selector).first.evaluate(DESCRIBE)


async def test_phone_and_big_screen_show_formulas_as_mathml(
    browser: Browser, tmp_path: Path
) -> None:
    """Question text, choices, order items and the explanation: each formula a <math> element
    of the right structure in the MathML namespace, plain parts as text (`\\$` a dollar), laid
    out by the browser; no HTML sink used, nothing fetched from elsewhere."""
    game = await start_server(MATHS, tmp_path / "quiz.db")
    try:
        async with phone_factory(browser, game) as phones:
            screen = await open_screen(browser, game, f"/screen?key={game.server.screen_key}")
            await screen.page.context.add_init_script(SPY_ON_HTML_SINKS)
            await screen.page.reload()
            phone = await phones()
            await phone.page.context.add_init_script(SPY_ON_HTML_SINKS)
            await phone.page.reload()
            await join_as(phone, "Ada")
            await in_lobby(phone, "Ada")
            boss = await host(game)
            await boss.send(type="start")

            page = phone.page
            text = page.locator("#question-text")
            await expect(text.locator("math")).to_have_count(1)
            await expect(text).to_contain_text("of $10?")
            assert await formula(page, "#question-text math") == [
                "math",
                ["mfrac", ["mn", "1"], ["mn", "2"]],
            ]
            assert await page.locator("#question-text mfrac").evaluate(STACKED)
            tiles = page.locator("#answers .answer-text")
            await expect(tiles.nth(0)).to_have_text("$5")
            assert await formula(page, "#answers .answer-text >> nth=1 >> math") == [
                "math",
                ["msup", ["mi", "x"], ["mn", "2"]],
            ]
            # Screen readers hear the formula in words, not its LaTeX.
            await expect(page.locator("#announce")).to_contain_text("What is 1/2 of $10?")
            await expect(page.locator("#answers .answer").nth(1)).to_have_attribute(
                "aria-label", "x²"
            )
            await phone.shot("math-question")

            await screen.shows("question")
            big = screen.page
            assert await formula(big, "#q-text math") == [
                "math",
                ["mfrac", ["mn", "1"], ["mn", "2"]],
            ]
            assert await big.locator("#q-text mfrac").evaluate(STACKED)
            await expect(big.locator("#q-tiles .tile math")).to_have_count(2)

            await page.locator("#answers .answer").first.tap()
            await boss.send(type="skip")
            explanation = page.locator("#reveal-explanation")
            await expect(explanation.locator("math")).to_have_count(2)
            await expect(explanation).to_contain_text("Half of")
            assert await formula(page, "#reveal-explanation math >> nth=1") == [
                "math",
                ["mfrac", ["mn", "10"], ["mn", "2"]],
                ["mo", "="],
                ["mn", "5"],
            ]
            await expect(page.locator("#reveal-counts math")).to_have_count(2)
            await screen.shows("reveal")
            await expect(big.locator("#r-explanation math")).to_have_count(2)
            await expect(big.locator("#r-bars math")).to_have_count(2)
            await expect(big.locator("#r-bars .label").nth(1)).to_have_attribute(
                "aria-label", "x²: 0 answers"
            )

            await boss.send(type="next")  # the leaderboard
            await boss.send(type="next")  # the order question
            items = page.locator(".order-text")
            await expect(items.locator("math")).to_have_count(2)
            await expect(big.locator("#q-tiles math")).to_have_count(2)
            await phone.shot("math-order")

            for where in (page, big):
                assert await where.evaluate("window.__htmlSinks") == 0
            assert screen.problems() == []
    finally:
        await asyncio.wait_for(stop_server(game), 10)
