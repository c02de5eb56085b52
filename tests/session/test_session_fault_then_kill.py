"""A lock episode as the host moves on, then `kill -9`: `--resume` brings the game back.

A real `quizhost serve` subprocess with its default 5 s busy timeout; another connection
holds the database's write lock a little longer than that while the host opens a question.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from tests.integration.wire import host_state_where
from tests.kit.crash import join_all, play_first_question, rejoin_all, serve, stop, stored_answers
from tests.kit.processes import host


@pytest.mark.slow  # a subprocess server and a 5 s lock: not for the fast loop
async def test_resume_after_a_lock_episode_and_a_kill_keeps_every_acknowledged_answer(
    tmp_path: Path,
) -> None:
    """After the lock, every player's answer to the new question is acknowledged; after
    SIGKILL, --resume starts (no `cannot replay`), each phone gets its ack back, the host
    sees every answer, and the database holds each answer once."""
    served = await serve(tmp_path)
    try:
        players = await join_all(served)
        boss = await host(served.url)
        await play_first_question(boss, players)

        other = sqlite3.connect(tmp_path / "quiz.db", isolation_level=None)
        other.execute("BEGIN IMMEDIATE")
        try:
            await boss.send(type="next")
            for player in players:
                await player.client.expect("question", timeout=15)
            await host_state_where(boss, lambda f: f["warning"] is not None, timeout=15)
        finally:
            other.execute("ROLLBACK")
            other.close()

        for i, player in enumerate(players):
            await player.client.send(type="answer", question=1, choice=i % 4)
        for player in players:
            assert (await player.client.expect("answer_ack"))["question"] == 1
        await host_state_where(boss, lambda f: f["warning"] is None and f["answered"] == 16)
        await served.kill()
    finally:
        if served.process.returncode is None:
            await served.kill()

    assert sorted(stored_answers(tmp_path, 1)) == sorted(p.player_id for p in players)
    resumed = await serve(tmp_path, "--resume")
    try:
        for frames in await rejoin_all(resumed, players):
            assert frames[1]["type"] == "question" and frames[1]["index"] == 1
        for player in players:
            assert (await player.client.expect("answer_ack"))["question"] == 1
        boss = await host(resumed.url)
        await host_state_where(boss, lambda f: f["answered"] == 16)
    finally:
        await stop(resumed)
