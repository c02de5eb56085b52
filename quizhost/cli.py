"""The `quizhost` command: argument parsing and wiring, nothing else.

Each subcommand is a pair of small functions: `_add_NAME(subparsers)` declares its arguments
and `cmd_NAME(args) -> int` runs it. To add one (`serve`, `run`, `results`), write the pair
and register it in `build_parser()`.

Exit codes: 0 success, 1 a bank is invalid, 2 a usage error or a file that cannot be read;
`serve` and `run` add 3 (another server has the database) and 4 (`--resume`: which game?).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
from collections.abc import Callable, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from quizhost import __version__
from quizhost.bank import BankReport, validate_paths
from quizhost.bank.schema import bank_schema
from quizhost.bank.show import format_bank
from quizhost.exitcodes import EXIT_FAILED, EXIT_OK, EXIT_USAGE
from quizhost.interchange import command as interchange_command
from quizhost.portable import printable_output

if TYPE_CHECKING:
    from quizhost.server.runner import ServeOptions

Handler = Callable[[argparse.Namespace], int]
_Subparsers = Any  # argparse's _SubParsersAction is private


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code instead of exiting (tests call this)."""
    printable_output()
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit_:  # argparse exits on --help and on usage errors
        return exit_.code if isinstance(exit_.code, int) else EXIT_USAGE
    handler: Handler = args.handler
    return handler(args)


def build_parser() -> argparse.ArgumentParser:
    """The parser with every subcommand registered."""
    parser = argparse.ArgumentParser(
        prog="quizhost",
        description="A live quiz game server for a classroom.",
    )
    parser.add_argument("--version", action="version", version=f"quizhost {__version__}")
    subparsers = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    _add_validate(subparsers)
    _add_schema(subparsers)
    _add_show(subparsers)
    _add_serve(subparsers)
    _add_results(subparsers)
    _add_run(subparsers)
    interchange_command.register(subparsers)  # import, export, new
    return parser


# validate


def _add_validate(subparsers: _Subparsers) -> None:
    parser = subparsers.add_parser(
        "validate",
        help="check question bank files",
        description="Check bank files. Prints 'FILE: ok (N questions)' on stdout for each "
        "valid one and 'FILE:LINE:COL: message' on stderr for each problem.",
    )
    parser.add_argument("banks", nargs="+", metavar="BANK", help="a YAML question bank")
    parser.set_defaults(handler=cmd_validate)


def cmd_validate(args: argparse.Namespace) -> int:
    """Report on every file, all problems at once; exit 0, 1 (invalid) or 2 (unreadable)."""
    reports = validate_paths(args.banks)
    for report in reports:
        _print_report(report)
    invalid = [report for report in reports if not report.ok]
    if invalid:
        count = sum(len(report.problems) for report in invalid)
        print(
            f"quizhost validate: {count} problem{'s' if count != 1 else ''} "
            f"in {len(invalid)} of {len(reports)} file{'s' if len(reports) != 1 else ''}",
            file=sys.stderr,
        )
    return _exit_code(reports)


def _print_report(report: BankReport) -> None:
    if report.bank is not None:
        count = len(report.bank.questions)
        print(f"{report.path}: ok ({count} question{'s' if count != 1 else ''})")
    for problem in report.problems:
        print(problem, file=sys.stderr)


def _exit_code(reports: Sequence[BankReport]) -> int:
    if any(report.unreadable for report in reports):
        return EXIT_USAGE
    if any(not report.ok for report in reports):
        return EXIT_FAILED
    return EXIT_OK


# schema


def _add_schema(subparsers: _Subparsers) -> None:
    parser = subparsers.add_parser(
        "schema",
        help="print the JSON Schema of question banks (for editors)",
        description="Print the JSON Schema (draft-07) of bank files, e.g. "
        "`quizhost schema > quizhost-bank.schema.json`.",
    )
    parser.set_defaults(handler=cmd_schema)


def cmd_schema(args: argparse.Namespace) -> int:
    """Print the schema as indented JSON."""
    print(json.dumps(bank_schema(), indent=2, ensure_ascii=False))
    return EXIT_OK


# show


