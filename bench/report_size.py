"""How long a big class's reports take: a 500-player, 20-question game, stored, then reported.

    .venv/bin/python -m bench.report_size [--players 500] [--questions 20]

The game is played through the real core and journaled into a real SQLite file (as
`tests/reports` does); then each step a teacher waits for is timed once: the replay into
results, the report data, the HTML, the xlsx and the CSV. Prints one line per step and the
files' sizes. The figures are in docs/performance.md (a benchmark, never a timed test).
"""

from __future__ import annotations

import argparse
import asyncio
import tempfile
import time
from pathlib import Path

from quizhost.reports import build_report
from quizhost.reports.html import write_html
from quizhost.reports.xlsx import write_xlsx
from quizhost.results import answer_table, game_results, write_csv
from quizhost.store import Store
from tests.reports.helpers import made_up_game


async def measure(players: int, questions: int, folder: Path) -> list[tuple[str, float, int]]:
    """(step, seconds, bytes written) for each step."""
    store = await Store.open(folder / "quiz.db")
    try:
        await made_up_game(store, "bench", players=players, questions=questions)
        steps: list[tuple[str, float, int]] = []
        start = time.perf_counter()
        results = await game_results(store, "bench")
        steps.append(("replay + results", time.perf_counter() - start, 0))
    finally:
        await store.close()
    start = time.perf_counter()
    report = build_report(results)
    steps.append(("report data", time.perf_counter() - start, 0))
    for name, path, write in (
        ("html", folder / "report.html", write_html),
        ("xlsx", folder / "report.xlsx", write_xlsx),
    ):
        start = time.perf_counter()
        write(report, path)
        steps.append((name, time.perf_counter() - start, path.stat().st_size))
    start = time.perf_counter()
    write_csv(answer_table(results), folder / "answers.csv")
    steps.append(("csv", time.perf_counter() - start, (folder / "answers.csv").stat().st_size))
    return steps


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0] if __doc__ else None)
    parser.add_argument("--players", type=int, default=500)
    parser.add_argument("--questions", type=int, default=20)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        steps = asyncio.run(measure(args.players, args.questions, Path(folder)))
    print(f"{args.players} players x {args.questions} questions")
    for name, seconds, size in steps:
        print(f"  {name:<18} {seconds:7.3f} s" + (f"  {size / 1024:8.0f} KiB" if size else ""))
    total = sum(seconds for _name, seconds, _size in steps)
    print(f"  {'all':<18} {total:7.3f} s")


if __name__ == "__main__":
    main()
