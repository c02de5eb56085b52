"""Every error code of the protocol, and the limits, against a real server."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from websockets.exceptions import ConnectionClosed, InvalidStatus

from quizhost.server.settings import ServerSettings
from tests.integration.wire import (
    EVERY_KIND,
    HOST_TOKEN,
    Client,
    Running,
    host,
    join,
    start_server,
    stop_server,
)


async def error_for(client: Client, **frame: object) -> str:
    await client.send(**frame)
    return str((await client.expect("error"))["code"])


async def test_join_errors(game: Running) -> None:
    """bad_pin, name_invalid, name_taken, bad_message and a second join on one socket."""
    ada, _ = await join(game, "Ada")
    other = await Client.connect(game.url, "/ws/play")
    wrong_pin = "000000" if game.pin != "000000" else "111111"
    assert await error_for(other, type="join", pin=wrong_pin, name="Bob") == "bad_pin"
    assert await error_for(other, type="join", pin=game.pin, name="\u200b \u202e ") == (
        "name_invalid"
    )
    assert await error_for(other, type="join", pin=game.pin, name="x" * 21) == "name_invalid"
    assert await error_for(other, type="join", pin=game.pin, name=" ADA ") == "name_taken"
    assert await error_for(other, type="join", pin=123456, name="Bob") == "bad_message"
    assert await error_for(other, type="join", pin=game.pin) == "bad_message"
    assert await error_for(ada, type="join", pin=game.pin, name="Again") == "bad_state"
    # After all that, the same connection can still join.
    await other.send(type="join", pin=game.pin, name="Bob")
    assert (await other.expect("welcome"))["name"] == "Bob"
    await ada.close()
    await other.close()


@pytest.mark.parametrize(
    "frame",
    [
        "not json",
        "[1, 2]",
        '{"no": "type"}',
        '{"type": 7}',
        '{"type": "dance"}',
        '{"type": "answer", "question": "0", "choice": 1}',
        '{"type": "answer", "question": 0, "choice": true}',
        '{"type": "answer", "question": 0, "choice": 1, "text": "x"}',
        '{"type": "answer", "question": 0, "value": 1e999}',
        '{"type": "answer", "question": 0, "text": "\\ud800"}',
        "[" * 2000 + "]" * 2000,
    ],
)
async def test_malformed_frames_get_bad_message(game: Running, frame: str) -> None:
    """Junk of every sort gets bad_message and the connection stays usable."""
    ada, _ = await join(game, "Ada")
    await ada.link.send(frame)
    assert (await ada.expect("error"))["code"] == "bad_message"
    await ada.link.send(b'{"type": "resume", "token": "x"}')  # binary frames are junk too
    assert (await ada.expect("error"))["code"] == "bad_message"
    await ada.close()


async def test_answer_errors_in_protocol_order(game: Running) -> None:
    """not_joined, no_question, bad_answer, too_late, already_answered."""
    stranger = await Client.connect(game.url, "/ws/play")
    assert await error_for(stranger, type="answer", question=0, choice=1) == "not_joined"
    assert await error_for(stranger, type="answer", question="x") == "not_joined"
    ada, _ = await join(game, "Ada")
    assert await error_for(ada, type="answer", question=0, choice=1) == "no_question"
    boss = await host(game)
    await boss.send(type="start")
    await ada.expect("question")
    assert await error_for(ada, type="answer", question=0, choice=7) == "bad_answer"
    assert await error_for(ada, type="answer", question=0, text="Canberra") == "bad_answer"
    assert await error_for(ada, type="answer", question=0) == "bad_message"
    assert await error_for(ada, type="answer", question=5, choice=1) == "no_question"
    await ada.send(type="answer", question=0, choice=1)
    await ada.expect("answer_ack")
    assert await error_for(ada, type="answer", question=0, choice=1) == "already_answered"
    await boss.send(type="skip")
    await ada.expect("reveal")
    assert await error_for(ada, type="answer", question=0, choice=1) == "too_late"
    await boss.send(type="next")
    await ada.expect("leaderboard")
    await boss.send(type="next")
    await ada.expect("question")
    assert await error_for(ada, type="answer", question=0, choice=1) == "too_late"
    for client in (stranger, ada, boss):
        await client.close()


async def test_host_commands_that_do_not_fit_get_bad_state(game: Running) -> None:
    """next/skip/pause in the lobby are refused and nothing changes."""
    boss = await host(game)
    for command in ("next", "skip", "pause", "resume"):
        assert await error_for(boss, type=command) == "bad_state"
    assert await error_for(boss, type="add_time", ms=1000) == "bad_state"
    assert await error_for(boss, type="kick", player_id="nobody") == "bad_state"
    assert await error_for(boss, type="fly") == "bad_message"
    assert await error_for(boss, type="add_time", ms="10") == "bad_message"
    assert game.session.game.phase.value == "lobby"
    await boss.close()


async def test_lock_full_and_kick(tmp_path: Path) -> None:
    """game_locked, game_full, kicked (frame, close 4003, token refused as bad_token)."""
    running = await start_server(EVERY_KIND, tmp_path / "q.db", max_players=2)
    try:
        ada, ada_welcome = await join(running, "Ada")
        bob, bob_welcome = await join(running, "Bob")
        cat = await Client.connect(running.url, "/ws/play")
        assert await error_for(cat, type="join", pin=running.pin, name="Cat") == "game_full"
        boss = await host(running)
        await boss.send(type="kick", player_id=bob_welcome["player_id"])
        await bob.expect("kicked")
        with pytest.raises(ConnectionClosed) as closed:
            await bob.recv()
        assert closed.value.rcvd is not None and closed.value.rcvd.code == 4003
        back = await Client.connect(running.url, "/ws/play")
        assert await error_for(back, type="resume", token=bob_welcome["token"]) == "bad_token"
        await boss.send(type="lock")
        assert await error_for(cat, type="join", pin=running.pin, name="Cat") == "game_locked"
        # A player with a token still comes back into a locked game.
        await ada.close()
        again = await Client.connect(running.url, "/ws/play")
        await again.send(type="resume", token=ada_welcome["token"])
        assert (await again.expect("welcome"))["player_id"] == ada_welcome["player_id"]
        await boss.send(type="unlock")
        await asyncio.sleep(0.1)
        await cat.send(type="join", pin=running.pin, name="Cat")
        assert (await cat.expect("welcome"))["name"] == "Cat"
        for client in (cat, back, again, boss):
            await client.close()
    finally:
        await stop_server(running)


async def test_bad_tokens(game: Running) -> None:
    """Junk and forged tokens get bad_token; the same token on a new socket closes the old."""
    client = await Client.connect(game.url, "/ws/play")
    assert await error_for(client, type="resume", token="junk") == "bad_token"
    forged = "eyJhbGciOiJub25lIiwidHlwIjoiSldUIn0.eyJzdWIiOiJ4IiwiZ2lkIjoieCJ9."
    assert await error_for(client, type="resume", token=forged) == "bad_token"
    ada, welcome = await join(game, "Ada")
    await client.send(type="resume", token=welcome["token"])
    assert (await client.expect("welcome"))["player_id"] == welcome["player_id"]
    with pytest.raises(ConnectionClosed) as closed:
        await ada.expect("never")
    assert closed.value.rcvd is not None and closed.value.rcvd.code == 4001
    await client.close()


async def test_pause_resume_and_add_time(game: Running) -> None:
    """paused stops the clock (answers still count), resumed and time_added say how long."""
    ada, _ = await join(game, "Ada")
    boss = await host(game)
    await boss.send(type="start")
    question = await ada.expect("question")
    await boss.send(type="pause")
    await ada.expect("paused")
    await asyncio.sleep(0.3)
    await ada.send(type="answer", question=0, choice=1)
    await ada.expect("answer_ack")
    await boss.send(type="resume")
    resumed = await ada.expect("resumed")
    assert question["remaining_ms"] - 200 <= resumed["remaining_ms"] <= question["remaining_ms"]
    await boss.send(type="add_time", ms=10_000)
    added = await ada.expect("time_added")
    assert added["remaining_ms"] > resumed["remaining_ms"] + 9_000
    await ada.close()
    await boss.close()


async def test_host_needs_the_token(game: Running) -> None:
    """A wrong host token gets bad_token and the socket closes with 1008."""
    intruder = await Client.connect(game.url, "/ws/host")
    await intruder.send(type="host", token="guess")
    assert (await intruder.expect("error"))["code"] == "bad_token"
    with pytest.raises(ConnectionClosed) as closed:
        await intruder.recv()
    assert closed.value.rcvd is not None and closed.value.rcvd.code == 1008
    boss = await Client.connect(game.url, "/ws/host")
    await boss.send(type="host", token=HOST_TOKEN)
    assert (await boss.expect("host_state"))["pin"] == game.pin
    await boss.close()


async def test_foreign_origin_is_refused(game: Running) -> None:
    """A browser page from another site cannot open a socket (403); our own page can."""
    with pytest.raises(InvalidStatus) as refused:
        await Client.connect(game.url, "/ws/play", origin="http://evil.example")
    assert refused.value.response.status_code == 403
    assert game.session.player_count == 0 and game.server.connections.total == 0
    port = game.server.port
    ours = await Client.connect(game.url, "/ws/play", origin=f"http://127.0.0.1:{port}")
    await ours.close()


async def test_oversized_frame_closes_1009(game: Running) -> None:
    """A frame over max_size closes the connection with 1009; others play on."""
    ada, _ = await join(game, "Ada")
    bob, _ = await join(game, "Bob")
    await ada.link.send('{"type":"join","pin":"1","name":"' + "x" * 5000 + '"}')
    with pytest.raises(ConnectionClosed) as closed:
        while True:
            await ada.recv()
    assert closed.value.rcvd is not None and closed.value.rcvd.code == 1009
    await bob.send(type="answer", question=0, choice=1)
    assert (await bob.expect("error"))["code"] == "no_question"
    await bob.close()


async def test_message_flood_is_rate_limited_then_closed(tmp_path: Path) -> None:
    """Over the rate: rate_limited; keeping on: close 1008."""
    settings = ServerSettings(messages_per_second=5, message_burst=5, max_rate_strikes=10)
    running = await start_server(EVERY_KIND, tmp_path / "q.db", settings=settings)
    try:
        ada, _ = await join(running, "Ada")
        codes: list[str] = []
        with pytest.raises(ConnectionClosed) as closed:
            for _ in range(100):
                await ada.send(type="answer", question=0, choice=1)
            while True:
                frame = await ada.recv()
                if frame["type"] == "error":
                    codes.append(frame["code"])
        assert "rate_limited" in codes
        assert closed.value.rcvd is not None and closed.value.rcvd.code == 1008
    finally:
        await stop_server(running)


async def test_wrong_pins_throttle_one_address_only(game: Running) -> None:
    """After 10 wrong PINs from one address it gets rate_limited; another address joins."""
    guesser = await Client.connect(game.url, "/ws/play")
    wrong = "000000" if game.pin != "000000" else "111111"
    for _ in range(10):
        assert await error_for(guesser, type="join", pin=wrong, name="Bot") == "bad_pin"
    assert await error_for(guesser, type="join", pin=game.pin, name="Bot") == "rate_limited"
    neighbour = await Client.connect(
        f"ws://127.0.0.1:{game.server.port}", "/ws/play", local_addr=("127.0.0.2", 0)
    )
    await neighbour.send(type="join", pin=game.pin, name="Neighbour")
    assert (await neighbour.expect("welcome"))["name"] == "Neighbour"
    await guesser.close()
    await neighbour.close()
