"""A self-paced assignment under load: thousands of students, each at a human pace.

    .venv/bin/python -m bench.selfpaced [--students 2000] [--seconds 45] [--questions 20]

The server runs in a child process (`--serve`) with a 20-question assignment and the teacher's
progress view subscribed, as the console subscribes it; it prints one JSON line of figures a
second (memory, CPU, how many progress views were built and the longest gap between two).
This process runs the students on loopback, each from its own 127.0.x.y address: a student
joins, taps Start, answers 3-10 s after each question arrives, taps Next at once after each
result, and measures the time from sending an answer to its `answer_ack` (committed to disk).
Joins are spread over the first 10 s, as a class arriving. Stops by itself after `--seconds`.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import json
import os
import random
import resource
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import ConnectionClosed, InvalidStatus

from quizhost.bank.models import Bank, ChoiceQuestion
from quizhost.server.settings import ServerSettings

JOIN_SPREAD_S = 10.0


def assignment_bank(questions: int) -> Bank:
    return Bank(
        title="Self-paced bench",
        questions=tuple(
            ChoiceQuestion(
                text=f"Question {i + 1}",
                choices=("A", "B", "C", "D"),
                correct=frozenset({i % 4}),
                time_limit_ms=30_000,
            )
            for i in range(questions)
        ),
    )


# The server side: a child process that serves and reports.


def _rss_kib() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


async def serve(db: Path, questions: int) -> None:
    from quizhost.core import Answer
    from quizhost.server.app import QuizServer
    from quizhost.server.runner import tune_gc
    from quizhost.session import SessionConfig
    from quizhost.session.progress import ProgressView
    from quizhost.session.selfpaced import SelfPacedSession
    from quizhost.store import Store

    store = await Store.open(db)
    session = await SelfPacedSession.create(
        assignment_bank(questions), store, SessionConfig(max_players=100_000)
    )
    server = QuizServer(session, host_token="bench", settings=ServerSettings())
    await server.start("127.0.0.1", 0)
    tune_gc()
    views: list[float] = []
    build_ms: list[float] = []

    def on_view(view: ProgressView) -> None:
        views.append(time.monotonic())

    session.subscribe(on_view)
    # The server's own share of an ack: from the parsed answer to the ack queued (the commit
    # included), apart from what the loaded machine adds around it.
    inside_ms: list[float] = []
    answer = session.answer

    async def timed_answer(player_id: str, question: int, given: Answer) -> None:
        started = time.perf_counter()
        await answer(player_id, question, given)
        inside_ms.append((time.perf_counter() - started) * 1000)

    session.answer = timed_answer  # type: ignore[assignment]
    print(json.dumps({"port": server.port, "pin": session.pin, "rss_kib": _rss_kib()}), flush=True)
    started = time.monotonic()
    reported = 0
    while True:
        await asyncio.sleep(1.0)
        building = time.perf_counter()
        session.progress()  # what each view the teacher gets costs
        build_ms.append((time.perf_counter() - building) * 1000)
        now = time.monotonic()
        recent = [t for t in views if t > now - 1.0]
        gaps = [b - a for a, b in itertools.pairwise(views)]
        usage = resource.getrusage(resource.RUSAGE_SELF)
        figures = {
            "t": round(now - started, 1),
            "rss_kib": _rss_kib(),
            "cpu_s": round(usage.ru_utime + usage.ru_stime, 2),
            "students": session.player_count,
            "commits": store.commits,
            "views": len(views),
            "views_last_s": len(recent),
            "max_gap_s": round(max(gaps, default=0.0), 3),
            "view_build_ms_max": round(max(build_ms, default=0.0), 1),
            "inside": [round(ms, 2) for ms in inside_ms[reported:]],
        }
        reported = len(inside_ms)
        print(json.dumps(figures), flush=True)


# The client side: students at a human pace.


class Stats:
    def __init__(self) -> None:
        self.acks: list[float] = []
        self.acks_after_joins: list[float] = []  # once the class has arrived (t > spread + 2 s)
        self.started = time.monotonic()
        self.joined = 0
        self.finished = 0
        self.errors: dict[str, int] = {}


async def student(index: int, url: str, pin: str, stop: float, stats: Stats) -> None:
    rng = random.Random(index)
    await asyncio.sleep(rng.uniform(0, JOIN_SPREAD_S))
    address = (f"127.0.{1 + index // 200}.{1 + index % 200}", 0)
    try:
        async with connect(
            f"{url}/ws/play", local_addr=address, compression=None, max_queue=None
        ) as link:
            await link.send(json.dumps({"type": "join", "pin": pin, "name": f"S{index}"}))
            await work(link, rng, stop, stats)
    except (ConnectionClosed, InvalidStatus, OSError, TimeoutError) as exc:
        name = type(exc).__name__
        stats.errors[name] = stats.errors.get(name, 0) + 1


async def work(link: ClientConnection, rng: random.Random, stop: float, stats: Stats) -> None:
    sent_at = 0.0
    answer_task: asyncio.Task[None] | None = None

    async def answer_later(index: int) -> None:
        nonlocal sent_at
        await asyncio.sleep(rng.uniform(3.0, 10.0))
        sent_at = time.perf_counter()
        await link.send(json.dumps({"type": "answer", "question": index, "choice": index % 4}))

    while time.monotonic() < stop:
        try:
            frame: dict[str, Any] = json.loads(await asyncio.wait_for(link.recv(), 15))
        except TimeoutError:
            continue
        kind = frame["type"]
        if kind == "welcome":
            stats.joined += 1
            await link.send(json.dumps({"type": "next", "after": -1}))
        elif kind == "question":
            answer_task = asyncio.ensure_future(answer_later(frame["index"]))
        elif kind == "answer_ack":
            ms = (time.perf_counter() - sent_at) * 1000
            stats.acks.append(ms)
            if time.monotonic() - stats.started > JOIN_SPREAD_S + 2:
                stats.acks_after_joins.append(ms)
        elif kind == "reveal":
            await link.send(json.dumps({"type": "next", "after": frame["index"]}))
        elif kind == "podium":
            stats.finished += 1
            return
        elif kind == "error":
            stats.errors[frame["code"]] = stats.errors.get(frame["code"], 0) + 1
    if answer_task is not None:
        answer_task.cancel()


def _cpu_s() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] if ordered else 0.0


async def drive(students: int, seconds: float, questions: int) -> int:
    with tempfile.TemporaryDirectory() as folder:
        child = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "bench.selfpaced",
            "--serve",
            str(Path(folder) / "bench.db"),
            "--questions",
            str(questions),
            stdout=asyncio.subprocess.PIPE,
        )
        assert child.stdout is not None
        hello = json.loads(await child.stdout.readline())
        base_rss = hello["rss_kib"]
        samples: list[dict[str, Any]] = []

        async def read() -> None:
            assert child.stdout is not None
            while line := await child.stdout.readline():
                samples.append(json.loads(line))

        reader = asyncio.ensure_future(read())
        stats = Stats()
        stop = time.monotonic() + seconds
        url = f"ws://127.0.0.1:{hello['port']}"
        await asyncio.gather(*(student(i, url, hello["pin"], stop, stats) for i in range(students)))
        await asyncio.sleep(1.2)
        child.terminate()
        await child.wait()
        reader.cancel()
    working = [s for s in samples if s["t"] > JOIN_SPREAD_S + 2]
    inside = [ms for s in samples for ms in s["inside"]]
    inside_after = [ms for s in working for ms in s["inside"]]
    peak_rss = max(s["rss_kib"] for s in samples)
    report = {
        "students": students,
        "seconds": seconds,
        "joined": stats.joined,
        "answers_acked": len(stats.acks),
        "answers_per_s": round(len(stats.acks) / max(1.0, seconds - JOIN_SPREAD_S / 2), 1),
        "ack_p50_ms": round(pct(stats.acks, 0.50), 1),
        "ack_p99_ms": round(pct(stats.acks, 0.99), 1),
        "ack_max_ms": round(max(stats.acks, default=0.0), 1),
        "server_ack_p50_ms": round(pct(inside, 0.50), 1),
        "server_ack_p99_ms": round(pct(inside, 0.99), 1),
        "ack_p99_after_joins_ms": round(pct(stats.acks_after_joins, 0.99), 1),
        "server_ack_p99_after_joins_ms": round(pct(inside_after, 0.99), 1),
        "server_ack_max_by_second": [
            [s["t"], round(max(s["inside"], default=0.0))] for s in samples if s["inside"]
        ],
        "views_per_s_min": min((s["views_last_s"] for s in working), default=0),
        "view_max_gap_s": max((s["max_gap_s"] for s in samples), default=0.0),
        "view_build_ms_max": max((s["view_build_ms_max"] for s in samples), default=0.0),
        "server_cpu_s": samples[-1]["cpu_s"] if samples else None,
        "commits_per_s": round(samples[-1]["commits"] / max(1.0, samples[-1]["t"]), 1)
        if samples
        else None,
        "client_cpu_s": round(_cpu_s(), 2),
        "load_average": [round(x, 2) for x in os.getloadavg()],
        "peak_rss_mib": round(peak_rss / 1024, 1),
        "kib_per_student": round((peak_rss - base_rss) / max(1, students), 1),
        "errors": stats.errors,
    }
    print("BENCH " + json.dumps(report), flush=True)
    return 0 if stats.joined == students and not stats.errors else 1


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.selfpaced")
    parser.add_argument("--students", type=int, default=2000)
    parser.add_argument("--seconds", type=float, default=45.0)
    parser.add_argument("--questions", type=int, default=20)
    parser.add_argument("--serve", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve is not None:
        asyncio.run(serve(args.serve, args.questions))
        return 0
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (max(soft, min(hard, 65536)), hard))
    return asyncio.run(drive(args.students, args.seconds, args.questions))


if __name__ == "__main__":
    sys.exit(main())
