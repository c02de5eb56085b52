"""`--resume` brings back the game the teacher means, never an empty lobby made by mistake.

Every test runs `quizhost serve` as a real child process on a real database.
"""

from __future__ import annotations

import asyncio
import os
import pty
import signal
import sqlite3
from pathlib import Path

from quizhost.server.runner import ServeOptions
from quizhost.tui.app import QuizConsole
from tests.integration.processes import (
    BANK,
    ServeProcess,
    finish,
    host,
    join,
    read_banner,
    resumes,
    spawn,
    start,
)
from tests.tui.console import adapter_of, ready, until

EXIT_CHOOSE_GAME = 4


def bank_file(tmp_path: Path) -> str:
    bank = tmp_path / "bank.yaml"
    bank.write_text(BANK)
    return str(bank)


def db_args(tmp_path: Path) -> list[str]:
    return ["--db", str(tmp_path / "quiz.db")]


async def crashed_game(tmp_path: Path) -> tuple[ServeProcess, str]:
    """A game mid-question killed with SIGKILL; returns it and its one player's token."""
    served = await start(bank_file(tmp_path), *db_args(tmp_path), "--port", "0")
    _player, token = await join(served.url, served.pin, "Ada")
    boss = await host(served.url)
    await boss.send(type="start")
    await boss.expect("host_state")
    await served.kill()
    return served, token


def game_rows(tmp_path: Path) -> dict[str, tuple[str, str, int | None]]:
    """PIN -> (id, state, ended_at_ms) of every stored game."""
    with sqlite3.connect(tmp_path / "quiz.db") as db:
        rows = db.execute("SELECT pin, id, state, ended_at_ms FROM games").fetchall()
    db.close()
    return {pin: (game_id, state, ended) for pin, game_id, state, ended in rows}


async def test_a_stopped_empty_lobby_is_ended_and_resume_brings_back_the_crashed_game(
    tmp_path: Path,
) -> None:
    """After a crash, starting a new game and stopping it does not hide the crashed one."""
    crashed, token = await crashed_game(tmp_path)
    fresh = await start(bank_file(tmp_path), *db_args(tmp_path), "--port", "0")
    assert f"PIN {crashed.pin}" in fresh.banner
    assert f"--resume {crashed.pin}" in fresh.banner
    code, _, _ = await fresh.stop(signal.SIGTERM)
    assert code == 0
    assert game_rows(tmp_path)[fresh.pin][2] is not None  # the empty lobby is ended

    resumed = await start("--resume", *db_args(tmp_path), "--port", "0")
    try:
        assert resumed.pin == crashed.pin
        assert await resumes(resumed.url, token)
    finally:
        await resumed.stop()


async def test_a_lobby_with_players_stays_resumable_after_sigint(tmp_path: Path) -> None:
    """Only an empty lobby is ended on the way out: players who joined can come back."""
    served = await start(bank_file(tmp_path), *db_args(tmp_path), "--port", "0")
    _player, token = await join(served.url, served.pin, "Ada")
    code, out, _ = await served.stop(signal.SIGINT)
    assert code == 0
    assert f"--resume {served.pin}" in out
    assert game_rows(tmp_path)[served.pin][2] is None
    resumed = await start("--resume", *db_args(tmp_path), "--port", "0")
    try:
        assert resumed.pin == served.pin and await resumes(resumed.url, token)
    finally:
        await resumed.stop()


async def test_several_unfinished_games_without_a_terminal_list_them_and_exit(
    tmp_path: Path,
) -> None:
    """A bare --resume does not guess: it lists the games and exits with its own code."""
    first, _ = await crashed_game(tmp_path)
    second, _ = await crashed_game(tmp_path)
    process = await spawn("--resume", *db_args(tmp_path), "--port", "0")
    code, out, err = await finish(process)
    assert code == EXIT_CHOOSE_GAME
    assert first.pin in err and second.pin in err and "Process test" in err
    assert "--resume PIN" in err
    assert "Players join" not in out


async def test_resume_picks_the_game_named_by_pin_or_id(tmp_path: Path) -> None:
    """`--resume PIN` and `--resume ID-PREFIX` bring back that game; an unknown one exits 2."""
    first, first_token = await crashed_game(tmp_path)
    second, second_token = await crashed_game(tmp_path)

    resumed = await start("--resume", first.pin, *db_args(tmp_path), "--port", "0")
    try:
        assert resumed.pin == first.pin and await resumes(resumed.url, first_token)
    finally:
        assert (await resumed.stop())[0] == 0

    second_id = game_rows(tmp_path)[second.pin][0]
    resumed = await start("--resume", second_id[:6], *db_args(tmp_path), "--port", "0")
    try:
        assert resumed.pin == second.pin and await resumes(resumed.url, second_token)
    finally:
        assert (await resumed.stop())[0] == 0

    process = await spawn("--resume", "000000", *db_args(tmp_path), "--port", "0")
    code, _, err = await finish(process)
    assert code == 2 and "000000" in err and first.pin in err


async def test_several_unfinished_games_on_a_terminal_ask_which_one(tmp_path: Path) -> None:
    """On a terminal, a bare --resume numbers the games and resumes the one typed."""
    first, first_token = await crashed_game(tmp_path)
    second, _ = await crashed_game(tmp_path)
    controller, terminal = pty.openpty()
    try:
        process = await spawn(
            "--resume", *db_args(tmp_path), "--host", "127.0.0.1", "--port", "0", stdin=terminal
        )
        assert process.stderr is not None
        asked = b""
        while b"Which game" not in asked:
            asked += await asyncio.wait_for(process.stderr.read(200), 15)
        listing = asked.decode()
        assert listing.index(second.pin) < listing.index(first.pin)  # newest first
        os.write(controller, b"2\n")
        banner = await read_banner(process)
        assert f"Game PIN         {first.pin}" in banner
        port = int(banner.split("127.0.0.1:")[1].split("/")[0])
        assert await resumes(f"ws://127.0.0.1:{port}", first_token)
        assert (await ServeProcess(process, banner, port, first.pin).stop())[0] == 0
    finally:
        os.close(controller)
        os.close(terminal)


async def test_quitting_the_console_in_an_empty_lobby_ends_it(tmp_path: Path) -> None:
    """`quizhost run`: Ctrl+Q in a lobby nobody joined ends that game; there is no hint."""
    options = ServeOptions(
        bank=Path(bank_file(tmp_path)), host="127.0.0.1", port=0, db=tmp_path / "quiz.db"
    )
    app = QuizConsole.from_options(options)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        pin = adapter_of(app).view().pin
        await pilot.press("ctrl+q")
        await until(pilot, lambda: adapter_of(app).stopped, "the server to stop")
    assert app.farewell is None
    assert game_rows(tmp_path)[pin][2] is not None


async def test_the_console_with_several_unfinished_games_and_no_terminal_lists_them(
    tmp_path: Path,
) -> None:
    """`quizhost run --resume` cannot ask inside the console: it exits 4 with the list."""
    first, _ = await crashed_game(tmp_path)
    second, _ = await crashed_game(tmp_path)
    options = ServeOptions(
        bank=None, host="127.0.0.1", port=0, db=tmp_path / "quiz.db", resume=True
    )
    app = QuizConsole.from_options(options)
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: app.error is not None, "the start error")
    assert app.return_code == EXIT_CHOOSE_GAME
    assert app.error is not None and first.pin in app.error and second.pin in app.error
