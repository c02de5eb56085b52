"""Limits against one abuser shutting others out, against a real server: host-token guessing,
HTTP floods and held requests, bot joins from one address. Each abuser is one loopback source
address (127.0.0.x); the class is another."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from websockets.exceptions import ConnectionClosed

from quizhost.cli import main
from quizhost.server.settings import ServerSettings
from tests.integration.wire import (
    EVERY_KIND,
    HOST_TOKEN,
    Client,
    Running,
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
