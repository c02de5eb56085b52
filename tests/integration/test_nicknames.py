"""Nicknames over the wire: cleaned, refused or replaced, and shown literally."""

from __future__ import annotations

from pathlib import Path

import pytest

from quizhost.session.names import ADJECTIVES, ANIMALS, NamePolicy
from tests.integration.wire import EVERY_KIND, Client, Running, join, start_server, stop_server


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
