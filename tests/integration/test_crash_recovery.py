"""Pulling the plug: `kill -9` mid-game, `--resume`, and nothing a player was told is lost.

Each test runs `quizhost serve` as a real subprocess, plays with real clients, kills it with
SIGKILL at a chosen point, restarts it with `--resume` on the same database and reconnects
every player with the token it had.
"""

from __future__ import annotations

import asyncio
import os
import re
import signal
import sqlite3
import sys
from pathlib import Path
from typing import Any

from attrs import define

from tests.integration.wire import Client, host_state_where

ROOT = Path(__file__).resolve().parents[2]
HOST_TOKEN = "crash-test-host-token"
PLAYERS = 16

# These tests play the classic flow (answers open at once, the host closes each question);
# test_modes_recovery.py covers the intro and auto-close.
BANK = """\
title: Crash test
defaults:
  read_time: 0
  auto_close: false
questions:
  - question: First?
    time: 120
    choices: [A, {correct: B}, C, D]
  - question: Second?
    time: 120
    choices: [{correct: A}, B, C, D]
  - question: Third?
    time: 5
    choices: [A, B, {correct: C}, D]
"""


@define
class Served:
    process: asyncio.subprocess.Process
    port: int
    pin: str

    @property
    def url(self) -> str:
        return f"ws://127.0.0.1:{self.port}"

    async def kill(self) -> None:
        self.process.send_signal(signal.SIGKILL)
        await asyncio.wait_for(self.process.wait(), 10)

    async def stop(self) -> None:
        if self.process.returncode is None:
            self.process.send_signal(signal.SIGTERM)
            assert await asyncio.wait_for(self.process.wait(), 10) == 0


async def serve(tmp_path: Path, *extra: str, bank_text: str = BANK) -> Served:
    bank = tmp_path / "bank.yaml"
    bank.write_text(bank_text)
    args = [str(bank)] if "--resume" not in extra else []
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "quizhost",
        "serve",
        *args,
        *extra,
        "--host",
        "127.0.0.1",
        "--port",
        "0",
        "--db",
        str(tmp_path / "quiz.db"),
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.STDOUT,
        env={**os.environ, "QUIZHOST_HOST_TOKEN": HOST_TOKEN},
        cwd=ROOT,
    )
    assert process.stdout is not None
    banner = ""
    while "Host channel" not in banner:
        line = await asyncio.wait_for(process.stdout.readline(), 15)
        assert line, f"serve exited: {banner}"
        banner += line.decode()
    found = re.search(r"127\.0\.0\.1:(\d+)/\?pin=(\d{6})", banner)
    assert found is not None, banner
    return Served(process, int(found.group(1)), found.group(2))


@define
class Player:
    name: str
    client: Client
    player_id: str
    token: str
    team: str | None = None


async def join_all(served: Served) -> list[Player]:
    players = []
    for i in range(PLAYERS):
        client = await Client.connect(served.url, "/ws/play")
        await client.send(type="join", pin=served.pin, name=f"P{i}")
        welcome = await client.expect("welcome")
        players.append(
            Player(f"P{i}", client, welcome["player_id"], welcome["token"], welcome.get("team"))
        )
    return players


async def host(served: Served) -> Client:
    boss = await Client.connect(served.url, "/ws/host")
    await boss.send(type="host", token=HOST_TOKEN)
    await boss.expect("host_state")
    return boss


async def step(
    boss: Client, players: list[Player], command: str, frame: str
) -> list[dict[str, Any]]:
    await boss.send(type=command)
    return [await p.client.expect(frame) for p in players]


async def rejoin_all(served: Served, players: list[Player]) -> list[list[dict[str, Any]]]:
    """Every player resumes with its old token; returns what each got up to the state frame."""
    received = []
    for player in players:
        client = await Client.connect(served.url, "/ws/play")
        await client.send(type="resume", token=player.token)
        welcome = await client.expect("welcome")
        assert welcome["player_id"] == player.player_id and welcome["name"] == player.name
        player.client = client
        frames = [welcome, await client.recv()]
        received.append(frames)
    return received


