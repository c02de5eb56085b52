"""Questions as played: the order of play, shuffled choices and items, and two views of each.

`PublicQuestion` is what players see and carries nothing about correctness. `PlayedQuestion`
stays in the core: it keeps the display permutation and the key (the correct answer in
display indices). All shuffling happens once, at construction, from the game's seeded
`random.Random`, in a fixed order, so a seed always gives the same game:

1. the question order, if `bank.shuffle_questions`;
2. then, question by question in play order: the choices of choice/multiple/poll questions
   whose `shuffle` is true, and the items of every order question (always shuffled, and never
   shown already in the correct order). True/false is never shuffled: 0 = True, 1 = False.
"""

from __future__ import annotations

import random

from attrs import evolve, frozen

from quizhost.bank.models import (
    AnyQuestion,
    Bank,
    ChoiceQuestion,
    Kind,
    OrderQuestion,
    PointsMode,
    PollQuestion,
    ScoringMode,
    SliderQuestion,
    TrueFalseQuestion,
)
from quizhost.core.answers import (
    ChoiceKey,
    Key,
    MultipleKey,
    OrderKey,
    PollKey,
    SliderKey,
    TextKey,
)

TRUE_FALSE_CHOICES = ("True", "False")


@frozen
class PublicQuestion:
    """A question as players see it: display order, no correctness data."""

    index: int
    total: int
    kind: Kind
    text: str
    time_limit_ms: int
    points: PointsMode
    choices: tuple[str, ...] = ()  # choice, multiple, true_false, poll; display order
    items: tuple[str, ...] = ()  # order: shuffled display order
    minimum: float | None = None  # slider
    maximum: float | None = None
    step: float | None = None
    image: str | None = None
    multiple: bool = False
    scoring: ScoringMode = ScoringMode.SPEED
    wrong_points: int = 0  # negative marking (<= 0)
    image_alt: str | None = None
    language: str | None = None  # the bank's language tag, for the page's `lang`
    math: bool = False  # `$...$` in its texts is LaTeX (the bank's `math: true`)


@frozen
class PlayedQuestion:
    """A question as the core plays it. `display[i]` is the bank index shown at position i."""

    public: PublicQuestion
    key: Key
    display: tuple[int, ...]
    explanation: str | None
    bank_index: int = 0  # the question's position in the bank as written
    read_ms: int | None = None  # its own intro (None: the game's `read_ms`)
    accuracy: bool = False  # scoring: accuracy (no time factor)
    wrong_points: int = 0  # negative marking (<= 0)

    @property
    def base(self) -> int:
        """P, the points of an instant correct answer."""
        return self.public.points.base

    @property
    def choice_count(self) -> int | None:
        """How many display choices there are to count answers for (None: not a choice kind)."""
        return len(self.public.choices) or None


def _permutation(rng: random.Random, size: int, shuffle: bool) -> tuple[int, ...]:
    order = list(range(size))
    if shuffle:
        rng.shuffle(order)
    return tuple(order)


def _never_sorted(rng: random.Random, size: int) -> tuple[int, ...]:
    """A shuffled order that is never the identity (when size > 1): rotate if it would be."""
    order = list(range(size))
    rng.shuffle(order)
    if size > 1 and order == sorted(order):
        order = order[1:] + order[:1]
    return tuple(order)


def _inverse(display: tuple[int, ...]) -> tuple[int, ...]:
    where = [0] * len(display)
    for position, bank_index in enumerate(display):
        where[bank_index] = position
    return tuple(where)


def play_question(
    question: AnyQuestion, index: int, total: int, rng: random.Random
) -> PlayedQuestion:
    """Build the played and public views of one question, shuffling with `rng`."""
    public = PublicQuestion(
        index,
        total,
        question.kind,
        question.text,
        question.time_limit_ms,
        question.points,
        image=question.image,
        scoring=question.scoring,
        wrong_points=0 if question.kind is Kind.POLL else question.wrong_points,
        image_alt=question.image_alt,
        math=question.math,
    )
    key: Key
    display: tuple[int, ...] = ()
    if isinstance(question, ChoiceQuestion):
        display = _permutation(rng, len(question.choices), question.shuffle)
        where = _inverse(display)
        choices = tuple(question.choices[i] for i in display)
        correct = frozenset(where[i] for i in question.correct)
        if question.multiple:
            key = MultipleKey(len(choices), correct)
        else:
            key = ChoiceKey(len(choices), min(correct))
        public = evolve(public, choices=choices, multiple=question.multiple)
    elif isinstance(question, PollQuestion):
        display = _permutation(rng, len(question.choices), question.shuffle)
        choices = tuple(question.choices[i] for i in display)
        key = PollKey(len(choices))
        public = evolve(public, choices=choices)
    elif isinstance(question, TrueFalseQuestion):
        display = (0, 1)
        key = ChoiceKey(2, 0 if question.answer else 1)
        public = evolve(public, choices=TRUE_FALSE_CHOICES)
    elif isinstance(question, OrderQuestion):
        display = _never_sorted(rng, len(question.items))
        key = OrderKey(_inverse(display))
        public = evolve(public, items=tuple(question.items[i] for i in display))
    elif isinstance(question, SliderQuestion):
        key = SliderKey(question.minimum, question.maximum, question.answer, question.margin)
        public = evolve(
            public, minimum=question.minimum, maximum=question.maximum, step=question.step
        )
    else:
        key = TextKey(question.accepted)
    return PlayedQuestion(
        public,
        key,
        display,
        question.explanation,
        read_ms=question.read_time_ms,
        accuracy=question.scoring is ScoringMode.ACCURACY,
        wrong_points=0 if isinstance(key, PollKey) else question.wrong_points,
    )


def _question_order(bank: Bank, rng: random.Random) -> tuple[int, ...]:
    """Bank indices in play order: shuffled as the bank asks, within each round if it has
    rounds (a round keeps its questions)."""
    if not bank.rounds:
        return _permutation(rng, len(bank.questions), bank.shuffle_questions)
    order: list[int] = []
    for part in bank.rounds:
        start = len(order)
        order.extend(start + i for i in _permutation(rng, part.size, bank.shuffle_questions))
    return tuple(order)


def play_order(bank: Bank, rng: random.Random) -> tuple[PlayedQuestion, ...]:
    """Every question of the bank in play order, shuffled as the bank asks."""
    order = _question_order(bank, rng)
    total = len(order)
    played = []
    for index, bank_index in enumerate(order):
        question = play_question(bank.questions[bank_index], index, total, rng)
        public = evolve(question.public, language=bank.language)
        played.append(evolve(question, bank_index=bank_index, public=public))
    return tuple(played)
