"""A kick that means it, over the wire: the kicked phone's device id is refused on any join
(whatever the nickname) and on resume; other devices, and v1 clients, join as before."""

from __future__ import annotations

import asyncio
from typing import Any

from websockets.exceptions import ConnectionClosed

from quizhost.protocol import CLOSE_KICKED
from tests.integration.wire import Client, Running, host, host_state_where

PHONE = "3f2b8c0e-5a1d-4c6e-9b7a-0d4e2f1a6c8b"  # what crypto.randomUUID() gives
OTHER = "9c1e7a2b4d6f80a3c5e7b9d1f3a5c7e9"  # 16 random bytes in hex


async def play_client(running: Running) -> Client:
    return await Client.connect(running.url, "/ws/play")


async def join_from(running: Running, name: str, device: str | None) -> tuple[Client, Any]:
    """A new connection joins as `name` from `device`; returns it and its first frame."""
    client = await play_client(running)
    frame: dict[str, Any] = {"type": "join", "pin": running.pin, "name": name}
    if device is not None:
        frame["device"] = device
    await client.send(**frame)
    return client, await client.recv()


async def assert_kicked(client: Client, first: dict[str, Any]) -> None:
    """The `kicked` frame, then the close 4003, as for the kick itself."""
    assert first == {"type": "kicked"}
    try:
        extra = await client.recv()
        raise AssertionError(f"expected the close, got {extra!r}")
    except ConnectionClosed:
        pass
    assert client.link.close_code == CLOSE_KICKED


async def kick(boss: Client, player_id: str) -> None:
    await boss.send(type="kick", player_id=player_id)
    await host_state_where(boss, lambda f: all(p["id"] != player_id for p in f["players"]))


async def test_a_kicked_phone_is_kicked_again_under_a_new_nickname(short_game: Running) -> None:
    """Join as Ada from PHONE, host kicks, join as Zed from PHONE: kicked; OTHER: welcome."""
    boss = await host(short_game)
    ada, welcome = await join_from(short_game, "Ada", PHONE)
    assert welcome["type"] == "welcome"
    await kick(boss, welcome["player_id"])
    assert (await ada.expect("kicked"))["type"] == "kicked"

    again, first = await join_from(short_game, "Zed", PHONE)
    await assert_kicked(again, first)
    assert "Zed" not in [p.name for p in short_game.session.game.players.values()]

    fresh, first = await join_from(short_game, "Zed", OTHER)
    assert first["type"] == "welcome" and first["name"] == "Zed"
    await fresh.close()


async def test_a_kicked_phone_is_kicked_on_resume_with_any_token(short_game: Running) -> None:
    """Bob's token resumed from Ada's kicked phone is kicked; from Bob's own phone it works."""
    boss = await host(short_game)
    _, ada = await join_from(short_game, "Ada", PHONE)
    bob, bob_welcome = await join_from(short_game, "Bob", OTHER)
    await kick(boss, ada["player_id"])
    await bob.close()

    stolen = await play_client(short_game)
    await stolen.send(type="resume", token=bob_welcome["token"], device=PHONE)
    await assert_kicked(stolen, await stolen.recv())

    back = await play_client(short_game)
    await back.send(type="resume", token=bob_welcome["token"], device=OTHER)
    welcome = await back.expect("welcome")
    assert welcome["player_id"] == bob_welcome["player_id"]
    await back.close()


async def test_the_kicked_players_token_from_the_phone_is_kicked(short_game: Running) -> None:
    """The page resumes with its old token after a reload: it sees `kicked`, not `bad_token`."""
    boss = await host(short_game)
    _, ada = await join_from(short_game, "Ada", PHONE)
    await kick(boss, ada["player_id"])
    client = await play_client(short_game)
    await client.send(type="resume", token=ada["token"], device=PHONE)
    await assert_kicked(client, await client.recv())


async def test_a_v1_client_without_a_device_still_plays(short_game: Running) -> None:
    """No device field: joins, resumes and plays as before (and a kick cannot follow it)."""
    boss = await host(short_game)
    _, ada = await join_from(short_game, "Ada", None)
    assert ada["type"] == "welcome"
    await kick(boss, ada["player_id"])
    again, first = await join_from(short_game, "Ada2", None)
    assert first["type"] == "welcome"
    await again.close()


async def test_junk_device_ids_get_bad_message_and_change_nothing(short_game: Running) -> None:
    """Too short, too long, markup, control characters, a number: a clear `bad_message`."""
    client = await play_client(short_game)
    for junk in ("short", "x" * 65, "<script>alert(1)</script>xx", "abc\u0000defghijklmnopq", 12):
        await client.send(type="join", pin=short_game.pin, name="Ada", device=junk)
        error = await client.expect("error")
        assert error["code"] == "bad_message" and "device" in error["message"]
    await client.send(type="resume", token="whatever", device="a b c d e f g h i j")
    assert (await client.expect("error"))["code"] == "bad_message"
    assert short_game.session.game.players == {}
    await client.send(type="join", pin=short_game.pin, name="Ada", device=PHONE)
    assert (await client.expect("welcome"))["name"] == "Ada"
    await client.close()


async def test_a_device_never_takes_another_players_seat(short_game: Running) -> None:
    """Joining with the device of a player in the game makes a new player; the first stays."""
    ada, ada_welcome = await join_from(short_game, "Ada", PHONE)
    eve, eve_welcome = await join_from(short_game, "Eve", PHONE)
    assert eve_welcome["type"] == "welcome"
    assert eve_welcome["player_id"] != ada_welcome["player_id"]
    await asyncio.sleep(0.1)
    assert short_game.session.game.players[ada_welcome["player_id"]].connected
    await ada.close()
    await eve.close()
