"""Helpers every import/export test uses: the command line, fixtures, question summaries."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from attrs import frozen

from quizhost.bank import load_bank
from quizhost.bank.models import (
    AnyQuestion,
    Bank,
    ChoiceQuestion,
    OrderQuestion,
    PollQuestion,
    SliderQuestion,
    TrueFalseQuestion,
    TypeAnswerQuestion,
)
from quizhost.cli import main

FIXTURES = Path(__file__).parent / "fixtures"


@frozen
class Run:
    code: int
    out: str
    err: str


def run_cli(capsys: pytest.CaptureFixture[str], *args: str) -> Run:
    """Run `quizhost ARGS` in this process (the real parser and commands)."""
    capsys.readouterr()
    code = main(list(args))
    captured = capsys.readouterr()
    return Run(code, captured.out, captured.err)


def answer_of(question: AnyQuestion) -> Any:
    """What a question asks and accepts, comparable across formats."""
    if isinstance(question, ChoiceQuestion):
        return (question.choices, sorted(question.correct), question.multiple)
    if isinstance(question, TrueFalseQuestion):
        return question.answer
    if isinstance(question, TypeAnswerQuestion):
        return question.accepted
    if isinstance(question, SliderQuestion):
        return (question.minimum, question.maximum, question.step, question.answer, question.margin)
    if isinstance(question, OrderQuestion):
        return question.items
    assert isinstance(question, PollQuestion)
    return question.choices


def summary(question: AnyQuestion, bank: Bank, fields: tuple[str, ...]) -> dict[str, Any]:
    """The named parts of a question: kind, text, answer, time, points, explanation,
    shuffle, image (its bytes, since formats move images to new paths), alt (its alt text)."""
    parts: dict[str, Any] = {
        "kind": question.kind,
        "text": question.text,
        "answer": answer_of(question),
        "time": question.time_limit_ms,
        "points": question.points,
        "explanation": question.explanation,
        "shuffle": getattr(question, "shuffle", None),
        "image": (bank.directory / question.image).read_bytes()
        if question.image and bank.directory
        else None,
        "alt": question.image_alt,
    }
    return {name: parts[name] for name in fields}


def imported_bank(path: Path) -> Bank:
    """Load a bank that `quizhost import` wrote (it must be valid)."""
    return load_bank(path)