def _add_show(subparsers: _Subparsers) -> None:
    parser = subparsers.add_parser(
        "show",
        help="print a question bank with its answers",
        description="Print a bank readably: each question, its kind and settings, and the "
        "correct answer marked [x].",
    )
    parser.add_argument("bank", metavar="BANK", help="a YAML question bank")
    parser.set_defaults(handler=cmd_show)


def cmd_show(args: argparse.Namespace) -> int:
    """Print the bank, or its problems as `validate` would."""
    (report,) = validate_paths([args.bank])
    if report.bank is None:
        for problem in report.problems:
            print(problem, file=sys.stderr)
        return _exit_code([report])
    print("\n".join(format_bank(report.bank)))
    return EXIT_OK


# serve


def _add_server_options(parser: argparse.ArgumentParser) -> None:
    """The options `serve` and `run` share (the README lists them)."""
    parser.add_argument("bank", metavar="BANK", nargs="?", help="the YAML question bank to play")
    parser.add_argument(
        "--resume",
        nargs="?",
        const="",
        default=None,
        metavar="GAME",
        help="bring back an unfinished game in --db (same PIN, players and scores): GAME is "
        "its PIN or id; without it, the only one, or a list to choose from; BANK is not needed",
    )
    parser.add_argument(
        "--host", default="0.0.0.0", help="address to listen on (default: every interface)"
    )
    parser.add_argument(
        "--port",
        type=int,
        default=8000,
        help="port to listen on (default 8000; a free one is used if it is taken)",
    )
    parser.add_argument(
        "--db",
        type=Path,
        default=Path("quizhost.db"),
        help="SQLite database file (default: quizhost.db in the current folder)",
    )
    parser.add_argument(
        "--host-token",
        type=_host_token,
        help="the token the host channel needs, at least 16 characters "
        "(default: $QUIZHOST_HOST_TOKEN, else generated)",
    )
    parser.add_argument(
        "--max-players",
        type=_positive_int,
        default=None,
        help="player cap; joins beyond it get game_full (default 2000, or what a resumed game had)",
    )
    parser.add_argument(
        "--max-players-per-address",
        type=_positive_int,
        default=20,
        metavar="N",
        help="players one network address may add (default 20; resumes never count). Phones "
        "behind one NAT or tunnel share an address: raise it to the class size there",
    )
    parser.add_argument(
        "--trusted-proxy",
        type=_network,
        action="append",
        default=[],
        metavar="ADDR[/CIDR]",
        help="a reverse proxy whose X-Forwarded-For header gives the player's address "
        "(repeatable); the header is ignored from anywhere else",
    )
    parser.add_argument(
        "--name-blocklist",
        type=Path,
        metavar="FILE",
        help="refuse nicknames containing any word of FILE (one per line; look-alike digits "
        "and symbols count: 5h1t matches shit)",
    )
    parser.add_argument(
        "--friendly-names",
        action="store_true",
        help="ignore typed nicknames: the server names every player (e.g. 'Brave Otter')",
    )
    parser.add_argument(
        "--no-auto-close",
        dest="auto_close",
        action="store_false",
        help="keep each question open until its time is up, even when everyone has answered "
        "(a bank can say so too: defaults: auto_close: false)",
    )
    parser.add_argument(
        "--autoplay",
        type=_autoplay_seconds,
        default=0,
        metavar="SECONDS",
        help="the game moves on by itself: reveal, leaderboard, next question, each shown "
        "SECONDS (1-600); the host can still step in, and turn it off (console key o)",
    )
    parser.add_argument(
        "--teams",
        type=_team_count,
        default=0,
        metavar="N",
        help="a team game of N teams (2-20: Red, Blue, Green ...); players pick one when they "
        "join (a bank can name them: teams: [...])",
    )
    parser.add_argument(
        "--teams-auto",
        action="store_true",
        help="in a team game, put each player in the smallest team instead of letting them pick",
    )
    parser.add_argument(
        "--public-url",
        help="the address phones should open, when the LAN address guess is wrong "
        "(e.g. http://192.168.1.20:8000)",
    )
    parser.add_argument(
        "--self-paced",
        action="store_true",
        help="an assignment: each student works through the questions at their own pace",
    )
    parser.add_argument(
        "--until",
        type=_local_time,
        metavar='"YYYY-MM-DD HH:MM"',
        help="with --self-paced: no new question opens after this time (this computer's "
        "local time); a student on a question then may finish it",
    )


