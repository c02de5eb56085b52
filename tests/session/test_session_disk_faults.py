"""A short disk-full or lock episode: the game goes on, and once the disk is back everything
the live game kept is saved whole and in order, so a resume replays exactly what it did.

Real faults only: another SQLite connection holding `BEGIN IMMEDIATE` (a backup tool, an
sqlite3 shell), and a real full filesystem (a 2 MiB tmpfs, mounted for the test).
"""

from __future__ import annotations

import asyncio
import errno
import os
import sqlite3
import subprocess
from collections.abc import Iterator, Mapping
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any

import pytest
from websockets.exceptions import ConnectionClosed

from quizhost.core import PlayerResult
from quizhost.results import game_results
from quizhost.session import Session, SessionConfig
from quizhost.store import Store
from tests.integration.wire import (
    SHORT,
    Client,
    Running,
    host,
    host_state_where,
    join,
    start_server,
    stop_server,
)


@contextmanager
def write_lock(db_path: Path) -> Iterator[None]:
    """Another program holds the database's write lock for the duration."""
    other = sqlite3.connect(db_path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        yield
    finally:
        other.execute("ROLLBACK")
        other.close()


class SmallDisk:
    """A 2 MiB tmpfs that can be filled to the last byte and emptied again."""

    def __init__(self, mount: Path) -> None:
        self.mount = mount
        self.filler = mount / "filler"

    def fill(self) -> None:
        with self.filler.open("ab", buffering=0) as f:
            try:
                while True:
                    f.write(b"\0" * 512)
            except OSError as exc:
                assert exc.errno == errno.ENOSPC
        assert os.statvfs(self.mount).f_bavail == 0

    def free(self) -> None:
        self.filler.unlink()


@contextmanager
def small_disk(tmp_path: Path) -> Iterator[SmallDisk]:
    mount = tmp_path / "disk"
    mount.mkdir()
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=2M", "tmpfs", str(mount)], capture_output=True
    )
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here (needs root): {done.stderr.decode().strip()}")
    try:
        yield SmallDisk(mount)
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=True)


async def answer(phone: Client, question: int, choice: int) -> dict[str, Any]:
    """Send an answer; the `answer_ack` or the `error` it got."""
    await phone.send(type="answer", question=question, choice=choice)
    while True:
        frame = await phone.recv()
        if frame["type"] in ("answer_ack", "error"):
            return frame


def outcome(results: Mapping[str, PlayerResult]) -> dict[str, tuple[bool, int, int]]:
    return {pid: (r.answered, r.points, r.score) for pid, r in results.items()}


async def replayed(db_path: Path, game_id: str) -> tuple[Session, Store]:
    """The stored game brought back as `--resume` does, from the database alone."""
    store = await Store.open(db_path)
    record = await store.game(game_id)
    assert record is not None
    return await Session.restore(store, record, SessionConfig()), store


async def check_replay_matches(running: Running, db_path: Path) -> None:
    """Stop the server; resume and results rebuild exactly the live game's last reveal."""
    live = running.session.game
    assert live.last_reveal is not None
    want = outcome(live.last_reveal.results)
    ranking = live.ranking()
    game_id = running.session.game_id
    await stop_server(running)
    session, store = await replayed(db_path, game_id)
    try:
        assert session.game.last_reveal is not None
        assert outcome(session.game.last_reveal.results) == want
        assert session.game.ranking() == ranking
        results = await game_results(store, game_id)
        answered = [row for row in results.answers if row.answer and row.question_index == 1]
        assert len(answered) == sum(1 for done, _, _ in want.values() if done)
        commands = await store.commands(game_id)
        assert [c.seq for c in commands] == sorted(c.seq for c in commands)
    finally:
        await session.close()
        await store.close()


async def to_second_question(running: Running, phones: list[Client], boss: Client) -> None:
    await boss.send(type="start")
    for phone in phones:
        await phone.expect("question")
    await boss.send(type="skip")
    for phone in phones:
        await phone.expect("reveal")
    await boss.send(type="next")
    for phone in phones:
        await phone.expect("leaderboard")


async def test_a_question_opened_during_a_lock_takes_every_answer_once_it_is_gone(
    tmp_path: Path,
) -> None:
    """The lock is held as the host moves on: the question opens with a warning; an answer
    then is refused (not acknowledged). Once the lock is gone all 30 players answer at once:
    every answer is acknowledged, no connection is dropped, the warning goes, and a resume
    replays the same reveal, with the refused answer not counted."""
    db_path = tmp_path / "q.db"
    running = await start_server(SHORT, db_path, busy_timeout_ms=200)
    phones = [(await join(running, f"P{i}"))[0] for i in range(30)]
    boss = await host(running)
    try:
        await to_second_question(running, phones, boss)
        with write_lock(db_path):
            await boss.send(type="next")
            for phone in phones:
                await phone.expect("question")
            await host_state_where(boss, lambda f: f["warning"] is not None)
            refused = await answer(phones[0], 1, 0)
            assert refused["type"] == "error" and refused["code"] == "store_failed"
        replies = await asyncio.gather(*(answer(p, 1, i % 2) for i, p in enumerate(phones)))
        assert [r["type"] for r in replies] == ["answer_ack"] * 30, replies
        await host_state_where(boss, lambda f: f["warning"] is None and f["answered"] == 30)
        await boss.send(type="skip")
        for phone in phones:
            await phone.expect("reveal")
        for phone in phones:
            assert not phone.link.close_code, "no player was disconnected"
    finally:
        for phone in [*phones, boss]:
            await phone.close()
    await check_replay_matches(running, db_path)


