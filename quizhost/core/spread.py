"""How the answers to a question without choices were spread: the counterpart of the
per-choice counts for type-the-answer and slider questions.

Computed once, when the question closes, and bounded in size whatever the number of players
(the few most typed answers, at most `MAX_BINS` slider bins), so every host view can carry it.
Typed answers are grouped exactly as they are judged (`textmatch.normalize_answer`).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable

from attrs import frozen

from quizhost.bank import textmatch
from quizhost.core.answers import Answer, Key, SliderKey, TextAnswer, TextKey, ValueAnswer

TOP_TYPED = 5
MAX_BINS = 20


@frozen
class TypedCount:
    """One answer as typed: its most typed spelling, how many typed it, whether it is right."""

    text: str
    count: int
    correct: bool


@frozen
class SliderBin:
    """Slider values from `low` to `high` (both included); `correct` if any is within margin."""

    low: float
    high: float
    count: int
    correct: bool


@frozen
class AnswerSpread:
    """Type the answer: `accepted`, `typed` (most first), `other_typed` (answers beyond those).
    Slider: `margin` and `bins` from the minimum to the maximum."""

    accepted: tuple[str, ...] = ()
    typed: tuple[TypedCount, ...] = ()
    other_typed: int = 0
    margin: float | None = None
    bins: tuple[SliderBin, ...] = ()


def answer_spread(key: Key, answers: Iterable[Answer], step: float | None) -> AnswerSpread | None:
    """The spread of `answers` to a question with `key` (None for kinds with choices)."""
    if isinstance(key, TextKey):
        return _typed(key, [a.text for a in answers if isinstance(a, TextAnswer)])
    if isinstance(key, SliderKey):
        return _slider(key, [a.value for a in answers if isinstance(a, ValueAnswer)], step)
    return None


def _typed(key: TextKey, texts: list[str]) -> AnswerSpread:
    spellings: dict[str, Counter[str]] = {}  # insertion order: first typed first
    for text, count in Counter(" ".join(text.split()) for text in texts).items():
        # Folded once per distinct spelling: a class types the same few answers many times.
        spellings.setdefault(textmatch.normalize_answer(text), Counter())[text] += count
    groups = sorted(spellings.values(), key=lambda group: -group.total())  # stable
    top = tuple(
        TypedCount(
            text=group.most_common(1)[0][0],
            count=group.total(),
            correct=textmatch.matches(group.most_common(1)[0][0], key.accepted),
        )
        for group in groups[:TOP_TYPED]
    )
    return AnswerSpread(
        accepted=key.accepted, typed=top, other_typed=len(texts) - sum(t.count for t in top)
    )


def _slider(key: SliderKey, values: list[float], step: float | None) -> AnswerSpread:
    span = key.maximum - key.minimum
    if not step or step <= 0:  # banks always give one; without, MAX_BINS points of the range
        step = span / (MAX_BINS - 1) or 1.0
    positions = round(span / step) + 1  # the values a player can pick
    per_bin = math.ceil(positions / MAX_BINS)
    count = math.ceil(positions / per_bin)
    counts = [0] * count
    for value in values:
        position = min(positions - 1, max(0, round((value - key.minimum) / step)))
        counts[position // per_bin] += 1
    low_right, high_right = key.answer - key.margin - 1e-9, key.answer + key.margin + 1e-9
    bins = []
    for index, number in enumerate(counts):
        low = key.minimum + index * per_bin * step
        high = min(key.maximum, low + (per_bin - 1) * step)
        bins.append(
            SliderBin(_tidy(low), _tidy(high), number, high >= low_right and low <= high_right)
        )
    return AnswerSpread(margin=key.margin, bins=tuple(bins))


def _tidy(value: float) -> float:
    """Drop float noise from `minimum + n * step` (1950.0000000002 -> 1950)."""
    rounded = round(value, 9)
    return int(rounded) if float(rounded).is_integer() else rounded
