"""The vocabulary of the bank format: every key name, bound and description, in one place.

The loader checks banks against these names and the JSON Schema (`quizhost.bank.schema`) is
generated from them, so the two cannot drift apart. Change the format here first.
"""

from __future__ import annotations

from typing import Final

from quizhost.bank.models import (
    DEFAULT_TIME_LIMIT_MS,
    MAX_CHOICES,
    MAX_ORDER_ITEMS,
    MAX_READ_TIME_MS,
    MAX_TIME_LIMIT_MS,
    MIN_CHOICES,
    MIN_ORDER_ITEMS,
    MIN_TIME_LIMIT_MS,
    MIN_WRONG_POINTS,
    PointsMode,
    ScoringMode,
)

# Top level of a bank.
TITLE: Final = "title"
DESCRIPTION: Final = "description"
DEFAULTS: Final = "defaults"
QUESTIONS: Final = "questions"
LANGUAGE: Final = "language"
ROUNDS: Final = "rounds"  # instead of `questions`: a title and questions each
TEAMS: Final = "teams"  # a team game: the team names
TOP_KEYS: Final = (TITLE, DESCRIPTION, LANGUAGE, DEFAULTS, QUESTIONS, TEAMS, ROUNDS)
MIN_TEAMS: Final = 2
MAX_TEAMS: Final = 20
MAX_TEAM_CHARS: Final = 20
TOP_REQUIRED: Final = (TITLE,)  # and exactly one of `questions` and `rounds`
ROUND_KEYS: Final = (TITLE, QUESTIONS)

# `defaults:` mapping.
TIME: Final = "time"
POINTS: Final = "points"
SHUFFLE_QUESTIONS: Final = "shuffle_questions"
SHUFFLE_CHOICES: Final = "shuffle_choices"
READ_TIME: Final = "read_time"  # also per question
AUTO_CLOSE: Final = "auto_close"
LEADERBOARD: Final = "leaderboard"  # every_question | every N | end_only
SCORING: Final = "scoring"  # also per question: speed | accuracy
WRONG: Final = "wrong"  # also per question: negative marking, e.g. -250
MATH: Final = "math"  # also per question: `$...$` is a LaTeX formula
SCORING_VALUES: Final = tuple(mode.value for mode in ScoringMode)
WRONG_MIN: Final = MIN_WRONG_POINTS
LEADERBOARD_EVERY_QUESTION: Final = "every_question"
LEADERBOARD_END_ONLY: Final = "end_only"
LEADERBOARD_PATTERN: Final = r"^(every_question|end_only|every [1-9][0-9]{0,2})$"
DEFAULTS_KEYS: Final = (
    TIME,
    POINTS,
    SHUFFLE_QUESTIONS,
    SHUFFLE_CHOICES,
    READ_TIME,
    AUTO_CLOSE,
    SCORING,
    WRONG,
    LEADERBOARD,
    MATH,
)

# The keys that say what kind a question is: exactly one per question.
CHOICES: Final = "choices"
TRUE_FALSE: Final = "true_false"
ACCEPT: Final = "accept"
SLIDER: Final = "slider"
ORDER: Final = "order"
POLL: Final = "poll"
KIND_KEYS: Final = (CHOICES, TRUE_FALSE, ACCEPT, SLIDER, ORDER, POLL)

# The other keys of a question.
QUESTION: Final = "question"
IMAGE: Final = "image"
EXPLANATION: Final = "explanation"
SHUFFLE: Final = "shuffle"  # choices and poll only
MULTIPLE: Final = "multiple"  # choices only
COMMON_KEYS: Final = (
    QUESTION,
    TIME,
    POINTS,
    IMAGE,
    EXPLANATION,
    SHUFFLE,
    MULTIPLE,
    READ_TIME,
    SCORING,
    WRONG,
    MATH,
)
QUESTION_KEYS: Final = COMMON_KEYS + KIND_KEYS
SHUFFLE_KINDS: Final = (CHOICES, POLL)
# Kinds whose answer texts may hold formulas; accepted answers never do: players type them.
MATH_KINDS: Final = (CHOICES, ORDER, POLL)
MULTIPLE_KINDS: Final = (CHOICES,)

# `image:` written as a mapping gives the picture a description: `{file: flag.svg, alt: ...}`.
IMAGE_FILE: Final = "file"
IMAGE_ALT: Final = "alt"
IMAGE_KEYS: Final = (IMAGE_FILE, IMAGE_ALT)

# A choice written as a mapping marks the correct one(s): `- correct: Canberra`.
CORRECT: Final = "correct"
CHOICE_KEYS: Final = (CORRECT,)

# `slider:` mapping.
MIN: Final = "min"
MAX: Final = "max"
STEP: Final = "step"
ANSWER: Final = "answer"
MARGIN: Final = "margin"
SLIDER_KEYS: Final = (MIN, MAX, STEP, ANSWER, MARGIN)
SLIDER_REQUIRED: Final = (MIN, MAX, ANSWER)
DEFAULT_STEP: Final = 1
DEFAULT_MARGIN: Final = 0