async def test_an_answer_refused_during_a_lock_stays_refused_after_a_resume(
    tmp_path: Path,
) -> None:
    """A refused answer that is never sent again does not count, live or after a resume."""
    db_path = tmp_path / "q.db"
    running = await start_server(SHORT, db_path, busy_timeout_ms=200)
    ada, _ = await join(running, "Ada")
    bo, _ = await join(running, "Bo")
    boss = await host(running)
    try:
        await to_second_question(running, [ada, bo], boss)
        with write_lock(db_path):
            await boss.send(type="next")
            await ada.expect("question")
            await bo.expect("question")
            assert (await answer(ada, 1, 0))["code"] == "store_failed"
        assert (await answer(bo, 1, 0))["type"] == "answer_ack"
        await boss.send(type="skip")
        assert not (await ada.expect("reveal"))["you"]["answered"]
        assert (await bo.expect("reveal"))["you"]["answered"]
    finally:
        for phone in (ada, bo, boss):
            await phone.close()
    await check_replay_matches(running, db_path)


async def test_a_full_disk_as_the_host_moves_on_is_saved_once_space_is_back(
    tmp_path: Path,
) -> None:
    """The disk fills as the host opens a question; answers are refused while it is full.
    Once space is back every answer is stored, and a resume replays the same reveal."""
    with small_disk(tmp_path) as disk:
        db_path = disk.mount / "q.db"
        running = await start_server(SHORT, db_path, busy_timeout_ms=200)
        phones = [(await join(running, f"P{i}"))[0] for i in range(5)]
        boss = await host(running)
        try:
            await to_second_question(running, phones, boss)
            disk.fill()
            await boss.send(type="next")
            for phone in phones:
                await phone.expect("question")
            warned = await host_state_where(boss, lambda f: f["warning"] is not None)
            assert "full" in warned["warning"]
            assert (await answer(phones[0], 1, 0))["code"] == "store_failed"
            disk.free()
            replies = await asyncio.gather(*(answer(p, 1, 1) for p in phones))
            assert [r["type"] for r in replies] == ["answer_ack"] * 5, replies
            await host_state_where(boss, lambda f: f["warning"] is None)
            await boss.send(type="skip")
            for phone in phones:
                await phone.expect("reveal")
        finally:
            for phone in [*phones, boss]:
                with suppress(ConnectionClosed):
                    await phone.close()
        await check_replay_matches(running, db_path)


async def test_what_waits_to_be_saved_is_saved_without_another_command(tmp_path: Path) -> None:
    """A host action kept through a lock is written by itself once the lock is gone: the
    warning clears even if nobody does anything else."""
    db_path = tmp_path / "q.db"
    running = await start_server(SHORT, db_path, busy_timeout_ms=200)
    ada, _ = await join(running, "Ada")
    boss = await host(running)
    try:
        with write_lock(db_path):
            await boss.send(type="start")
            await ada.expect("question")
            await host_state_where(boss, lambda f: f["warning"] is not None)
        await host_state_where(boss, lambda f: f["warning"] is None, timeout=5)
        (question,) = await running.store.questions(running.session.game_id)
        assert question.idx == 0
    finally:
        await ada.close()
        await boss.close()
        await stop_server(running)


async def test_a_journal_damaged_by_the_old_retry_replays_as_the_live_game_was(
    tmp_path: Path,
) -> None:
    """quizhost 0.1.0 could journal an answer whose row then failed; it took the answer back
    live, and the phone sent it again. Such a journal replays as the live game went (no
    already_answered): only answers with their row count, each once."""
    db_path = tmp_path / "old.db"
    store = await Store.open(db_path)
    session = await Session.create(SHORT, store, SessionConfig(), seed=1)
    await session.close()
    gid = session.game_id
    log: list[tuple[int, int, str, dict[str, object]]] = [
        (1, 0, "Join", {"player_id": "a", "name": "Ada"}),
        (2, 0, "Join", {"player_id": "b", "name": "Bo"}),
        (3, 0, "Start", {}),
        (4, 1_000, "SubmitAnswer", {"player_id": "b", "question": 0, "answer": {"choice": 0}}),
        (5, 1_500, "SubmitAnswer", {"player_id": "a", "question": 0, "answer": {"choice": 1}}),
        (6, 2_000, "SubmitAnswer", {"player_id": "b", "question": 0, "answer": {"choice": 1}}),
        (7, 3_000, "Skip", {}),
    ]
    await store.add_player(gid, "a", "Ada", 0)
    await store.add_player(gid, "b", "Bo", 0)
    await store.open_question(gid, 0, 0, 0, 5_000)
    for seq, at, kind, payload in log:
        await store.append_command(gid, seq, at, kind, payload)
    # Only Bo's second answer got its row: his first and Ada's were taken back live. Answers
    # had a row of their own then; opening the database keeps those in answers_before_v4.
    with sqlite3.connect(db_path) as db:
        db.execute(
            "INSERT INTO answers_before_v4 VALUES (?, 0, 'b', ?, 2000, 2000, 1, 800)",
            (gid, '{"choice":1}'),
        )
    db.close()
    try:
        record = await store.game(gid)
        assert record is not None
        restored = await Session.restore(store, record, SessionConfig())
        closed = restored.game.last_reveal
        assert closed is not None
        assert closed.results["b"].answered and closed.results["b"].points == 800
        assert not closed.results["a"].answered
        await restored.close()
        results = await game_results(store, gid)
        assert [(r.name, r.answer) for r in results.answers if r.answer] == [("Bo", "B")]
    finally:
        await store.close()
