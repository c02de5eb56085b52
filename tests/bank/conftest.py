"""Helpers for bank tests: write YAML to a temporary bank file and check it."""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

from quizhost.bank import BankReport, check_file

Check = Callable[[str], BankReport]


@pytest.fixture
def check(tmp_path: Path) -> Check:
    """Write dedented YAML to tmp_path/bank.yaml and return the loader's report on it."""

    def run(text: str) -> BankReport:
        path = tmp_path / "bank.yaml"
        path.write_text(textwrap.dedent(text), encoding="utf-8")
        return check_file(path)

    return run


def locations(report: BankReport) -> list[tuple[int, int]]:
    """(line, col) of every problem, in order."""
    return [(problem.line, problem.col) for problem in report.problems]
