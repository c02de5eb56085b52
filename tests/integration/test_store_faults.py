"""The database fails under the game: nothing acknowledged is lost, the game goes on.

A join or an answer whose write fails is not acknowledged: the player gets `store_failed`
and may try again. A host action whose write fails still happens (the class is waiting), the
host sees a warning, and its journal entry is written again with the next write.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from quizhost.results import game_results
from quizhost.store import Store
from tests.integration.wire import SHORT, host, host_state_where, join, start_server, stop_server


def hold_write_lock(db_path: Path) -> sqlite3.Connection:
    """Another program takes the database's write lock (a backup tool, an sqlite3 shell)."""
    other = sqlite3.connect(db_path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    return other


async def test_locked_database_refuses_then_accepts_the_answer(tmp_path: Path) -> None:
    """While locked: store_failed, no ack, a host warning; once free: the retry is stored."""
    running = await start_server(SHORT, tmp_path / "q.db", busy_timeout_ms=200)
    try:
        ada, welcome = await join(running, "Ada")
        boss = await host(running)
        await boss.send(type="start")
        await ada.expect("question")

        other = hold_write_lock(running.db_path)
        await ada.send(type="answer", question=0, choice=1)
        error = await ada.expect("error")
        assert error["code"] == "store_failed" and "try again" in error["message"]
        warned = await host_state_where(boss, lambda f: f["warning"] is not None)
        assert "locked" in warned["warning"] and warned["answered"] == 0
        newcomer = await join_refused(running)
        assert newcomer == "store_failed"

        other.rollback()
        other.close()
        await ada.send(type="answer", question=0, choice=1)
        assert (await ada.expect("answer_ack"))["question"] == 0
        await host_state_where(boss, lambda f: f["warning"] is None and f["answered"] == 1)
        with sqlite3.connect(running.db_path) as db:
            rows = db.execute("SELECT player_id FROM answers").fetchall()
        db.close()
        assert rows == [(welcome["player_id"],)]
        await boss.send(type="skip")
        assert (await ada.expect("reveal"))["you"]["correct"]
        await ada.close()
        await boss.close()
    finally:
        await stop_server(running)


async def join_refused(running) -> str:  # type: ignore[no-untyped-def]
    from tests.integration.wire import Client

    client = await Client.connect(running.url, "/ws/play")
    await client.send(type="join", pin=running.pin, name="Late")
    code = str((await client.expect("error"))["code"])
    await client.close()
    return code


async def test_host_action_during_a_fault_is_saved_later(tmp_path: Path) -> None:
    """A skip while locked still reveals; its journal entry is stored with the next write, so
    the game replays (results, resume) exactly."""
    running = await start_server(SHORT, tmp_path / "q.db", busy_timeout_ms=200)
    try:
        ada, _ = await join(running, "Ada")
        boss = await host(running)
        await boss.send(type="start")
        await ada.expect("question")
        await ada.send(type="answer", question=0, choice=1)
        await ada.expect("answer_ack")

        other = hold_write_lock(running.db_path)
        await boss.send(type="skip")
        reveal = await ada.expect("reveal")  # the class is not kept waiting
        assert reveal["you"]["correct"]
        warned = await host_state_where(boss, lambda f: f["warning"] is not None)
        assert "1 change waits to be saved" in warned["warning"]
        other.rollback()
        other.close()

        await boss.send(type="next")
        await ada.expect("leaderboard")
        await host_state_where(boss, lambda f: f["warning"] is None)
        await ada.close()
        await boss.close()
    finally:
        await stop_server(running)
    store = await Store.open(running.db_path)
    try:
        commands = await store.commands(running.session.game_id)
        assert [c.seq for c in commands] == list(range(1, len(commands) + 1))
        host_kinds = [c.kind for c in commands if c.kind not in ("Leave", "Rejoin")]
        assert host_kinds[-2:] == ["Skip", "Next"]
        results = await game_results(store, running.session.game_id)
        assert results.players[0].score == reveal["you"]["score"]
    finally:
        await store.close()
