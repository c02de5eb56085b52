"""Helpers for bank tests: write YAML to a temporary bank file and check it."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from quizhost.bank import BankReport, check_file
from tests.kit.banks import Check


@pytest.fixture
def check(tmp_path: Path) -> Check:
    """Write dedented YAML to tmp_path/bank.yaml and return the loader's report on it."""

    def run(text: str) -> BankReport:
        path = tmp_path / "bank.yaml"
        path.write_text(textwrap.dedent(text), encoding="utf-8")
        return check_file(path)

    return run