def stored_answers(tmp_path: Path, question: int) -> list[str]:
    with sqlite3.connect(tmp_path / "quiz.db") as db:
        rows = db.execute(
            "SELECT player_id FROM answers WHERE question_idx = ?", (question,)
        ).fetchall()
    db.close()
    return [row[0] for row in rows]


def scores(state: dict[str, Any]) -> dict[str, int]:
    return {p["id"]: p["score"] for p in state["players"]}


async def latest_state(boss: Client, predicate: Any = lambda f: True) -> dict[str, Any]:
    return await host_state_where(boss, predicate)


async def play_first_question(boss: Client, players: list[Player]) -> dict[str, int]:
    """Everyone answers question 0 (half right); returns the scores after the leaderboard."""
    await step(boss, players, "start", "question")
    for i, player in enumerate(players):
        await player.client.send(type="answer", question=0, choice=1 if i % 2 else 0)
    for player in players:
        await player.client.expect("answer_ack")
    await step(boss, players, "skip", "reveal")
    await step(boss, players, "next", "leaderboard")
    state = await latest_state(boss, lambda f: f["state"] == "leaderboard")
    return scores(state)


async def test_kill_in_the_lobby(tmp_path: Path) -> None:
    """Players who joined are all back, with the same PIN, names and ids."""
    served = await serve(tmp_path)
    players = await join_all(served)
    await served.kill()
    served = await serve(tmp_path, "--resume")
    try:
        frames = await rejoin_all(served, players)
        assert all(f[0]["state"] == "lobby" and f[1]["type"] == "lobby" for f in frames)
        boss = await host(served)
        state = await latest_state(boss, lambda f: all(p["connected"] for p in f["players"]))
        assert sorted(p["name"] for p in state["players"]) == sorted(p.name for p in players)
        await step(boss, players, "start", "question")
    finally:
        await served.stop()


async def test_kill_during_an_answer_burst(tmp_path: Path) -> None:
    """Every acknowledged answer survives, none twice, none from nowhere; scores as before."""
    served = await serve(tmp_path)
    players = await join_all(served)
    boss = await host(served)
    before = await play_first_question(boss, players)
    await step(boss, players, "next", "question")

    acked: set[str] = set()
    sent: set[str] = set()

    async def answer(player: Player, delay: float) -> None:
        await asyncio.sleep(delay)  # answers arrive over ~100 ms, as thumbs tap
        try:
            sent.add(player.player_id)
            await player.client.send(type="answer", question=1, choice=0)
            await player.client.expect("answer_ack")
            acked.add(player.player_id)
        except Exception:  # the server died before acknowledging (or before the send)
            pass

    burst = [asyncio.ensure_future(answer(p, i * 0.006)) for i, p in enumerate(players)]
    while len(acked) < PLAYERS // 4:
        await asyncio.sleep(0.001)
    await served.kill()
    await asyncio.gather(*burst)
    assert PLAYERS // 4 <= len(acked) < PLAYERS, "the kill did not land mid-burst"

    stored = stored_answers(tmp_path, 1)
    assert len(stored) == len(set(stored)), "an answer was stored twice"
    assert acked <= set(stored), "an acknowledged answer was lost"
    assert set(stored) <= sent, "an answer appeared that nobody sent"
    assert len(stored_answers(tmp_path, 0)) == PLAYERS

    served = await serve(tmp_path, "--resume")
    try:
        frames = await rejoin_all(served, players)
        for player, (welcome, question) in zip(players, frames, strict=True):
            assert welcome["state"] == "question" and question["index"] == 1
            assert 0 < question["remaining_ms"] <= 120_000
            if player.player_id in stored:
                assert (await player.client.expect("answer_ack"))["question"] == 1
            else:  # never acknowledged: the phone may send it again, and it counts
                await player.client.send(type="answer", question=1, choice=0)
                await player.client.expect("answer_ack")
        boss = await host(served)
        state = await latest_state(boss)
        assert scores(state) == before
        assert state["answered"] == PLAYERS
        reveals = await step(boss, players, "skip", "reveal")
        assert all(r["you"]["correct"] for r in reveals)
        assert len(stored_answers(tmp_path, 1)) == PLAYERS
    finally:
        await served.stop()


