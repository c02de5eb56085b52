"""`quizhost serve --self-paced` as a teacher runs it: a real subprocess, a real student."""

from __future__ import annotations

import asyncio
import re
import signal
from pathlib import Path

import pytest

from tests.integration.test_serve_command import SAMPLE
from tests.integration.wire import Client
from tests.kit.processes import spawn

pytestmark = pytest.mark.slow


async def banner_of(process: asyncio.subprocess.Process) -> str:
    assert process.stdout is not None
    lines: list[str] = []
    while not lines or not lines[-1].startswith("  Self-paced"):
        line = await asyncio.wait_for(process.stdout.readline(), 15)
        assert line, "serve exited before printing its banner"
        lines.append(line.decode().rstrip("\n"))
    return "\n".join(lines)


async def stop(process: asyncio.subprocess.Process) -> str:
    process.send_signal(signal.SIGTERM)
    out, _ = await asyncio.wait_for(process.communicate(), 10)
    assert process.returncode == 0
    return out.decode()


async def test_an_assignment_is_served_stopped_and_resumed_with_the_students_place(
    tmp_path: Path,
) -> None:
    """A student starts; SIGTERM; `serve --resume` brings them back on their question."""
    db = str(tmp_path / "q.db")
    args = ("--host", "127.0.0.1", "--port", "0", "--db", db)
    process = await spawn(str(SAMPLE), "--self-paced", "--until", "2099-12-04 18:00", *args)
    try:
        banner = await banner_of(process)
        url = re.search(r"http://127\.0\.0\.1:(\d+)/\?pin=(\d{6})", banner)
        assert url is not None, banner
        port, pin = url.groups()
        student = await Client.connect(f"ws://127.0.0.1:{port}", "/ws/play")
        await student.send(type="join", pin=pin, name="Ada")
        welcome = await student.expect("welcome")
        assert welcome["self_paced"] is True
        await student.send(type="next", after=-1)
        assert (await student.expect("question"))["index"] == 0
        farewell = await stop(process)
        assert "--resume" in farewell
    finally:
        if process.returncode is None:
            process.kill()
            await process.wait()

    process = await spawn("--resume", *args)
    try:
        banner = await banner_of(process)
        url = re.search(r"http://127\.0\.0\.1:(\d+)/", banner)
        assert url is not None and "Resumed" in banner
        again = await Client.connect(f"ws://127.0.0.1:{url.group(1)}", "/ws/play")
        await again.send(type="resume", token=welcome["token"])
        assert (await again.expect("welcome"))["state"] == "question"
        assert (await again.expect("question"))["index"] == 0
        await stop(process)
    finally:
        if process.returncode is None:
            process.kill()
            await process.wait()


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--until", "2099-12-04 18:00"], "--until needs --self-paced"),
        (["--self-paced", "--until", "tomorrow"], "YYYY-MM-DD HH:MM"),
        (["--self-paced", "--teams", "3"], "for a live game, not --self-paced"),
        (["--self-paced", "--autoplay", "5"], "for a live game, not --self-paced"),
    ],
)
async def test_until_is_checked_before_anything_starts(
    tmp_path: Path, extra: list[str], message: str
) -> None:
    """A deadline without --self-paced, or not a date and time, or a live game's mode in an
    assignment, is a usage error (2)."""
    process = await spawn(str(SAMPLE), *extra, "--port", "0", "--db", str(tmp_path / "q.db"))
    _, err = await asyncio.wait_for(process.communicate(), 15)
    assert process.returncode == 2
    assert message in err.decode()
