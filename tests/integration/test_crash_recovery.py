"""Pulling the plug: `kill -9` mid-game, `--resume`, and nothing a player was told is lost.

Each test runs `quizhost serve` as a real subprocess, plays with real clients, kills it with
SIGKILL at a chosen point, restarts it with `--resume` on the same database and reconnects
every player with the token it had.
"""

from __future__ import annotations

import asyncio
import signal
from pathlib import Path

from tests.kit.crash import (
    PLAYERS,
    Player,
    join_all,
    latest_state,
    play_first_question,
    rejoin_all,
    scores,
    serve,
    step,
    stop,
    stored_answers,
)
from tests.kit.processes import finish, host, spawn


async def test_kill_in_the_lobby(tmp_path: Path) -> None:
    """Players who joined are all back, with the same PIN, names and ids."""
    served = await serve(tmp_path)
    players = await join_all(served)
    await served.kill()
    served = await serve(tmp_path, "--resume")
    try:
        frames = await rejoin_all(served, players)
        assert all(f[0]["state"] == "lobby" and f[1]["type"] == "lobby" for f in frames)
        boss = await host(served.url)
        state = await latest_state(boss, lambda f: all(p["connected"] for p in f["players"]))
        assert sorted(p["name"] for p in state["players"]) == sorted(p.name for p in players)
        await step(boss, players, "start", "question")
    finally:
        await stop(served)


async def test_kill_during_an_answer_burst(tmp_path: Path) -> None:
    """Every acknowledged answer survives, none twice, none from nowhere; scores as before."""
    served = await serve(tmp_path)
    players = await join_all(served)
    boss = await host(served.url)
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
        boss = await host(served.url)
        state = await latest_state(boss)
        assert scores(state) == before
        assert state["answered"] == PLAYERS
        reveals = await step(boss, players, "skip", "reveal")
        assert all(r["you"]["correct"] for r in reveals)
        assert len(stored_answers(tmp_path, 1)) == PLAYERS
    finally:
        await stop(served)


async def test_kill_during_the_reveal(tmp_path: Path) -> None:
    """A reveal comes back as it was: each player's points, score and rank."""
    served = await serve(tmp_path)
    players = await join_all(served)
    boss = await host(served.url)
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
        boss = await host(served.url)
        boards = await step(boss, players, "next", "leaderboard")
        assert [b["you"]["rank"] for b in boards] == [r["you"]["rank"] for r in reveals]
    finally:
        await stop(served)


async def test_deadline_passed_while_down_closes_the_question(tmp_path: Path) -> None:
    """A question whose time ran out during the outage is closed and revealed on resume."""
    served = await serve(tmp_path)
    players = (await join_all(served))[:2]
    boss = await host(served.url)
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
        boss = await host(served.url)
        await latest_state(boss, lambda f: f["state"] == "reveal")
        frames = await rejoin_all(served, players)
        assert [f[0]["state"] for f in frames] == ["reveal", "reveal"]
        assert frames[0][1]["you"]["correct"] and not frames[1][1]["you"]["answered"]
    finally:
        await stop(served)


async def test_resume_without_an_unfinished_game_is_a_clear_error(tmp_path: Path) -> None:
    """--resume on an empty database says what to do and exits 2."""
    code, _, err = await finish(
        await spawn("--resume", "--db", str(tmp_path / "new.db"), "--port", "0")
    )
    assert code == 2
    assert "no unfinished game" in err and "without --resume" in err


async def test_sigterm_mid_question_closes_1001_flushes_and_resumes(tmp_path: Path) -> None:
    """SIGTERM: every client closed with 1001, exit 0; --resume continues the question."""
    served = await serve(tmp_path)
    players = await join_all(served)
    boss = await host(served.url)
    await step(boss, players, "start", "question")
    await players[0].client.send(type="answer", question=0, choice=1)
    await players[0].client.expect("answer_ack")
    code, out, err = await served.stop(signal.SIGTERM)
    assert code == 0, err
    farewell = out + err
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
        await stop(served)
