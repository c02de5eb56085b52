"""The `quizhost` command: argument parsing and wiring, nothing else.

Each subcommand is a pair of small functions: `_add_NAME(subparsers)` declares its arguments
and `cmd_NAME(args) -> int` runs it. To add one (`serve`, `run`, `results`), write the pair
and register it in `build_parser()`; the bigger ones (`serve` and `run`, `results`) have their
own module in this package.

Exit codes: 0 success, 1 a bank is invalid, 2 a usage error or a file that cannot be read;
`serve` and `run` add 3 (another server has the database) and 4 (`--resume`: which game?).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence

from quizhost import __version__
from quizhost.bank import BankReport, validate_paths
from quizhost.bank.models import Bank
from quizhost.bank.schema import bank_schema
from quizhost.bank.show import format_bank
from quizhost.cli.parsing import Handler, Subparsers
from quizhost.cli.results import add_results
from quizhost.cli.serve import add_run, add_serve
from quizhost.exitcodes import EXIT_FAILED, EXIT_OK, EXIT_USAGE
from quizhost.interchange import command as interchange_command
from quizhost.portable import printable_output


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
    _add_preview(subparsers)
    add_serve(subparsers)
    add_results(subparsers)
    add_run(subparsers)
    interchange_command.register(subparsers)  # import, export, new
    return parser


# validate


def _add_validate(subparsers: Subparsers) -> None:
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


def _add_schema(subparsers: Subparsers) -> None:
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


def _add_show(subparsers: Subparsers) -> None:
    parser = subparsers.add_parser(
        "show",
        help="print a question bank with its answers",
        description="Print a bank readably: each question, its kind and settings, and the "
        "correct answer marked [x].",
    )
    parser.add_argument("bank", metavar="BANK", help="a YAML question bank")
    parser.set_defaults(handler=cmd_show)


def _checked_bank(path: str) -> Bank | int:
    """The bank at `path`; or, when it has problems, the exit code `validate` would give,
    once they are printed as `validate` prints them."""
    (report,) = validate_paths([path])
    if report.bank is None:
        for problem in report.problems:
            print(problem, file=sys.stderr)
        return _exit_code([report])
    return report.bank


def cmd_show(args: argparse.Namespace) -> int:
    """Print the bank, or its problems as `validate` would."""
    bank = _checked_bank(args.bank)
    if isinstance(bank, int):
        return bank
    print("\n".join(format_bank(bank)))
    return EXIT_OK


# preview


def _add_preview(subparsers: Subparsers) -> None:
    parser = subparsers.add_parser(
        "preview",
        help="step through a quiz on the console, with no players, before class",
        description="Check BANK first (problems are printed as `validate` prints them), then "
        "show each question, its answers and its reveal as the console shows them in a game. "
        "Right or n goes forward, left or p back, q quits. With --screen the big screen "
        "follows on 127.0.0.1 (its address, with its key, is on the console).",
    )
    parser.add_argument("bank", metavar="BANK", help="a YAML question bank")
    parser.add_argument(
        "--screen",
        action="store_true",
        help="also serve the big-screen page on 127.0.0.1, showing the console's step",
    )
    parser.add_argument(
        "--port",
        type=_preview_port,
        default=0,
        help="with --screen, the port to serve it on (default 0: a free port)",
    )
    parser.set_defaults(handler=cmd_preview)


def _preview_port(text: str) -> int:
    try:
        port = int(text)
    except ValueError:
        port = -1
    if not 0 <= port <= 65535:
        raise argparse.ArgumentTypeError(f"not a port number (0-65535): {text!r}")
    return port


def cmd_preview(args: argparse.Namespace) -> int:
    """The preview of a valid bank, or its problems as `validate` would print them."""
    bank = _checked_bank(args.bank)
    if isinstance(bank, int):
        return bank
    from quizhost.tui.preview import PreviewApp  # Textual loads only for the console

    code = PreviewApp(bank, args.port if args.screen else None).run()
    return code if isinstance(code, int) else EXIT_OK
