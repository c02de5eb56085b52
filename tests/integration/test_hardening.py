"""Abuse against a real server: every case ends with a clear error or a clean close, the game
going on for everyone else, and nothing stored lost."""

from __future__ import annotations

import asyncio
import json
import sqlite3
import statistics
import sys
import time
from pathlib import Path

import pytest
from websockets.asyncio.client import connect
from websockets.exceptions import ConnectionClosed, InvalidStatus

from quizhost.server.settings import ServerSettings
from quizhost.session.tokens import TokenSigner
from tests.integration.wire import (
    EVERY_KIND,
    Client,
    Running,
    host,
    join,
    start_server,
    stop_server,
)


async def closed_code(client: Client, timeout: float = 5) -> int | None:
    """Read until the server closes the connection; the close code it sent."""
    with pytest.raises(ConnectionClosed) as closed:
        while True:
            await client.recv(timeout)
    return closed.value.rcvd.code if closed.value.rcvd else None


async def test_trickled_or_unfinished_handshake_is_dropped(tmp_path: Path) -> None:
    """A handshake sent byte by byte and never finished is cut off by the open timeout."""
    running = await start_server(
        EVERY_KIND, tmp_path / "q.db", settings=ServerSettings(open_timeout_s=1.0)
    )
    try:
        reader, writer = await asyncio.open_connection("127.0.0.1", running.server.port)
        started = time.monotonic()

        async def trickle() -> None:
            for byte in b"GET /ws/play HTTP/1.1\r\nHost: x\r\n":
                writer.write(bytes([byte]))
                await asyncio.sleep(0.05)

        trickling = asyncio.ensure_future(trickle())
        ada, _ = await join(running, "Ada")  # others are unaffected meanwhile
        assert await asyncio.wait_for(reader.read(), 5) == b""  # the server hung up
        assert time.monotonic() - started < 3
        trickling.cancel()
        writer.close()
        await ada.send(type="answer", question=0, choice=1)
        assert (await ada.expect("error"))["code"] == "no_question"
        await ada.close()
    finally:
        await stop_server(running)


async def test_connection_caps_per_address_and_in_total(tmp_path: Path) -> None:
    """Past the per-address cap: 429; past the global cap: 503; nothing is created."""
    settings = ServerSettings(connections_per_address=2, max_connections=4)
    running = await start_server(EVERY_KIND, tmp_path / "q.db", settings=settings)
    url = f"ws://127.0.0.1:{running.server.port}/ws/play"
    try:
        first = [await connect(url, local_addr=("127.0.0.1", 0)) for _ in range(2)]
        with pytest.raises(InvalidStatus) as refused:
            await connect(url, local_addr=("127.0.0.1", 0))
        assert refused.value.response.status_code == 429
        more = [await connect(url, local_addr=("127.0.0.2", 0)) for _ in range(2)]
        with pytest.raises(InvalidStatus) as full:
            await connect(url, local_addr=("127.0.0.3", 0))
        assert full.value.response.status_code == 503
        assert running.session.player_count == 0
        await first[0].close()
        await asyncio.sleep(0.1)
        again = await connect(url, local_addr=("127.0.0.1", 0))  # a slot came back
        for link in (*first[1:], *more, again):
            await link.close()
        assert running.server.connections.total <= 1
    finally:
        await stop_server(running)


async def test_thousand_fragments_close_1009(game: Running) -> None:
    """A small message split into 1,000 one-byte fragments closes the connection with 1009."""
    ada, _ = await join(game, "Ada")
    frame = json.dumps({"type": "answer", "question": 0, "choice": 1}).ljust(1000)
    await ada.link.send(iter(frame))
    assert await closed_code(ada) == 1009


async def test_invalid_utf8_closes_1007(game: Running) -> None:
    """A text frame that is not UTF-8 closes the connection with 1007."""
    ada, _ = await join(game, "Ada")
    await ada.link.send(b'{"type":"join","name":"\xff\xfe"}', text=True)
    assert await closed_code(ada) == 1007


