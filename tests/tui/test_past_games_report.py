"""One game's results in the console: the overview, the success bars, and `r` for the report."""

from __future__ import annotations

import sys
import webbrowser
from pathlib import Path

import pytest

from tests.tui import scenes
from tests.tui.console import fixed_console, screen_text, until

# A "browser" that writes the address it was asked to open: webbrowser runs it as it would
# run firefox (the BROWSER variable), so the real module starts a real program.
OPENER = """import pathlib, sys
pathlib.Path(sys.argv[1]).write_text(sys.argv[2], encoding="utf-8")
"""


async def test_the_results_show_the_overview_and_a_bar_per_question(tmp_path: Path) -> None:
    """Players, average score, right answers, duration; one bar per revealed question."""
    app = fixed_console(tmp_path / "quiz.db")
    async with app.run_test(size=(100, 40)) as pilot:
        await scenes.game_results(pilot)
        text = screen_text(pilot.app)
        assert "Right answers per question" in text and "Right answers " in text
        assert "3 of 3 questions" in text
        bars = [line for line in text.splitlines() if "░" in line or "█" in line]
        assert len(bars) == 3, text


async def test_r_writes_the_html_report_and_opens_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The report file is written in the current folder and its file: URL handed to the
    browser."""
    opener = tmp_path / "opener.py"
    opener.write_text(OPENER, encoding="utf-8")
    opened = tmp_path / "opened.txt"
    monkeypatch.setenv("BROWSER", f"{sys.executable} {opener} {opened} %s")
    monkeypatch.setattr(webbrowser, "_tryorder", None)  # re-read BROWSER, as a new process does
    monkeypatch.chdir(tmp_path)
    app = fixed_console(tmp_path / "quiz.db")
    async with app.run_test(size=(100, 40)) as pilot:
        await scenes.game_results(pilot)
        await pilot.press("r")
        await until(pilot, opened.exists, "the browser to be started")
    (report,) = tmp_path.glob("quizhost-report-*.html")
    assert opened.read_text(encoding="utf-8") == report.resolve().as_uri()
    html = report.read_text(encoding="utf-8")
    assert "Console test quiz" in html and '<section id="grid">' in html
