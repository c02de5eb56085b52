"""The console in a game created today: the question intro and auto-close."""

from __future__ import annotations

from pathlib import Path

from quizhost.core import Phase
from quizhost.server.runner import ServeOptions
from quizhost.tui.app import QuizConsole
from tests.tui.console import answer, join, next_of, ready, screen_text, shown, until

BANK = """\
title: Modes
defaults:
  read_time: 20
questions:
  - question: Pick B
    choices: [A, {correct: B}]
  - question: Pick A
    read_time: 0
    choices: [{correct: A}, B]
"""


async def test_the_intro_shows_get_ready_and_n_opens_the_answers(tmp_path: Path) -> None:
    """Start shows the intro with its count; n opens the answers; the last answer reveals."""
    bank = tmp_path / "modes.yaml"
    bank.write_text(BANK, encoding="utf-8")
    app = QuizConsole.from_options(
        ServeOptions(bank=bank, host="127.0.0.1", port=0, db=tmp_path / "quiz.db")
    )
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        ada = await join(app, "Ada")
        bob = await join(app, "Bob")
        await pilot.press("s")
        await shown(pilot, Phase.INTRO)
        text = screen_text(app)
        assert "Get ready" in text and "GET READY" in text and "Pick B" in text
        assert (await next_of(ada, "get_ready"))["read_ms"] == 20_000
        await pilot.press("n")
        await shown(pilot, Phase.QUESTION)
        assert "answered 0/2" in screen_text(app)
        await answer(ada, 0, choice=1)
        await answer(bob, 0, choice=0)
        await shown(pilot, Phase.REVEAL)  # nobody pressed k: everyone had answered
        await ada.close()
        await bob.close()


async def test_o_turns_autoplay_on_and_off(tmp_path: Path) -> None:
    """o sets the --autoplay time (here 3 s) and the top bar says so; o again turns it off."""
    bank = tmp_path / "modes.yaml"
    bank.write_text(BANK, encoding="utf-8")
    options = ServeOptions(
        bank=bank, host="127.0.0.1", port=0, db=tmp_path / "quiz.db", autoplay_ms=3_000
    )
    app = QuizConsole.from_options(options)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await ready(pilot)
        assert "autoplay 3 s" in screen_text(app)
        await pilot.press("o")
        await until(pilot, lambda: screen.view is not None and not screen.view.autoplay_ms, "off")
        await pilot.pause()
        assert "autoplay" not in screen_text(app).split("\n")[0]
        await pilot.press("o")
        await until(
            pilot, lambda: screen.view is not None and screen.view.autoplay_ms == 3_000, "on"
        )


ROUNDS = """\
title: Rounds
defaults:
  read_time: 0
rounds:
  - title: Warm-up
    questions:
      - {question: Pick B, choices: [A, {correct: B}]}
"""


async def test_a_round_title_screen_on_the_console(tmp_path: Path) -> None:
    """Start shows the round's number, title and size; n starts it."""
    bank = tmp_path / "rounds.yaml"
    bank.write_text(ROUNDS, encoding="utf-8")
    app = QuizConsole.from_options(
        ServeOptions(bank=bank, host="127.0.0.1", port=0, db=tmp_path / "quiz.db")
    )
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        await pilot.press("s")
        await shown(pilot, Phase.ROUND)
        text = screen_text(app)
        assert "Round 1 of 1" in text and "Warm-up" in text and "1 question" in text
        await pilot.press("n")
        await shown(pilot, Phase.QUESTION)


async def test_the_console_shows_the_teams_on_the_leaderboard(tmp_path: Path) -> None:
    """--teams 2: the leaderboard has a line of teams with their places and scores."""
    bank = tmp_path / "modes.yaml"
    bank.write_text(BANK, encoding="utf-8")
    options = ServeOptions(
        bank=bank, host="127.0.0.1", port=0, db=tmp_path / "quiz.db", teams=2, auto_close=False
    )
    app = QuizConsole.from_options(options)
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        ada = await join(app, "Ada")
        await pilot.press("s")
        await shown(pilot, Phase.INTRO)
        await pilot.press("n")
        await shown(pilot, Phase.QUESTION)
        await answer(ada, 0, choice=1)
        await pilot.press("k")
        await shown(pilot, Phase.REVEAL)
        await pilot.press("n")
        await shown(pilot, Phase.LEADERBOARD)
        text = screen_text(app)
        assert "Teams:" in text and "1. Red" in text and "2. Blue 0" in text
        await ada.close()
