"""Answers players give, and how each kind of question checks them.

Every index here is a DISPLAY index: a position as shown to players, after shuffling. The
played question (`questions.PlayedQuestion`) holds a *key* per kind that knows the correct
answer in display indices, validates an answer (`problem`), judges it (`judge`), says which
display choices it counts for (`counted`) and what to reveal (`reveal`).

Partial credit (the fraction of the time-based points, see scoring.py):
- multiple choice: max(0, right picks - wrong picks) / number of correct choices; "correct"
  only for the exact set;
- order: items in the right position / number of items; "correct" only when all are;
- slider: correct iff |value - answer| <= margin (full points), else nothing;
- single choice, true/false, type answer: all or nothing; polls: nothing, correct is None.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from fractions import Fraction

from attrs import field, frozen

from quizhost.bank import textmatch

MAX_TEXT_LENGTH = 200


def _int_set(values: Iterable[int]) -> frozenset[int]:
    return frozenset(values)


def _int_tuple(values: Iterable[int]) -> tuple[int, ...]:
    return tuple(values)


@frozen
class ChoiceAnswer:
    """Single choice, true/false (0 = true, 1 = false) or poll."""

    choice: int


@frozen
class ChoicesAnswer:
    """Multiple choice: the set of display choices picked."""

    choices: frozenset[int] = field(converter=_int_set)


@frozen
class TextAnswer:
    """Type-the-answer."""

    text: str


@frozen
class ValueAnswer:
    """Slider."""

    value: float


@frozen
class OrderAnswer:
    """Order: display indices of the items, in the player's order."""

    order: tuple[int, ...] = field(converter=_int_tuple)


Answer = ChoiceAnswer | ChoicesAnswer | TextAnswer | ValueAnswer | OrderAnswer


@frozen
class Verdict:
    """How good an answer is: `correct` (None for polls) and the fraction of points earned."""

    correct: bool | None
    fraction: Fraction


_WRONG = Verdict(False, Fraction(0))
_RIGHT = Verdict(True, Fraction(1))


def _index_problem(choice: int, count: int) -> str | None:
    if isinstance(choice, bool) or not isinstance(choice, int) or not 0 <= choice < count:
        return f"choice must be an index 0..{count - 1}"
    return None


@frozen
class ChoiceKey:
    """Single choice and true/false: one display index is right."""

    count: int
    correct: int

    def problem(self, answer: Answer) -> str | None:
        if not isinstance(answer, ChoiceAnswer):
            return "this question takes one choice"
        return _index_problem(answer.choice, self.count)

    def judge(self, answer: Answer) -> Verdict:
        assert isinstance(answer, ChoiceAnswer)
        return _RIGHT if answer.choice == self.correct else _WRONG

    def counted(self, answer: Answer) -> tuple[int, ...]:
        assert isinstance(answer, ChoiceAnswer)
        return (answer.choice,)

    def reveal(self) -> Answer | None:
        return ChoiceAnswer(self.correct)


@frozen
class PollKey:
    """A poll: any choice is fine, none is right."""

    count: int

    def problem(self, answer: Answer) -> str | None:
        if not isinstance(answer, ChoiceAnswer):
            return "this question takes one choice"
        return _index_problem(answer.choice, self.count)

    def judge(self, answer: Answer) -> Verdict:
        return Verdict(None, Fraction(0))

    def counted(self, answer: Answer) -> tuple[int, ...]:
        assert isinstance(answer, ChoiceAnswer)
        return (answer.choice,)

    def reveal(self) -> Answer | None:
        return None


@frozen
class MultipleKey:
    """Multiple choice: a set of display indices is right; partial credit per pick."""

    count: int
    correct: frozenset[int]

    def problem(self, answer: Answer) -> str | None:
        if not isinstance(answer, ChoicesAnswer):
            return "this question takes a set of choices"
        if not answer.choices:
            return "pick at least one choice"
        for choice in sorted(answer.choices):
            if (problem := _index_problem(choice, self.count)) is not None:
                return problem
        return None

    def judge(self, answer: Answer) -> Verdict:
        assert isinstance(answer, ChoicesAnswer)
        right = len(answer.choices & self.correct)
        wrong = len(answer.choices - self.correct)
        fraction = Fraction(max(0, right - wrong), len(self.correct))
        return Verdict(answer.choices == self.correct, fraction)

    def counted(self, answer: Answer) -> tuple[int, ...]:
        assert isinstance(answer, ChoicesAnswer)
        return tuple(sorted(answer.choices))

    def reveal(self) -> Answer | None:
        return ChoicesAnswer(self.correct)


@frozen
class TextKey:
    """Type-the-answer: any accepted spelling, compared by `textmatch.matches`."""

    accepted: tuple[str, ...]

    def problem(self, answer: Answer) -> str | None:
        if not isinstance(answer, TextAnswer) or not isinstance(answer.text, str):
            return "this question takes a text"
        if len(answer.text) > MAX_TEXT_LENGTH:
            return f"the answer is longer than {MAX_TEXT_LENGTH} characters"
        if not textmatch.normalize_answer(answer.text):
            return "the answer is empty"
        return None

    def judge(self, answer: Answer) -> Verdict:
        assert isinstance(answer, TextAnswer)
        return _RIGHT if textmatch.matches(answer.text, self.accepted) else _WRONG

    def counted(self, answer: Answer) -> tuple[int, ...]:
        return ()

    def reveal(self) -> Answer | None:
        return TextAnswer(self.accepted[0])


@frozen
class SliderKey:
    """Slider: right within `margin` of `answer` (plus a hair for float rounding)."""

    minimum: float
    maximum: float
    answer: float
    margin: float

    def problem(self, answer: Answer) -> str | None:
        if not isinstance(answer, ValueAnswer) or isinstance(answer.value, bool):
            return "this question takes a number"
        if not isinstance(answer.value, int | float) or not math.isfinite(answer.value):
            return "the value must be a finite number"
        if not self.minimum <= answer.value <= self.maximum:
            return f"the value must be within {self.minimum:g}..{self.maximum:g}"
        return None

    def judge(self, answer: Answer) -> Verdict:
        assert isinstance(answer, ValueAnswer)
        distance = abs(answer.value - self.answer)
        close = distance <= self.margin or math.isclose(distance, self.margin, abs_tol=1e-9)
        return _RIGHT if close else _WRONG

    def counted(self, answer: Answer) -> tuple[int, ...]:
        return ()

    def reveal(self) -> Answer | None:
        return ValueAnswer(self.answer)


@frozen
class OrderKey:
    """Order: the display indices in the right order; partial credit per placed item."""

    correct: tuple[int, ...]

    def problem(self, answer: Answer) -> str | None:
        if not isinstance(answer, OrderAnswer):
            return "this question takes an order"
        valid = all(type(item) is int for item in answer.order)
        if not valid or sorted(answer.order) != list(range(len(self.correct))):
            return f"the order must list each item index 0..{len(self.correct) - 1} once"
        return None

    def judge(self, answer: Answer) -> Verdict:
        assert isinstance(answer, OrderAnswer)
        placed = sum(
            1 for given, right in zip(answer.order, self.correct, strict=True) if given == right
        )
        return Verdict(placed == len(self.correct), Fraction(placed, len(self.correct)))

    def counted(self, answer: Answer) -> tuple[int, ...]:
        return ()

    def reveal(self) -> Answer | None:
        return OrderAnswer(self.correct)


Key = ChoiceKey | PollKey | MultipleKey | TextKey | SliderKey | OrderKey
