"""Question bank models: what a validated YAML bank becomes.

Frozen attrs classes, free of YAML. Everything here is already valid: the loader
(`quizhost.bank.loader`) is the only way in from a file, and it checks every rule before
building one of these. Choice indices are positions in the bank as written; shuffling for
play happens in the game core.
"""

from __future__ import annotations

import enum
from pathlib import Path

from attrs import frozen

MIN_TIME_LIMIT_MS = 5_000
MAX_TIME_LIMIT_MS = 240_000
DEFAULT_TIME_LIMIT_MS = 20_000
MIN_CHOICES = 2
MAX_CHOICES = 6
MIN_ORDER_ITEMS = 2
MAX_ORDER_ITEMS = 6
MAX_READ_TIME_MS = 60_000


class PointsMode(enum.StrEnum):
    """How much a correct answer is worth (Kahoot's standard / double / no points)."""

    STANDARD = "standard"
    DOUBLE = "double"
    NONE = "none"

    @property
    def base(self) -> int:
        """The points P of a correct answer given at once: 1000, 2000 or 0."""
        return _POINTS_BASE[self]


#: A constant table, not one built per call: `base` is read once per answer.
_POINTS_BASE: dict[str, int] = {"standard": 1000, "double": 2000, "none": 0}


class ScoringMode(enum.StrEnum):
    """How a correct answer scores: faster is more (speed, Kahoot's rule) or a fixed value."""

    SPEED = "speed"
    ACCURACY = "accuracy"


MIN_WRONG_POINTS = -10_000


class Kind(enum.StrEnum):
    """The kind of a question, as named in banks, the core and the wire protocol."""

    CHOICE = "choice"  # exactly one correct choice
    MULTIPLE = "multiple"  # select several, then submit
    TRUE_FALSE = "true_false"
    TYPE_ANSWER = "type_answer"
    SLIDER = "slider"
    ORDER = "order"
    POLL = "poll"


@frozen(kw_only=True)
class Question:
    """What every kind of question has."""

    text: str
    time_limit_ms: int = DEFAULT_TIME_LIMIT_MS
    points: PointsMode = PointsMode.STANDARD
    image: str | None = None  # a path relative to the bank's folder; the file exists
    image_alt: str | None = None  # what the image shows, for players who cannot see it
    explanation: str | None = None  # shown at the reveal
    read_time_ms: int | None = None  # the question intro; None: the game's default
    scoring: ScoringMode = ScoringMode.SPEED
    wrong_points: int = 0  # negative marking: what a wrong answer gives (<= 0)
    # `math: true`: `$...$` in the text, choices, items and explanation is LaTeX
    # (`quizhost.bank.maths`); the texts keep the dollars as written.
    math: bool = False
    line: int = 0  # 1-based line of the question in its bank file, 0 if not from a file

    @property
    def kind(self) -> Kind:
        raise NotImplementedError  # every concrete kind overrides this


@frozen(kw_only=True)
class ChoiceQuestion(Question):
    """Single choice (one correct) or multiple choice (several correct, `multiple`)."""

    choices: tuple[str, ...]
    correct: frozenset[int]  # indices into `choices`, never empty
    multiple: bool = False
    shuffle: bool = False

    @property
    def kind(self) -> Kind:
        return Kind.MULTIPLE if self.multiple else Kind.CHOICE


@frozen(kw_only=True)
class TrueFalseQuestion(Question):
    """A statement that is true or false; on the wire choice 0 is true, 1 is false."""

    answer: bool

    @property
    def kind(self) -> Kind:
        return Kind.TRUE_FALSE


@frozen(kw_only=True)
class TypeAnswerQuestion(Question):
    """The player types the answer; any accepted spelling counts (see core matching)."""

    accepted: tuple[str, ...]  # never empty

    @property
    def kind(self) -> Kind:
        return Kind.TYPE_ANSWER


@frozen(kw_only=True)
class SliderQuestion(Question):
    """Pick a number on a slider; within `margin` of `answer` counts as correct."""

    minimum: float
    maximum: float
    step: float
    answer: float
    margin: float = 0

    @property
    def kind(self) -> Kind:
        return Kind.SLIDER


@frozen(kw_only=True)
class OrderQuestion(Question):
    """Put the items in order; `items` is the correct order as written in the bank."""

    items: tuple[str, ...]

    @property
    def kind(self) -> Kind:
        return Kind.ORDER


@frozen(kw_only=True)
class PollQuestion(Question):
    """An opinion poll: no correct answer and no points."""

    choices: tuple[str, ...]
    shuffle: bool = False

    @property
    def kind(self) -> Kind:
        return Kind.POLL


AnyQuestion = (
    ChoiceQuestion
    | TrueFalseQuestion
    | TypeAnswerQuestion
    | SliderQuestion
    | OrderQuestion
    | PollQuestion
)


@frozen(kw_only=True)
class Round:
    """A part of a quiz: its title, and how many of the bank's questions (in order) it holds."""

    title: str
    size: int


@frozen(kw_only=True)
class Bank:
    """One quiz: a title and its questions, in the order written.

    With `rounds`, the questions are those of the rounds one after the other (the sizes add up
    to the number of questions); without, the quiz is one part with no title screen.
    """

    title: str
    questions: tuple[AnyQuestion, ...]
    rounds: tuple[Round, ...] = ()
    # `defaults: leaderboard`: after every Nth question (1: every one; 0: only at the end);
    # None: the game's default (every question).
    leaderboard_every: int | None = None
    teams: tuple[str, ...] = ()  # `teams: [names]`: a team game
    description: str | None = None
    language: str | None = None  # a BCP 47 tag: the language the questions are written in
    shuffle_questions: bool = False
    auto_close: bool | None = None  # `defaults: auto_close`; None: the game's default
    source: Path | None = None  # the file it was loaded from

    @property
    def directory(self) -> Path | None:
        """The folder that image paths are relative to."""
        return self.source.parent if self.source else None
