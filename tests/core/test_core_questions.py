"""Questions as played: public views without correctness, seeded shuffling, determinism."""

from __future__ import annotations

import random

import attrs

from quizhost.bank.models import ChoiceQuestion, Kind
from quizhost.core import (
    ChoiceAnswer,
    ChoicesAnswer,
    Game,
    OrderAnswer,
    PublicQuestion,
    QuestionClosed,
    Skip,
    SubmitAnswer,
)
from quizhost.core.questions import TRUE_FALSE_CHOICES, play_question
from tests.core.core_kit import (
    OPEN_MS,
    bank,
    choice,
    multiple,
    order,
    poll,
    slider,
    started,
    true_false,
)


def test_public_question_has_no_correctness_fields() -> None:
    """A PublicQuestion's fields say nothing about which answer is right."""
    names = {field.name for field in attrs.fields(PublicQuestion)}
    assert names == {
        "index", "total", "kind", "text", "time_limit_ms", "points", "choices", "items",
        "minimum", "maximum", "step", "image", "multiple", "image_alt", "language",
        "scoring", "wrong_points", "math",
    }  # fmt: skip


def test_slider_public_question_carries_the_range_not_the_answer() -> None:
    """Min, max and step are shown; the answer and margin are not."""
    public = started(bank(slider()), "Ada").question
    assert public is not None
    assert (public.kind, public.minimum, public.maximum, public.step) == (
        Kind.SLIDER,
        1900,
        2000,
        1,
    )
    assert 1969 not in attrs.astuple(public)


def test_true_false_is_never_shuffled() -> None:
    """True/false shows ("True", "False") and 0 means true."""
    for seed in range(5):
        game = started(bank(true_false(answer=False)), "Ada", seed=seed)
        assert game.question is not None and game.question.choices == TRUE_FALSE_CHOICES
        game.handle(SubmitAnswer("p0", 0, ChoiceAnswer(1)), OPEN_MS)
        closed = game.handle(Skip(), OPEN_MS)[0]
        assert isinstance(closed, QuestionClosed) and closed.correct == ChoiceAnswer(1)


def test_unshuffled_choices_keep_the_bank_order() -> None:
    """Without shuffle the choices show as written."""
    public = play_question(choice(shuffle=False), 0, 1, random.Random(1)).public
    assert public.choices == ("Paris", "Canberra", "Vienna", "Ottawa")


def test_shuffled_choices_map_the_correct_answer_to_its_display_index() -> None:
    """With shuffle, the revealed correct index points at the right text as displayed."""
    shown = set()
    for seed in range(12):
        played = play_question(choice(shuffle=True), 0, 1, random.Random(seed))
        correct = played.key.reveal()
        assert isinstance(correct, ChoiceAnswer)
        assert played.public.choices[correct.choice] == "Canberra"
        shown.add(played.public.choices)
    assert len(shown) > 1  # it does shuffle


def test_shuffled_multiple_choice_maps_every_correct_choice() -> None:
    """Each correct choice of a shuffled multiple-choice question maps to its display index."""
    played = play_question(multiple(shuffle=True), 0, 1, random.Random(3))
    correct = played.key.reveal()
    assert isinstance(correct, ChoicesAnswer)
    assert {played.public.choices[i] for i in correct.choices} == {"2", "5"}


def test_shuffled_poll_keeps_every_choice() -> None:
    """A shuffled poll shows the same choices in some order."""
    played = play_question(poll(shuffle=True), 0, 1, random.Random(3))
    assert sorted(played.public.choices) == ["blue", "green", "red"]


def test_order_items_are_never_shown_in_the_correct_order() -> None:
    """Order items are always shuffled and never displayed already solved."""
    items = ("a", "b")
    for seed in range(20):
        played = play_question(order(items), 0, 1, random.Random(seed))
        assert played.public.items == ("b", "a")
        correct = played.key.reveal()
        assert isinstance(correct, OrderAnswer)
        assert tuple(played.public.items[i] for i in correct.order) == items


def test_order_reveal_lists_display_indices_in_the_right_order() -> None:
    """The correct order, read through the display, is the bank's order."""
    played = play_question(order(), 0, 1, random.Random(5))
    correct = played.key.reveal()
    assert isinstance(correct, OrderAnswer)
    assert tuple(played.public.items[i] for i in correct.order) == ("one", "two", "three", "four")


def test_question_order_is_shuffled_when_the_bank_asks() -> None:
    """shuffle_questions plays every question once, in a seed-dependent order."""
    questions = tuple(
        ChoiceQuestion(text=f"Q{n}", choices=("a", "b"), correct=frozenset({0})) for n in range(6)
    )
    orders = set()
    for seed in range(5):
        game = Game(bank(*questions, shuffle_questions=True), seed=seed)
        texts = tuple(played.public.text for played in game._questions)
        assert sorted(texts) == [f"Q{n}" for n in range(6)]
        assert [played.public.index for played in game._questions] == list(range(6))
        orders.add(texts)
    assert len(orders) > 1


def test_question_order_is_kept_without_shuffle() -> None:
    """Without shuffle_questions the questions play as written."""
    game = Game(bank(choice(), true_false(), poll()), seed=1)
    assert [played.public.kind for played in game._questions] == [
        Kind.CHOICE,
        Kind.TRUE_FALSE,
        Kind.POLL,
    ]
    assert game.total_questions == 3


def test_same_seed_same_shuffle() -> None:
    """Two games from the same bank and seed show the same questions identically."""
    the_bank = bank(choice(shuffle=True), order(), poll(shuffle=True), shuffle_questions=True)
    first = [played.public for played in Game(the_bank, seed=42)._questions]
    second = [played.public for played in Game(the_bank, seed=42)._questions]
    assert first == second


def test_question_and_explanation_at_the_reveal() -> None:
    """The reveal carries the index, the explanation and the final counts."""
    game = started(bank(choice()), "Ada")
    game.handle(SubmitAnswer("p0", 0, ChoiceAnswer(1)), OPEN_MS)
    closed = game.handle(Skip(), OPEN_MS)[0]
    assert isinstance(closed, QuestionClosed)
    assert (closed.index, closed.explanation, closed.counts) == (
        0,
        "Canberra was built as a compromise.",
        (0, 1, 0, 0),
    )
    assert game.last_reveal == closed


def test_bank_index_maps_played_positions_to_the_bank() -> None:
    """bank_index(i) names the bank position of the question played at i (for the store)."""
    game = Game(bank(choice(), true_false(), poll(), shuffle_questions=True), seed=4)
    kinds = [Kind.CHOICE, Kind.TRUE_FALSE, Kind.POLL]
    assert sorted(game.bank_index(i) for i in range(3)) == [0, 1, 2]
    assert [kinds[game.bank_index(i)] for i in range(3)] == [q.public.kind for q in game._questions]


def test_kinds_without_choices_count_nothing() -> None:
    """Text, slider and order answers count for no display choice."""
    from quizhost.core.answers import OrderKey, SliderKey, TextKey

    assert TextKey(("x",)).counted(ChoiceAnswer(0)) == ()
    assert SliderKey(0, 1, 0.5, 0).counted(ChoiceAnswer(0)) == ()
    assert OrderKey((1, 0)).counted(ChoiceAnswer(0)) == ()
