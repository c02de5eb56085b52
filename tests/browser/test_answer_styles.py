"""One colour and shape per answer position, the same on a phone and on the teacher's console.

A player looks up from the phone to the projected console to find their answer: True must be
the same blue diamond on both, and every position of a choice question the same colour and
shape. The phone is a real page in Chromium; the console is the real `AnswerBars` widget in a
Textual app; both are compared with each other and with the one table they read.
"""

from __future__ import annotations

import pytest
from playwright.async_api import Page, expect
from rich.style import Style
from textual.app import App, ComposeResult

from quizhost.answer_styles import ANSWER_STYLES, TRUE_FALSE, style_of
from quizhost.tui.widgets.bars import AnswerBars
from tests.browser.conftest import CHROMIUM, PhoneFactory
from tests.integration.wire import Running
from tests.kit.player_page import ada_at_the_first_question, question_heading

pytestmark = [
    pytest.mark.asyncio(loop_scope="session"),
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium"),
]

SHAPE_OF_GLYPH = {style.glyph: style.shape for style in ANSWER_STYLES}


class BarsApp(App[None]):
    """The console's answer bars, alone on a screen."""

    def compose(self) -> ComposeResult:
        yield AnswerBars(id="bars")


async def console_markers(choices: list[str], kind: str) -> list[tuple[str, str]]:
    """(shape, colour) of each row of the console's answer bars for a question of `kind`."""
    async with BarsApp().run_test(size=(80, 12)) as pilot:
        bars = pilot.app.query_one(AnswerBars)
        bars.show(choices, [1] * len(choices), kind=kind)
        await pilot.pause()
        text = bars.render()
    markers = []
    for line in text.split("\n"):
        glyph = line.plain[0]
        style = next(s.style for s in line.spans if s.start == 0)
        colour = Style.parse(str(style)).color
        assert colour is not None
        markers.append((SHAPE_OF_GLYPH[glyph], colour.triplet.hex if colour.triplet else ""))
    return markers


async def phone_markers(page: Page) -> list[tuple[str, str]]:
    """(shape, background colour) of each answer button on the phone, as drawn."""
    return [
        tuple(pair)
        for pair in await page.locator("#answers .answer").evaluate_all(
            """buttons => buttons.map(b => {
                const [r, g, b2] = getComputedStyle(b).backgroundColor.match(/\\d+/g).map(Number);
                const hex = "#" + [r, g, b2].map(n => n.toString(16).padStart(2, "0")).join("");
                return [b.dataset.shape, hex];
            })"""
        )
    ]


async def test_true_is_the_same_blue_diamond_on_the_phone_and_the_console(
    phones: PhoneFactory, game: Running
) -> None:
    phone, boss = await ada_at_the_first_question(phones, game)
    page = phone.page
    first = await phone_markers(page)
    for _ in range(2):  # to the true/false question, two questions on
        await boss.send(type="skip")
        await boss.send(type="next")
        await boss.send(type="next")
    await expect(question_heading(page, "The Sun is a star.")).to_be_visible()
    await expect(page.locator("#answers .answer")).to_have_text(["True", "False"])
    true_false = await phone_markers(page)

    assert true_false == [("diamond", "#1260be"), ("triangle", "#c8102e")]
    assert true_false == await console_markers(["True", "False"], "true_false")
    assert true_false == [
        (style_of("true_false", i).shape, style_of("true_false", i).colour) for i in range(2)
    ]
    assert [TRUE_FALSE[0], TRUE_FALSE[1]] == [1, 0]

    assert first == [("triangle", "#c8102e"), ("diamond", "#1260be"), ("circle", "#ffc21a")]
    assert first == await console_markers(["Sydney", "Canberra", "Melbourne"], "choice")
    await boss.close()


async def test_six_choices_have_six_different_markers_on_the_console() -> None:
    """The console once repeated its four shapes from the fifth choice on."""
    markers = await console_markers([f"choice {n}" for n in range(6)], "choice")
    assert markers == [(style.shape, style.colour) for style in ANSWER_STYLES]
    assert len(set(markers)) == 6
