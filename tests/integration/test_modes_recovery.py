"""Crash recovery (kill -9, then --resume) of the new states: a question intro, auto-close."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from tests.integration.test_crash_recovery import (
    PLAYERS,
    host,
    join_all,
    rejoin_all,
    serve,
    step,
)
from tests.integration.wire import host_state_where

BANK = """\
title: Modes crash test
defaults:
  read_time: 2
questions:
  - question: First?
    time: 120
    choices: [A, {correct: B}]
  - question: Second?
    time: 120
    choices: [{correct: A}, B]
"""


def journal_kinds(tmp_path: Path) -> list[str]:
    with sqlite3.connect(tmp_path / "quiz.db") as db:
        rows = db.execute("SELECT kind FROM commands ORDER BY seq").fetchall()
    db.close()
    return [kind for (kind,) in rows]


async def test_kill_during_the_intro(tmp_path: Path) -> None:
    """Killed while phones show "get ready": they come back to it, and answers open on time."""
    served = await serve(tmp_path, bank_text=BANK)
    players = await join_all(served)
    boss = await host(served)
    await step(boss, players, "start", "get_ready")
    await served.kill()

    served = await serve(tmp_path, "--resume")
    try:
        frames = await rejoin_all(served, players)
        assert all(w["state"] in ("intro", "question") for w, _ in frames)
        assert all(f["type"] in ("get_ready", "question") for _, f in frames)
        for player, (_, first) in zip(players, frames, strict=True):
            if first["type"] == "get_ready":
                await player.client.expect("question", timeout=5)
        assert "DisconnectAll" in journal_kinds(tmp_path)
    finally:
        await served.stop()


async def test_auto_close_after_a_restart_waits_for_the_phones(tmp_path: Path) -> None:
    """Half answered, then kill -9: the resumed question stays open while phones come back,
    and the last answer closes it."""
    served = await serve(tmp_path, bank_text=BANK)
    players = await join_all(served)
    boss = await host(served)
    await step(boss, players, "start", "get_ready")
    for player in players:
        await player.client.expect("question")
    for player in players[: PLAYERS // 2]:
        await player.client.send(type="answer", question=0, choice=1)
        await player.client.expect("answer_ack")
    await served.kill()

    served = await serve(tmp_path, "--resume")
    try:
        frames = await rejoin_all(served, players)
        assert all(w["state"] == "question" for w, _ in frames)
        boss = await host(served)
        state = await host_state_where(boss, lambda f: all(p["connected"] for p in f["players"]))
        assert state["state"] == "question" and state["answered"] == PLAYERS // 2
        for player in players[PLAYERS // 2 :]:
            await player.client.send(type="answer", question=0, choice=0)
            await player.client.expect("answer_ack")
        reveals = [await p.client.expect("reveal") for p in players[PLAYERS // 2 :]]
        assert all(r["index"] == 0 for r in reveals)
    finally:
        await served.stop()


async def test_kill_during_an_autoplay_countdown(tmp_path: Path) -> None:
    """Autoplay survives kill -9: the resumed leaderboard moves on to the next question alone."""
    served = await serve(tmp_path, "--autoplay", "2", bank_text=BANK)
    players = await join_all(served)
    boss = await host(served)
    await step(boss, players, "start", "get_ready")
    for player in players:
        await player.client.expect("question")
    await step(boss, players, "skip", "reveal")
    await step(boss, players, "next", "leaderboard")  # the host stepped in; 2 s to go
    await served.kill()

    served = await serve(tmp_path, "--resume")
    try:
        frames = await rejoin_all(served, players)
        assert all(w["state"] in ("leaderboard", "intro", "question") for w, _ in frames)
        boss = await host(served)
        state = await host_state_where(boss, lambda f: f["state"] in ("intro", "question"))
        assert state["autoplay_ms"] == 2_000
        assert state["question"]["index"] == 1
    finally:
        await served.stop()


ROUNDS_BANK = """\
title: Rounds crash test
defaults:
  read_time: 0
rounds:
  - title: Warm-up
    questions:
      - question: First?
        choices: [A, {correct: B}]
  - title: Main
    questions:
      - question: Second?
        choices: [{correct: A}, B]
"""


async def test_kill_on_a_round_title_screen(tmp_path: Path) -> None:
    """Phones come back to the round's title; next then opens its first question."""
    served = await serve(tmp_path, bank_text=ROUNDS_BANK)
    players = await join_all(served)
    boss = await host(served)
    titles = await step(boss, players, "start", "round")
    assert titles[0]["title"] == "Warm-up"
    await served.kill()

    served = await serve(tmp_path, "--resume")
    try:
        frames = await rejoin_all(served, players)
        assert all(w["state"] == "round" and f["type"] == "round" for w, f in frames)
        assert all(f["title"] == "Warm-up" and f["total"] == 2 for _, f in frames)
        boss = await host(served)
        questions = await step(boss, players, "next", "question")
        assert all(q["index"] == 0 for q in questions)
    finally:
        await served.stop()


async def test_kill_during_a_team_game(tmp_path: Path) -> None:
    """Teams, members and team scores come back after kill -9; the next reveal adds on."""
    served = await serve(tmp_path, "--teams", "2", bank_text=ROUNDS_BANK)
    players = await join_all(served)
    assert all(p.team in ("Red", "Blue") for p in players)
    boss = await host(served)
    await step(boss, players, "start", "round")
    await step(boss, players, "next", "question")
    for i, player in enumerate(players):
        await player.client.send(type="answer", question=0, choice=1 if i % 2 else 0)
        await player.client.expect("answer_ack")
    reveals = await step(boss, players, "skip", "reveal")
    before = {t["name"]: t["score"] for t in reveals[0]["teams"]}
    await served.kill()

    served = await serve(tmp_path, "--resume")
    try:
        frames = await rejoin_all(served, players)
        for player, (welcome, again) in zip(players, frames, strict=True):
            assert welcome["team"] == player.team and again["type"] == "reveal"
            assert {t["name"]: t["score"] for t in again["teams"]} == before
        boss = await host(served)
        state = await host_state_where(boss, lambda f: "teams" in f)
        assert {t["name"]: t["score"] for t in state["teams"]} == before
    finally:
        await served.stop()
