"""Scoring: the formula, partial credit, streaks, ranking ties, leaderboards."""

from __future__ import annotations

import math
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from quizhost.bank.models import PointsMode
from quizhost.core import (
    ChoiceAnswer,
    ChoicesAnswer,
    Game,
    LeaderboardEntry,
    LeaderboardShown,
    Next,
    OrderAnswer,
    PlayerResult,
    QuestionClosed,
    Ranked,
    Skip,
    SubmitAnswer,
    TextAnswer,
    ValueAnswer,
)
from quizhost.core.scoring import (
    accuracy_points,
    answer_points,
    max_points,
    round_half_up,
    streak_bonus,
)
from tests.core.core_kit import (
    OPEN_MS,
    bank,
    choice,
    multiple,
    order,
    poll,
    slider,
    started,
    type_answer,
)

RIGHT = ChoiceAnswer(1)
WRONG = ChoiceAnswer(0)


@pytest.mark.parametrize(
    ("base", "elapsed", "expected"),
    [
        (1000, 0, 1000),
        (1000, 5_000, 875),
        (1000, 10_001, 750),  # 749.975 rounds to 750
        (1000, 20_000, 500),
        (1000, 99_999, 500),  # clamped to the limit
        (1000, -5, 1000),  # clamped to 0
        (2000, 5_000, 1750),
        (0, 0, 0),
    ],
)
def test_kahoot_formula(base: int, elapsed: int, expected: int) -> None:
    """round(P * (1 - (elapsed/limit)/2)) on a 20 s limit."""
    assert answer_points(base, elapsed, 20_000) == expected


def test_rounding_is_half_up_on_exact_fractions() -> None:
    """Halves round up (no banker's rounding, no float drift)."""
    assert round_half_up(Fraction(1, 2)) == 1
    assert round_half_up(Fraction(1499, 2)) == 750
    assert answer_points(1000, 1, 20_000) == 1000  # 999.975


def test_partial_fraction_scales_the_points() -> None:
    """A fraction of an answer scores that fraction of the time-based points."""
    assert answer_points(1000, 0, 20_000, Fraction(1, 2)) == 500
    assert answer_points(1000, 20_000, 20_000, Fraction(1, 3)) == 167


def _reference_points(base: int, elapsed: int, limit: int, fraction: Fraction) -> int:
    """The formula as the module docstring writes it, on Fractions (the integer version is
    what runs: it must give the same points for every input)."""
    elapsed = min(max(elapsed, 0), limit)
    fraction = min(max(fraction, Fraction(0)), Fraction(1))
    return math.floor(base * fraction * Fraction(2 * limit - elapsed, 2 * limit) + Fraction(1, 2))


@given(
    base=st.sampled_from([0, 1000, 2000]) | st.integers(0, 10_000),
    elapsed=st.integers(-5_000, 400_000),
    limit=st.integers(1, 300_000),
    fraction=st.fractions(min_value=-1, max_value=2, max_denominator=12),
)
def test_integer_points_equal_the_fraction_formula(
    base: int, elapsed: int, limit: int, fraction: Fraction
) -> None:
    assert answer_points(base, elapsed, limit, fraction) == _reference_points(
        base, elapsed, limit, fraction
    )
    clamped = min(max(fraction, Fraction(0)), Fraction(1))
    assert accuracy_points(base, fraction) == math.floor(base * clamped + Fraction(1, 2))


@given(st.fractions(min_value=-(10**6), max_value=10**6))
def test_round_half_up_matches_floor_of_plus_a_half(value: Fraction) -> None:
    assert round_half_up(value) == math.floor(value + Fraction(1, 2))


@pytest.mark.parametrize(
    ("streak", "bonus"), [(0, 0), (1, 0), (2, 100), (3, 200), (6, 500), (40, 500)]
)
def test_streak_bonus(streak: int, bonus: int) -> None:
    """+100 at streak 2, +200 at 3 ..., capped at +500."""
    assert streak_bonus(streak) == bonus


def test_max_points() -> None:
    """The most one answer earns is P + 500 (0 when P is 0)."""
    assert (max_points(1000), max_points(2000), max_points(0)) == (1500, 2500, 0)


def close(game: Game) -> QuestionClosed:
    event = game.handle(Skip(), OPEN_MS)[0]
    assert isinstance(event, QuestionClosed)
    return event


def answer_and_close(question: object, answer: object, elapsed: int = 0) -> PlayerResult:
    """One player answers a one-question game; their result at the reveal."""
    game = started(bank(question), "Ada")  # type: ignore[arg-type]
    game.handle(SubmitAnswer("p0", 0, answer), OPEN_MS + elapsed)  # type: ignore[arg-type]
    return close(game).results["p0"]


