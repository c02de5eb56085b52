"""`quizhost serve` as a teacher or a script runs it: a real subprocess."""

from __future__ import annotations

import asyncio
import re
import signal
import socket
from pathlib import Path

from tests.integration.wire import Client
from tests.kit.processes import ROOT, finish, spawn, start

SAMPLE = ROOT / "question_banks" / "sample.yaml"


async def test_serve_plays_and_stops_cleanly_on_sigterm(tmp_path: Path) -> None:
    """Prints URL, PIN and token; a player joins; SIGTERM closes clients 1001 and exits 0."""
    served = await start(
        str(SAMPLE), "--port", "0", "--db", str(tmp_path / "q.db"), host_token=None
    )
    process = served.process
    try:
        banner = served.banner
        url = re.search(r"Players join at\s+(http://127\.0\.0\.1:(\d+)/\?pin=(\d{6}))", banner)
        assert url is not None, banner
        port, pin = url.group(2), url.group(3)
        assert f"Game PIN         {pin}" in banner
        token = re.search(r"Host token\s+(\S+)", banner)
        assert token is not None

        player = await Client.connect(f"ws://127.0.0.1:{port}", "/ws/play")
        await player.send(type="join", pin=pin, name="Ada")
        assert (await player.expect("welcome"))["name"] == "Ada"
        boss = await Client.connect(f"ws://127.0.0.1:{port}", "/ws/host")
        await boss.send(type="host", token=token.group(1))
        assert len((await boss.expect("host_state"))["players"]) == 1

        process.send_signal(signal.SIGTERM)
        await asyncio.wait_for(player.link.wait_closed(), 10)
        assert player.link.close_code == 1001
        assert await asyncio.wait_for(process.wait(), 10) == 0
    finally:
        if process.returncode is None:
            process.kill()
            await process.wait()


async def test_host_token_from_environment_and_busy_port(tmp_path: Path) -> None:
    """QUIZHOST_HOST_TOKEN is used (not printed); a taken port falls back with a message."""
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        busy = taken.getsockname()[1]
        served = await start(
            str(SAMPLE),
            "--port",
            str(busy),
            "--db",
            str(tmp_path / "q.db"),
            host_token="from-the-environment",
        )
        try:
            banner = served.banner
            assert f"port {busy} is in use; using port" in banner
            assert "Host token" not in banner
            port = re.search(r"127\.0\.0\.1:(\d+)/", banner)
            assert port is not None and int(port.group(1)) != busy
            boss = await Client.connect(f"ws://127.0.0.1:{port.group(1)}", "/ws/host")
            await boss.send(type="host", token="from-the-environment")
            assert (await boss.expect("host_state"))["state"] == "lobby"
            await boss.close()
        finally:
            code, _, err = await served.stop(signal.SIGINT)
            assert code == 0, err


async def test_serve_refuses_an_invalid_bank_and_a_foreign_database(tmp_path: Path) -> None:
    """A broken bank exits 1 with FILE:LINE:COL; a non-SQLite --db exits 2, file untouched."""
    bank = tmp_path / "broken.yaml"
    bank.write_text("title: Broken\nquestions:\n  - question: Hi\n    corect: x\n")
    code, _, err = await finish(
        await spawn(str(bank), "--db", str(tmp_path / "q.db"), "--port", "0")
    )
    assert code == 1
    assert f"{bank}:4:5:" in err

    junk = tmp_path / "notes.db"
    junk.write_bytes(b"my lesson notes, not a database\n")
    code, _, err = await finish(await spawn(str(SAMPLE), "--db", str(junk), "--port", "0"))
    assert code == 2
    assert "cannot use the database" in err
    assert junk.read_bytes() == b"my lesson notes, not a database\n"
