"""What a commit costs, and what the commit gap saves when answers trickle in.

    .venv/bin/python -m bench.commit_cost [--rate 2000] [--seconds 2]

In-process, the real `Store` (WAL, synchronous=FULL) in a temporary directory on the same
disk as /tmp. First the process CPU (loop, SQLite's thread and the kernel's fsync work) per
commit of one answer's journal row, awaited one at a time; then `--rate` answers a second for
`--seconds`, each a planned unit as the session writes it, with the commit gap off and on
(`quizhost.store.store.COMMIT_GAP_S`): commits, answers per commit, CPU per answer and the
wait from submit to commit. See docs/performance.md ("Round five").
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import tempfile
import time
from pathlib import Path

from quizhost.portable import loop_name, run_main
from quizhost.store import Store
from quizhost.store import statements as sql
from quizhost.store.statements import Statement
from quizhost.store.store import COMMIT_GAP_S


def _answer(seq: int) -> Statement:
    payload = {"player_id": f"p{seq}", "question": 0, "answer": {"choice": 1}, "elapsed_ms": 5}
    return sql.append_command("g", seq, seq, "SubmitAnswer", payload)


async def _open(db: Path, gap_s: float) -> Store:
    store = await Store.open(db, commit_gap_s=gap_s)
    store.create_game("g", pin="1", bank_title="t", bank_path="", seed=1, created_at_ms=0)
    await store.open_question("g", 0, 0, 0, 20_000)
    return store


async def _write(store: Store, seq: int) -> None:
    statement = _answer(seq)
    await store.write_planned(lambda: [statement], lambda committed: None)


async def cpu_per_commit(db: Path, commits: int) -> float:
    """CPU µs per commit of one row, one write at a time."""
    store = await _open(db, 0.0)
    try:
        start = time.process_time()
        for seq in range(1, commits + 1):
            await _write(store, seq)
        return (time.process_time() - start) / commits * 1e6
    finally:
        await store.close()


async def trickle(db: Path, rate: float, seconds: float, gap_s: float) -> dict[str, float]:
    """`rate` answers a second for `seconds`, each submitted on its own turn of the loop."""
    store = await _open(db, gap_s)
    loop = asyncio.get_running_loop()
    waits: list[float] = []
    tasks: list[asyncio.Task[None]] = []

    async def one(seq: int) -> None:
        sent = time.perf_counter()
        await _write(store, seq)
        waits.append((time.perf_counter() - sent) * 1e3)

    def submit(seq: int) -> None:
        tasks.append(asyncio.ensure_future(one(seq)))

    count = int(rate * seconds)
    try:
        commits = store.commits
        start = time.process_time()
        now = loop.time()
        for seq in range(1, count + 1):
            loop.call_at(now + seq / rate, submit, seq)
        await asyncio.sleep(seconds + 0.05)
        await asyncio.gather(*tasks)
        cpu = time.process_time() - start
        done = store.commits - commits
    finally:
        await store.close()
    return {
        "commits": done,
        "per_commit": count / max(done, 1),
        "cpu_us": cpu / count * 1e6,
        "wait_p50_ms": statistics.median(waits),
        "wait_max_ms": max(waits),
    }


async def _loop_name() -> str:
    return loop_name()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rate", type=float, default=2000.0, help="answers per second")
    parser.add_argument("--seconds", type=float, default=2.0)
    parser.add_argument("--commits", type=int, default=2000, help="single commits to time")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="quizhost-commit-", dir="/tmp") as tmp:
        single = run_main(cpu_per_commit(Path(tmp) / "single.db", args.commits))
        print(f"one row per commit, awaited: {single:.0f} µs of CPU per commit")
        for gap_s in (0.0, COMMIT_GAP_S):
            db = Path(tmp) / f"trickle-{gap_s}.db"
            figures = run_main(trickle(db, args.rate, args.seconds, gap_s))
            print(
                f"{args.rate:.0f} answers/s for {args.seconds:g} s, gap {gap_s * 1e3:g} ms: "
                f"{figures['commits']:.0f} commits ({figures['per_commit']:.1f} answers each), "
                f"{figures['cpu_us']:.0f} µs CPU per answer, wait p50 "
                f"{figures['wait_p50_ms']:.1f} ms, max {figures['wait_max_ms']:.1f} ms"
            )
    print(f"(event loop: {run_main(_loop_name())}, {os.cpu_count()} CPUs)")


if __name__ == "__main__":
    main()
