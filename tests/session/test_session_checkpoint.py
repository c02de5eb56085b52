"""The WAL is copied into the database when a question closes after a big burst, not in it.

Observed as SQLite shows it: until a checkpoint, committed pages live in the `-wal` file and
the database file does not grow; a checkpoint copies them in.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

from quizhost.bank.models import Bank, ChoiceQuestion
from quizhost.core import Next, Skip, Start
from quizhost.core.answers import ChoiceAnswer
from quizhost.session import Session, SessionConfig
from quizhost.session.persist import CHECKPOINT_ROWS
from quizhost.store import Store
from tests.tui.assignment_kit import RecordingLink, student_names

BANK = Bank(
    title="T",
    questions=(
        ChoiceQuestion(text="Q1", choices=("A", "B"), correct=frozenset({0})),
        ChoiceQuestion(text="Q2", choices=("A", "B"), correct=frozenset({1})),
    ),
)


async def play_one_question(db: Path, players: int) -> tuple[int, int, int]:
    """Sizes of the database file: after the joins and answers, after the question closed
    (and the next command is durable, so a checkpoint asked for has run), and of the WAL."""
    store = await Store.open(db)
    try:
        session = await Session.create(BANK, store, SessionConfig(max_players=players))
        names = student_names(players)
        ids = await asyncio.gather(*(session.join(RecordingLink(), name) for name in names))
        await session.host_command(Start())
        await asyncio.gather(
            *(session.answer(pid, 0, ChoiceAnswer(choice=i % 2)) for i, pid in enumerate(ids))
        )
        in_burst = db.stat().st_size
        wal = Path(f"{db}-wal").stat().st_size
        await session.host_command(Skip())  # the question closes
        await session.host_command(Next())  # durable after whatever was queued before it
        after_close = db.stat().st_size
        await session.close()
        return in_burst, after_close, wal
    finally:
        await store.close()


async def test_closing_a_question_after_a_burst_checkpoints_the_wal(tmp_path: Path) -> None:
    """1,100 joins and 1,100 answers (over CHECKPOINT_ROWS rows): the database file stays as
    it was during the burst, and has the rows once the question closed."""
    players = 1_100
    assert players * 2 >= CHECKPOINT_ROWS  # a join and an answer are a row each at least
    in_burst, after_close, wal = await play_one_question(tmp_path / "q.db", players)
    assert wal > 100 * 4096  # the burst went to the WAL
    assert after_close >= in_burst + 50 * 4096, (in_burst, after_close)


async def test_a_small_question_leaves_the_wal_to_later(tmp_path: Path) -> None:
    """20 players: fewer rows than CHECKPOINT_ROWS, no checkpoint at the close."""
    in_burst, after_close, _wal = await play_one_question(tmp_path / "q.db", 20)
    assert after_close == in_burst
