"""The set-up targets as a teacher and a contributor use them: `make run` takes options and
installs only what running needs; the tools to test and lint come with the other targets."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
MAKE = shutil.which("make")

pytestmark = pytest.mark.skipif(MAKE is None, reason="needs make")


def make(*args: str) -> str:
    """Run make in the checkout and return what it printed (commands and their output).

    make runs in a session of its own, so on a timeout whatever it started (a console that
    did start, say) is stopped with it."""
    assert MAKE is not None
    with subprocess.Popen(
        [MAKE, "--no-print-directory", "-C", str(ROOT), *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
        text=True,
        start_new_session=True,
    ) as process:
        try:
            out, err = process.communicate(timeout=60)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.communicate()
            raise
    assert process.returncode == 0, err
    return out


def test_make_run_passes_args_on_to_quizhost_run(tmp_path: Path) -> None:
    """BANK, DB and ARGS reach `quizhost run` (with --help, nothing starts)."""
    db = tmp_path / "class.db"
    bank = "question_banks/science-basics.yaml"
    out = make("-o", ".venv/.installed-run", "run", f"BANK={bank}", f"DB={db}", "ARGS=--help")
    command, *printed = out.splitlines()
    assert command == f".venv/bin/quizhost run {bank} --db {db} --help"
    assert printed[0].startswith("usage: quizhost run ")
    assert not db.exists()


def test_make_run_installs_only_what_running_needs() -> None:
    """With pyproject.toml newer than any install, `make run` would install the package alone
    and `make unit` the package with the test and lint tools."""
    run = make("--dry-run", "--what-if=pyproject.toml", "run")
    assert "install -q --disable-pip-version-check -e .\n" in run
    assert "[dev]" not in run
    unit = make("--dry-run", "--what-if=pyproject.toml", "unit")
    assert "install -q --disable-pip-version-check -e '.[dev]'\n" in unit
