"""Every way out of `quizhost serve` ends the process, closes the database and says why.

Real child processes: a missing bank image at `--resume`, SIGTERM or SIGHUP while the reader
of stdout has gone away. A process that lingers fails `finish` (it waits 15 s at most).
"""

from __future__ import annotations

import asyncio
import os
import signal
from pathlib import Path

import pytest

from tests.integration.processes import finish, join, resumes, spawn, start

EXIT_INVALID_BANK = 1

BANK_WITH_IMAGE = """\
title: Pictures
questions:
  - question: What is this?
    image: pic.png
    time: 120
    choices: [A, {correct: B}]
"""


async def test_a_bank_image_missing_at_resume_exits_1_with_a_message(tmp_path: Path) -> None:
    """No traceback and no process left holding the database: a message naming the image."""
    bank = tmp_path / "bank.yaml"
    bank.write_text(BANK_WITH_IMAGE)
    image = tmp_path / "pic.png"
    image.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 32)
    db = ["--db", str(tmp_path / "quiz.db"), "--port", "0"]
    served = await start(str(bank), *db)
    _, token = await join(served.url, served.pin, "Ada")
    await served.kill()

    image.rename(tmp_path / "moved.png")
    code, _, err = await finish(await spawn("--resume", *db))
    assert code == EXIT_INVALID_BANK, err
    assert "Traceback" not in err and "pic.png" in err and "cannot resume" in err

    (tmp_path / "moved.png").rename(image)  # put back: the game resumes (nothing held the db)
    again = await start("--resume", *db)
    try:
        assert await resumes(again.url, token)
    finally:
        assert (await again.stop())[0] == 0


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP, signal.SIGINT])
async def test_a_signal_with_stdout_gone_still_exits_cleanly(
    tmp_path: Path, signum: signal.Signals
) -> None:
    """`serve | head -5`, or a closed terminal window: the farewell cannot be printed, yet the
    server stops, writes everything and exits 0 without a traceback."""
    bank = tmp_path / "bank.yaml"
    bank.write_text(BANK_WITH_IMAGE.replace("    image: pic.png\n", ""))
    reader, writer = os.pipe()
    try:
        process = await spawn(
            str(bank),
            "--db",
            str(tmp_path / "quiz.db"),
            "--host",
            "127.0.0.1",
            "--port",
            "0",
            stdout=writer,
        )
    finally:
        os.close(writer)
    banner = b""
    while b"Host channel" not in banner:
        chunk = await asyncio.wait_for(asyncio.to_thread(os.read, reader, 4096), 15)
        assert chunk, "serve exited before its banner"
        banner += chunk
    url = banner.decode().split("Players join at  http://")[1].split("/")[0]
    pin = banner.decode().split("Game PIN")[1].split()[0]
    await join(f"ws://{url}", pin, "Ada")  # a game to save, and a resume hint to print
    os.close(reader)  # the reader goes away

    process.send_signal(signum)
    code, _, err = await finish(process)
    assert code == 0, err
    assert "Traceback" not in err and "BrokenPipe" not in err

    again = await start("--resume", pin, "--db", str(tmp_path / "quiz.db"), "--port", "0")
    assert (await again.stop())[0] == 0  # the database was closed and its lock released
