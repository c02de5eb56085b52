"""The player page driven as a player drives it: join, answer, move on, and wait.

The helpers every browser test shares (they were in test modules, which other tests then
imported); `Phone` and the `phones` fixture that makes them are in tests/browser/conftest.py.
"""

from __future__ import annotations

import asyncio
import inspect
from collections.abc import Awaitable, Callable
from typing import Any

from playwright.async_api import Page, expect

from tests.browser.conftest import Phone, PhoneFactory
from tests.integration.wire import Client, Running, host, host_state_where

PLANETS = ["Mercury", "Venus", "Earth", "Mars"]


async def until(condition: Callable[[], bool | Awaitable[bool]], timeout: float = 5.0) -> None:
    """Wait until `condition()` (plain or async) holds; fail after `timeout` seconds."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while True:
        held = condition()
        if inspect.isawaitable(held):
            held = await held
        if held:
            return
        assert loop.time() < deadline, "timed out"
        await asyncio.sleep(0.05)


async def join_as(phone: Phone, name: str) -> None:
    """Type a nickname on the join form (PIN pre-filled by the QR link) and tap Join."""
    page = phone.page
    await page.get_by_label("Your nickname").tap()
    await page.keyboard.type(name)
    await page.get_by_role("button", name="Join").tap()


async def in_lobby(phone: Phone, name: str) -> None:
    await expect(phone.page.get_by_role("heading", name="You're in!")).to_be_visible()
    await expect(phone.page.locator("#lobby-name")).to_have_text(name)


async def joined_phone(phones: PhoneFactory, name: str) -> Phone:
    phone = await phones()
    await join_as(phone, name)
    await in_lobby(phone, name)
    return phone


def question_heading(page: Page, text: str) -> Any:
    return page.get_by_role("heading", name=text)


async def ada_at_the_first_question(phones: PhoneFactory, game: Running) -> tuple[Phone, Client]:
    """Ada's phone showing the first question, and the host client that started it."""
    phone = await joined_phone(phones, "Ada")
    boss = await host(game)
    await boss.send(type="start")
    await expect(question_heading(phone.page, "Capital of Australia?")).to_be_visible()
    return phone, boss


async def answer_sent(page: Page) -> None:
    await expect(page.get_by_role("status").filter(has_text="Answer sent")).to_be_visible()


async def revealed(page: Page, boss: Client, title: str) -> None:
    """The host closes the question; the phone shows its reveal, headed `title`."""
    await boss.send(type="skip")
    await expect(page.get_by_role("heading", name=title, exact=True)).to_be_visible()


async def on_to_question(page: Page, boss: Client, text: str) -> None:
    """From a reveal, past the leaderboard, to the next question (headed `text`)."""
    await boss.send(type="next")
    await boss.send(type="next")
    await expect(question_heading(page, text)).to_be_visible()


async def player_id_of(boss: Client, name: str) -> str:
    state = await host_state_where(boss, lambda f: any(p["name"] == name for p in f["players"]))
    return str(next(p["id"] for p in state["players"] if p["name"] == name))


async def tap_choice(page: Page, text: str) -> None:
    await page.get_by_role("button", name=text, exact=True).tap()


async def set_slider(page: Page, value: int) -> None:
    """Drag the thumb near the value, then tap - or + until the shown value is right."""
    slider = page.get_by_role("slider")
    box = await slider.bounding_box()
    assert box is not None
    low, high = (
        float(await slider.get_attribute("min") or 0),
        float(await slider.get_attribute("max") or 0),
    )
    x = box["x"] + box["width"] * (value - low) / (high - low)
    y = box["y"] + box["height"] / 2
    await page.mouse.move(box["x"] + box["width"] / 2, y)
    await page.mouse.down()
    await page.mouse.move(x, y, steps=5)
    await page.mouse.up()
    shown = page.locator(".slider-value")
    for _ in range(60):
        current = int(await shown.text_content() or 0)
        if current == value:
            return
        await page.get_by_role("button", name="More" if current < value else "Less").tap()
    raise AssertionError("could not set the slider")


async def put_in_order(page: Page, wanted: list[str]) -> None:
    """Tap an item, then tap the place it should go; the last one with the arrows."""
    items = page.locator(".order-text")
    for position, name in enumerate(wanted[:2]):
        current = await items.all_text_contents()
        if current[position] != name:
            await page.locator(".order-pick", has_text=name).tap()
            await page.locator(".order-pick").nth(position).tap()
    for _ in range(4):
        current = await items.all_text_contents()
        if current.index(wanted[2]) > 2:
            await page.get_by_role("button", name=f"Move {wanted[2]} up").tap()
        elif current.index(wanted[2]) < 2:
            await page.get_by_role("button", name=f"Move {wanted[2]} down").tap()
    await expect(items).to_have_text(wanted)


async def skip_to(phone: Phone, boss: Client, text: str) -> None:
    """Close questions unanswered until the one with `text` shows."""
    page = phone.page
    while not await question_heading(page, text).is_visible():
        await boss.send(type="skip")
        await expect(page.locator("#screen-reveal")).to_be_visible()
        await boss.send(type="next")
        await expect(page.locator("#screen-leaderboard")).to_be_visible()
        await boss.send(type="next")
        await expect(page.locator("#screen-question")).to_be_visible()


async def focused(page: Page) -> str:
    """What has the keyboard focus: its id, else its accessible text."""
    return str(
        await page.evaluate(
            """() => { const e = document.activeElement;
                if (!e || e === document.body) return "<body>";
                return e.id || e.getAttribute("aria-label") || e.textContent.trim(); }"""
        )
    )
