"""The banks shipped in question_banks/: valid, and the sample shows every feature."""

from __future__ import annotations

from pathlib import Path

import pytest

from quizhost.bank import load_bank
from quizhost.bank.models import ChoiceQuestion, Kind, PointsMode
from quizhost.resources import question_banks_dir, sample_bank

BANKS = sorted(question_banks_dir().glob("*.yaml"))


def test_there_are_at_least_three_banks() -> None:
    """The sample and at least two themed banks ship."""
    assert sample_bank() in BANKS
    assert len(BANKS) >= 3


@pytest.mark.parametrize("path", BANKS, ids=lambda path: path.name)
def test_bank_is_valid_with_enough_questions(path: Path) -> None:
    """Each bank loads (images included) and has at least 8 questions."""
    bank = load_bank(path)
    assert len(bank.questions) >= 8
    for question in bank.questions:
        if question.image:
            assert (path.parent / question.image).is_file()


def test_sample_uses_every_feature() -> None:
    """The sample has 12+ questions: every kind, an explanation, double points, an image."""
    bank = load_bank(sample_bank())
    assert len(bank.questions) >= 12
    assert {question.kind for question in bank.questions} == set(Kind)
    assert any(question.explanation for question in bank.questions)
    assert any(question.points is PointsMode.DOUBLE for question in bank.questions)
    assert any(question.image for question in bank.questions)
    assert any(
        isinstance(question, ChoiceQuestion) and question.shuffle for question in bank.questions
    )
