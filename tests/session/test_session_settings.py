"""A game's rules are stored with it and used by every replay of it."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from quizhost.core import GameSettings
from quizhost.results import ResultsError, game_results
from quizhost.session import RestoreError, Session, SessionConfig
from quizhost.session.journal import JournalError, settings_from_json, settings_to_json
from quizhost.store import Store
from tests.integration.wire import SHORT


async def test_a_new_game_stores_its_rules_and_a_replay_reads_them(tmp_path: Path) -> None:
    """create stores the rules not at their default as JSON in the games table (so an older
    quizhost still reads a game that uses no newer rule); restore rebuilds with them."""
    rules = GameSettings(read_ms=3_000, auto_close=True, teams=("Red", "Blue"))
    store = await Store.open(tmp_path / "q.db")
    try:
        session = await Session.create(SHORT, store, SessionConfig(), settings=rules)
        await session.close()
        record = await store.game(session.game_id)
        assert record is not None
        assert record.settings_json == settings_to_json(rules)
        assert json.loads(record.settings_json or "") == {
            "auto_close": True,
            "read_ms": 3_000,
            "teams": ["Red", "Blue"],
        }
        restored = await Session.restore(store, record, SessionConfig())
        assert restored.game.settings == rules
        await restored.close()
    finally:
        await store.close()


async def test_a_game_played_under_unknown_rules_is_refused_not_replayed_wrong(
    tmp_path: Path,
) -> None:
    """Rules from a newer quizhost: resume and results say so instead of other scores."""
    path = tmp_path / "q.db"
    store = await Store.open(path)
    try:
        session = await Session.create(SHORT, store, SessionConfig())
        await session.close()
        await store.close()
        with sqlite3.connect(path) as db:
            db.execute("UPDATE games SET settings_json = ?", ('{"handicap": 4}',))
        db.close()
        store = await Store.open(path)
        record = await store.game(session.game_id)
        assert record is not None
        with pytest.raises(RestoreError, match=r"rules this quizhost does not know \(handicap\)"):
            await Session.restore(store, record, SessionConfig())
        with pytest.raises(ResultsError, match="handicap"):
            await game_results(store, session.game_id)
    finally:
        await store.close()


def test_stored_rules_read_back() -> None:
    """No stored rules (an older game) means the defaults; damaged JSON is an error."""
    assert settings_from_json(None) == GameSettings()
    assert settings_from_json("{}") == GameSettings()
    with pytest.raises(JournalError, match="damaged"):
        settings_from_json("[1]")
