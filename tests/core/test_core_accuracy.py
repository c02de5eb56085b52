"""Accuracy scoring and negative marking; a total never below 0."""

from __future__ import annotations

import attrs
from core_kit import OPEN_MS, bank, choice, lobby, multiple

from quizhost.bank.models import PointsMode, ScoringMode
from quizhost.core import (
    ChoiceAnswer,
    ChoicesAnswer,
    Next,
    QuestionClosed,
    Skip,
    Start,
    SubmitAnswer,
)

LATE = OPEN_MS + 15_000  # three quarters of the 20 s limit


def closed(events: list[object]) -> QuestionClosed:
    [event] = [e for e in events if isinstance(e, QuestionClosed)]
    return event


def test_accuracy_scores_the_whole_points_whenever_the_answer_comes() -> None:
    """Late or early, a correct answer is worth P: 1000, or 2000 for double."""
    standard = attrs.evolve(choice(), scoring=ScoringMode.ACCURACY)
    double = attrs.evolve(standard, points=PointsMode.DOUBLE)
    for question, expected in ((standard, 1000), (double, 2000)):
        game = lobby(bank(question), "Ada")
        game.handle(Start(), OPEN_MS)
        [accepted] = game.handle(SubmitAnswer("p0", 0, ChoiceAnswer(1)), LATE)
        assert accepted.points == expected  # type: ignore[union-attr]


def test_accuracy_keeps_partial_credit() -> None:
    """One of two right picks: half of P, at any time."""
    question = attrs.evolve(multiple(), scoring=ScoringMode.ACCURACY)
    game = lobby(bank(question), "Ada")
    game.handle(Start(), OPEN_MS)
    [accepted] = game.handle(SubmitAnswer("p0", 0, ChoicesAnswer(frozenset({0}))), LATE)
    assert accepted.points == 500  # type: ignore[union-attr]


def test_speed_is_still_the_default() -> None:
    """The same late answer with today's rule: 1000 * (1 - 0.75 / 2) = 625."""
    game = lobby(bank(choice()), "Ada")
    game.handle(Start(), OPEN_MS)
    [accepted] = game.handle(SubmitAnswer("p0", 0, ChoiceAnswer(1)), LATE)
    assert accepted.points == 625  # type: ignore[union-attr]


def test_a_wrong_answer_costs_what_the_author_says_no_answer_costs_nothing() -> None:
    """wrong: -250: Ada (wrong) gets -250 on her reveal; Bob (no answer) 0."""
    question = attrs.evolve(choice(), wrong_points=-250)
    game = lobby(bank(question, question), "Ada", "Bob", "Cy")
    game.handle(Start(), OPEN_MS)
    game.handle(SubmitAnswer("p2", 0, ChoiceAnswer(1)), OPEN_MS)  # Cy: right, 1000
    game.handle(SubmitAnswer("p0", 0, ChoiceAnswer(0)), OPEN_MS)
    reveal = closed(game.handle(Skip(), OPEN_MS + 1))
    assert reveal.results["p0"].points == -250 and reveal.results["p0"].score == 0
    assert reveal.results["p1"].points == 0
    assert reveal.results["p2"].score == 1000


def test_a_total_never_goes_below_zero_but_a_positive_one_goes_down() -> None:
    """Cy at 1000 answers wrong: 750. Ada at 0 stays at 0."""
    question = attrs.evolve(choice(), wrong_points=-250)
    game = lobby(bank(question, question), "Ada", "Cy")
    game.handle(Start(), OPEN_MS)
    game.handle(SubmitAnswer("p1", 0, ChoiceAnswer(1)), OPEN_MS)
    game.handle(Skip(), OPEN_MS + 1)

    game.handle(Next(), OPEN_MS + 2)
    game.handle(Next(), OPEN_MS + 3)
    game.handle(SubmitAnswer("p0", 1, ChoiceAnswer(0)), OPEN_MS + 4)
    game.handle(SubmitAnswer("p1", 1, ChoiceAnswer(0)), OPEN_MS + 4)
    reveal = closed(game.handle(Skip(), OPEN_MS + 5))
    assert (reveal.results["p0"].points, reveal.results["p0"].score) == (-250, 0)
    assert (reveal.results["p1"].points, reveal.results["p1"].score) == (-250, 750)
