"""The aiosqlite store against real SQLite files: schema, refusal rules, batching, durability."""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import AsyncIterator, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from quizhost.store import SCHEMA_VERSION, Store, StoreError
from quizhost.store import statements as sql
from quizhost.store.schema import APPLICATION_ID
from quizhost.store.statements import Statement


@pytest.fixture
async def store(tmp_path: Path) -> AsyncIterator[Store]:
    s = await Store.open(tmp_path / "quiz.db")
    try:
        yield s
    finally:
        await s.close()


async def _game_with_question(store: Store, game_id: str = "g1", players: int = 0) -> None:
    store.create_game(
        game_id, pin="123456", bank_title="T", bank_path="b.yaml", seed=7, created_at_ms=1
    )
    for i in range(players):
        store.add_player(game_id, f"p{i}", f"Player {i}", 10 + i)
    await store.open_question(game_id, 0, 3, 100, 20_100)


def _answer(
    game_id: str, seq: int, player_id: str, choice: int, *, points: int = 0, question: int = 0
) -> Statement:
    """An accepted answer as the session stores it: its journal entry, outcome included."""
    payload = {
        "player_id": player_id,
        "question": question,
        "answer": {"choice": choice},
        "elapsed_ms": seq,
        "correct": choice == 1,
        "points": points,
    }
    return sql.append_command(game_id, seq, seq, "SubmitAnswer", payload)


async def _write(store: Store, statement: Statement) -> None:
    """Write one statement the way the session writes a command: as a planned unit."""
    await store.write_planned(lambda: [statement], lambda committed: None)


@contextmanager
def _independent(path: Path) -> Iterator[sqlite3.Connection]:
    """A second connection, as another program would open; committed and closed on exit."""
    db = sqlite3.connect(path, timeout=5)
    try:
        with db:
            yield db
    finally:
        db.close()


async def test_schema_is_created_with_version_and_wal(tmp_path: Path) -> None:
    """A new file gets every table, the current user_version, our application id and WAL."""
    path = tmp_path / "quiz.db"
    store = await Store.open(path)
    await store.close()
    with _independent(path) as db:
        tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        assert {"meta", "games", "players", "questions", "commands"} <= tables
        views = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='view'")}
        assert views == {"answers"}
        assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION == 4
        assert db.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


async def test_newer_schema_is_refused_and_untouched(tmp_path: Path) -> None:
    """A database written by a newer quizhost is refused with a clear message."""
    path = tmp_path / "quiz.db"
    await (await Store.open(path)).close()
    with _independent(path) as db:
        db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    before = path.read_bytes()
    with pytest.raises(StoreError, match=f"schema version {SCHEMA_VERSION + 1}, newer"):
        await Store.open(path)
    assert path.read_bytes() == before


@pytest.mark.parametrize(
    "junk", [b"shopping list\neggs\nmilk\n" * 100, b"hi", b"SQLite format 2\x00" + b"x" * 200]
)
async def test_junk_file_is_refused_and_left_byte_for_byte(tmp_path: Path, junk: bytes) -> None:
    """A file that is not SQLite at the --db path is refused and never overwritten."""
    path = tmp_path / "notes.txt"
    path.write_bytes(junk)
    with pytest.raises(StoreError, match="not a quizhost database"):
        await Store.open(path)
    assert path.read_bytes() == junk
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt"]


async def test_directory_is_refused(tmp_path: Path) -> None:
    """A directory at the --db path is refused with a clear message."""
    with pytest.raises(StoreError, match="not a regular file"):
        await Store.open(tmp_path)


async def test_other_applications_sqlite_file_is_refused(tmp_path: Path) -> None:
    """An SQLite file with someone else's tables is refused, not migrated."""
    path = tmp_path / "other.db"
    with _independent(path) as db:
        db.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY)")
    before = path.read_bytes()
    with pytest.raises(StoreError, match="not a quizhost database"):
        await Store.open(path)
    assert path.read_bytes() == before


async def test_secret_is_created_once_and_stable_across_reopen(tmp_path: Path) -> None:
    """The JWT secret is random, at least 32 bytes, and the same after a restart."""
    path = tmp_path / "quiz.db"
    first = await Store.open(path)
    secret = first.secret()
    await first.close()
    second = await Store.open(path)
    assert second.secret() == secret
    assert len(secret) >= 32
    await second.close()
    other = await Store.open(tmp_path / "other.db")
    assert other.secret() != secret
    await other.close()