async def test_repeated_junk_closes_1008(game: Running) -> None:
    """After a stream of malformed frames the server closes with 1008; others play on."""
    ada, _ = await join(game, "Ada")
    junk = await Client.connect(game.url, "/ws/play")
    for _ in range(30):
        await junk.link.send("{nope")
    assert await closed_code(junk) == 1008
    await ada.send(type="answer", question=0, choice=1)
    assert (await ada.expect("error"))["code"] == "no_question"
    await ada.close()


async def test_silent_connection_is_closed(tmp_path: Path) -> None:
    """A socket that never sends its first frame is closed (1008) after a few seconds."""
    running = await start_server(
        EVERY_KIND, tmp_path / "q.db", settings=ServerSettings(first_frame_timeout_s=0.5)
    )
    try:
        silent = await Client.connect(running.url, "/ws/play")
        assert await closed_code(silent) == 1008
        boss = await Client.connect(running.url, "/ws/host")
        assert await closed_code(boss) == 1008  # the host channel too
    finally:
        await stop_server(running)


async def ack_latencies(running: Running, players: list[Client], question: int) -> list[float]:
    latencies = []
    for client in players:
        started = time.perf_counter()
        await client.send(type="answer", question=question, choice=1)
        await client.expect("answer_ack")
        latencies.append(time.perf_counter() - started)
    return latencies


FLOODER = r"""
import base64, os, select, socket, sys, time
port, seconds = int(sys.argv[1]), float(sys.argv[2])
sock = socket.create_connection(("127.0.0.1", port), source_address=("127.0.0.9", 0))
key = base64.b64encode(os.urandom(16)).decode()
sock.sendall(
    f"GET /ws/play HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
    f"Sec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n\r\n".encode()
)
reply = b""
while b"\r\n\r\n" not in reply:
    reply += sock.recv(4096)
assert reply.startswith(b"HTTP/1.1 101"), reply
payload = b'{"type":"answer","question":0,"choice":1}'
frame = bytes([0x81, 0x80 | len(payload)]) + bytes(4) + payload  # text, masked with key 0
# A socket that never blocks: once the server stops reading, the flood fills the TCP buffers
# and this keeps trying until the deadline (a blocking client would hang in its send).
sock.setblocking(False)
print("ready", flush=True)
written = 0
pending = b""
received = reply.split(b"\r\n\r\n", 1)[1]
deadline = time.monotonic() + seconds
while (left := deadline - time.monotonic()) > 0:
    readable, writable, _ = select.select([sock], [sock], [], left)
    if readable:
        received += sock.recv(65536)
    if writable:
        pending = pending or frame * 64
        sent_now = sock.send(pending)
        written += sent_now
        pending = pending[sent_now:]
listen_until = time.monotonic() + 0.5
while (left := listen_until - time.monotonic()) > 0:
    if select.select([sock], [], [], left)[0]:
        received += sock.recv(65536)
sock.close()
print(written // len(frame), received.count(b"rate_limited"), flush=True)
"""


@pytest.mark.both_loops
async def test_a_flood_does_not_slow_the_others(tmp_path: Path) -> None:
    """Other players' ack latency with a flooder running stays within a small ratio of without.

    The flooder is another process (as it would be another phone), kept connected for the
    measurement by a high strike limit; the frames it sends over the rate are dropped unread,
    and the server stops reading it until its rate allows another.
    """
    settings = ServerSettings(max_rate_strikes=10**9, max_players_per_address=100)
    running = await start_server(EVERY_KIND, tmp_path / "q.db", settings=settings)
    try:
        players = [(await join(running, f"P{i}"))[0] for i in range(40)]
        boss = await host(running)
        await boss.send(type="start")
        for client in players:
            await client.expect("question")
        quiet = await ack_latencies(running, players[:20], 0)

        flooder = await asyncio.create_subprocess_exec(
            sys.executable,
            "-c",
            FLOODER,
            str(running.server.port),
            "1.5",
            stdout=asyncio.subprocess.PIPE,
        )
        assert flooder.stdout is not None
        assert await asyncio.wait_for(flooder.stdout.readline(), 10) == b"ready\n"
        await asyncio.sleep(0.3)
        busy = await ack_latencies(running, players[20:], 0)
        out, _ = await asyncio.wait_for(flooder.communicate(), 15)
        sent, limited = map(int, out.split())
        assert sent > 1000 and limited >= 1, "the flood was not rate limited"
        ratio = statistics.median(busy) / statistics.median(quiet)
        # About 1x (0.8-1.7) since a flooder is held in its own TCP buffers; 18-300x when its
        # frames were all read and dropped. The bound leaves room for a busy machine.
        assert ratio < 8, f"acks became {ratio:.1f}x slower under the flood ({sent} frames)"
    finally:
        # Holding the flooder's reading must not hold the shutdown for the close timeout (5 s).
        await asyncio.wait_for(stop_server(running), 4)


