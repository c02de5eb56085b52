"""Honest about the network: a silent loss (no close, nothing forwarded) is seen by the page
within seconds and by the server at its heartbeat deadline, and the page comes back by itself.

A relay (tests/browser/relay.py) sits between the phone and the server, since Chromium's
offline mode leaves an open websocket working.
"""

from __future__ import annotations

import time
from collections.abc import AsyncIterator
from typing import Any

import pytest
import pytest_asyncio
from playwright.async_api import expect

from tests.browser.conftest import CHROMIUM, phone_factory
from tests.browser.relay import Relay
from tests.browser.test_player_page import (
    answer_sent,
    in_lobby,
    join_as,
    question_heading,
    tap_choice,
)
from tests.integration.wire import Running, host, host_state_where

pytestmark = [
    pytest.mark.asyncio(loop_scope="session"),
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium"),
]

SOCKET_FAILED = r"WebSocket connection to 'ws://127\.0\.0\.1:\d+/ws/play' failed"


@pytest_asyncio.fixture(loop_scope="session")
async def relay(game: Running) -> AsyncIterator[Relay]:
    relay = Relay(game.server.port)
    await relay.start()
    try:
        yield relay
    finally:
        await relay.stop()


def connected(state: dict[str, Any]) -> bool:
    return bool(state["players"]) and bool(state["players"][0]["connected"])


async def test_a_silent_loss_shows_the_banner_and_the_player_comes_back(
    browser: Any, game: Running, relay: Relay
) -> None:
    """Within about 5 s the banner shows; within about 10 s the host sees Ada gone; once the
    network heals she is back in the same place, as the same player."""
    boss = await host(game)
    async with phone_factory(browser, game, relay.port) as phones:
        phone = await phones(f"/?pin={game.pin}")
        phone.allow_console_error(SOCKET_FAILED)
        page = phone.page
        await join_as(phone, "Ada")
        await in_lobby(phone, "Ada")
        (player_id,) = game.session.links
        banner = page.get_by_text("Reconnecting…")

        relay.go_silent()
        lost = time.monotonic()
        await expect(banner).to_be_visible(timeout=8_000)
        seen_by_page = time.monotonic() - lost
        await host_state_where(boss, lambda s: not connected(s), timeout=13)
        seen_by_server = time.monotonic() - lost
        assert seen_by_page <= 6.5, seen_by_page
        assert seen_by_server <= 11, seen_by_server

        relay.heal()
        await expect(banner).to_be_hidden(timeout=10_000)
        await host_state_where(boss, connected)
        assert list(game.session.links) == [player_id]
        await boss.send(type="start")
        await expect(question_heading(page, "Capital of Australia?")).to_be_visible()
        await tap_choice(page, "Canberra")
        await answer_sent(page)
    await boss.close()


async def test_back_online_drops_a_socket_that_still_looks_open(
    browser: Any, game: Running, relay: Relay
) -> None:
    """The `online` event does not trust the old socket: it reconnects at once, long before
    the silence would have been noticed."""
    boss = await host(game)
    async with phone_factory(browser, game, relay.port) as phones:
        phone = await phones(f"/?pin={game.pin}")
        phone.allow_console_error(SOCKET_FAILED)
        page = phone.page
        await join_as(phone, "Ada")
        await in_lobby(phone, "Ada")
        before = relay.connections

        relay.cut_open()  # the old connection is dead; new ones go through
        back = time.monotonic()
        await page.evaluate("window.dispatchEvent(new Event('online'))")
        await boss.send(type="start")
        await expect(question_heading(page, "Capital of Australia?")).to_be_visible(timeout=4_000)
        assert time.monotonic() - back < 3.0
        assert relay.connections == before + 1
    await boss.close()