@pytest.mark.parametrize(
    ("picked", "correct", "points"),
    [
        ({0, 2}, True, 1000),  # the exact set
        ({0}, False, 500),  # 1 of 2 right
        ({0, 1}, False, 0),  # 1 right, 1 wrong
        ({0, 1, 2}, False, 500),  # 2 right, 1 wrong
        ({0, 1, 2, 3}, False, 0),  # everything: 2 right, 2 wrong
        ({1, 3}, False, 0),  # never negative
    ],
)
def test_multiple_choice_partial_credit(picked: set[int], correct: bool, points: int) -> None:
    """max(0, right - wrong) / number correct of the points; correct only for the exact set."""
    result = answer_and_close(multiple(), ChoicesAnswer(frozenset(picked)))
    assert (result.correct, result.points) == (correct, points)


@pytest.mark.parametrize(
    ("given", "correct", "points"),
    [
        ("right", True, 1000),
        ("two swapped", False, 500),
        ("reversed", False, 0),
    ],
)
def test_order_partial_credit(given: str, correct: bool, points: int) -> None:
    """Fraction of items in the right place; correct only when all are."""
    game = started(bank(order()), "Ada")
    truth = game._questions[0].key.reveal()  # the correct display order
    assert isinstance(truth, OrderAnswer)
    right = truth.order
    orders = {
        "right": right,
        "two swapped": (right[1], right[0], *right[2:]),
        "reversed": right[::-1],
    }
    game.handle(SubmitAnswer("p0", 0, OrderAnswer(orders[given])), OPEN_MS)
    result = close(game).results["p0"]
    assert (result.correct, result.points) == (correct, points)


@pytest.mark.parametrize(
    ("value", "correct", "points"),
    [
        (1969, True, 1000),
        (1964, True, 1000),
        (1974.0, True, 1000),
        (1963.9, False, 0),
        (1975, False, 0),
    ],
)
def test_slider_within_the_margin_is_correct(value: float, correct: bool, points: int) -> None:
    """|value - answer| <= margin scores full time-based points; outside scores nothing."""
    result = answer_and_close(slider(margin=5), ValueAnswer(value))
    assert (result.correct, result.points) == (correct, points)


def test_slider_with_zero_margin_tolerates_float_rounding() -> None:
    """0.1 + 0.2 counts as 0.3 on a slider with no margin."""
    from quizhost.bank.models import SliderQuestion

    question = SliderQuestion(text="?", minimum=0, maximum=1, step=0.1, answer=0.3)
    assert answer_and_close(question, ValueAnswer(0.1 + 0.2)).correct is True


@pytest.mark.parametrize(
    ("text", "correct"), [("wien", True), ("  VIENNA ", True), ("Wein", False)]
)
def test_type_answer_matches_any_accepted_spelling(text: str, correct: bool) -> None:
    """Case and surrounding spaces do not matter; spelling does."""
    assert answer_and_close(type_answer(), TextAnswer(text)).correct is correct


def test_type_answer_ignores_accents() -> None:
    """Accents are ignored (bank.textmatch)."""
    from quizhost.bank.models import TypeAnswerQuestion

    question = TypeAnswerQuestion(text="?", accepted=("Zürich",))
    assert answer_and_close(question, TextAnswer("zurich")).correct is True


def test_poll_scores_nothing_and_has_no_correctness() -> None:
    """A poll answer is accepted, scores 0, correct None, and reveals no correct answer."""
    game = started(bank(poll()), "Ada")
    accepted = game.handle(SubmitAnswer("p0", 0, ChoiceAnswer(1)), OPEN_MS)[0]
    assert (accepted.correct, accepted.points) == (None, 0)  # type: ignore[union-attr]
    closed = close(game)
    assert closed.correct is None
    assert closed.results["p0"] == PlayerResult(True, None, 0, 0, 1, 0)


def test_wrong_and_missing_answers_score_nothing() -> None:
    """Wrong or no answer: 0 points, correct False."""
    game = started(bank(choice()), "Ada", "Bob")
    game.handle(SubmitAnswer("p0", 0, WRONG), OPEN_MS)
    results = close(game).results
    assert results["p0"] == PlayerResult(True, False, 0, 0, 1, 0)
    assert results["p1"] == PlayerResult(False, False, 0, 0, 2, 0)


def play(game: Game, answers: dict[str, object], at: int = OPEN_MS) -> QuestionClosed:
    """Answer the open question for each player, close it, and move to the next one."""
    index = game.question_index
    assert index is not None
    for player_id, answer in answers.items():
        game.handle(SubmitAnswer(player_id, index, answer), at)  # type: ignore[arg-type]
    closed = close(game)
    game.handle(Next(), OPEN_MS)
    game.handle(Next(), OPEN_MS)
    return closed


def test_streak_adds_a_growing_capped_bonus() -> None:
    """Correct answers in a row earn 1000, 1100, 1200 ... up to 1500."""
    game = started(bank(*[choice()] * 8), "Ada")
    gained = [play(game, {"p0": RIGHT}).results["p0"].points for _ in range(8)]
    assert gained == [1000, 1100, 1200, 1300, 1400, 1500, 1500, 1500]
    assert game.players["p0"].streak == 8