async def test_tokens_that_are_not_this_games(game: Running) -> None:
    """Wrong key, expired, another game's: bad_token; the real one works."""
    ada, welcome = await join(game, "Ada")
    ours = TokenSigner(game.store.secret())
    theirs = TokenSigner(b"x" * 64)
    player_id = welcome["player_id"]
    for token in (
        theirs.issue(game.session.game_id, player_id),
        ours.issue(game.session.game_id, player_id, ttl_s=-60),
        ours.issue("another-game", player_id),
        ours.issue(game.session.game_id, "nobody"),
    ):
        client = await Client.connect(game.url, "/ws/play")
        await client.send(type="resume", token=token)
        assert (await client.expect("error"))["code"] == "bad_token"
        await client.close()
    await ada.close()


async def test_racing_answers_store_exactly_one(game: Running) -> None:
    """Two answers in one TCP segment and from two sockets of one player: one row, one ack."""
    ada, welcome = await join(game, "Ada")
    boss = await host(game)
    await boss.send(type="start")
    await ada.expect("question")
    frame = b'{"type":"answer","question":0,"choice":1}'
    ada.link.protocol.send_text(frame)
    ada.link.protocol.send_text(frame)
    ada.link.send_data()  # both frames leave in one write
    first, second = await ada.recv(), await ada.recv()
    assert {first["type"], second.get("code")} == {"answer_ack", "already_answered"} or {
        second["type"],
        first.get("code"),
    } == {"answer_ack", "already_answered"}

    bob, bob_welcome = await join(game, "Bob")
    twin = await Client.connect(game.url, "/ws/play")
    await twin.send(type="resume", token=bob_welcome["token"])
    await asyncio.gather(  # Bob's old and new socket answer at the same moment
        bob.send(type="answer", question=0, choice=0),
        twin.send(type="answer", question=0, choice=2),
    )
    await asyncio.sleep(0.5)
    for client in (bob, twin):
        try:
            while True:
                await client.recv(0.1)
        except (TimeoutError, ConnectionClosed):
            pass
    # Either both answers were read (one ack, one already_answered) or the old socket was
    # closed by the resume before its answer was read; a resume re-sends a given answer's ack.
    errors = [f["code"] for f in (*bob.frames, *twin.frames) if f["type"] == "error"]
    assert errors in ([], ["already_answered"])
    assert any(f["type"] == "answer_ack" for f in twin.frames)
    await twin.send(type="answer", question=9, choice=1)
    assert (await twin.expect("error"))["code"] == "no_question"
    await twin.send(type="answer", question=0, choice=7)
    assert (await twin.expect("error"))["code"] == "already_answered"
    with sqlite3.connect(game.db_path) as db:
        rows = db.execute(
            "SELECT player_id, count(*) FROM answers WHERE question_idx = 0 GROUP BY player_id"
        ).fetchall()
    db.close()
    assert sorted(rows) == sorted([(welcome["player_id"], 1), (bob_welcome["player_id"], 1)])
    for client in (ada, bob, twin, boss):
        await client.close()
