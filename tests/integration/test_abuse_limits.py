"""Limits against one abuser shutting others out, against a real server: host-token guessing,
HTTP floods and held requests, bot joins from one address. Each abuser is one loopback source
address (127.0.0.x); the class is another."""

from __future__ import annotations

import asyncio
import json
import sys
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from websockets.exceptions import ConnectionClosed

from quizhost.cli import main
from quizhost.server.settings import ServerSettings
from tests.integration.wire import (
    EVERY_KIND,
    HOST_TOKEN,
    Client,
    Running,
    host_state_where,
    start_server,
    stop_server,
)

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "question_banks" / "sample.yaml"


@pytest.fixture
async def limited(tmp_path: Path, request: pytest.FixtureRequest) -> AsyncIterator[Running]:
    """A server with the settings given by `@pytest.mark.parametrize("limited", [...])`."""
    settings: ServerSettings = getattr(request, "param", ServerSettings())
    running = await start_server(EVERY_KIND, tmp_path / "q.db", settings=settings)
    try:
        yield running
    finally:
        await asyncio.wait_for(stop_server(running), 10)


async def host_attempt(running: Running, token: str, source: str) -> tuple[str, int | None]:
    """One host login from `source`: the type or error code of the server's first frame, and
    the close code if the server then closed the connection."""
    client = await Client.connect(running.url, "/ws/host", local_addr=(source, 0))
    try:
        await client.send(type="host", token=token)
        frame = await client.recv()
        if frame["type"] != "error":
            return frame["type"], None
        with pytest.raises(ConnectionClosed) as closed:
            await client.recv()
        return frame["code"], closed.value.rcvd.code if closed.value.rcvd else None
    finally:
        await client.close()


@pytest.mark.parametrize(
    "limited", [ServerSettings(host_auth_failures=3, host_auth_block_s=60)], indirect=True
)
async def test_host_token_guessing_is_throttled_per_address(limited: Running) -> None:
    """After 3 wrong host tokens from one address, even the right one is refused from there
    (rate_limited, then close 1008) for a while; the teacher's address is unaffected."""
    for guess in range(3):
        assert await host_attempt(limited, f"guess-{guess}", "127.0.0.5") == ("bad_token", 1008)
    assert await host_attempt(limited, HOST_TOKEN, "127.0.0.5") == ("rate_limited", 1008)
    assert await host_attempt(limited, HOST_TOKEN, "127.0.0.6") == ("host_state", None)