def test_wrong_answer_resets_the_streak() -> None:
    """A wrong answer sets the streak to 0; the next correct one starts again without bonus."""
    game = started(bank(*[choice()] * 4), "Ada")
    results = [play(game, {"p0": answer}).results["p0"] for answer in (RIGHT, RIGHT, WRONG, RIGHT)]
    assert [(r.points, r.streak) for r in results] == [(1000, 1), (1100, 2), (0, 0), (1000, 1)]


def test_missing_answer_resets_the_streak() -> None:
    """Not answering breaks the streak."""
    game = started(bank(*[choice()] * 3), "Ada")
    play(game, {"p0": RIGHT})
    play(game, {})
    assert play(game, {"p0": RIGHT}).results["p0"].streak == 1


def test_partial_answer_resets_the_streak() -> None:
    """A partly right multiple-choice answer scores some points but breaks the streak."""
    game = started(bank(choice(), multiple()), "Ada")
    play(game, {"p0": RIGHT})
    result = play(game, {"p0": ChoicesAnswer(frozenset({0}))}).results["p0"]
    assert (result.points, result.streak) == (500, 0)


def test_polls_and_no_points_questions_keep_the_streak() -> None:
    """A poll or a points:none question neither breaks nor extends the streak."""
    questions = (choice(), poll(), choice(points=PointsMode.NONE), choice())
    game = started(bank(*questions), "Ada")
    play(game, {"p0": RIGHT})
    assert play(game, {}).results["p0"].streak == 1
    none_result = play(game, {"p0": WRONG}).results["p0"]
    assert (none_result.points, none_result.streak, none_result.correct) == (0, 1, False)
    assert play(game, {"p0": RIGHT}).results["p0"].points == 1100


def test_double_points() -> None:
    """A double question scores up to 2000."""
    assert answer_and_close(choice(points=PointsMode.DOUBLE), RIGHT).points == 2000


def test_ranking_by_score_then_who_got_there_first_then_join_order() -> None:
    """Equal scores rank by who reached them first; never-scored players by join order."""
    game = started(bank(choice(), choice()), "Ada", "Bob", "Cy", "Dee")
    play(game, {"p1": RIGHT}, at=OPEN_MS)  # Bob 1000 at question 0
    game.handle(SubmitAnswer("p0", 1, RIGHT), OPEN_MS)  # Ada 1000 at question 1
    closed = close(game)
    assert [(r.player_id, r.score, r.rank) for r in game.ranking()] == [
        ("p1", 1000, 1),
        ("p0", 1000, 2),
        ("p2", 0, 3),
        ("p3", 0, 4),
    ]
    assert closed.results["p0"].rank == 2


def test_faster_answer_wins_a_tie_on_the_same_question() -> None:
    """Same points on the same question (same elapsed): the earlier answer ranks higher."""
    game = started(bank(choice(time_limit_ms=20_000)), "Ada", "Bob")
    game.handle(SubmitAnswer("p1", 0, RIGHT), OPEN_MS + 10)
    game.handle(SubmitAnswer("p0", 0, RIGHT), OPEN_MS + 11)  # 999.725 and 999.7 both -> 1000
    close(game)
    assert [r.player_id for r in game.ranking()] == ["p1", "p0"]


def test_leaderboard_shows_gains_and_previous_ranks() -> None:
    """The leaderboard lists everyone with points gained and rank before the question."""
    game = started(bank(choice(), choice()), "Ada", "Bob")
    play(game, {"p0": RIGHT})
    game.handle(SubmitAnswer("p1", 1, RIGHT), OPEN_MS)
    game.handle(SubmitAnswer("p0", 1, WRONG), OPEN_MS)
    close(game)
    assert game.handle(Next(), OPEN_MS) == [
        LeaderboardShown(
            (
                LeaderboardEntry("p0", "Ada", 1000, 1, 0, 1),
                LeaderboardEntry("p1", "Bob", 1000, 2, 1000, 2),
            )
        )
    ]


def test_the_first_leaderboard_has_no_previous_ranks() -> None:
    """Before question 1 nobody was ranked: join order is no ranking to move from."""
    game = started(bank(choice(), choice()), "Ada", "Bob")
    game.handle(SubmitAnswer("p1", 0, RIGHT), OPEN_MS)
    close(game)
    [shown] = game.handle(Next(), OPEN_MS)
    assert isinstance(shown, LeaderboardShown)
    assert [(e.name, e.rank, e.previous_rank) for e in shown.entries] == [
        ("Bob", 1, None),
        ("Ada", 2, None),
    ]


def test_ranking_lists_ranked_players() -> None:
    """ranking() gives Ranked(player_id, name, score, rank) best first."""
    game = started(bank(choice()), "Ada", "Bob")
    game.handle(SubmitAnswer("p1", 0, RIGHT), OPEN_MS)
    close(game)
    assert game.ranking() == [Ranked("p1", "Bob", 1000, 1), Ranked("p0", "Ada", 0, 2)]
