"""Our CSV/TSV layout written from a bank: a header row, then one question a row."""

from __future__ import annotations

import csv
import os
from collections.abc import Sequence
from pathlib import Path

from quizhost.bank.models import (
    DEFAULT_TIME_LIMIT_MS,
    AnyQuestion,
    Bank,
    ChoiceQuestion,
    OrderQuestion,
    PointsMode,
    SliderQuestion,
    TrueFalseQuestion,
    TypeAnswerQuestion,
)
from quizhost.interchange.cells import COLUMNS, join_values
from quizhost.interchange.model import Issue
from quizhost.interchange.yamlout import number


def write_table(bank: Bank, path: Path) -> list[Issue]:
    """Write every question (the layout holds every kind); UTF-8 with a byte-order mark so
    spreadsheet programs show accents. `.tsv` is tab-separated, anything else comma."""
    delimiter = "\t" if path.suffix.lower() == ".tsv" else ","
    with path.open("w", encoding="utf-8-sig", newline="") as stream:
        writer = csv.writer(stream, delimiter=delimiter)
        writer.writerow(COLUMNS)
        for question in bank.questions:
            writer.writerow(_row(bank, question, path.parent))
    return []


def _row(bank: Bank, question: AnyQuestion, folder: Path) -> list[str]:
    answers: Sequence[str] = ()
    correct = ""
    shuffle = ""
    if isinstance(question, ChoiceQuestion):
        answers = question.choices
        correct = ",".join(str(index + 1) for index in sorted(question.correct))
        shuffle = "true" if question.shuffle else ""
    elif isinstance(question, TrueFalseQuestion):
        correct = "true" if question.answer else "false"
    elif isinstance(question, TypeAnswerQuestion):
        correct = join_values(question.accepted)
    elif isinstance(question, SliderQuestion):
        answers = [number(question.minimum), number(question.maximum), number(question.step)]
        correct = number(question.answer)
        if question.margin:
            correct += f" +- {number(question.margin)}"
    elif isinstance(question, OrderQuestion):
        answers = question.items
    else:
        answers = question.choices
        shuffle = "true" if question.shuffle else ""
    image = ""
    if question.image and bank.directory is not None:
        image = Path(os.path.relpath(bank.directory / question.image, folder)).as_posix()
    time = (
        ""
        if question.time_limit_ms == DEFAULT_TIME_LIMIT_MS
        else number(question.time_limit_ms / 1000)
    )
    points = "" if question.points == PointsMode.STANDARD else question.points.value
    return [
        question.text,
        join_values(answers),
        correct,
        time,
        question.kind.value,
        question.explanation or "",
        points,
        image,
        shuffle,
        (question.image_alt or "") if image else "",
    ]
