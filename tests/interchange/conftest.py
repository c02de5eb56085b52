"""Fixtures for import/export tests: the real `quizhost` command line, run in-process."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tests.interchange.helpers import Run, run_cli

Cli = Callable[..., Run]


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str]) -> Cli:
    """`cli("import", "a.gift", "-o", "a.yaml")` runs quizhost and returns code, stdout, stderr."""

    def call(*args: str) -> Run:
        return run_cli(capsys, *args)

    return call
