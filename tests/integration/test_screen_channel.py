"""`/ws/screen` over the wire: only its key gets in, it only reads, and it is coalesced."""

from __future__ import annotations

import asyncio
import urllib.request

from websockets.exceptions import ConnectionClosed

from tests.integration.wire import Client, Running, host, join


async def screen(running: Running, key: str | None = None) -> Client:
    client = await Client.connect(running.url, "/ws/screen")
    await client.send(type="screen", key=running.server.screen_key if key is None else key)
    return client


async def test_the_page_is_served_at_screen_with_the_strict_policy(game: Running) -> None:
    url = f"http://127.0.0.1:{game.server.port}/screen"
    response = await asyncio.to_thread(urllib.request.urlopen, url)
    body = response.read().decode()
    assert "/screen/main.js" in body
    assert "script-src 'self'" in response.headers["Content-Security-Policy"]


async def test_a_wrong_key_is_refused_and_the_connection_closed(game: Running) -> None:
    client = await screen(game, key="guessed")
    error = await client.recv()
    assert error == {"type": "error", "code": "bad_token", "message": "wrong or missing screen key"}
    try:
        await client.recv()
        raise AssertionError("the connection stayed open")
    except ConnectionClosed as closed:
        assert closed.rcvd is not None and closed.rcvd.code == 1008


async def test_the_host_token_is_not_a_screen_key(game: Running) -> None:
    client = await screen(game, key=game.server.host_token)
    assert (await client.recv())["code"] == "bad_token"


async def test_a_host_first_frame_is_not_a_screen_key(game: Running) -> None:
    client = await Client.connect(game.url, "/ws/screen")
    await client.send(type="host", token=game.server.host_token)
    assert (await client.recv())["code"] == "bad_token"


async def test_the_screen_sees_names_arrive_and_cannot_command(game: Running) -> None:
    watcher = await screen(game)
    first = await watcher.expect("screen_state")
    assert first["state"] == "lobby" and first["players"] == 0
    assert first["pin"] == game.pin
    await join(game, "Ada")
    while (frame := await watcher.expect("screen_state"))["players"] < 1:
        pass
    assert frame["joined"] == ["Ada"]
    await watcher.send(type="start")
    await watcher.send(type="host", token=game.server.host_token)
    await asyncio.sleep(0.3)
    assert game.session.game.phase.value == "lobby"


async def test_screens_beyond_the_cap_are_turned_away(game: Running) -> None:
    cap = game.server.settings.max_screens
    watchers = [await screen(game) for _ in range(cap)]
    for watcher in watchers:
        await watcher.expect("screen_state")
    extra = await screen(game)
    assert (await extra.recv())["code"] == "game_full"
    await watchers[0].close()
    await asyncio.sleep(0.2)
    again = await screen(game)
    assert (await again.expect("screen_state"))["type"] == "screen_state"


async def test_a_burst_of_joins_reaches_the_screen_as_a_few_frames(game: Running) -> None:
    """About four frames a second, however many players join; the last shows them all."""
    watcher = await screen(game)
    await watcher.expect("screen_state")
    loop = asyncio.get_running_loop()
    started = loop.time()
    players = await asyncio.gather(*(join(game, f"P{i}") for i in range(60)))
    assert len(players) == 60
    frames = []
    while True:
        frame = await watcher.expect("screen_state", timeout=2)
        frames.append(frame)
        if frame["players"] == 60:
            break
    elapsed = loop.time() - started
    assert len(frames) <= 4 * elapsed + 2, (len(frames), elapsed)
    assert len(frames[-1]["joined"]) == 12


async def test_a_question_reaches_the_screen_without_the_distribution(game: Running) -> None:
    watcher = await screen(game)
    ada, _ = await join(game, "Ada")
    boss = await host(game)
    await boss.send(type="start")
    question = await ada.expect("question")
    await ada.send(type="answer", question=question["index"], choice=1)
    await ada.expect("answer_ack")
    while (frame := await watcher.expect("screen_state"))["state"] != "question" or frame[
        "answered"
    ] < 1:
        pass
    assert "reveal" not in frame and "answer_counts" not in frame
    await boss.send(type="skip")
    while (frame := await watcher.expect("screen_state"))["state"] != "reveal":
        pass
    assert frame["reveal"]["counts"] == [0, 1, 0]
