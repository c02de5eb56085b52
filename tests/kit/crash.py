"""A game served by a `quizhost serve` subprocess, to be killed and resumed: sixteen players
join, answer, and come back with their tokens. For the crash-recovery tests and any other
test that pulls the plug on a real server."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from attrs import define

from tests.integration.wire import Client, host_state_where
from tests.kit.processes import ServeProcess, start

PLAYERS = 16

# These play the classic flow (answers open at once, the host closes each question);
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


async def serve(tmp_path: Path, *extra: str, bank_text: str = BANK) -> ServeProcess:
    """The server on the test's database: a new game from the bank, or `--resume`d."""
    bank = tmp_path / "bank.yaml"
    bank.write_text(bank_text)
    args = [str(bank)] if "--resume" not in extra else []
    return await start(*args, *extra, "--port", "0", "--db", str(tmp_path / "quiz.db"))


async def stop(served: ServeProcess) -> None:
    """SIGTERM, and the server exits cleanly."""
    code, _, err = await served.stop()
    assert code == 0, err


@define
class Player:
    name: str
    client: Client
    player_id: str
    token: str
    team: str | None = None


async def join_all(served: ServeProcess) -> list[Player]:
    players = []
    for i in range(PLAYERS):
        client = await Client.connect(served.url, "/ws/play")
        await client.send(type="join", pin=served.pin, name=f"P{i}")
        welcome = await client.expect("welcome")
        players.append(
            Player(f"P{i}", client, welcome["player_id"], welcome["token"], welcome.get("team"))
        )
    return players


async def step(
    boss: Client, players: list[Player], command: str, frame: str
) -> list[dict[str, Any]]:
    await boss.send(type=command)
    return [await p.client.expect(frame) for p in players]


async def rejoin_all(served: ServeProcess, players: list[Player]) -> list[list[dict[str, Any]]]:
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
