"""A database made by an older quizhost opens in this one, its games intact."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from quizhost.store import SCHEMA_VERSION, Store
from quizhost.store.schema import APPLICATION_ID, MIGRATIONS


def make_first_schema_database(path: Path) -> None:
    """What the first release wrote: schema version 1 with one game, a player, an answer."""
    with sqlite3.connect(path) as db:
        db.executescript(MIGRATIONS[0])
        db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        db.execute("PRAGMA user_version = 1")
        db.execute(
            "INSERT INTO games VALUES ('g1', '123456', 'Old quiz', 'old.yaml', NULL, 7,"
            " 'podium', 1000, NULL)"
        )
        db.execute("INSERT INTO players VALUES ('g1', 'p1', 'Ada', 1000, 0)")
        db.execute("INSERT INTO questions VALUES ('g1', 0, 0, 2000, 22000, 9000)")
        db.execute(
            "INSERT INTO answers VALUES ('g1', 0, 'p1', '{\"choice\":1}', 5000, 3000, 1, 925)"
        )
        db.execute("INSERT INTO commands VALUES ('g1', 1, 1000, 'Join', '{}')")
        db.execute("INSERT INTO meta VALUES ('jwt_secret', ?)", (b"s" * 64,))
    db.close()


async def test_first_schema_database_is_migrated_with_its_data(tmp_path: Path) -> None:
    """Version 1 upgrades to the current version in place; every row is still there."""
    path = tmp_path / "old.db"
    make_first_schema_database(path)
    store = await Store.open(path)
    try:
        (game,) = await store.list_games()
        assert (game.id, game.pin, game.bank_title, game.state) == (
            "g1",
            "123456",
            "Old quiz",
            "podium",
        )
        assert game.max_players is None  # a column the first schema did not have
        assert [p.name for p in await store.players("g1")] == ["Ada"]
        (answer,) = await store.answers("g1")
        assert (answer.answer, answer.points, answer.correct) == ({"choice": 1}, 925, True)
        assert len(await store.commands("g1")) == 1
        await store.create_game(
            "g2",
            pin="654321",
            bank_title="New",
            bank_path="",
            seed=1,
            created_at_ms=2000,
            max_players=30,
        )
        assert (await store.game("g2")).max_players == 30  # type: ignore[union-attr]
    finally:
        await store.close()
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    db.close()


async def test_migrating_twice_changes_nothing(tmp_path: Path) -> None:
    """Opening an up-to-date database runs no migration again."""
    path = tmp_path / "old.db"
    make_first_schema_database(path)
    await (await Store.open(path)).close()
    await (await Store.open(path)).close()
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        columns = [row[1] for row in db.execute("PRAGMA table_info(games)")]
    db.close()
    assert columns.count("max_players") == 1
