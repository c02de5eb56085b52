"""The player page for every student: keyboard focus, what the reveal says, forced colours,
reflow at 200 % zoom, and answers within reach on a phone held either way.

axe-core's check of every screen runs in `Phone.shot` (conftest); these are what axe cannot see.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import attrs
import pytest
import pytest_asyncio
from playwright.async_api import Page, ViewportSize, expect

from quizhost.resources import sample_bank
from tests.browser.conftest import CHROMIUM, Phone, PhoneFactory, phone_factory
from tests.integration.wire import EVERY_KIND, Client, Running, host, serving
from tests.kit.player_page import (
    ada_at_the_first_question,
    answer_sent,
    focused,
    in_lobby,
    join_as,
    joined_phone,
    question_heading,
    revealed,
    skip_to,
    tap_choice,
)

pytestmark = [
    pytest.mark.asyncio(loop_scope="session"),
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium"),
]

FOCUS_RING = "rgb(255, 223, 93)"
PORTRAIT: ViewportSize = {"width": 390, "height": 844}
LANDSCAPE: ViewportSize = {"width": 844, "height": 390}
ZOOM_200: ViewportSize = {"width": 195, "height": 422}  # a 390 x 844 phone at 200 % zoom
TEXTS = [q.text for q in EVERY_KIND.questions]
FLAG_ALT = "A white flag with a red disc"


# ---- Focus -------------------------------------------------------------------------------


async def test_focus_stays_on_the_page_after_answering(phones: PhoneFactory, game: Running) -> None:
    """The tapped button is disabled; focus goes to the answer's status, not to <body>."""
    phone, boss = await ada_at_the_first_question(phones, game)
    page = phone.page
    await page.get_by_role("button", name="Canberra").focus()
    await page.keyboard.press("Enter")
    await answer_sent(page)
    assert await focused(page) == "answer-status"
    await boss.close()


async def test_focus_follows_the_item_moved_in_an_order_question(
    phones: PhoneFactory, game: Running
) -> None:
    phone, boss = await ada_at_the_first_question(phones, game)
    page = phone.page
    await skip_to(phone, boss, "Planets from the Sun")
    first = (await page.locator(".order-text").all_text_contents())[0]
    await page.get_by_role("button", name=f"Move {first} down").focus()
    await page.keyboard.press("Enter")
    await expect(page.locator(".order-text").nth(1)).to_have_text(first)
    assert await focused(page) == f"Move {first} down"
    await page.keyboard.press("Enter")
    await page.keyboard.press("Enter")  # now last: its "down" is disabled, focus moves up
    await expect(page.locator(".order-text").nth(3)).to_have_text(first)
    assert await focused(page) == f"Move {first} up"
    await boss.close()


async def test_a_chosen_tile_still_shows_the_focus_ring(
    phones: PhoneFactory, game: Running
) -> None:
    phone, boss = await ada_at_the_first_question(phones, game)
    page = phone.page
    await skip_to(phone, boss, "Which are prime?")
    two = page.get_by_role("button", name="2", exact=True)
    await two.focus()
    await page.keyboard.press("Space")
    await expect(two).to_have_attribute("aria-pressed", "true")
    ring = await two.evaluate(
        "b => { const s = getComputedStyle(b); return [s.outlineStyle, s.outlineColor]; }"
    )
    assert ring == ["solid", FOCUS_RING]
    await boss.close()


async def test_arrow_keys_move_between_answer_tiles(phones: PhoneFactory, game: Running) -> None:
    """Sydney, Canberra / Melbourne: two columns, so down goes from Sydney to Melbourne."""
    phone, boss = await ada_at_the_first_question(phones, game)
    page = phone.page
    await page.get_by_role("button", name="Sydney").focus()
    for key, expected in (
        ("ArrowRight", "Canberra"),
        ("ArrowLeft", "Sydney"),
        ("ArrowDown", "Melbourne"),
        ("ArrowUp", "Sydney"),
        ("End", "Melbourne"),
        ("Home", "Sydney"),
        ("ArrowLeft", "Sydney"),  # no wrapping at the edges
    ):
        await page.keyboard.press(key)
        assert await focused(page) == expected, key
    await boss.close()


async def test_a_new_screen_takes_the_focus_to_its_heading(
    phones: PhoneFactory, game: Running
) -> None:
    phone, boss = await ada_at_the_first_question(phones, game)
    page = phone.page
    assert await focused(page) == "question-text"
    await revealed(page, boss, "No answer this time")
    assert await focused(page) == "reveal-title"
    await boss.send(type="next")
    await expect(page.locator("#screen-leaderboard")).to_be_visible()
    assert await focused(page) == "leaderboard-title"
    await boss.close()


# ---- What the reveal says ----------------------------------------------------------------


async def test_the_reveal_says_what_you_chose_and_what_was_right(
    phones: PhoneFactory, game: Running
) -> None:
    phone, boss = await ada_at_the_first_question(phones, game)
    page = phone.page
    await tap_choice(page, "Sydney")
    await answer_sent(page)
    await revealed(page, boss, "Not quite")
    mine = page.locator(".count.mine")
    await expect(mine).to_have_count(1)
    await expect(mine).to_contain_text("Sydney")
    await expect(mine.get_by_text("Your answer")).to_be_visible()
    right = page.locator(".count.right")
    assert "right answer" in (await right.text_content() or "")
    assert "your answer" in (await mine.text_content() or "").lower()
    said = await page.locator("#announce").text_content() or ""
    assert said.startswith("Not quite. You answered Sydney. The right answer: Canberra."), said

    await page.reload()  # the phone remembers what it sent until the next question
    await expect(page.locator(".count.mine")).to_contain_text("Sydney")
    await skip_to_type_answer(phone, boss)
    await page.get_by_label("Your answer").fill("ag")
    await page.keyboard.press("Enter")
    await answer_sent(page)
    await boss.send(type="skip")
    await expect(page.locator("#reveal-yours")).to_have_text("Your answer: ag")
    await expect(page.locator("#reveal-correct")).to_have_text("Au")
    said = await page.locator("#announce").text_content() or ""
    assert said.startswith("Not quite. You answered ag. The right answer: Au."), said
    await boss.close()


