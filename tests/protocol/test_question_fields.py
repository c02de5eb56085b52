"""What the `question` frame tells players about a question's picture."""

from __future__ import annotations

import json

import attrs

from quizhost.bank.models import Kind, PointsMode
from quizhost.core import PublicQuestion
from quizhost.protocol.outbound import question_fields, question_frame

FLAG = PublicQuestion(
    0,
    3,
    Kind.TRUE_FALSE,
    "Japan's flag?",
    20_000,
    PointsMode.STANDARD,
    choices=("True", "False"),
    image="flag.svg",
    image_alt="A white flag with a red disc",
)


def test_the_question_frame_carries_the_pictures_alt_text() -> None:
    """The bank's description travels with the picture's URL."""
    frame = json.loads(question_frame(FLAG, 19_000, "/images/0.svg"))
    assert frame["image"] == "/images/0.svg"
    assert frame["image_alt"] == "A white flag with a red disc"


def test_no_picture_means_no_alt_text() -> None:
    """Without a served picture there is nothing to describe: both fields are null."""
    fields = question_fields(FLAG, None)
    assert fields["image"] is None
    assert fields["image_alt"] is None


def test_the_question_frame_says_the_banks_language() -> None:
    """The page sets `lang` on the question's text from it; null when the bank says nothing."""
    french = attrs.evolve(FLAG, language="fr")
    assert json.loads(question_frame(french, 1, None))["language"] == "fr"
    assert question_fields(FLAG, None)["language"] is None
