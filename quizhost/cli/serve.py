"""`quizhost serve` and `quizhost run`: the server options both share, and starting them."""

from __future__ import annotations

import argparse
import sys
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from quizhost.exitcodes import EXIT_OK

if TYPE_CHECKING:
    from quizhost.server.runner import ServeOptions
from quizhost.cli.parsing import Subparsers

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


def add_serve(subparsers: Subparsers) -> None:
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
    from quizhost.portable import run_main
    from quizhost.server.runner import serve_until_signal

    return run_main(serve_until_signal(_serve_options(args)))


# run


def add_run(subparsers: Subparsers) -> None:
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
