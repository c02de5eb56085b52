"""The load generator's command line.

    python -m bench run --players 2000                 # one run against quizhost
    python -m bench run --players 2000 --baseline      # ... and the bare-websockets baseline
    python -m bench run --players 10000 --spread 5 --baseline
    python -m bench table                              # every target row (what `make bench` runs)

Each run prints progress, a table and one JSON line per server (prefixed `BENCH `).
See docs/performance.md for the method and the figures.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import sys

from bench.run import Result, RunConfig, run, table

#: The target rows of docs/performance.md: (players, spread seconds).
TABLE_ROWS = ((2000, 0.0), (5000, 0.0), (10000, 5.0))


def _config(args: argparse.Namespace, players: int, spread: float, server: str) -> RunConfig:
    return RunConfig(
        players=players,
        spread=spread,
        reconnect=args.reconnect,
        questions=args.questions,
        workers=args.workers,
        per_address=args.per_address,
        server=server,
        pin_cpus=not args.no_pin,
        profile=args.profile if server == "quizhost" else None,
        lean_host=args.lean_host,
    )


def _load() -> str:
    try:
        return " ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        return "?"


async def _runs(args: argparse.Namespace, rows: list[tuple[int, float]]) -> list[Result]:
    results: list[Result] = []
    servers = ["quizhost", "baseline"] if args.baseline else ["quizhost"]
    if args.baseline_only:
        servers = ["baseline"]
    for players, spread in rows:
        for server in servers:
            print(
                f"{server}: {players} players, spread {spread:g} s (load average {_load()})",
                flush=True,
            )
            result = await run(_config(args, players, spread, server))
            results.append(result)
            print("BENCH " + json.dumps(result.summary()), flush=True)
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    sub = parser.add_subparsers(dest="command", required=True)
    one = sub.add_parser("run", help="one run at N players")
    one.add_argument("--players", type=int, default=2000)
    one.add_argument("--spread", type=float, default=0.0, help="answer within S seconds (0: burst)")
    every = sub.add_parser("table", help="every target row, each with its baseline")
    for p in (one, every):
        p.add_argument(
            "--reconnect",
            type=float,
            default=0.02,
            help="fraction of players that reconnect before answering (default 0.02)",
        )
        p.add_argument("--questions", type=int, default=7, help="questions to play (1-7)")
        p.add_argument("--workers", type=int, default=4, help="player processes (default 4)")
        p.add_argument(
            "--per-address",
            type=int,
            default=50,
            help="players per source address 127.1.x.y (default 50)",
        )
        p.add_argument("--no-pin", action="store_true", help="do not pin server and clients")
        p.add_argument(
            "--profile",
            help="py-spy record into FILE (.svg: flame graph, .json: speedscope, else raw)",
        )
        p.add_argument(
            "--lean-host",
            action="store_true",
            help="the host asks for the player list only when it changed",
        )
        p.add_argument("--baseline-only", action="store_true", help=argparse.SUPPRESS)
    one.add_argument("--baseline", action="store_true", help="also run the baseline server")
    args = parser.parse_args(argv)
    if args.command == "table":
        args.baseline = True
        rows = list(TABLE_ROWS)
    else:
        rows = [(args.players, args.spread)]
    print(f"python {platform.python_version()} on {platform.machine()}, {os.cpu_count()} CPUs")
    results = asyncio.run(_runs(args, rows))
    print()
    print(table(results))
    return 0 if all(r.lost_acks == 0 and not r.errors for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
