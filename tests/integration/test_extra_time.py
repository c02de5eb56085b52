"""Extra time over the wire, with a real server: the marked player's own countdown and
deadline, speed points per their limit, the close at their deadline, and a resume that keeps
the mark."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from quizhost.bank.models import Bank, ChoiceQuestion
from tests.integration.wire import (
    Client,
    Running,
    host,
    host_state_where,
    join,
    start_server,
    stop_server,
)
from tests.kit.crash import PLAYERS, join_all, rejoin_all, serve
from tests.kit.processes import host as serve_host

LIMIT_MS = 5_000  # the shortest a bank allows: the class's time runs out within the test
BANK = Bank(
    title="Extra time",
    questions=(
        ChoiceQuestion(
            text="Pick B", choices=("A", "B"), correct=frozenset({1}), time_limit_ms=LIMIT_MS
        ),
    ),
)


@pytest.fixture
async def running(tmp_path: Path) -> AsyncIterator[Running]:
    served = await start_server(BANK, tmp_path / "quiz.db")
    try:
        yield served
    finally:
        await asyncio.wait_for(stop_server(served), 10)


async def mark(boss: Client, player_id: str, percent: int) -> None:
    await boss.send(type="extra_time", player_id=player_id, percent=percent)
    await host_state_where(
        boss,
        lambda f: any(
            p["id"] == player_id and p.get("extra_percent", 0) == percent for p in f["players"]
        ),
    )


async def test_a_marked_player_answers_after_the_class_and_scores_by_their_limit(
    running: Running,
) -> None:
    """Bob +100 %: his phone counts 10 s, Ada's 5 s; at 5.3 s Ada is too late, the host sees
    the question wait for Bob, and Bob's answer is taken with points per his 10 s."""
    boss = await host(running)
    ada, _ = await join(running, "Ada")
    bob, welcome = await join(running, "Bob")
    bob_id = welcome["player_id"]
    await mark(boss, bob_id, 100)

    await boss.send(type="start")
    shared = await ada.expect("question")
    own = await bob.expect("question")
    opened = asyncio.get_running_loop().time()
    assert shared["time_limit_ms"] == LIMIT_MS and "extra_percent" not in shared
    assert (own["time_limit_ms"], own["extra_percent"]) == (2 * LIMIT_MS, 100)
    assert own["remaining_ms"] > LIMIT_MS

    await asyncio.sleep(LIMIT_MS / 1000 + 0.3)
    await ada.send(type="answer", question=0, choice=1)
    assert (await ada.expect("error"))["code"] == "too_late"
    waiting = await host_state_where(
        boss, lambda f: f.get("question", {}).get("waiting_for_extra") == [bob_id]
    )
    assert waiting["state"] == "question"

    await bob.send(type="answer", question=0, choice=1)
    await bob.expect("answer_ack")
    elapsed_ms = (asyncio.get_running_loop().time() - opened) * 1000
    reveal = await bob.expect("reveal")  # nobody else can answer: it closes at once
    assert reveal["you"]["correct"] is True
    # On his own 10 s scale; on the class's 5 s it would be 500 (the buzzer).
    upper = round(1000 * (1 - (elapsed_ms - 400) / (4 * LIMIT_MS)))
    assert 600 < reveal["you"]["points"] <= upper
    assert (await ada.expect("reveal"))["you"]["answered"] is False


async def test_the_question_closes_at_the_marked_players_deadline(running: Running) -> None:
    """Bob +25 % and nobody answers: the reveal comes at 6.25 s, not at the class's 5 s."""
    boss = await host(running)
    ada, _ = await join(running, "Ada")
    _bob, welcome = await join(running, "Bob")
    await mark(boss, welcome["player_id"], 25)
    await boss.send(type="start")
    await ada.expect("question")
    loop = asyncio.get_running_loop()
    opened = loop.time()
    await ada.expect("reveal", timeout=10)
    closed_after = loop.time() - opened  # from receipt: a loaded machine delivers late
    assert 5.6 <= closed_after < 8.0, closed_after


async def test_a_marked_player_who_leaves_does_not_hold_the_question(running: Running) -> None:
    """Bob +100 % closes his phone: the question closes at the class's 5 s."""
    boss = await host(running)
    ada, _ = await join(running, "Ada")
    bob, welcome = await join(running, "Bob")
    await mark(boss, welcome["player_id"], 100)
    await boss.send(type="start")
    await ada.expect("question")
    loop = asyncio.get_running_loop()
    opened = loop.time()
    await bob.close()
    await ada.expect("reveal", timeout=10)
    assert loop.time() - opened < 6.0


async def test_bad_extra_time_commands_are_refused(running: Running) -> None:
    """A percent not offered is bad_message; an unknown player is bad_state."""
    boss = await host(running)
    _, welcome = await join(running, "Ada")
    await boss.send(type="extra_time", player_id=welcome["player_id"], percent=30)
    assert (await boss.expect("error"))["code"] == "bad_message"
    await boss.send(type="extra_time", player_id="nobody", percent=50)
    assert (await boss.expect("error"))["code"] == "bad_state"
    await boss.send(type="extra_time", player_id=welcome["player_id"], percent="50")
    assert (await boss.expect("error"))["code"] == "bad_message"


BANK_YAML = """\
title: Extra time crash test
defaults:
  read_time: 0
  auto_close: false
questions:
  - question: First?
    time: 120
    choices: [A, {correct: B}]
"""


async def test_a_resumed_game_keeps_the_mark(tmp_path: Path) -> None:
    """Marked, question open, kill -9, --resume: the marked phone comes back to its own 180 s
    question, the host still sees the mark, the others the class's 120 s."""
    served = await serve(tmp_path, bank_text=BANK_YAML)
    players = await join_all(served)
    marked = players[0]
    boss = await serve_host(served.url)
    await boss.send(type="extra_time", player_id=marked.player_id, percent=50)
    await host_state_where(boss, lambda f: any(p.get("extra_percent") == 50 for p in f["players"]))
    await boss.send(type="start")
    for player in players:
        await player.client.expect("question")
    await served.kill()

    served = await serve(tmp_path, "--resume")
    try:
        frames = await rejoin_all(served, players)
        own = frames[0][1]
        assert own["type"] == "question"
        assert (own["time_limit_ms"], own["extra_percent"]) == (180_000, 50)
        assert own["remaining_ms"] > 120_000
        for _, other in frames[1:]:
            assert other["time_limit_ms"] == 120_000 and "extra_percent" not in other
            assert other["remaining_ms"] <= 120_000
        boss = await serve_host(served.url)
        state = await host_state_where(boss, lambda f: len(f["players"]) == PLAYERS)
        marks = {p["id"]: p.get("extra_percent", 0) for p in state["players"]}
        assert marks[marked.player_id] == 50
        assert sum(1 for m in marks.values() if m) == 1
    finally:
        await served.stop()