async def test_records_round_trip(store: Store) -> None:
    """Games, players, questions, answers and commands read back as written."""
    await _game_with_question(store, players=2)
    assert await store.set_kicked("g1", "p1") is True
    assert await store.set_kicked("g1", "nobody") is False
    assert await store.set_deadline("g1", 0, 25_100) is True
    assert await store.close_question("g1", 0, 5_000) is True
    await store.append_command("g1", 1, 5, "join", {"name": "Player 0"})
    await store.append_command("g1", 2, 6, "start", {})
    await _write(store, _answer("g1", 3, "p0", 1, points=980))

    game = await store.unfinished_game()
    assert game is not None and game.id == "g1" and game.seed == 7 and game.state == "lobby"
    players = await store.players("g1")
    assert [(p.id, p.name, p.kicked) for p in players] == [
        ("p0", "Player 0", False),
        ("p1", "Player 1", True),
    ]
    [question] = await store.questions("g1")
    assert (question.bank_index, question.deadline_ms, question.closed_at_ms) == (3, 25_100, 5000)
    [answer] = await store.answers("g1")
    assert (answer.question_idx, answer.player_id, answer.answer) == (0, "p0", {"choice": 1})
    assert (answer.received_ms, answer.elapsed_ms, answer.correct, answer.points) == (
        3,
        3,
        True,
        980,
    )
    assert [(c.seq, c.kind) for c in await store.commands("g1")] == [
        (1, "join"),
        (2, "start"),
        (3, "SubmitAnswer"),
    ]

    assert await store.set_game_state("g1", "ended", ended_at_ms=9_000) is True
    assert await store.unfinished_game() is None
    [listed] = await store.list_games()
    assert (listed.state, listed.ended_at_ms) == ("ended", 9_000)


async def test_failing_write_fails_only_its_own_caller(store: Store) -> None:
    """A statement that violates a constraint fails alone; the rest of its batch commits."""
    await _game_with_question(store)
    good = store.add_player("g1", "p0", "Ada", 1)
    bad = store.add_player("ghost", "p1", "Bo", 1)  # no such game: foreign key violation
    dup_command = store.append_command("g1", 1, 1, "x", {})
    dup_command_again = store.append_command("g1", 1, 1, "x", {})
    also_good = store.add_player("g1", "p2", "Cy", 2)
    results = await asyncio.gather(
        good, bad, dup_command, dup_command_again, also_good, return_exceptions=True
    )
    assert results[0] is None and results[4] is None and results[2] is None
    assert isinstance(results[1], StoreError) and "FOREIGN KEY" in str(results[1])
    assert isinstance(results[3], StoreError) and "UNIQUE" in str(results[3])
    assert store.commits >= 1
    assert [p.id for p in await store.players("g1")] == ["p0", "p2"]


