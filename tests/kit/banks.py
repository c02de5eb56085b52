"""Bank checks for tests: the type of the `check` fixture and where a report's problems are."""

from __future__ import annotations

from collections.abc import Callable

from quizhost.bank import BankReport

Check = Callable[[str], BankReport]


def locations(report: BankReport) -> list[tuple[int, int]]:
    """(line, col) of every problem, in order."""
    return [(problem.line, problem.col) for problem in report.problems]
