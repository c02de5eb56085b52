"""`quizhost preview`: the quiz stepped through on the console's own views, no players."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from textual.pilot import Pilot

from quizhost.bank import load_bank
from quizhost.tui.preview import PreviewApp, PreviewScreen
from tests.interchange.helpers import run_cli
from tests.tui.console import BANK, KINDS_BANK, screen_text

SnapCompare = Callable[..., bool]


def preview_screen(app: PreviewApp) -> PreviewScreen:
    screen = app.screen
    assert isinstance(screen, PreviewScreen)
    return screen


async def test_each_question_then_its_reveal_forward_and_back() -> None:
    """Question, reveal (the right answer marked, the explanation), back, first and last."""
    app = PreviewApp(load_bank(BANK))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        screen = preview_screen(app)
        assert len(screen.views) == 6  # three questions, each with its reveal
        text = screen_text(app)
        assert "step 1 of 6: question" in text and "What is the capital of Australia?" in text
        assert "✓" not in text and "answered" not in text  # nothing given away, no players
        await pilot.press("right")
        text = screen_text(app)
        assert "step 2 of 6: answer" in text and "✓ Canberra" in text
        assert "Canberra was built as the capital" in text
        assert "leaderboard" not in text  # a game's hint; the preview has none
        await pilot.press("left")
        assert "step 1 of 6: question" in screen_text(app)
        await pilot.press("left")  # nothing before the first step
        assert screen.step == 0
        await pilot.press("end")
        text = screen_text(app)
        assert "step 6 of 6: answer" in text and "Correct answer: Au" in text
        await pilot.press("n")  # nothing after the last
        assert screen.step == 5
        await pilot.press("home")
        assert screen.step == 0
        await pilot.press("q")
    assert app.return_code == 0


async def test_the_kinds_without_bars_show_their_answers() -> None:
    """Type the answer, slider, order and an image question: each reveal says the answer."""
    app = PreviewApp(load_bank(KINDS_BANK))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        texts = []
        for _ in preview_screen(app).views:
            texts.append(screen_text(app))
            await pilot.press("right")
    assert "also accepted: six, six sides" in texts[1]
    assert "Players pick a number from 1950 to 2000 (step 1)." in texts[2]
    assert "Correct answer: 1969 ± 2" in texts[3]
    assert "Correct order:" in texts[5] and "1. Gutenberg's printing press" in texts[5]
    assert "Image: images/flag-japan.svg" in texts[6]


def test_a_bank_with_problems_is_reported_like_validate(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """No console: the problems on stderr as FILE:LINE:COL, exit 1."""
    path = tmp_path / "quiz.yaml"
    shutil.copy(BANK, path)
    path.write_text(path.read_text("utf-8").replace("- correct: Canberra", "- Canberra"), "utf-8")
    run = run_cli(capsys, "preview", str(path))
    assert run.code == 1 and run.out == ""
    assert run.err.startswith(f"{path}:10:5: no choice is marked correct")
    assert run_cli(capsys, "preview", str(tmp_path / "missing.yaml")).code == 2


async def _to_the_slider_reveal(pilot: Pilot[None]) -> None:
    await pilot.pause()
    for _ in range(3):
        await pilot.press("right")
    await pilot.pause()


def test_the_slider_reveal_at_80x24(snap_compare: SnapCompare) -> None:
    app = PreviewApp(load_bank(KINDS_BANK))
    assert snap_compare(app, terminal_size=(80, 24), run_before=_to_the_slider_reveal)
