"""The kick that means it, on a real phone: a kicked page that reloads and types a new
nickname sees the kicked screen again; the device id is kept for that game only and deleted
when the game ends."""

from __future__ import annotations

import time
from typing import Any

import pytest
from playwright.async_api import expect

from tests.browser.conftest import CHROMIUM, Phone, PhoneFactory
from tests.integration.wire import Client, Running, host, host_state_where
from tests.kit.player_page import join_as, joined_phone, player_id_of

pytestmark = [
    pytest.mark.asyncio(loop_scope="session"),
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium"),
]

KICKED = "You were removed from the game"
PREFIX = "quizhost:device:"


async def devices(phone: Phone) -> dict[str, Any]:
    """The device ids the page keeps, by PIN."""
    stored = await phone.page.evaluate(
        """(prefix) => Object.fromEntries(Object.keys(localStorage)
            .filter((k) => k.startsWith(prefix))
            .map((k) => {
                const [at, id] = localStorage.getItem(k).split(" ");
                return [k.slice(prefix.length), {at: Number(at), id}];
            }))""",
        PREFIX,
    )
    assert isinstance(stored, dict)
    return stored


async def test_a_kicked_phone_that_reloads_and_picks_a_new_name_is_kicked(
    phones: PhoneFactory, game: Running
) -> None:
    """Max is kicked, reloads, types "Maxine": the kicked screen, and no Maxine in the game.
    Another phone still joins."""
    phone = await joined_phone(phones, "Max")
    page = phone.page
    kept = await devices(phone)
    assert list(kept) == [game.pin]
    device = kept[game.pin]["id"]
    assert isinstance(device, str) and len(device) >= 16
    boss = await host(game)
    max_id = await player_id_of(boss, "Max")

    await boss.send(type="kick", player_id=max_id)
    await expect(page.get_by_role("heading", name=KICKED)).to_be_visible()
    assert (await devices(phone))[game.pin]["id"] == device, "a kick keeps the id"

    await page.reload()
    await expect(page.get_by_role("button", name="Join")).to_be_visible()
    await join_as(phone, "Maxine")
    await expect(page.get_by_role("heading", name=KICKED)).to_be_visible()
    await phone.shot("player-kicked-again")
    names = [p.name for p in game.session.game.players.values()]
    assert names == ["Max"], names  # kicked Max only: Maxine never joined

    other = await joined_phone(phones, "Maxine")
    assert list(await devices(other)) == [game.pin]
    assert (await devices(other))[game.pin]["id"] != device
    await boss.close()


async def end_by_host(boss: Client) -> None:
    await boss.send(type="end")


async def test_the_device_id_is_gone_once_the_game_ends(
    phones: PhoneFactory, game: Running
) -> None:
    """Kept while the game runs, deleted at its end; ids of other games are not kept either:
    an old one goes on load, a recent one once this game welcomes the phone."""
    phone = await phones()
    page = phone.page
    day_old = int(time.time() * 1000) - 13 * 3600 * 1000
    recent = int(time.time() * 1000) - 60_000
    await page.evaluate(
        """([prefix, old, recent]) => {
            const keep = (pin, id, at) => localStorage.setItem(prefix + pin, at + " " + id);
            keep("111111", "old-game-0000000000", old);
            keep("222222", "recent-game-00000000", recent);
        }""",
        [PREFIX, day_old, recent],
    )
    await page.reload()
    assert set(await devices(phone)) == {"222222"}  # the day-old id went on load
    await join_as(phone, "Ada")
    await expect(page.get_by_role("heading", name="You're in!")).to_be_visible()
    assert set(await devices(phone)) == {game.pin}  # welcomed here: the other game's went

    boss = await host(game)
    await boss.send(type="start")
    await expect(page.locator("#screen-question")).to_be_visible()
    assert set(await devices(phone)) == {game.pin}
    await end_by_host(boss)
    await expect(page.locator("#screen-final")).to_be_visible()
    assert await devices(phone) == {}
    await boss.close()


async def test_the_device_id_is_gone_at_the_podium(phones: PhoneFactory, game: Running) -> None:
    """A game played to its podium: the phone shows it and keeps no device id."""
    phone = await joined_phone(phones, "Ada")
    assert set(await devices(phone)) == {game.pin}
    boss = await host(game)
    await boss.send(type="start")
    state = "lobby"
    while state != "podium":
        frame = await host_state_where(boss, lambda f, old=state: f["state"] != old)
        state = frame["state"]
        if state == "question":
            await boss.send(type="skip")
        elif state in ("reveal", "leaderboard"):
            await boss.send(type="next")
    await expect(phone.page.locator("#screen-podium")).to_be_visible()
    assert await devices(phone) == {}
    await boss.close()
