"""`quizhost serve` on uvloop (the `quizhost[fast]` extra) and on asyncio's own loop."""

from __future__ import annotations

import importlib.util
import os
import resource
from pathlib import Path

import pytest

from quizhost.portable import EVENT_LOOP_ENV
from tests.kit.processes import ROOT, host, join, resumes, start

SAMPLE = ROOT / "question_banks" / "sample.yaml"
UVLOOP = "Event loop       uvloop"

needs_uvloop = pytest.mark.skipif(
    os.name == "nt" or importlib.util.find_spec("uvloop") is None,
    reason="uvloop is the [fast] extra, not installed here (it does not exist on Windows)",
)


async def play_a_little(tmp_path: Path) -> str:
    """Serve, let a player join, the host start, the player come back with its token."""
    served = await start(str(SAMPLE), "--port", "0", "--db", str(tmp_path / "q.db"))
    try:
        player, token = await join(served.url, served.pin, "Ada")
        boss = await host(served.url)
        await boss.send(type="start")
        await player.expect("get_ready")
        await player.close()
        assert await resumes(served.url, token)
        await boss.close()
    finally:
        code, _out, err = await served.stop()
    assert code == 0, err
    return served.banner


@needs_uvloop
async def test_serve_runs_on_uvloop_when_it_is_installed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With the extra installed the server says it runs on uvloop, and plays."""
    monkeypatch.delenv(EVENT_LOOP_ENV, raising=False)
    assert UVLOOP in await play_a_little(tmp_path)


async def test_serve_runs_on_asyncio_when_asked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """QUIZHOST_EVENT_LOOP=asyncio keeps asyncio's loop (as without the extra), and plays."""
    monkeypatch.setenv(EVENT_LOOP_ENV, "asyncio")
    assert UVLOOP not in await play_a_little(tmp_path)


@needs_uvloop
async def test_serve_keeps_asyncio_under_a_low_open_files_limit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """At 256 open files phones past the cap must queue for their 503 (asyncio), not be
    accepted and closed unanswered (libuv), so uvloop is not used there."""
    monkeypatch.delenv(EVENT_LOOP_ENV, raising=False)

    def low_limit() -> None:
        resource.setrlimit(resource.RLIMIT_NOFILE, (256, 256))

    served = await start(
        str(SAMPLE), "--port", "0", "--db", str(tmp_path / "q.db"), preexec_fn=low_limit
    )
    code, _out, err = await served.stop()
    assert code == 0, err
    assert UVLOOP not in served.banner
