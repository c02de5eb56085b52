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
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from quizhost.reports import build_report
from quizhost.reports.html import write_html
from quizhost.reports.xlsx import write_xlsx
from quizhost.results import answer_table, game_results, write_csv
from quizhost.store import Store
from tests.reports.helpers import made_up_game

Step = tuple[str, float, float, int]  # name, wall s, CPU s, bytes written


@contextmanager
def timed(steps: list[Step], name: str, output: Path | None = None) -> Iterator[None]:
    wall, cpu = time.perf_counter(), time.process_time()
    yield
    size = output.stat().st_size if output is not None else 0
    steps.append((name, time.perf_counter() - wall, time.process_time() - cpu, size))


async def measure(players: int, questions: int, folder: Path) -> list[Step]:
    steps: list[Step] = []
    store = await Store.open(folder / "quiz.db")
    try:
        await made_up_game(store, "bench", players=players, questions=questions)
        with timed(steps, "replay + results"):
            results = await game_results(store, "bench")
    finally:
        await store.close()
    with timed(steps, "report data"):
        report = build_report(results)
    with timed(steps, "html", folder / "report.html"):
        write_html(report, folder / "report.html")
    with timed(steps, "xlsx", folder / "report.xlsx"):
        write_xlsx(report, folder / "report.xlsx")
    with timed(steps, "csv", folder / "answers.csv"):
        write_csv(answer_table(results), folder / "answers.csv")
    return steps


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0] if __doc__ else None)
    parser.add_argument("--players", type=int, default=500)
    parser.add_argument("--questions", type=int, default=20)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        steps = asyncio.run(measure(args.players, args.questions, Path(folder)))
    print(f"{args.players} players x {args.questions} questions      wall      CPU")
    for name, wall, cpu, size in steps:
        line = f"  {name:<18} {wall:7.3f} s {cpu:7.3f} s"
        print(line + (f"  {size / 1024:6.0f} KiB" if size else ""))
    wall = sum(step[1] for step in steps)
    cpu = sum(step[2] for step in steps)
    print(f"  {'all':<18} {wall:7.3f} s {cpu:7.3f} s")


if __name__ == "__main__":
    main()