@pytest.mark.parametrize("how", ["option", "environment"])
def test_a_short_host_token_is_refused_at_start(
    how: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A host token under 16 characters can be guessed: serve exits 2 and says why."""
    args = ["serve", str(SAMPLE), "--port", "0", "--db", str(tmp_path / "q.db")]
    if how == "option":
        args += ["--host-token", "short-token"]
    else:
        monkeypatch.setenv("QUIZHOST_HOST_TOKEN", "short-token")
    assert main(args) == 2
    assert "at least 16 characters" in capsys.readouterr().err
    assert not (tmp_path / "q.db").exists()


async def http_get(running: Running, path: str, source: str) -> tuple[int, dict[str, str]]:
    """One plain HTTP/1.1 GET from `source`: the status and headers (names lower-cased)."""
    reader, writer = await asyncio.open_connection(
        "127.0.0.1", running.server.port, local_addr=(source, 0)
    )
    try:
        writer.write(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".encode())
        head = await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), 5)
    finally:
        writer.close()
    status_line, *lines = head.decode("latin-1").split("\r\n")
    headers = dict(line.split(": ", 1) for line in lines if ": " in line)
    return int(status_line.split()[1]), {k.lower(): v for k, v in headers.items()}


async def hold_unfinished_request(running: Running, source: str) -> asyncio.StreamWriter:
    """A connection that starts an HTTP request and never finishes it (slowloris)."""
    _reader, writer = await asyncio.open_connection(
        "127.0.0.1", running.server.port, local_addr=(source, 0)
    )
    writer.write(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n")
    await writer.drain()
    return writer


@pytest.mark.parametrize(
    "limited", [ServerSettings(connections_per_address=5, open_timeout_s=10)], indirect=True
)
async def test_unfinished_http_requests_count_against_the_address_cap(limited: Running) -> None:
    """Requests held open without finishing take the address's connection slots: past the
    cap that address is refused (429), over-cap connections are dropped within a couple of
    seconds instead of the handshake timeout, and other addresses join as usual."""
    held = [await hold_unfinished_request(limited, "127.0.0.8") for _ in range(5)]
    await asyncio.sleep(0.1)
    status, _ = await http_get(limited, "/", "127.0.0.8")
    assert status == 429
    reader, writer = await asyncio.open_connection(
        "127.0.0.1", limited.server.port, local_addr=("127.0.0.8", 0)
    )
    started = asyncio.get_running_loop().time()
    assert await asyncio.wait_for(reader.read(), 5) == b""  # silent over-cap: dropped early
    assert asyncio.get_running_loop().time() - started < 4
    writer.close()
    player = await Client.connect(limited.url, "/ws/play", local_addr=("127.0.0.9", 0))
    await player.send(type="join", pin=limited.pin, name="Ada")
    assert (await player.expect("welcome"))["name"] == "Ada"
    await player.close()
    for writer in held:
        writer.close()


@pytest.mark.parametrize(
    "limited", [ServerSettings(http_requests_per_second=2, http_burst=10)], indirect=True
)
async def test_http_requests_are_rate_limited_per_address(limited: Running) -> None:
    """Past its burst an address gets 429 with Retry-After; another address is served."""
    statuses = [(await http_get(limited, "/healthz", "127.0.0.10"))[0] for _ in range(10)]
    assert statuses == [200] * 10
    status, headers = await http_get(limited, "/healthz", "127.0.0.10")
    assert status == 429 and int(headers["retry-after"]) >= 1
    assert (await http_get(limited, "/healthz", "127.0.0.11"))[0] == 200


@pytest.mark.parametrize(
    "limited",
    [ServerSettings(http_requests_per_second=1, http_burst=5, http_strikes=5, http_block_s=60)],
    indirect=True,
)
async def test_an_address_that_ignores_429_is_cut_off_at_accept(limited: Running) -> None:
    """Past its strikes an address's connections are dropped unread; others are served."""
    statuses = [(await http_get(limited, "/healthz", "127.0.0.12"))[0] for _ in range(10)]
    assert statuses == [200] * 5 + [429] * 5
    reader, writer = await asyncio.open_connection(
        "127.0.0.1", limited.server.port, local_addr=("127.0.0.12", 0)
    )
    writer.write(b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
    try:
        answer = await asyncio.wait_for(reader.read(), 5)
    except ConnectionResetError:
        answer = b""
    assert answer == b""  # no status line: dropped unread
    writer.close()
    assert (await http_get(limited, "/healthz", "127.0.0.13"))[0] == 200


FLOOD_SECONDS = 2.0


@pytest.mark.parametrize(
    "limited", [ServerSettings(http_requests_per_second=20, http_burst=100)], indirect=True
)
async def test_an_http_flood_does_not_stop_another_address_from_playing(
    limited: Running,
) -> None:
    """While one address floods the page from another process, a player elsewhere joins and
    gets its answer acknowledged, and the flood is held to its address's rate."""
    flooder = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bench.http_flood",
        "--flood",
        str(limited.server.port),
        str(FLOOD_SECONDS),
        "50",
        stdout=asyncio.subprocess.PIPE,
        cwd=ROOT,
    )
    await asyncio.sleep(0.5)
    boss = await Client.connect(limited.url, "/ws/host", local_addr=("127.0.0.31", 0))
    await boss.send(type="host", token=HOST_TOKEN)
    player = await Client.connect(limited.url, "/ws/play", local_addr=("127.0.0.30", 0))
    await player.send(type="join", pin=limited.pin, name="Ada")
    await player.expect("welcome")
    await boss.send(type="start")
    await player.expect("question")
    await player.send(type="answer", question=0, choice=1)
    assert (await player.expect("answer_ack"))["question"] == 0
    out, _ = await asyncio.wait_for(flooder.communicate(), 30)
    figures = json.loads(out)
    assert figures["requests"] > 200, figures  # it did flood
    assert figures.get("200", 0) <= 100 + 20 * (FLOOD_SECONDS + 2), figures
    for client in (player, boss):
        await client.close()


async def try_join(
    running: Running, name: str, source: str, forwarded_for: str | None = None
) -> tuple[Client, dict[str, Any]]:
    """A join from `source` (through a proxy that says `forwarded_for`, if given): the client
    and the server's answer, `welcome` or `error`."""
    headers = {"X-Forwarded-For": forwarded_for} if forwarded_for else None
    client = await Client.connect(
        running.url, "/ws/play", local_addr=(source, 0), additional_headers=headers
    )
    await client.send(type="join", pin=running.pin, name=name)
    while True:
        frame = await client.recv()
        if frame["type"] in ("welcome", "error"):
            return client, frame


@pytest.mark.parametrize("limited", [ServerSettings(max_players_per_address=3)], indirect=True)
async def test_players_per_address_are_capped_and_resumes_never_count(limited: Running) -> None:
    """Three players from one address; a fourth gets game_full, another address joins, the
    three resume from there freely, and a kicked one frees its place."""
    clients, welcomes = [], []
    for index in range(3):
        client, welcome = await try_join(limited, f"Bot{index}", "127.0.0.40")
        assert welcome["type"] == "welcome"
        clients.append(client)
        welcomes.append(welcome)
    client, refused = await try_join(limited, "Bot3", "127.0.0.40")
    assert refused["code"] == "game_full"
    await client.close()
    student, welcome = await try_join(limited, "Ada", "127.0.0.41")
    assert welcome["type"] == "welcome"
    for client, welcome in zip(clients, welcomes, strict=True):
        await client.close()
        again = await Client.connect(limited.url, "/ws/play", local_addr=("127.0.0.40", 0))
        await again.send(type="resume", token=welcome["token"])
        assert (await again.expect("welcome"))["player_id"] == welcome["player_id"]
        await again.close()
    boss = await Client.connect(limited.url, "/ws/host")
    await boss.send(type="host", token=HOST_TOKEN)
    await boss.send(type="kick", player_id=welcomes[0]["player_id"])
    await boss.expect("host_state")
    freed, welcome = await try_join(limited, "Bot4", "127.0.0.40")
    assert welcome["type"] == "welcome"
    for client in (freed, student, boss):
        await client.close()


@pytest.mark.parametrize(
    "limited", [ServerSettings(joins_per_address=4, max_players_per_address=100)], indirect=True
)
async def test_joins_per_address_are_rate_limited(limited: Running) -> None:
    """Past 4 joins a minute from one address, joins get rate_limited; others are fine."""
    for index in range(4):
        client, welcome = await try_join(limited, f"Bot{index}", "127.0.0.42")
        assert welcome["type"] == "welcome"
        await client.close()
    client, refused = await try_join(limited, "Bot4", "127.0.0.42")
    assert refused["code"] == "rate_limited"
    await client.close()
    client, welcome = await try_join(limited, "Ada", "127.0.0.43")
    assert welcome["type"] == "welcome"
    await client.close()


@pytest.mark.parametrize(
    "limited",
    [ServerSettings(max_players_per_address=2, trusted_proxies=("127.0.0.50/32",))],
    indirect=True,
)
async def test_forwarded_for_is_trusted_only_from_a_trusted_proxy(limited: Running) -> None:
    """Through the trusted proxy each forwarded address has its own limit (the rightmost one
    the proxy added, not what the client wrote before it); from anywhere else the header is
    ignored and the connection's own address counts."""
    opened = []
    for index, forwarded in enumerate(["10.1.1.1", "10.9.9.9, 10.1.1.1"]):
        client, welcome = await try_join(limited, f"A{index}", "127.0.0.50", forwarded)
        assert welcome["type"] == "welcome"
        opened.append(client)
    client, refused = await try_join(limited, "A2", "127.0.0.50", "10.1.1.1")
    assert refused["code"] == "game_full"
    opened.append(client)
    client, welcome = await try_join(limited, "B0", "127.0.0.50", "10.1.1.2")
    assert welcome["type"] == "welcome", welcome
    opened.append(client)
    for index in range(3):
        client, frame = await try_join(limited, f"C{index}", "127.0.0.51", f"10.2.2.{index}")
        assert frame["type"] == ("welcome" if index < 2 else "error")
        opened.append(client)
    assert frame["code"] == "game_full"
    for client in opened:
        await client.close()


def test_bad_trusted_proxy_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    """--trusted-proxy takes an address or a network; anything else exits 2 at once."""
    assert main(["serve", str(SAMPLE), "--trusted-proxy", "not-an-address"]) == 2
    assert "argument --trusted-proxy: not an IP address or network" in capsys.readouterr().err


@pytest.mark.parametrize(
    "limited",
    [ServerSettings(burst_joins=5, burst_window_s=10, max_players_per_address=100)],
    indirect=True,
)
async def test_a_burst_of_joins_alerts_the_host_who_removes_that_source(limited: Running) -> None:
    """5 joins within 10 s from one address: host_state carries an alert naming the source by
    a label, never its address; `remove_source` kicks all its players at once and refuses its
    later joins, while a player from elsewhere stays."""
    boss = await Client.connect(limited.url, "/ws/host")
    await boss.send(type="host", token=HOST_TOKEN)
    student, _ = await try_join(limited, "Ada", "127.0.0.71")
    bots = []
    for index in range(5):
        bot, welcome = await try_join(limited, f"Bot{index}", "127.0.0.70")
        assert welcome["type"] == "welcome"
        bots.append(bot)
    state = await host_state_where(boss, lambda f: bool(f.get("alerts")))
    (alert,) = state["alerts"]
    assert alert["joins"] == 5 and alert["players"] == 5
    assert "127.0.0.70" not in json.dumps(state)
    await boss.send(type="remove_source", source=alert["source"])
    for bot in bots:
        assert (await bot.expect("kicked"))["type"] == "kicked"
    state = await host_state_where(boss, lambda f: not f["alerts"])
    assert [p["name"] for p in state["players"]] == ["Ada"]
    late, refused = await try_join(limited, "Bot9", "127.0.0.70")
    assert refused["code"] == "game_locked"
    await boss.send(type="remove_source", source="no-such-source")
    assert (await boss.expect("error"))["code"] == "bad_state"
    for client in (late, student, boss, *bots):
        await client.close()