def _host_token(text: str) -> str:
    if len(text) < 16:
        raise argparse.ArgumentTypeError(
            "must be at least 16 characters long so it cannot be guessed "
            "(leave it out to get a random one)"
        )
    return text


def _network(text: str) -> str:
    from quizhost.server.limits import parse_network

    try:
        return str(parse_network(text))
    except ValueError:
        raise argparse.ArgumentTypeError("not an IP address or network") from None


def _positive_int(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value


def _local_time(text: str) -> int:
    """ "2026-12-04 18:00" in this computer's time zone, as milliseconds since the epoch."""
    try:
        moment = datetime.strptime(text.strip(), "%Y-%m-%d %H:%M")
    except ValueError:
        raise argparse.ArgumentTypeError('give the time as "YYYY-MM-DD HH:MM"') from None
    return int(moment.timestamp() * 1000)


def _team_count(text: str) -> int:
    value = int(text)
    if not 2 <= value <= 20:
        raise argparse.ArgumentTypeError("a team game has 2 to 20 teams")
    return value


def _autoplay_seconds(text: str) -> int:
    """--autoplay's seconds as milliseconds."""
    value = int(text)
    if not 1 <= value <= 600:
        raise argparse.ArgumentTypeError("must be 1 to 600 seconds")
    return value * 1000


def _serve_options(args: argparse.Namespace) -> ServeOptions:
    from quizhost.server.runner import ServeOptions  # the server loads only when serving
    from quizhost.server.settings import ServerSettings

    return ServeOptions(
        bank=Path(args.bank) if args.bank else None,
        host=args.host,
        port=args.port,
        db=args.db,
        host_token=args.host_token,
        max_players=args.max_players,
        public_url=args.public_url,
        resume=args.resume is not None,
        resume_game=args.resume or None,
        name_blocklist=args.name_blocklist,
        friendly_names=args.friendly_names,
        self_paced=args.self_paced,
        until_ms=args.until,
        auto_close=args.auto_close,
        autoplay_ms=args.autoplay,
        teams=args.teams,
        teams_auto=args.teams_auto,
        settings=ServerSettings(
            max_players_per_address=args.max_players_per_address,
            trusted_proxies=tuple(args.trusted_proxy),
        ),
    )


def _add_serve(subparsers: _Subparsers) -> None:
    parser = subparsers.add_parser(
        "serve",
        help="run a game server without the console (drive it over /ws/host)",
        description="Start the quiz server for BANK and print the join URL, PIN and host "
        "token. Stop it with Ctrl+C.",
    )
    _add_server_options(parser)
    parser.set_defaults(handler=cmd_serve)


def cmd_serve(args: argparse.Namespace) -> int:
    """Serve until SIGINT/SIGTERM."""
    from quizhost.server.runner import serve_until_signal

    return asyncio.run(serve_until_signal(_serve_options(args)))


# results


def _add_results(subparsers: _Subparsers) -> None:
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
    """Results of stored games; see `_add_results`."""
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


# run


def _add_run(subparsers: _Subparsers) -> None:
    parser = subparsers.add_parser(
        "run",
        help="run a game with the host console (QR code, PIN, controls) in this terminal",
        description="Start the quiz server for BANK and the host console in this terminal. "
        "Players scan the QR code; every action has a key shown at the bottom. "
        "Quit with Ctrl+Q.",
    )
    _add_server_options(parser)
    parser.set_defaults(handler=cmd_run)


def cmd_run(args: argparse.Namespace) -> int:
    """Run the console until the teacher quits; a server that cannot start exits 1 or 2."""
    from quizhost.server.choice import choose_on_terminal
    from quizhost.server.runner import StartError
    from quizhost.tui.app import QuizConsole  # Textual loads only for the console

    try:
        options = choose_on_terminal(_serve_options(args))  # asked before the console starts
    except StartError as exc:
        print(f"quizhost: {exc}", file=sys.stderr)
        return exc.code
    app = QuizConsole.from_options(options)
    code = app.run()
    if app.error is not None:
        print(f"quizhost: {app.error}", file=sys.stderr)
    if app.farewell is not None:
        print(app.farewell)
    return code if isinstance(code, int) else app.return_code or EXIT_OK
