"""Play three small games with the schema version 3 code and keep the database as a fixture.

Schema version 4 stopped writing a second row per answer (the `answers` table became a view
over the journal), so the answers written by version 3 live on in the table it renamed.
`test_store_v3.py` opens a copy of this database with the current code and must read the same
answers, results and CSV tables as version 3 did, and resume its unfinished game. Written once,
by the version 3 code, never regenerated:

    .venv/bin/python -m tests.store.make_v3_fixture tests/store/schema-v3

writes `schema-v3.db` and `schema-v3.json` (what version 3 read from it).

The games: a live game played to the end (right, wrong and missing answers), a self-paced
assignment ended by the teacher (answers numbered by bank question), and a live game left
unfinished in the middle of its first question, one answer in.
"""

from __future__ import annotations

import asyncio
import json
import sqlite3
import sys
from pathlib import Path
from typing import Any

from quizhost.core import End, GameSettings, Next, Skip, Start
from quizhost.results import answer_table, game_results, summary_table
from quizhost.server.app import QuizServer
from quizhost.session import SessionConfig
from quizhost.session.selfpaced import SelfPacedSession
from quizhost.store import Store
from tests.integration.wire import HOST_TOKEN, SHORT, Client, join, start_server, stop_server


async def until(phone: Client, frame_type: str) -> dict[str, Any]:
    """The next frame of `frame_type`, past the reveal and leaderboard frames before it."""
    while True:
        frame = await phone.recv()
        if frame["type"] == frame_type:
            return frame


async def live_game(db: Path, *, finish: bool) -> str:
    running = await start_server(SHORT, db)
    try:
        ada, _ = await join(running, "Ada")
        bo, _ = await join(running, "Bo")
        cy, _ = await join(running, "Cy")
        await running.session.host_command(Start())
        for phone in (ada, bo, cy):
            await phone.expect("question")
        await ada.send(type="answer", question=0, choice=1)
        await ada.expect("answer_ack")
        if not finish:
            return running.session.game_id
        await bo.send(type="answer", question=0, choice=0)
        await bo.expect("answer_ack")
        await running.session.host_command(Skip())
        await running.session.host_command(Next())
        await running.session.host_command(Next())
        for phone in (ada, bo, cy):
            await until(phone, "question")
        await ada.send(type="answer", question=1, choice=0)
        await ada.expect("answer_ack")
        await cy.send(type="answer", question=1, choice=1)
        await cy.expect("answer_ack")
        await running.session.host_command(Skip())
        await running.session.host_command(End())
        return running.session.game_id
    finally:
        await stop_server(running)


async def assignment(db: Path) -> str:
    store = await Store.open(db)
    session = await SelfPacedSession.create(
        SHORT,
        store,
        SessionConfig(join_url="http://127.0.0.1/?pin={pin}"),
        settings=GameSettings(self_paced=True),
    )
    server = QuizServer(session, host_token=HOST_TOKEN)
    await server.start("127.0.0.1", 0)
    try:
        url = f"ws://127.0.0.1:{server.port}"
        for name, choices in (("Zoé", (1, 0)), ("Yan", (0,))):
            student = await Client.connect(url, "/ws/play")
            await student.send(type="join", pin=session.pin, name=name)
            await student.expect("welcome")
            after = -1
            for choice in choices:
                await student.send(type="next", after=after)
                question = (await until(student, "question"))["index"]
                await student.send(type="answer", question=question, choice=choice)
                await until(student, "answer_ack")
                await until(student, "reveal")
                after = question
            await student.close()
        await session.host_command(End())
        return session.game_id
    finally:
        await server.stop()
        await session.close()
        await store.close()


async def read(db: Path, game_ids: list[str]) -> dict[str, Any]:
    """What the version that reads it gives: the answers table and each game's CSV tables."""
    games: dict[str, Any] = {}
    with sqlite3.connect(db) as conn:
        for game_id in game_ids:
            rows = conn.execute(
                "SELECT question_idx, player_id, answer_json, received_ms, elapsed_ms, correct,"
                " points FROM answers WHERE game_id = ? ORDER BY question_idx, received_ms",
                (game_id,),
            ).fetchall()
            games[game_id] = {"answers": [list(row) for row in rows]}
    conn.close()
    store = await Store.open(db)
    try:
        for game_id in game_ids:
            results = await game_results(store, game_id)
            games[game_id]["answer_table"] = answer_table(results)
            games[game_id]["summary_table"] = summary_table(results)
    finally:
        await store.close()
    return games


async def make(out: Path) -> None:
    db = out.parent / f"{out.name}.db"
    if db.exists():
        raise SystemExit(f"{db} exists: fixtures are never regenerated")
    ended = await live_game(db, finish=True)
    assigned = await assignment(db)
    unfinished = await live_game(db, finish=False)
    expected = {
        "live": ended,
        "assignment": assigned,
        "unfinished": unfinished,
        "games": await read(db, [ended, assigned, unfinished]),
    }
    with sqlite3.connect(db) as conn:
        expected["user_version"] = conn.execute("PRAGMA user_version").fetchone()[0]
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        conn.execute("VACUUM")
    conn.close()
    (out.parent / f"{out.name}.json").write_text(
        json.dumps(expected, indent=2, ensure_ascii=False) + "\n"
    )


if __name__ == "__main__":
    asyncio.run(make(Path(sys.argv[1])))
