"""What one stored answer costs the database: bytes on disk, bytes of WAL, CPU of the store path.

    .venv/bin/python -m bench.answer_bytes [--players 2000]

In-process, no sockets: a live game's `Persister` (the session's durable path) stores the
joins, the start, then every player's answer at once, each answer through the core and its
unit, as a burst does. Prints the database's growth per answer (pages in use after a full
checkpoint), the WAL written per answer, and the process CPU (loop and writer thread) per
answer from `Game.handle` to the durable commit. Run it against two trees to compare storage
layouts (see docs/performance.md).
"""

from __future__ import annotations

import argparse
import asyncio
import sqlite3
import tempfile
import time
from pathlib import Path

from quizhost.core import ChoiceAnswer, Command, Game, Join, Start, SubmitAnswer
from quizhost.session.persist import Persister
from quizhost.store import Store
from tests.integration.wire import SHORT

NOW = 1_796_000_000_000


def used_bytes(db: Path) -> int:
    """The database's pages in use, after copying the whole WAL into it."""
    with sqlite3.connect(db) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        pages = conn.execute("PRAGMA page_count").fetchone()[0]
        free = conn.execute("PRAGMA freelist_count").fetchone()[0]
        size = int(conn.execute("PRAGMA page_size").fetchone()[0])
    conn.close()
    return int(pages - free) * size


def wal_bytes(db: Path) -> int:
    """The WAL's size: what the commits since the last checkpoint wrote."""
    return Path(f"{db}-wal").stat().st_size


async def measure(db: Path, players: int) -> tuple[float, float, float]:
    """(database bytes, WAL bytes, CPU µs) per answer."""
    store = await Store.open(db)
    game = Game(SHORT, seed=1, max_players=players)
    await store.create_game("g", pin="1", bank_title="t", bank_path="", seed=1, created_at_ms=0)
    persister = Persister(store, "g", game, 0)

    def save(command: Command, now: int) -> asyncio.Future[None]:
        return asyncio.ensure_future(persister.save(command, game.handle(command, now), now))

    joins = [Join(player_id=f"p{i:05d}", name=f"Player {i}") for i in range(players)]
    await asyncio.gather(*(save(join, NOW) for join in joins))
    await save(Start(), NOW)
    before = used_bytes(db)
    start = time.process_time()
    answers = [
        save(SubmitAnswer(f"p{i:05d}", 0, ChoiceAnswer(choice=i % 2)), NOW + 1000 + i)
        for i in range(players)
    ]
    await asyncio.gather(*answers)
    cpu = time.process_time() - start
    wal = wal_bytes(db)
    await store.close()
    return (used_bytes(db) - before) / players, wal / players, cpu / players * 1e6


async def main(players: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        disk, wal, cpu = await measure(Path(tmp) / "answers.db", players)
    print(
        f"{players} answers: {disk:.0f} bytes per answer in the database, {wal:.0f} of WAL;"
        f" {cpu:.0f} µs of CPU per answer (core, unit, durable commit)"
    )


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--players", type=int, default=2000)
    asyncio.run(main(parser.parse_args().players))
