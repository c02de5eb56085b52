"""`quizhost serve` as a real child process: start it, read its banner, stop or kill it."""

from __future__ import annotations

import asyncio
import os
import re
import signal
import sys
from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import Any

import pytest
from attrs import define

from tests.integration.wire import Client

ROOT = Path(__file__).resolve().parents[2]
HOST_TOKEN = "process-test-host-token"
START_TIMEOUT = 15.0

BANK = """\
title: Process test
defaults:
  read_time: 0  # answers open at once: these tests are about processes, not the intro
questions:
  - question: First?
    time: 120
    choices: [A, {correct: B}, C, D]
  - question: Second?
    time: 120
    choices: [{correct: A}, B, C, D]
"""


async def spawn(
    *args: str,
    stdin: Any = asyncio.subprocess.DEVNULL,
    stdout: Any = asyncio.subprocess.PIPE,
    preexec_fn: Callable[[], None] | None = None,
) -> asyncio.subprocess.Process:
    """`python -m quizhost serve ARGS` with the test host token, stderr piped."""
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "quizhost",
        "serve",
        *args,
        stdin=stdin,
        stdout=stdout,
        stderr=asyncio.subprocess.PIPE,
        env={**os.environ, "QUIZHOST_HOST_TOKEN": HOST_TOKEN},
        cwd=ROOT,
        preexec_fn=preexec_fn,
    )
    _spawned.append(process)
    return process


_spawned: list[asyncio.subprocess.Process] = []


@pytest.fixture(autouse=True)
async def kill_servers_left_running() -> AsyncIterator[None]:
    """A test that fails half-way leaves its server running: SIGKILL it, so none outlives
    the test (a server that does not stop on SIGTERM is what some tests look for)."""
    yield
    while _spawned:
        process = _spawned.pop()
        if process.returncode is None:
            process.kill()
            await process.wait()


@define
class ServeProcess:
    """A started server whose banner has been read."""

    process: asyncio.subprocess.Process
    banner: str
    port: int
    pin: str

    @property
    def url(self) -> str:
        return f"ws://127.0.0.1:{self.port}"

    async def kill(self) -> None:
        """SIGKILL: the crash nothing can clean up after."""
        self.process.send_signal(signal.SIGKILL)
        await asyncio.wait_for(self.process.wait(), 10)

    async def stop(self, signum: int = signal.SIGTERM) -> tuple[int, str, str]:
        """Send `signum` and return the exit code with the rest of stdout and stderr."""
        if self.process.returncode is None:
            self.process.send_signal(signum)
        return await finish(self.process)


async def read_banner(process: asyncio.subprocess.Process) -> str:
    """Stdout up to the banner's last line; fails with stderr if the server exits first."""
    assert process.stdout is not None
    banner = ""
    while "Host channel" not in banner:
        line = await asyncio.wait_for(process.stdout.readline(), START_TIMEOUT)
        if not line:
            assert process.stderr is not None
            err = (await process.stderr.read()).decode()
            raise AssertionError(f"serve exited before its banner:\n{banner}{err}")
        banner += line.decode()
    return banner


async def start(*args: str, **kwargs: Any) -> ServeProcess:
    """Start `serve` on 127.0.0.1 (pass `--port`) and wait for its banner."""
    process = await spawn(*args, "--host", "127.0.0.1", **kwargs)
    try:
        banner = await read_banner(process)
    except BaseException:
        if process.returncode is None:
            process.kill()
            await process.wait()
        raise
    found = re.search(r"127\.0\.0\.1:(\d+)/\?pin=(\d{6})", banner)
    assert found is not None, banner
    return ServeProcess(process, banner, int(found.group(1)), found.group(2))


async def finish(process: asyncio.subprocess.Process) -> tuple[int, str, str]:
    """Wait for the process to exit by itself; its code, stdout and stderr."""
    try:
        out, err = await asyncio.wait_for(process.communicate(), START_TIMEOUT)
    except TimeoutError:
        process.kill()
        await process.wait()
        raise AssertionError("the process did not exit") from None
    assert process.returncode is not None
    return process.returncode, (out or b"").decode(), (err or b"").decode()


async def host(url: str) -> Client:
    """A host-channel client that has had its first `host_state`."""
    boss = await Client.connect(url, "/ws/host")
    await boss.send(type="host", token=HOST_TOKEN)
    await boss.expect("host_state")
    return boss


async def join(url: str, pin: str, name: str) -> tuple[Client, str]:
    """A player who joined; returns the client and its reconnect token."""
    player = await Client.connect(url, "/ws/play")
    await player.send(type="join", pin=pin, name=name)
    welcome = await player.expect("welcome")
    return player, str(welcome["token"])


async def resumes(url: str, token: str) -> bool:
    """Whether a phone with `token` gets back into the game served at `url`."""
    player = await Client.connect(url, "/ws/play")
    try:
        await player.send(type="resume", token=token)
        frame = await player.recv()
        return bool(frame["type"] == "welcome")
    finally:
        await player.close()
