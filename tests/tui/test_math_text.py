"""Formulas on the console: a terminal cannot draw MathML, so a `math: true` question shows
its `$...$` as Unicode text, and a bank without `math` shows its dollars as written."""

from __future__ import annotations

import textwrap
from pathlib import Path

from quizhost.bank.maths import readable_text
from quizhost.core import Phase
from tests.tui.console import (
    answer,
    fixed_console,
    join,
    press_to,
    ready,
    screen_text,
    shown,
    until,
)

BANK = textwrap.dedent(
    r"""
    title: Maths
    defaults:
      math: true
    questions:
      - question: What is $\frac{1}{2}$ of \$10?
        choices: [{correct: '\$5'}, '$x^2$', '$\sqrt{9}$']
        explanation: Half of $10$ is $\frac{10}{2}$.
      - question: A pen is $5 and a pad $3
        math: false
        true_false: true
    """
)


def test_formulas_become_unicode_text() -> None:
    r"""`\frac` is a slash, powers are superscripts, Greek is Greek, `\$` a dollar."""
    assert readable_text(r"What is $\frac{1}{2}$ of \$10?") == "What is 1/2 of $10?"
    assert readable_text(r"$x^2 + y_1$") == "x² + y₁"
    assert readable_text(r"$\alpha \leq \beta$") == "α≤β"


async def test_the_console_shows_formulas_as_unicode(tmp_path: Path) -> None:
    """Question, choices and the explanation at the reveal; then a question without math
    keeps '$5 and $3' as written."""
    bank = tmp_path / "maths.yaml"
    bank.write_text(BANK, encoding="utf-8")
    app = fixed_console(tmp_path / "quiz.db", bank)
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        await join(app, "Ada")
        await pilot.press("s")
        await shown(pilot, Phase.QUESTION)
        await pilot.press("v")  # the live bars name the choices
        await pilot.pause()
        text = screen_text(app)
        assert "What is 1/2 of $10?" in text, text
        assert "x²" in text and "√(9)" in text and "$5" in text, text
        assert "\\frac" not in text and "\\$" not in text
        await pilot.press("k")
        await shown(pilot, Phase.REVEAL)
        await pilot.pause()
        text = screen_text(app)
        assert "Half of 10 is 10/2." in text, text
        await pilot.press("n")
        await shown(pilot, Phase.LEADERBOARD)
        await pilot.press("n")
        await shown(pilot, Phase.QUESTION)
        await pilot.pause()
        assert "A pen is $5 and a pad $3" in screen_text(app)


async def test_the_hardest_question_at_the_end_shows_its_formulas(tmp_path: Path) -> None:
    """The end-of-game summary names the hardest question as the question showed it."""
    bank = tmp_path / "maths.yaml"
    bank.write_text(BANK, encoding="utf-8")
    app = fixed_console(tmp_path / "quiz.db", bank)
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        ada = await join(app, "Ada")
        await pilot.press("s")
        await shown(pilot, Phase.QUESTION)
        await answer(ada, 0, choice=1)  # wrong: x²
        await press_to(pilot, "k", Phase.REVEAL)
        await press_to(pilot, "n", Phase.LEADERBOARD)
        await press_to(pilot, "n", Phase.QUESTION)
        await answer(ada, 1, choice=0)  # right: the pen question is not the hardest
        await press_to(pilot, "k", Phase.REVEAL)
        await press_to(pilot, "n", Phase.LEADERBOARD)
        await press_to(pilot, "n", Phase.PODIUM)
        await press_to(pilot, "n", Phase.ENDED)
        await until(pilot, lambda: "Hardest question" in screen_text(app), "the summary")
        text = screen_text(app)
        assert "Hardest question: 1. What is 1/2 of $10?" in text, text
        assert "\\frac" not in text
        await ada.close()
