"""A low open-files limit (macOS Terminal's `ulimit -n 256`): phones past what the process can
hold get a quick HTTP 503, the ones inside play on, and the log stays small.

The child process is started with soft and hard limits both at 256, so it cannot raise them.
"""

from __future__ import annotations

import asyncio
import resource
from pathlib import Path

import pytest
from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import InvalidStatus

from tests.integration.processes import BANK, join, start

LIMIT = 256
PHONES = 320


def low_limit() -> None:
    """Runs in the child before exec: soft and hard limits at LIMIT (root could raise it)."""
    resource.setrlimit(resource.RLIMIT_NOFILE, (LIMIT, LIMIT))


async def knock(url: str) -> tuple[str, ClientConnection | None, float]:
    """One phone opening the play channel: ("open", link) or ("503", None), with the time."""
    loop = asyncio.get_running_loop()
    began = loop.time()
    try:
        link = await connect(url + "/ws/play", open_timeout=8)
    except InvalidStatus as exc:
        return str(exc.response.status_code), None, loop.time() - began
    except (OSError, TimeoutError) as exc:
        return type(exc).__name__, None, loop.time() - began
    return "open", link, loop.time() - began


async def test_past_the_open_files_limit_phones_get_503_quickly_and_the_log_stays_small(
    tmp_path: Path,
) -> None:
    bank = tmp_path / "bank.yaml"
    bank.write_text(BANK)
    served = await start(
        str(bank), "--db", str(tmp_path / "quiz.db"), "--port", "0", preexec_fn=low_limit
    )
    links: list[ClientConnection] = []
    try:
        assert f"only {LIMIT} files" in served.banner
        knocks = await asyncio.gather(*(knock(served.url) for _ in range(PHONES)))
        outcomes = [outcome for outcome, _, _ in knocks]
        links = [link for _, link, _ in knocks if link is not None]
        assert set(outcomes) <= {"open", "503"}, sorted(set(outcomes))
        assert 150 <= len(links) < LIMIT
        refused = [seconds for outcome, _, seconds in knocks if outcome == "503"]
        assert len(refused) == PHONES - len(links)
        assert max(refused) < 5.0

        # The phones inside still play, and a place freed is a place taken.
        for link in links[:5]:
            await link.close()
        player, _ = await join(served.url, served.pin, "Ada")
        await player.close()
    finally:
        for link in links:
            await link.close()
        code, _, err = await served.stop()
    assert code == 0
    assert len(err) < 20_000, err[-2000:]
    assert "Traceback" not in err


def soft_limit_of(pid: int) -> int:
    for line in Path(f"/proc/{pid}/limits").read_text().splitlines():
        if line.startswith("Max open files"):
            return int(line.split()[3])
    raise AssertionError("no open-files line")


@pytest.mark.skipif(not Path("/proc/self/limits").exists(), reason="needs /proc")
async def test_a_low_soft_limit_is_raised_to_the_hard_one(tmp_path: Path) -> None:
    """Soft 256 under a hard 4096: the server raises its own limit and needs no cap note."""
    bank = tmp_path / "bank.yaml"
    bank.write_text(BANK)

    def soft_256() -> None:
        resource.setrlimit(resource.RLIMIT_NOFILE, (LIMIT, 4096))

    served = await start(
        str(bank), "--db", str(tmp_path / "quiz.db"), "--port", "0", preexec_fn=soft_256
    )
    try:
        assert soft_limit_of(served.process.pid) == 4096
        assert "files" not in served.banner
    finally:
        assert (await served.stop())[0] == 0
