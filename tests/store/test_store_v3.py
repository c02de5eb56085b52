"""A database written by schema version 3 (two rows per answer) reads the same after version 4.

`schema-v3.db` was written by the version 3 code (`make_v3_fixture.py`), beside what that code
read from it. Version 4 keeps an answer once, in its journal entry, and shows the older rows
through the same `answers` view: the rows, the results and the CSV tables must not change, and
the unfinished game must resume and take new answers next to its old ones.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from quizhost.core import Next, Skip
from quizhost.results import answer_table, game_results, summary_table
from quizhost.server.app import QuizServer
from quizhost.session import Session, SessionConfig
from quizhost.store import SCHEMA_VERSION, Store
from tests.integration.wire import HOST_TOKEN, ONE_ADDRESS_CLASS, Client
from tests.store.make_v3_fixture import read, until

HERE = Path(__file__).parent


@pytest.fixture
def v3(tmp_path: Path) -> tuple[Path, dict[str, Any]]:
    """A copy of the version 3 database (opening it migrates it) and what version 3 read."""
    copy = tmp_path / "schema-v3.db"
    shutil.copyfile(HERE / "schema-v3.db", copy)
    expected: dict[str, Any] = json.loads((HERE / "schema-v3.json").read_text())
    return copy, expected


def _count(db: Path, sql: str) -> int:
    with sqlite3.connect(db) as conn:
        value = int(conn.execute(sql).fetchone()[0])
    conn.close()
    return value


async def test_answers_results_and_tables_read_as_version_3_read_them(
    v3: tuple[Path, dict[str, Any]],
) -> None:
    """Every answer row, every results table of the live game, the assignment and the
    unfinished game is what version 3 read, after the migration to the current version."""
    db, expected = v3
    assert expected["user_version"] == 3
    games = [expected["live"], expected["assignment"], expected["unfinished"]]
    await (await Store.open(db)).close()  # migrates
    assert _count(db, "PRAGMA user_version") == SCHEMA_VERSION
    assert await read(db, games) == expected["games"]
    assert sum(len(g["answers"]) for g in expected["games"].values()) == _count(
        db, "SELECT count(*) FROM answers_before_v4"
    )


async def test_the_unfinished_game_resumes_and_stores_new_answers_once(
    v3: tuple[Path, dict[str, Any]],
) -> None:
    """Resumed after the migration, the game's old answer stays and a new one is stored as one
    journal entry (no second row); the results show both."""
    db, expected = v3
    game_id = expected["unfinished"]
    store = await Store.open(db)
    old_rows = _count(db, "SELECT count(*) FROM answers_before_v4")
    try:
        record = await store.game(game_id)
        assert record is not None
        session = await Session.restore(store, record, SessionConfig())
        server = QuizServer(session, host_token=HOST_TOKEN, settings=ONE_ADDRESS_CLASS)
        await server.start("127.0.0.1", 0)
        try:
            di = await Client.connect(f"ws://127.0.0.1:{server.port}", "/ws/play")
            await di.send(type="join", pin=session.pin, name="Di")
            await di.expect("welcome")
            await session.host_command(Next())  # its deadline passed meanwhile: closed at once
            await session.host_command(Next())
            assert (await until(di, "question"))["index"] == 1
            commands_before = _count(db, "SELECT count(*) FROM commands")
            await di.send(type="answer", question=1, choice=0)
            await until(di, "answer_ack")
            assert _count(db, "SELECT count(*) FROM commands") == commands_before + 1
            await session.host_command(Skip())  # revealed: the results count it
            await di.close()
        finally:
            await server.stop()
            await session.close()
        assert _count(db, "SELECT count(*) FROM answers_before_v4") == old_rows
        answers = await store.answers(game_id)
        assert [(a.question_idx, a.correct) for a in answers] == [(0, True), (1, True)]
        assert answers[0].points == expected["games"][game_id]["answers"][0][6]
        assert answers[1].points > 0 and answers[1].answer == {"choice": 0}
        results = await game_results(store, game_id)
        scores = {row.name: row.score for row in results.ranked}
        assert scores["Ada"] == answers[0].points and scores["Di"] == answers[1].points
        assert len(answer_table(results)) > 1 and len(summary_table(results)) == 5
    finally:
        await store.close()
