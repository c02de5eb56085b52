"""The questions table stays true while the game runs: its deadline moves with the clock."""

from __future__ import annotations

import asyncio
from pathlib import Path

from quizhost.session import Session, SessionConfig
from quizhost.store import Store
from tests.integration.wire import SHORT, host, join, start_server, stop_server


async def test_the_stored_deadline_follows_pause_and_added_time(tmp_path: Path) -> None:
    """After a pause, added time and resume, questions.deadline_ms is the game's deadline."""
    running = await start_server(SHORT, tmp_path / "q.db")
    try:
        ada, _ = await join(running, "Ada")
        boss = await host(running)
        await boss.send(type="start")
        opened = await ada.expect("question")
        (before,) = await running.store.questions(running.session.game_id)
        await boss.send(type="pause")
        await ada.expect("paused")
        await asyncio.sleep(0.3)
        await boss.send(type="add_time", ms=7_000)
        await ada.expect("time_added")
        await boss.send(type="resume")
        await ada.expect("resumed")
        (after,) = await running.store.questions(running.session.game_id)
        deadline = running.session.game.deadline_ms
        assert deadline is not None and after.deadline_ms == deadline
        assert after.deadline_ms >= before.deadline_ms + 7_000 + 300
        assert opened["index"] == after.idx == 0
        await ada.close()
        await boss.close()
    finally:
        await stop_server(running)


async def test_the_callers_config_is_never_changed(tmp_path: Path) -> None:
    """create and restore fill the PIN into the session's copy of join_url, not the caller's."""
    store = await Store.open(tmp_path / "q.db")
    try:
        config = SessionConfig(join_url="http://10.0.0.2:8000/?pin={pin}")
        session = await Session.create(SHORT, store, config)
        assert session.config.join_url == f"http://10.0.0.2:8000/?pin={session.pin}"
        record = await store.game(session.game_id)
        assert record is not None
        restored = await Session.restore(store, record, config)
        assert restored.config.join_url == session.config.join_url
        assert config.join_url == "http://10.0.0.2:8000/?pin={pin}"
        await session.close()
        await restored.close()
    finally:
        await store.close()
