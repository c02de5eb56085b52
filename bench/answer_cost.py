"""The cost of one answer, stage by stage: parse, core, store, ack; then over the wire.

    .venv/bin/python -m bench.answer_cost [--players 500]
    .venv/bin/python -m bench.answer_cost --players 2000 --session-only

The session path is the whole of `Session.answer` in-process (core, journal unit, the store's
writer and SQLite's thread, the ack to a link that keeps frames), on the event loop `quizhost
serve` would use, with its garbage-collector settings: CPU per answer over bursts of all the
players answering at once. It is what quizhost adds to a bare websocket echo per answer.

Stages are timed in-process (median of many runs); the wire figure is the round trip a
player sees, from sending `answer` to reading `answer_ack`, with players answering one after
another (so each commit carries one answer: the worst case per answer) and all at once.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from quizhost.bank.models import Bank, ChoiceQuestion
from quizhost.core import Game, Join, Next, Skip, Start, SubmitAnswer
from quizhost.core.answers import ChoiceAnswer
from quizhost.core.settings import GameSettings
from quizhost.portable import loop_name, run_main
from quizhost.protocol.inbound import AnswerMessage, decode_object, parse_player_message
from quizhost.protocol.outbound import answer_ack_frame
from quizhost.server.runner import tune_gc
from quizhost.session import Session, SessionConfig
from quizhost.session.journal import to_record
from quizhost.store import Store
from tests.integration.wire import Client, join, start_server, stop_server
from tests.tui.assignment_kit import RecordingLink, student_names

BANK = Bank(
    title="Bench",
    questions=(
        ChoiceQuestion(
            text="Pick one",
            choices=("A", "B", "C", "D"),
            correct=frozenset({1}),
            time_limit_ms=240_000,
        ),
    ),
)
FRAME = '{"type":"answer","question":0,"choice":1}'


def per_call_us(fn: Callable[[], object], repeat: int = 20_000) -> float:
    start = time.perf_counter()
    for _ in range(repeat):
        fn()
    return (time.perf_counter() - start) / repeat * 1e6


def _question_open(players: int, settings: GameSettings | None = None) -> Game:
    """A game of `players` joined players p0, p1, ..., its first question open."""
    game = Game(BANK, seed=1, max_players=players, settings=settings)
    for i in range(players):
        game.handle(Join(player_id=f"p{i}", name=f"P{i}"), 0)
    game.handle(Start(), 0)
    return game


def core_us(players: int) -> float:
    game = _question_open(players)
    message = parse_player_message(decode_object(FRAME))
    assert isinstance(message, AnswerMessage)
    commands = [SubmitAnswer(f"p{i}", 0, message.answer) for i in range(players)]
    start = time.perf_counter()
    for command in commands:
        game.handle(command, 1_000)
    return (time.perf_counter() - start) / players * 1e6


def close_ms(players: int) -> float:
    """ms of the answer that closes the question (auto-close: everyone answered): the core
    settles every player's score and streak before that answer's ack."""
    game = _question_open(players, GameSettings(auto_close=True))
    for i in range(players - 1):  # half of them right
        game.handle(SubmitAnswer(f"p{i}", 0, ChoiceAnswer(i % 2)), 1_000)
    start = time.perf_counter()
    game.handle(SubmitAnswer(f"p{players - 1}", 0, ChoiceAnswer(0)), 1_000)
    return (time.perf_counter() - start) * 1e3


async def store_ms(db: Path, players: int, burst: bool) -> tuple[float, int]:
    """Median ms from write to durable commit; and how many commits it took."""
    store = await Store.open(db)
    game_id = "g"
    await store.create_game(game_id, pin="1", bank_title="b", bank_path="", seed=1, created_at_ms=0)
    await asyncio.gather(*(store.add_player(game_id, f"p{i}", f"P{i}", 0) for i in range(players)))
    await store.open_question(game_id, 0, 0, 0, 10**12)
    before = store.commits
    latencies: list[float] = []

    async def one(i: int) -> None:
        start = time.perf_counter()
        command = SubmitAnswer(f"p{i}", 0, parse_player_message(decode_object(FRAME)).answer)  # type: ignore[union-attr]
        kind, payload = to_record(command)
        # The answer's one durable row: its journal entry, with its outcome.
        payload |= {"elapsed_ms": 1, "correct": True, "points": 900}
        await store.append_command(game_id, i + 1, 1, kind, payload)
        latencies.append((time.perf_counter() - start) * 1000)

    if burst:
        await asyncio.gather(*(one(i) for i in range(players)))
    else:
        for i in range(players):
            await one(i)
    commits = store.commits - before
    await store.close()
    return statistics.median(latencies), commits


async def wire_ms(db: Path, players: int, burst: bool) -> list[float]:
    running = await start_server(BANK, db, max_players=players)
    try:
        clients = [
            # one loopback address per phone, as on a LAN (the per-address cap is 400)
            (await join(running, f"P{i}", local_addr=(f"127.0.{1 + i // 200}.{1 + i % 200}", 0)))[0]
            for i in range(players)
        ]
        await running.session.host_command(Start())
        for client in clients:
            await client.expect("question", timeout=30)
        latencies: list[float] = []

        async def answer(client: Client) -> None:
            start = time.perf_counter()
            await client.link.send(FRAME)
            await client.expect("answer_ack", timeout=30)
            latencies.append((time.perf_counter() - start) * 1000)

        if burst:
            await asyncio.gather(*(answer(c) for c in clients))
        else:
            for client in clients:
                await answer(client)
        for client in clients:
            await client.close()
        return latencies
    finally:
        await stop_server(running)


async def session_us(db: Path, players: int, bursts: int = 8) -> list[float]:
    """CPU µs per answer (this process, the database thread included) of each burst."""
    bank = Bank(title="Bench", questions=BANK.questions * (bursts + 1))
    store = await Store.open(db)
    try:
        session = await Session.create(bank, store, SessionConfig(max_players=players))
        links = [RecordingLink() for _ in range(players)]
        names = student_names(players)
        joins = (session.join(link, name) for link, name in zip(links, names, strict=True))
        ids = await asyncio.gather(*joins)
        await session.host_command(Start())
        costs: list[float] = []
        for question in range(bursts):
            start = time.process_time()
            await asyncio.gather(
                *(session.answer(pid, question, ChoiceAnswer(choice=1)) for pid in ids)
            )
            costs.append((time.process_time() - start) / players * 1e6)
            await session.host_command(Skip())
            while session.game.phase.value != "question":
                await session.host_command(Next())
            for link in links:
                link.frames.clear()
        await session.close()
        return costs
    finally:
        await store.close()


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


async def session_main(players: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        costs = await session_us(Path(tmp) / "session.db", players)
    shown = ", ".join(f"{c:.1f}" for c in costs)
    print(
        f"  session path ({loop_name()}, {players} at once): "
        f"{statistics.median(costs):6.1f} µs per answer, median of bursts {shown}"
    )


async def main(players: int) -> None:
    print(f"One answer, stage by stage ({players} players)")
    parse_us = per_call_us(lambda: parse_player_message(decode_object(FRAME)))
    print(f"  parse JSON frame + validate : {parse_us:7.1f} µs")
    print(f"  game core (SubmitAnswer)    : {core_us(players):7.1f} µs")
    closing = statistics.median(close_ms(players) for _ in range(5))
    print(f"  the answer closing it (core): {closing:7.2f} ms (auto-close, every player settled)")
    print(f"  ack frame serialisation     : {per_call_us(lambda: answer_ack_frame(0)):7.1f} µs")
    with tempfile.TemporaryDirectory() as tmp:
        for burst in (False, True):
            median, commits = await store_ms(Path(tmp) / f"s{burst}.db", players, burst)
            label = "all at once" if burst else "one by one "
            print(
                f"  store, durable ({label}) : {median:7.2f} ms median, "
                f"{commits} commits for {players} answers"
            )
        for burst in (False, True):
            lat = await wire_ms(Path(tmp) / f"w{burst}.db", players, burst)
            label = "all at once" if burst else "one by one "
            print(
                f"  over the wire ({label})  : p50 {pct(lat, 0.5):6.2f} ms, "
                f"p99 {pct(lat, 0.99):6.2f} ms, max {max(lat):6.2f} ms"
            )


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--players", type=int, default=500)
    parser.add_argument("--session-only", action="store_true", help="only the session path")
    args = parser.parse_args()
    if not args.session_only:
        asyncio.run(main(args.players))
    tune_gc()  # as `quizhost serve` does (runner.py)
    run_main(session_main(args.players))
