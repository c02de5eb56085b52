"""Nicknames over the wire: cleaned, refused or replaced, and shown literally."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from quizhost.core.nicknames import _skeleton_map
from quizhost.session.names import ADJECTIVES, ANIMALS, NamePolicy
from tests.integration.wire import (
    EVERY_KIND,
    Client,
    Running,
    host,
    host_state_where,
    join,
    start_server,
    stop_server,
)


@pytest.mark.parametrize(
    ("typed", "shown"),
    [
        ("<img onerror=x>", "<img onerror=x>"),
        ("[bold red]Boss", "[bold red]Boss"),
        ("\x1b[31mRed\x1b[0m", "[31mRed[0m"),
        ("  Zoë\u200b  \u202eX  ", "Zoë X"),
    ],
)
async def test_names_are_cleaned_but_kept_literal(game: Running, typed: str, shown: str) -> None:
    """Markup stays text; escapes, zero-width and bidi characters are removed."""
    client, welcome = await join(game, typed)
    assert welcome["name"] == shown
    await client.close()


@pytest.mark.parametrize("copy", ["ＡＤＡ", "A\u200bda", "\u202eada", " ada "])
async def test_look_alikes_of_a_taken_name_are_taken(game: Running, copy: str) -> None:
    """Full-width letters, zero-width and bidi characters do not make a new name."""
    ada, _ = await join(game, "Ada")
    other = await Client.connect(game.url, "/ws/play")
    await other.send(type="join", pin=game.pin, name=copy)
    assert (await other.expect("error"))["code"] == "name_taken"
    for client in (ada, other):
        await client.close()


async def test_blocklist_and_friendly_names(tmp_path: Path) -> None:
    """A blocked word is refused with name_invalid; friendly mode names players itself."""
    running = await start_server(EVERY_KIND, tmp_path / "q.db")
    running.session.config.names = NamePolicy(["poop"])
    try:
        client = await Client.connect(running.url, "/ws/play")
        await client.send(type="join", pin=running.pin, name="P00P master")
        error = await client.expect("error")
        assert error["code"] == "name_invalid" and "pick another" in error["message"]
        running.session.config.names = NamePolicy(friendly=True)
        await client.send(type="join", pin=running.pin, name="anything rude")
        adjective, animal = (await client.expect("welcome"))["name"].split()
        assert adjective in ADJECTIVES and animal in ANIMALS
        await client.close()
    finally:
        await stop_server(running)


@pytest.mark.parametrize("invisible", ["\u3164\u3164\u3164", "\u2800\u2800", "\u0301\u0308"])
async def test_invisible_names_are_refused(game: Running, invisible: str) -> None:
    """Hangul fillers, blank Braille and bare combining marks are not a name."""
    client = await Client.connect(game.url, "/ws/play")
    await client.send(type="join", pin=game.pin, name=invisible)
    assert (await client.expect("error"))["code"] == "name_invalid"
    await client.close()


async def test_a_cyrillic_look_alike_of_a_taken_name_is_taken(game: Running) -> None:
    """'Аda' with a Cyrillic А cannot join beside 'Ada'."""
    ada, _ = await join(game, "Ada")
    other = await Client.connect(game.url, "/ws/play")
    await other.send(type="join", pin=game.pin, name="\u0410da")
    assert (await other.expect("error"))["code"] == "name_taken"
    for client in (ada, other):
        await client.close()


async def test_a_zwj_emoji_arrives_whole(game: Running) -> None:
    """A family emoji is one character in the welcome, not three people."""
    family = "\U0001f468\u200d\U0001f469\u200d\U0001f467"
    client, welcome = await join(game, f"Kim {family}")
    assert welcome["name"] == f"Kim {family}"
    await client.close()


async def test_resume_on_a_joined_connection_cannot_take_over_another_player(
    game: Running,
) -> None:
    """A socket that joined as one player cannot also speak for another: the resume is
    refused, and when that socket closes its own player is shown disconnected."""
    host_client = await host(game)
    _bea, bea_welcome = await join(game, "Bea")
    ada, ada_welcome = await join(game, "Ada")
    await ada.send(type="resume", token=bea_welcome["token"])
    assert (await ada.expect("error"))["code"] == "bad_state"
    await ada.close()

    def connected(frame: dict[str, Any]) -> dict[str, bool]:
        return {p["name"]: p["connected"] for p in frame["players"]}

    state = await host_state_where(host_client, lambda f: not connected(f).get("Ada", True))
    assert connected(state) == {"Ada": False, "Bea": True}
    assert ada_welcome["player_id"] != bea_welcome["player_id"]
    await _bea.close()
    await host_client.close()


async def test_the_confusables_are_read_before_the_first_join(tmp_path: Path) -> None:
    """Reading Unicode's confusables takes ~20 ms: done when the server starts, not in the
    first phone's join (inside a class joining at once)."""
    _skeleton_map.cache_clear()
    running = await start_server(EVERY_KIND, tmp_path / "q.db")
    try:
        assert _skeleton_map.cache_info().currsize == 1
    finally:
        await stop_server(running)