async def skip_to_type_answer(phone: Phone, boss: Client) -> None:
    await boss.send(type="next")
    await boss.send(type="next")
    await skip_to(phone, boss, "Chemical symbol of gold?")


# ---- Forced colours, zoom ----------------------------------------------------------------


async def test_forced_colours_show_only_the_chosen_ticks_and_submit_keeps_its_border(
    phones: PhoneFactory, game: Running
) -> None:
    phone, boss = await ada_at_the_first_question(phones, game)
    page = phone.page
    await page.emulate_media(forced_colors="active")
    await skip_to(phone, boss, "Which are prime?")
    await tap_choice(page, "3")
    ticks = await page.locator(".answer .tick").evaluate_all(
        """ticks => ticks.map(t => {
            const glyph = (t.textContent + getComputedStyle(t, "::before").content)
                .replace(/none|normal|"/g, "").trim();
            return glyph !== "" && getComputedStyle(t).visibility !== "hidden";
        })"""
    )
    assert ticks == [False, True, False, False]
    border = await page.get_by_role("button", name="Submit answer").evaluate(
        "b => [getComputedStyle(b).borderTopStyle, parseFloat(getComputedStyle(b).borderTopWidth)]"
    )
    assert border[0] != "none" and border[1] >= 1, border
    await phone.shot("player-forced-colours", audit=False)
    await boss.close()


async def sideways_overflow(page: Page) -> int:
    return int(
        await page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
    )


async def test_at_200_percent_zoom_nothing_overflows_sideways(
    phones: PhoneFactory, game: Running
) -> None:
    phone, boss = await ada_at_the_first_question(phones, game)
    page = phone.page
    await page.set_viewport_size(ZOOM_200)
    for text in TEXTS[:-1]:
        await skip_to(phone, boss, text)
        await expect(question_heading(page, text)).to_be_visible()
        assert await sideways_overflow(page) == 0, text
        await boss.send(type="skip")
        await expect(page.locator("#screen-reveal")).to_be_visible()
        assert await sideways_overflow(page) == 0, f"reveal of {text}"
    await boss.close()


# ---- Within reach ------------------------------------------------------------------------


IN_VIEW = """() => [...document.querySelectorAll(
    "#answers .answer, #answers .submit, #answers .order-item, #answers input, #answers output")]
    .filter(e => e.getClientRects().length)
    .filter(e => { const r = e.getBoundingClientRect();
        return r.top < 0 || r.bottom > innerHeight + 0.5; })
    .map(e => e.textContent.trim() || e.id || e.className)"""


async def every_answer_in_reach(phones: PhoneFactory, game: Running) -> None:
    """Two phones, one upright and one on its side, through every question of the game."""
    upright = await joined_phone(phones, "Ada")
    sideways = await phones()
    await sideways.page.set_viewport_size(LANDSCAPE)
    await join_as(sideways, "Bea")
    await in_lobby(sideways, "Bea")
    boss = await host(game)
    await boss.send(type="start")
    for number, question in enumerate(game.session.bank.questions):
        for phone in (upright, sideways):
            await expect(question_heading(phone.page, question.text)).to_be_visible()
            await asyncio.sleep(0.4)  # any scrolling the page does for itself
            out = await phone.page.evaluate(IN_VIEW)
            size = phone.page.viewport_size
            assert not out, f"question {number + 1} at {size}: {out} out of view"
        await boss.send(type="skip")
        await boss.send(type="next")
        await boss.send(type="next")
    await boss.close()


async def test_every_answer_is_in_reach_on_a_phone_held_either_way(
    phones: PhoneFactory, game: Running
) -> None:
    await every_answer_in_reach(phones, game)


@pytest_asyncio.fixture(loop_scope="session")
async def picture_game(tmp_path: Path) -> AsyncIterator[Running]:
    """EVERY_KIND with a picture on every question, the tallest a question gets."""
    source = sample_bank()
    image = next(p for p in (source.parent / "images").iterdir() if p.suffix == ".svg")
    bank = attrs.evolve(
        EVERY_KIND,
        source=source,
        questions=tuple(
            attrs.evolve(q, image=f"images/{image.name}", image_alt=FLAG_ALT if n == 0 else None)
            for n, q in enumerate(EVERY_KIND.questions)
        ),
    )
    async with serving(bank, tmp_path / "quiz.db") as running:
        yield running


async def test_every_answer_is_in_reach_on_picture_questions(
    browser: Any, picture_game: Running
) -> None:
    async with phone_factory(browser, picture_game) as phones:
        await every_answer_in_reach(phones, picture_game)


async def test_a_picture_is_described_in_the_banks_words_or_said_to_have_none(
    browser: Any, picture_game: Running
) -> None:
    """The bank's alt text is the picture's name; without one the page says there is none."""
    async with phone_factory(browser, picture_game) as phones:
        phone, boss = await ada_at_the_first_question(phones, picture_game)
        picture = phone.page.locator("#question-image")
        await expect(phone.page.get_by_role("img", name=FLAG_ALT)).to_be_visible()
        await skip_to(phone, boss, TEXTS[1])
        await expect(picture).to_be_visible()
        await expect(picture).to_have_attribute(
            "alt", "A picture for this question, with no description"
        )
