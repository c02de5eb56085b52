"""`quizhost results`: its arguments and the listing, facts, CSV and reports it prints."""

from __future__ import annotations

import argparse
import asyncio
import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from quizhost.exitcodes import EXIT_USAGE

if TYPE_CHECKING:
    pass
from quizhost.cli.parsing import Subparsers

# results


def add_results(subparsers: Subparsers) -> None:
    parser = subparsers.add_parser(
        "results",
        help="list stored games, show, report or export results, follow a class, delete games",
        description="Without GAME: list the stored games. With GAME (an id or the start of "
        "one): show its results, or write them with --csv, --html or --xlsx. With several "
        "games (or --since): one row per student with each game's score.",
    )
    parser.add_argument(
        "game", metavar="GAME", nargs="*", help="a game id (or its start); several for progress"
    )
    parser.add_argument(
        "--db", type=Path, default=Path("quizhost.db"), help="database (default: quizhost.db)"
    )
    parser.add_argument(
        "--csv",
        type=Path,
        metavar="FILE",
        help="write one row per player per question (with several games: one per student)",
    )
    parser.add_argument(
        "--summary",
        action="store_true",
        help="one row per player (with --csv: write that table instead)",
    )
    parser.add_argument(
        "--html", type=Path, metavar="FILE", help="write a report with charts (one HTML file)"
    )
    parser.add_argument(
        "--xlsx", type=Path, metavar="FILE", help="write a spreadsheet with a sheet per view"
    )
    parser.add_argument(
        "--needs-help",
        type=_percent_arg,
        default=50,
        metavar="PERCENT",
        help="list players with fewer right answers than this share (default: 50)",
    )
    parser.add_argument(
        "--roster",
        type=Path,
        metavar="FILE",
        help="a CSV with a 'nickname' and a 'name' column: match and name students",
    )
    parser.add_argument(
        "--since",
        type=_day_arg,
        metavar="DATE",
        help="every game played on or after DATE (YYYY-MM-DD): a class's progress",
    )
    parser.add_argument("--delete", action="store_true", help="delete GAME (asks first)")
    parser.add_argument(
        "--before",
        type=_day_arg,
        metavar="DATE",
        help="with --delete: every game played before DATE (YYYY-MM-DD)",
    )
    parser.add_argument("--yes", action="store_true", help="do not ask before deleting")
    parser.set_defaults(handler=cmd_results)


def _percent_arg(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = -1
    if not 0 <= value <= 100:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole percentage 0..100")
    return value


def _day_arg(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date like 2026-09-01") from None


def cmd_results(args: argparse.Namespace) -> int:
    """Results of stored games; see `add_results`."""
    from quizhost.results_command import run_results

    problem = _results_usage(args)
    if problem is not None:
        print(f"quizhost results: {problem}", file=sys.stderr)
        return EXIT_USAGE
    if not args.db.is_file():
        print(f"quizhost results: no database at {args.db} (use --db PATH)", file=sys.stderr)
        return EXIT_USAGE
    return asyncio.run(run_results(args))


def _results_usage(args: argparse.Namespace) -> str | None:
    """What is wrong with a `results` command line, if anything."""
    writes = args.csv or args.summary or args.html or args.xlsx
    several = len(args.game) > 1 or args.since is not None
    if args.before is not None and not args.delete:
        return "--before goes with --delete"
    if args.delete:
        if bool(args.game) == (args.before is not None):
            return "--delete takes either one GAME or --before DATE"
        if len(args.game) > 1:
            return "--delete takes one GAME at a time (or --before DATE)"
        return None
    if writes and not args.game and args.since is None:
        return "name a GAME (see `quizhost results`)"
    if several and (args.html or args.xlsx or args.summary):
        return "several games give one table: write it with --csv FILE, or name one GAME"
    return None