# Bounds. Times are in seconds in a bank and in milliseconds in the models.
MIN_TIME_S: Final = MIN_TIME_LIMIT_MS // 1000
MAX_TIME_S: Final = MAX_TIME_LIMIT_MS // 1000
DEFAULT_TIME_S: Final = DEFAULT_TIME_LIMIT_MS // 1000
MAX_READ_TIME_S: Final = MAX_READ_TIME_MS // 1000
POINTS_VALUES: Final = tuple(mode.value for mode in PointsMode)
MAX_TITLE_CHARS: Final = 120
MAX_DESCRIPTION_CHARS: Final = 1000
MAX_QUESTION_CHARS: Final = 300
MAX_CHOICE_CHARS: Final = 120  # choices, order items, poll options and accepted answers
MAX_EXPLANATION_CHARS: Final = 500
MAX_IMAGE_PATH_CHARS: Final = 300
MAX_ALT_CHARS: Final = 300
MAX_ACCEPTED: Final = 20
MAX_BANK_BYTES: Final = 2 * 1024 * 1024
# A BCP 47 language tag as authors write them: a 2-3 letter language, then subtags.
LANGUAGE_TAG: Final = r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$"
IMAGE_SUFFIXES: Final = (".png", ".jpg", ".jpeg", ".gif", ".webp", ".svg")

# What each key means: shown by editors (JSON Schema descriptions) and used in messages.
DESCRIPTIONS: Final[dict[str, str]] = {
    TITLE: "The quiz title shown to the host and the players.",
    DESCRIPTION: "An optional sentence about the quiz, shown to the host.",
    LANGUAGE: "The language the questions are written in, as a language tag (en, fr, pt-BR, "
    "ar...): screen readers then read them in the right voice, whatever the page's language.",
    DEFAULTS: "Settings for every question; a question's own keys override them.",
    QUESTIONS: "The questions, in the order they are played (unless shuffled).",
    TIME: f"Seconds to answer, {MIN_TIME_S} to {MAX_TIME_S} (default {DEFAULT_TIME_S}).",
    POINTS: "standard (up to 1000), double (up to 2000) or none (0).",
    SHUFFLE_QUESTIONS: "Play the questions in a random order.",
    SHUFFLE_CHOICES: "Show the choices of choice and poll questions in a random order.",
    READ_TIME: f"Seconds the question is shown before answers open, 0 (no intro) to "
    f"{MAX_READ_TIME_S} (default 3 in a new game).",
    SCORING: "speed (default: a faster correct answer scores more, up to 'points') or accuracy "
    "(a correct answer scores the whole 'points', however long it took).",
    WRONG: f"Negative marking: the points a wrong answer gives, {MIN_WRONG_POINTS} to 0 "
    "(e.g. -250); a player's total never goes below 0.",
    LEADERBOARD: "When the leaderboard shows: every_question (default), 'every N' (after every "
    "Nth question) or end_only; it always shows at the end of a round.",
    TEAMS: f"A team game: {MIN_TEAMS} to {MAX_TEAMS} team names (at most {MAX_TEAM_CHARS} "
    "characters each); players pick one when they join.",
    ROUNDS: "The quiz in rounds (instead of 'questions'): each a title, shown before its "
    "questions, and its questions; the leaderboard shows at the end of each.",
    MATH: "Read `$...$` in question text, choices, order items, poll options and the "
    "explanation as a LaTeX formula (default false, so '$5' stays text); write \\$ for a "
    "dollar sign.",
    AUTO_CLOSE: "Close a question as soon as every connected player has answered (default true).",
    QUESTION: f"The question text, at most {MAX_QUESTION_CHARS} characters.",
    IMAGE: "An image shown with the question: a .png/.jpg/.jpeg/.gif/.webp/.svg file "
    "inside the bank's folder, as a path relative to the bank file; or "
    "`{file: PATH, alt: TEXT}` to describe the picture for players who cannot see it.",
    IMAGE_FILE: "The image file, as a path relative to the bank file.",
    IMAGE_ALT: f"What the picture shows, in words (read out by screen readers), "
    f"at most {MAX_ALT_CHARS} characters.",
    EXPLANATION: f"Shown at the reveal, at most {MAX_EXPLANATION_CHARS} characters.",
    SHUFFLE: "Shuffle this question's choices (overrides defaults.shuffle_choices).",
    MULTIPLE: "Let players select several choices even if only one is correct.",
    CHOICES: f"{MIN_CHOICES} to {MAX_CHOICES} choices; mark the right one(s) as "
    "`- correct: TEXT`. Several correct ones make it a multiple choice question.",
    TRUE_FALSE: "A statement that is true or false: the answer, true or false.",
    ACCEPT: "Type-the-answer: the accepted spellings (case, accents and spaces ignored).",
    SLIDER: "Pick a number on a slider: min, max, step (default 1), answer, margin (default 0).",
    ORDER: f"{MIN_ORDER_ITEMS} to {MAX_ORDER_ITEMS} items written in the correct order; "
    "they are shuffled for play.",
    POLL: f"{MIN_CHOICES} to {MAX_CHOICES} options; no correct answer and no points.",
    CORRECT: "This choice is a correct answer.",
    MIN: "The smallest value on the slider.",
    MAX: "The largest value on the slider.",
    STEP: "The slider's step; (max - min) must be a whole number of steps.",
    ANSWER: "The correct value, between min and max.",
    MARGIN: "How far from the answer still counts as correct (default 0).",
}
