"""A burst costs a few statements per commit, even with phones dropping and coming back.

Counted as SQLite sees them (its trace callback on the store's own connection): answers,
joins, leaves and rejoins are each one journal row, merged into one statement per table per
batch. A leave or a rejoin that also rewrote the game's row would split the merged run at
every phone that dropped, and a burst would go back to a statement per answer.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Awaitable
from pathlib import Path

from quizhost.bank.models import Bank, ChoiceQuestion
from quizhost.core import Start
from quizhost.core.answers import ChoiceAnswer
from quizhost.session import Session, SessionConfig
from quizhost.store import Store
from tests.tui.assignment_kit import RecordingLink, student_names

BANK = Bank(
    title="T",
    questions=(ChoiceQuestion(text="Q1", choices=("A", "B"), correct=frozenset({0})),),
)


async def test_leaves_and_rejoins_do_not_split_a_burst_into_statements(tmp_path: Path) -> None:
    store = await Store.open(tmp_path / "s.db")
    statements: list[str] = []
    try:
        session = await Session.create(BANK, store, SessionConfig(max_players=400))
        links = [RecordingLink() for _ in range(400)]
        ids = await asyncio.gather(
            *(
                session.join(link, name)
                for link, name in zip(links, student_names(400), strict=True)
            )
        )
        await session.host_command(Start())
        await store._conn.set_trace_callback(statements.append)
        commits_before = store.commits
        burst: list[Awaitable[object]] = []
        for i, pid in enumerate(ids):
            if i % 10 == 0:  # one phone in ten drops and comes back before answering
                session.disconnected(pid, links[i])
                token = json.loads(links[i].frames[0])["token"]  # from its welcome
                burst.append(session.resume(RecordingLink(), token))
            burst.append(session.answer(pid, 0, ChoiceAnswer(choice=i % 2)))
        await asyncio.gather(*burst)
        await store._conn.set_trace_callback(None)  # type: ignore[arg-type]  # sqlite3 takes None
        commits = store.commits - commits_before
        await session.close()
    finally:
        await store.close()
    writes = [s for s in statements if s.startswith("INSERT")]
    # 480 journal rows (400 answers, 40 leaves, 40 rejoins): one INSERT per batch.
    assert len(writes) <= commits, (len(writes), commits, statements[:12])
