"""Golden databases: games stored by earlier releases replay to the scores their players saw.

Each `game-VERSION.db` was written once by `make_golden.py`, beside a JSON of the scores and
ranks every phone showed on the podium. A rename of a class, a changed journal kind, a schema
migration or a new rule that changes a stored game's replay fails here.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from quizhost.bank.snapshot import bank_from_json
from quizhost.core import GameSettings
from quizhost.results import game_results
from quizhost.session import Session, SessionConfig
from quizhost.store import SCHEMA_VERSION, Store

GOLDEN = Path(__file__).parent
RELEASES = sorted(p.stem for p in GOLDEN.glob("game-*.db"))


def expected(release: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((GOLDEN / f"{release}.json").read_text())
    return data


@pytest.fixture(params=RELEASES)
async def golden(request: pytest.FixtureRequest, tmp_path: Path) -> Any:
    """A copy of one golden database (opening migrates it in place), and what it must give."""
    release: str = request.param
    copy = tmp_path / f"{release}.db"
    shutil.copyfile(GOLDEN / f"{release}.db", copy)
    store = await Store.open(copy)
    try:
        yield store, expected(release)
    finally:
        await store.close()


def test_there_is_a_golden_database() -> None:
    """At least the first release's game is kept, with its expected scores."""
    assert "game-0.1.0" in RELEASES
    assert expected("game-0.1.0")["scores"]


async def test_results_replay_to_the_scores_players_saw(golden: Any) -> None:
    """`quizhost results` rebuilds the exact scores and ranks shown on the podium; the kicked
    player is kept, marked and unranked."""
    store, want = golden
    results = await game_results(store, want["game_id"])
    assert {p.name: p.score for p in results.ranked} == want["scores"]
    assert {p.name: p.rank for p in results.ranked} == want["ranks"]
    kicked = [p for p in results.players if p.kicked]
    assert [p.name for p in kicked] == want["kicked"] and {p.rank for p in kicked} == {None}


async def test_resume_replays_to_the_scores_players_saw(golden: Any) -> None:
    """`--resume`'s restore rebuilds the same game: scores, ranks, the kicked player out."""
    store, want = golden
    record = await store.game(want["game_id"])
    assert record is not None
    session = await Session.restore(store, record, SessionConfig())
    try:
        ranking = session.game.ranking()
        assert {r.name: r.score for r in ranking} == want["scores"]
        assert {r.name: r.rank for r in ranking} == want["ranks"]
        kicked = {p.name for p in session.game.players.values() if p.kicked}
        assert kicked == set(want["kicked"])
    finally:
        await session.close()


async def test_the_journal_kinds_are_read_as_stored(golden: Any) -> None:
    """The stored kind names are unchanged on disk and each one still replays."""
    store, want = golden
    commands = await store.commands(want["game_id"])
    assert [c.kind for c in commands] == want["journal_kinds"]


async def test_the_stored_bank_is_read_with_its_fixed_question_tags(golden: Any) -> None:
    """The bank snapshot names its question classes by fixed tags, each still readable."""
    store, want = golden
    record = await store.game(want["game_id"])
    assert record is not None and record.bank_json is not None
    tags = {q["class"] for q in json.loads(record.bank_json)["questions"]}
    assert tags == {
        "ChoiceQuestion",
        "TrueFalseQuestion",
        "TypeAnswerQuestion",
        "SliderQuestion",
        "OrderQuestion",
        "PollQuestion",
    }
    assert len(bank_from_json(record.bank_json).questions) == 7


async def test_a_database_of_the_previous_schema_migrates_and_replays_by_default_rules(
    tmp_path: Path,
) -> None:
    """The golden file predates stored rules (schema 2): it opens, migrates in place, and its
    game replays under the default rules, as it was played."""
    copy = tmp_path / "old.db"
    shutil.copyfile(GOLDEN / "game-0.1.0.db", copy)
    with sqlite3.connect(copy) as db:
        assert db.execute("PRAGMA user_version").fetchone()[0] == 2
    db.close()
    want = expected("game-0.1.0")
    store = await Store.open(copy)
    try:
        record = await store.game(want["game_id"])
        assert record is not None and record.settings_json is None
        session = await Session.restore(store, record, SessionConfig())
        assert session.game.settings == GameSettings()
        assert {r.name: r.score for r in session.game.ranking()} == want["scores"]
        await session.close()
    finally:
        await store.close()
    with sqlite3.connect(copy) as db:
        assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    db.close()
