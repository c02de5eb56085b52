"""YAML bank files -> validated `Bank` models, with every problem located and explained.

The public ways in: `load_bank` (raise on problems), `check_file`/`check_bytes`/`check_text`
(report, never raise) and `validate_paths` (several files, for `quizhost validate`). Nothing
here stops at the first problem: `rules.BankChecker` collects them all, with the generic YAML
node checks of `nodes`, and a bank is built only if none was found.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from attrs import frozen

from quizhost.bank import spec
from quizhost.bank.errors import BankError, BankFileError, Problem
from quizhost.bank.models import Bank
from quizhost.bank.nodes import position
from quizhost.bank.rules import BankChecker

# Public functions.


@frozen
class BankReport:
    """The outcome of checking one file: a bank, or the problems that kept it from loading."""

    path: Path
    bank: Bank | None
    problems: tuple[Problem, ...]
    unreadable: bool = False  # the file itself could not be read (missing, a directory)

    @property
    def ok(self) -> bool:
        return self.bank is not None


def load_bank(path: str | Path) -> Bank:
    """Load and validate one bank file; raise `BankError` listing all of its problems.

    Raises `BankFileError` (a `BankError`) when the file cannot be read at all.
    """
    report = check_file(path)
    if report.bank is None:
        raise (BankFileError if report.unreadable else BankError)(report.problems)
    return report.bank


def load_banks(paths: Iterable[str | Path]) -> list[Bank]:
    """Load several banks; if any fails, raise one `BankError` with the problems of all."""
    reports = validate_paths(paths)
    problems = [problem for report in reports for problem in report.problems]
    if problems:
        if any(report.unreadable for report in reports):
            raise BankFileError(problems)
        raise BankError(problems)
    return [report.bank for report in reports if report.bank is not None]


def validate_paths(paths: Iterable[str | Path]) -> list[BankReport]:
    """Check every file and report on each, never raising: what `quizhost validate` prints."""
    return [check_file(path) for path in paths]


def check_file(path: str | Path) -> BankReport:
    """Read one file and check it; unreadable files give a report with `unreadable` set."""
    path = Path(path)
    name = str(path)
    try:
        if path.is_dir():
            reason = "is a directory; pass the bank files in it (e.g. DIR/*.yaml)"
            return _unreadable(path, name, reason)
        with path.open("rb") as stream:
            data = stream.read(spec.MAX_BANK_BYTES + 1)
    except FileNotFoundError:
        return _unreadable(path, name, "no such file")
    except OSError as error:
        return _unreadable(path, name, f"cannot read: {error.strerror or error}")
    if len(data) > spec.MAX_BANK_BYTES:
        limit = spec.MAX_BANK_BYTES // (1024 * 1024)
        problem = Problem(name, 0, 0, f"the file is larger than {limit} MiB; is it a bank?")
        return BankReport(path, None, (problem,))
    return check_bytes(data, path)


def check_bytes(data: bytes, source: Path) -> BankReport:
    """Check the bytes of a bank file as if read from `source` (images are looked up there)."""
    name = str(source)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line, col = position(data[: error.start].decode("utf-8", "replace"))
        message = "the file is not UTF-8 text; save it as UTF-8 (is it really a YAML bank?)"
        return BankReport(source, None, (Problem(name, line, col, message),))
    return check_text(text, source)


def check_text(text: str, source: Path) -> BankReport:
    """Check YAML text as if read from `source`; the core of every function above."""
    checker = BankChecker(str(source), source.parent)
    bank = checker.check(text, source)
    problems = sorted(checker.problems, key=lambda problem: (problem.line, problem.col))
    return BankReport(source, bank, tuple(problems))


def _unreadable(path: Path, name: str, reason: str) -> BankReport:
    return BankReport(path, None, (Problem(name, 0, 0, reason),), unreadable=True)