async def test_kill_during_the_reveal(tmp_path: Path) -> None:
    """A reveal comes back as it was: each player's points, score and rank."""
    served = await serve(tmp_path)
    players = await join_all(served)
    boss = await host(served)
    await step(boss, players, "start", "question")
    for i, player in enumerate(players):
        await player.client.send(type="answer", question=0, choice=1 if i % 3 else 2)
        await player.client.expect("answer_ack")
    reveals = await step(boss, players, "skip", "reveal")
    await served.kill()

    served = await serve(tmp_path, "--resume")
    try:
        frames = await rejoin_all(served, players)
        for (welcome, again), first in zip(frames, reveals, strict=True):
            assert welcome["state"] == "reveal"
            assert again["type"] == "reveal" and again["you"] == first["you"]
        boss = await host(served)
        boards = await step(boss, players, "next", "leaderboard")
        assert [b["you"]["rank"] for b in boards] == [r["you"]["rank"] for r in reveals]
    finally:
        await served.stop()


async def test_deadline_passed_while_down_closes_the_question(tmp_path: Path) -> None:
    """A question whose time ran out during the outage is closed and revealed on resume."""
    served = await serve(tmp_path)
    players = (await join_all(served))[:2]
    boss = await host(served)
    await play_first_question(boss, players)
    await step(boss, players, "next", "question")
    await step(boss, players, "skip", "reveal")
    await step(boss, players, "next", "leaderboard")
    third = await step(boss, players, "next", "question")
    assert third[0]["time_limit_ms"] == 5_000
    await players[0].client.send(type="answer", question=2, choice=2)
    await players[0].client.expect("answer_ack")
    await served.kill()
    await asyncio.sleep(third[0]["remaining_ms"] / 1000 + 0.2)

    served = await serve(tmp_path, "--resume")
    try:
        boss = await host(served)
        await latest_state(boss, lambda f: f["state"] == "reveal")
        frames = await rejoin_all(served, players)
        assert [f[0]["state"] for f in frames] == ["reveal", "reveal"]
        assert frames[0][1]["you"]["correct"] and not frames[1][1]["you"]["answered"]
    finally:
        await served.stop()


async def test_resume_without_an_unfinished_game_is_a_clear_error(tmp_path: Path) -> None:
    """--resume on an empty database says what to do and exits 2."""
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "quizhost",
        "serve",
        "--resume",
        "--db",
        str(tmp_path / "new.db"),
        "--port",
        "0",
        stderr=asyncio.subprocess.PIPE,
        cwd=ROOT,
    )
    _, err = await asyncio.wait_for(process.communicate(), 15)
    assert process.returncode == 2
    assert "no unfinished game" in err.decode() and "without --resume" in err.decode()


async def test_sigterm_mid_question_closes_1001_flushes_and_resumes(tmp_path: Path) -> None:
    """SIGTERM: every client closed with 1001, exit 0; --resume continues the question."""
    served = await serve(tmp_path)
    players = await join_all(served)
    boss = await host(served)
    await step(boss, players, "start", "question")
    await players[0].client.send(type="answer", question=0, choice=1)
    await players[0].client.expect("answer_ack")
    served.process.send_signal(signal.SIGTERM)
    assert await asyncio.wait_for(served.process.wait(), 10) == 0
    assert served.process.stdout is not None
    farewell = (await served.process.stdout.read()).decode()
    assert f"--db {tmp_path / 'quiz.db'} --port" in farewell
    assert f"quizhost serve --resume {served.pin} " in farewell
    for player in players:
        await asyncio.wait_for(player.client.link.wait_closed(), 5)
        assert player.client.link.close_code == 1001

    served = await serve(tmp_path, "--resume")
    try:
        frames = await rejoin_all(served, players)
        assert all(f[1]["type"] == "question" and f[1]["remaining_ms"] > 0 for f in frames)
        assert (await players[0].client.expect("answer_ack"))["question"] == 0
    finally:
        await served.stop()
