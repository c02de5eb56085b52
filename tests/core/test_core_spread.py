"""How answers without choices were spread: what was typed, where slider values fell."""

from __future__ import annotations

from core_kit import OPEN_MS, bank, choice, slider, started, type_answer

from quizhost.core import ChoiceAnswer, Skip, SubmitAnswer, TextAnswer, ValueAnswer
from quizhost.core.spread import SliderBin, TypedCount


def test_typed_answers_are_grouped_as_they_are_judged_most_typed_first() -> None:
    """'vienna', 'Vienna ' and 'VIENNA' are one answer, shown as its most typed spelling."""
    game = started(bank(type_answer()), "Ada", "Bob", "Cy", "Dee", "Eve")
    typed = {"p0": "Vienna", "p1": "Salzburg", "p2": "vienna", "p3": "vienna ", "p4": "Wien"}
    for player, text in typed.items():
        game.handle(SubmitAnswer(player, 0, TextAnswer(text)), OPEN_MS)
    game.handle(Skip(), OPEN_MS)
    spread = game.last_spread
    assert spread is not None
    assert spread.accepted == ("Wien", "Vienna")
    assert spread.typed == (
        TypedCount("vienna", 3, True),
        TypedCount("Salzburg", 1, False),
        TypedCount("Wien", 1, True),
    )
    assert spread.other_typed == 0


def test_only_the_top_typed_answers_are_kept_the_rest_counted() -> None:
    names = [f"P{n}" for n in range(8)]
    game = started(bank(type_answer()), *names)
    for number in range(8):
        game.handle(SubmitAnswer(f"p{number}", 0, TextAnswer(f"guess {number}")), OPEN_MS)
    game.handle(Skip(), OPEN_MS)
    spread = game.last_spread
    assert spread is not None
    assert [t.text for t in spread.typed] == [f"guess {n}" for n in range(5)]
    assert spread.other_typed == 3


def test_slider_values_fall_into_at_most_twenty_bins_with_the_margin_marked() -> None:
    """1900..2000 by 1 is 101 values: 17 bins of 6 years; the bins within 1969 ± 5 are right."""
    game = started(bank(slider(margin=5)), "Ada", "Bob", "Cy")
    for player, year in {"p0": 1969, "p1": 1970, "p2": 1900}.items():
        game.handle(SubmitAnswer(player, 0, ValueAnswer(year)), OPEN_MS)
    game.handle(Skip(), OPEN_MS)
    spread = game.last_spread
    assert spread is not None and spread.margin == 5
    assert len(spread.bins) == 17
    assert spread.bins[0] == SliderBin(1900, 1905, 1, False)
    assert spread.bins[-1] == SliderBin(1996, 2000, 0, False)
    assert [(b.low, b.count) for b in spread.bins if b.correct] == [(1960, 0), (1966, 2), (1972, 0)]
    assert sum(b.count for b in spread.bins) == 3


def test_nothing_to_spread_before_a_close_nor_for_choices() -> None:
    """Choice questions have their per-choice counts instead."""
    game = started(bank(choice(), slider()), "Ada")
    assert game.last_spread is None
    game.handle(SubmitAnswer("p0", 0, ChoiceAnswer(1)), OPEN_MS)
    game.handle(Skip(), OPEN_MS)
    assert game.last_spread is None
