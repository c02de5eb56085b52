"""One database, one server: a second `quizhost serve` on the same `--db` refuses to start.

Real child processes on a real database; the lock is the operating system's, so it goes
with the process however that ends, `kill -9` included.
"""

from __future__ import annotations

import asyncio
import socket
import sys
from pathlib import Path

from tests.integration.processes import BANK, ROOT, finish, host, join, resumes, spawn, start

EXIT_DB_IN_USE = 3


def bank_file(tmp_path: Path) -> str:
    bank = tmp_path / "bank.yaml"
    bank.write_text(BANK)
    return str(bank)


async def results(db: Path) -> tuple[int, str]:
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "quizhost",
        "results",
        "--db",
        str(db),
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
        cwd=ROOT,
    )
    code, out, err = await finish(process)
    return code, out + err


async def test_a_second_server_on_the_same_database_refuses_and_names_the_first(
    tmp_path: Path,
) -> None:
    """A second serve (new game or --resume) exits 3 naming the running one's pid and address;
    the first plays on, and `quizhost results` still reads the database meanwhile."""
    db = tmp_path / "quiz.db"
    first = await start(bank_file(tmp_path), "--db", str(db), "--port", "0")
    try:
        player, _ = await join(first.url, first.pin, "Ada")
        for args in ([bank_file(tmp_path)], ["--resume"]):
            second = await spawn(*args, "--db", str(db), "--host", "127.0.0.1", "--port", "0")
            code, out, err = await finish(second)
            assert code == EXIT_DB_IN_USE, err
            assert f"pid {first.process.pid}" in err and f":{first.port}/" in err
            assert "Players join" not in out

        code, listing = await results(db)
        assert code == 0 and "Process test" in listing, listing

        boss = await host(first.url)  # the first server was not disturbed
        await boss.send(type="start")
        assert (await player.expect("question"))["index"] == 0
    finally:
        assert (await first.stop())[0] == 0


async def test_the_lock_goes_with_a_killed_server(tmp_path: Path) -> None:
    """After kill -9 no stale lock is left in the way: --resume starts at once."""
    db = tmp_path / "quiz.db"
    first = await start(bank_file(tmp_path), "--db", str(db), "--port", "0")
    _, token = await join(first.url, first.pin, "Ada")
    await first.kill()
    again = await start("--resume", "--db", str(db), "--port", "0")
    try:
        assert again.pin == first.pin and await resumes(again.url, token)
    finally:
        assert (await again.stop())[0] == 0


async def test_resume_on_a_taken_port_is_an_error_not_another_port(tmp_path: Path) -> None:
    """The phones know only the old port: --resume refuses to move, and says why (exit 2)."""
    db = tmp_path / "quiz.db"
    first = await start(bank_file(tmp_path), "--db", str(db), "--port", "0")
    await join(first.url, first.pin, "Ada")
    await first.kill()
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        process = await spawn(
            "--resume", "--db", str(db), "--host", "127.0.0.1", "--port", str(port)
        )
        code, out, err = await finish(process)
    assert code == 2, out + err
    assert f"127.0.0.1:{port}" in err and "phones" in err
    assert "using port" not in out and "Players join" not in out
