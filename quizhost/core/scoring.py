"""Scoring: THE one place for the points formula (Kahoot's published rule).

A correct answer scores

    points = round(P * (1 - (elapsed / limit) / 2))

where P is the question's base (`PointsMode.base`: 1000 standard, 2000 double, 0 none),
`elapsed` the time the question had been running when the answer arrived (pauses excluded,
clamped to [0, limit]) and `limit` the question's time limit as written (added time does not
stretch it: an answer given during added time scores P / 2). So an instant answer gets P, one
at the buzzer P / 2. Rounding is half up, on exact fractions (no float drift).

Partial credit multiplies P by a fraction in [0, 1] before the time factor (see
`answers.py`: multiple choice max(0, right - wrong) / number correct; order: items in the
right place / items). Polls and `points: none` questions score 0.

At the reveal a player's streak (correct answers in a row) adds a bonus: +100 at streak 2,
+200 at 3, ..., at most +500 (streak 6 and on). A wrong, partial or missing answer resets the
streak to 0; polls and `points: none` questions leave it as it is.

Accuracy scoring (`scoring: accuracy`) drops the time factor: a correct answer scores P
(partial credit: P times the fraction), whenever it arrives. Negative marking (`wrong: -250`,
the one exception to "never less than 0"): an answer that earns nothing (wrong, or a partial
answer worth 0) scores the author's negative value instead; no answer scores 0. A player's
total never goes below 0.

Worked examples (limit 20 000 ms, standard): answer at 0 ms -> 1000; at 5 000 ms -> 875; at
20 000 ms -> 500; at 10 001 ms -> round(749.975) = 750. Double, at 5 000 ms -> 1750. Third
correct answer in a row at 5 000 ms -> 875 + 200 = 1075. A score is never negative and never
above P + 500.
"""

from __future__ import annotations

from fractions import Fraction

STREAK_STEP = 100
MAX_STREAK_BONUS = 500


def round_half_up(value: Fraction) -> int:
    """Round an exact fraction to the nearest integer, halves up (0.5 -> 1, 749.5 -> 750)."""
    return _ratio_half_up(value.numerator, value.denominator)


def _ratio_half_up(numerator: int, denominator: int) -> int:
    """numerator / denominator (denominator > 0) rounded half up, in integers: exact, and a
    few times cheaper than building Fractions (this runs once per answer of a burst)."""
    return (2 * numerator + denominator) // (2 * denominator)


def _clamped_share(fraction: Fraction) -> tuple[int, int]:
    """`fraction` kept within [0, 1], as (numerator, denominator > 0)."""
    numerator, denominator = fraction.numerator, fraction.denominator
    return min(max(numerator, 0), denominator), denominator


def answer_points(
    base: int, elapsed_ms: int, limit_ms: int, fraction: Fraction = Fraction(1)
) -> int:
    """Points for an answer worth `fraction` of a correct one, before any streak bonus:
    round_half_up(base * fraction * (2 * limit - elapsed) / (2 * limit))."""
    elapsed = min(max(elapsed_ms, 0), limit_ms)
    share, whole = _clamped_share(fraction)
    return _ratio_half_up(base * share * (2 * limit_ms - elapsed), whole * 2 * limit_ms)


def accuracy_points(base: int, fraction: Fraction = Fraction(1)) -> int:
    """Accuracy scoring: a correct answer is worth P whenever it comes (partial: its share)."""
    share, whole = _clamped_share(fraction)
    return _ratio_half_up(base * share, whole)


def streak_bonus(streak: int) -> int:
    """Bonus for a correct answer that brings the streak to `streak` (0 below 2)."""
    return min(STREAK_STEP * max(streak - 1, 0), MAX_STREAK_BONUS)


def max_points(base: int) -> int:
    """The most one answer can earn, bonus included."""
    return base + MAX_STREAK_BONUS if base else 0