async def test_burst_of_answers_is_batched_and_durable_after_await(
    store: Store, tmp_path: Path
) -> None:
    """1000 concurrent answers become a handful of commits, and each is on disk once awaited."""
    await _game_with_question(store, players=1000)
    commits_before = store.commits
    checked: list[bool] = []

    async def answer(i: int) -> None:
        await _write(store, _answer("g1", i + 1, f"p{i}", i % 4, points=1000 - i // 2))
        if i % 97 == 0:  # an independent connection sees it the moment the await returns
            with _independent(store.path) as db:
                row = db.execute(
                    "SELECT answer_json FROM answers WHERE player_id = ?", (f"p{i}",)
                ).fetchone()
            checked.append(row == (f'{{"choice":{i % 4}}}',))

    async with asyncio.timeout(30):
        await asyncio.gather(*(answer(i) for i in range(1000)))
    commits = store.commits - commits_before
    print(f"1000 answers in {commits} commits ({1000 / commits:.0f} answers per commit)")
    assert checked and all(checked)
    assert 1 <= commits <= 10
    with _independent(store.path) as db:
        assert db.execute("SELECT count(*) FROM answers").fetchone()[0] == 1000


async def test_a_steady_stream_of_writes_is_gathered_into_few_commits(tmp_path: Path) -> None:
    """Answers trickling in (two every 2 ms for half a second) wait for the commit gap and go
    together, instead of about one commit each."""
    store = await Store.open(tmp_path / "quiz.db", commit_gap_s=0.05)
    try:
        await _game_with_question(store, players=500)
        commits_before = store.commits
        writes = []
        for i in range(0, 500, 2):
            for seq in (i + 1, i + 2):
                answer = _answer("g1", seq, f"p{seq - 1}", 1)
                writes.append(asyncio.ensure_future(_write(store, answer)))
            await asyncio.sleep(0.002)
        async with asyncio.timeout(30):
            await asyncio.gather(*writes)
        commits = store.commits - commits_before
        print(f"500 trickling answers in {commits} commits")
        assert commits <= 0.5 / 0.05 + 5, commits
        assert [c.seq for c in await store.commands("g1")] == list(range(1, 501))
    finally:
        await store.close()


async def test_one_write_at_a_time_is_not_held_for_the_gap(tmp_path: Path) -> None:
    """Writes awaited one by one (a class of thirty) commit at once even with a gap of a
    minute; once writes overlap, the next batch waits for the gap, but close() does not."""
    store = await Store.open(tmp_path / "quiz.db", commit_gap_s=60)
    try:
        async with asyncio.timeout(10):
            await _game_with_question(store, players=4)  # one batch of several
            late = asyncio.ensure_future(_write(store, _answer("g1", 1, "p0", 1)))
            await asyncio.sleep(0.3)
            assert not late.done()  # held for the gap
            await store.close()
            await late
        store = await Store.open(tmp_path / "quiz.db", commit_gap_s=60)
        async with asyncio.timeout(10):
            for i in range(1, 4):
                await _write(store, _answer("g1", i + 1, f"p{i}", 1))
        with _independent(tmp_path / "quiz.db") as db:
            assert db.execute("SELECT count(*) FROM commands").fetchone() == (4,)
    finally:
        await store.close()


async def test_close_flushes_pending_writes(tmp_path: Path) -> None:
    """Writes nobody awaited are committed by close(), and the store refuses new ones."""
    path = tmp_path / "quiz.db"
    store = await Store.open(path)
    store.create_game("g1", pin="1", bank_title="T", bank_path="b", seed=1, created_at_ms=1)
    pending = [store.append_command("g1", seq, seq, "tick", {"n": seq}) for seq in range(50)]
    await store.close()
    assert all(f.done() and f.exception() is None for f in pending)
    with _independent(path) as db:
        assert db.execute("SELECT count(*) FROM commands").fetchone()[0] == 50
    with pytest.raises(StoreError, match="closed"):
        store.append_command("g1", 99, 1, "tick", {})
    await store.close()  # twice is fine


async def test_writes_run_in_call_order(store: Store) -> None:
    """The command log keeps the order of the calls even when nobody awaits in between."""
    store.create_game("g1", pin="1", bank_title="T", bank_path="b", seed=1, created_at_ms=1)
    for seq in range(20):
        store.append_command("g1", seq, 1000 - seq, "k", {"seq": seq})
    commands = await store.commands("g1")
    assert [c.payload["seq"] for c in commands] == list(range(20))


async def test_unfinished_game_is_the_newest_open_one(store: Store) -> None:
    """Resume picks the latest game that has not ended."""
    for gid, created in (("old", 1), ("new", 5), ("done", 9)):
        store.create_game(
            gid, pin="1", bank_title="T", bank_path="b", seed=1, created_at_ms=created
        )
    await store.set_game_state("done", "ended", ended_at_ms=10)
    game = await store.unfinished_game()
    assert game is not None and game.id == "new"


async def test_synchronous_mode_is_applied(tmp_path: Path) -> None:
    """The store opens only once SQLite runs the synchronous mode asked for, with foreign keys
    enforced (a player of a game never created is refused)."""
    for mode in ("FULL", "NORMAL"):
        store = await Store.open(tmp_path / f"{mode}.db", synchronous=mode)
        try:
            assert store.synchronous == mode
            await store.create_game(
                "g1", pin="1", bank_title="T", bank_path="b", seed=1, created_at_ms=1
            )
            await store.add_player("g1", "p1", "Ada", 1)
            with pytest.raises(StoreError, match="FOREIGN KEY"):
                await store.add_player("g2", "p1", "Ada", 1)
        finally:
            await store.close()


async def _write_units(store: Store, units: list[list[Statement]]) -> list[object]:
    """Queue every unit before any is written, as a burst does; settle outcomes in order."""
    settled: list[bool] = []
    futures = [
        store.write_planned(lambda unit=unit: unit, settled.append)  # type: ignore[misc]
        for unit in units
    ]
    results = await asyncio.gather(*futures, return_exceptions=True)
    assert len(settled) == len(units)
    return list(results)


async def test_a_burst_of_planned_units_lands_whole_and_in_order(store: Store) -> None:
    """Joins, answers and their journal entries written in one batch (merged into one statement
    per table) read back exactly as written one by one: values, NULLs, order, foreign keys."""
    await _game_with_question(store)
    units: list[list[Statement]] = []
    for i in range(300):
        units.append(
            [
                sql.append_command("g1", 2 * i, 2 * i, "join", {"name": f"Zoë {i}"}),
                sql.add_player("g1", f"p{i}", f"Zoë «{i}»", 2 * i),
            ]
        )
        units.append([_answer("g1", 2 * i + 1, f"p{i}", i % 3)])
    commits = store.commits
    results = await _write_units(store, units)
    assert results == [None] * 600
    assert store.commits - commits <= 3
    players = await store.players("g1")
    assert [p.name for p in players] == [f"Zoë «{i}»" for i in range(300)]
    answers = await store.answers("g1")
    assert [a.player_id for a in answers] == [f"p{i}" for i in range(300)]
    assert [a.answer for a in answers] == [{"choice": i % 3} for i in range(300)]
    assert [a.correct for a in answers] == [i % 3 == 1 for i in range(300)]
    commands = await store.commands("g1")
    assert [c.seq for c in commands] == list(range(600))
    assert commands[2].payload == {"name": "Zoë 1"}


async def test_a_batch_that_is_one_statement_commits_by_itself(
    store: Store, tmp_path: Path
) -> None:
    """One answer alone, or a burst merged into one statement, is written without BEGIN and
    COMMIT (one thread hop): on disk for another connection once awaited, one commit each."""
    await _game_with_question(store, players=40)
    seen: list[str] = []
    await store._conn.set_trace_callback(seen.append)
    commits = store.commits
    assert await _write_units(store, [[_answer("g1", 1, "p0", 1)]]) == [None]
    with _independent(tmp_path / "quiz.db") as other:
        assert other.execute("SELECT count(*) FROM commands").fetchone() == (1,)
    burst = [[_answer("g1", 2 + i, f"p{1 + i}", 1)] for i in range(39)]
    assert await _write_units(store, burst) == [None] * 39
    await store._conn.set_trace_callback(None)  # type: ignore[arg-type]  # sqlite3 takes None
    assert store.commits - commits == 2
    assert [s.split()[0] for s in seen] == ["INSERT", "INSERT"], seen
    assert [c.seq for c in await store.commands("g1")] == list(range(1, 41))


async def test_a_failing_unit_in_a_burst_fails_with_those_after_it_only(store: Store) -> None:
    """A merged burst that hits a bad row is written unit by unit: the units before the bad one
    land; it and the ones planned after it fail (none may land past a failed one)."""
    await _game_with_question(store, players=3)
    units = [
        [_answer("g1", 1, "p0", 1)],
        [_answer("ghost", 2, "p1", 1)],  # no such game: foreign key violation
        [_answer("g1", 3, "p2", 1)],
    ]
    results = await _write_units(store, units)
    assert results[0] is None
    assert isinstance(results[1], StoreError) and "FOREIGN KEY" in str(results[1])
    assert isinstance(results[2], StoreError)
    assert [a.player_id for a in await store.answers("g1")] == ["p0"]
    assert [c.seq for c in await store.commands("g1")] == [1]


async def test_the_wal_is_checkpointed_when_asked_not_inside_a_burst(store: Store) -> None:
    """SQLite's automatic checkpoint (at 1000 pages by default) is pushed far out, so it does
    not land in a burst's commit; `checkpoint` copies the WAL between two batches, and writes
    queued before it and after it both land."""
    await _game_with_question(store)
    blob = "x" * 10_000
    for burst in range(6):  # six commits of ~250 pages each
        await asyncio.gather(
            *(store.append_command("g1", burst * 100 + i, 1, "k", {"b": blob}) for i in range(100))
        )
    before = [store.append_command("g1", 600 + seq, 1, "k", {}) for seq in range(100)]
    checkpoint = store.checkpoint()
    after = [store.append_command("g1", 700 + seq, 1, "k", {}) for seq in range(100)]
    busy, log, copied = await checkpoint
    assert all(f.done() for f in before) and not any(f.done() for f in after)
    assert busy == 0 and copied == log
    assert log > 1000, f"the WAL was checkpointed during the bursts ({log} pages left)"
    await asyncio.gather(*after)
    assert len(await store.commands("g1")) == 800
