"""quizhost's own CSV/TSV layout, and Quizlet's tab-separated export.

Our layout is one question a row under a header row naming the columns (any order, any case):
`question, answers, correct, time, kind, explanation`, and optionally `points, image, shuffle,
image_alt`.
Several values in one cell are separated by `|` (write `\\|` for a bar inside a value). What
`answers` and `correct` hold depends on the kind; docs/question-banks.md has the table. Files
are UTF-8 with or without a byte-order mark, separated by commas, semicolons (what spreadsheet
programs write in many European locales) or tabs; `.tsv` is always tabs.

This module reads our layout; `table_write.py` writes it, `quizlet.py` reads Quizlet's and
`cells.py` holds what they share (the public names are re-exported here).
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from quizhost.bank.models import (
    AnyQuestion,
    ChoiceQuestion,
    Kind,
    OrderQuestion,
    PointsMode,
    PollQuestion,
    SliderQuestion,
    TrueFalseQuestion,
    TypeAnswerQuestion,
)
from quizhost.interchange.cells import COLUMNS, decode, join_values, split_values
from quizhost.interchange.convert import alt_text, clean, explanation, parse_decimal
from quizhost.interchange.model import Imported, Item, Place
from quizhost.interchange.quizlet import read_quizlet
from quizhost.interchange.table_write import write_table

__all__ = [
    "COLUMNS",
    "decode",
    "join_values",
    "read_quizlet",
    "read_table",
    "split_values",
    "write_table",
]

_TRUE = ("true", "yes", "t", "y", "1")
_FALSE = ("false", "no", "f", "n", "0")
_MARGIN = re.compile(r"\s*(?:\+-|±|\+/-)\s*")


def _field_columns(line: str, delimiter: str) -> list[int]:
    """1-based character column where each field of a CSV line starts (quotes respected)."""
    columns = [1]
    quoted = False
    for index, char in enumerate(line):
        if char == '"':
            quoted = not quoted
        elif char == delimiter and not quoted:
            columns.append(index + 2)
    return columns


def read_table(path: Path, delimiter: str | None = None) -> Imported:
    """Read our CSV/TSV layout; `delimiter` None means sniff (tab for .tsv)."""
    result = Imported(source=str(path))
    text = decode(path.read_bytes(), result)
    if text is None:
        return result
    if delimiter is None:
        delimiter = "\t" if path.suffix.lower() == ".tsv" else _sniff(text)
    lines = text.splitlines()
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    header: dict[str, int] | None = None
    last = 0
    for row in reader:
        start, last = last + 1, reader.line_num
        if not any(cell.strip() for cell in row):
            continue
        columns = _field_columns(lines[start - 1] if start <= len(lines) else "", delimiter)

        def place(index: int, start: int = start, columns: list[int] = columns) -> Place:
            return Place(result.source, start, columns[index] if index < len(columns) else 1)

        if header is None:
            header = _read_header(result, row, place)
            if header is None:
                return result
            continue
        item = _read_row(result, path.parent, row, header, place)
        if item is not None:
            result.items.append(item)
    if header is None:
        result.problem(Place(result.source), "the file is empty; the first row names the columns")
    elif not result.items and not result.problems and not result.warnings:
        result.problem(Place(result.source, 2, 1), "no questions below the header row")
    return result


def _sniff(text: str) -> str:
    """The separator that splits the header row into the most of our column names (the
    header is required, so this beats guessing from the data); csv.Sniffer breaks ties."""
    first = text.split("\n", 1)[0]
    scores = {
        delimiter: sum(
            clean(cell).lower() in COLUMNS
            for cell in next(csv.reader([first], delimiter=delimiter))
        )
        for delimiter in (",", ";", "\t")
    }
    best = max(scores.values())
    winners = [delimiter for delimiter, score in scores.items() if score == best]
    if len(winners) == 1:
        return winners[0]
    try:
        return csv.Sniffer().sniff(text[:4096], delimiters=",;\t").delimiter
    except csv.Error:
        return ","


def _read_header(
    result: Imported, row: list[str], place: Callable[[int], Place]
) -> dict[str, int] | None:
    header: dict[str, int] = {}
    for index, cell in enumerate(row):
        name = clean(cell).lower()
        if name in COLUMNS:
            header[name] = index
        elif name:
            result.warn(
                place(index), f"column '{cell}' is not one of ours ({', '.join(COLUMNS)}); ignored"
            )
    if "question" not in header:
        result.problem(
            place(0),
            "the first row must name the columns, with at least 'question' (the layout: "
            + ", ".join(COLUMNS)
            + ")",
        )
        return None
    return header


def _read_row(
    result: Imported,
    folder: Path,
    row: list[str],
    header: dict[str, int],
    place: Callable[[int], Place],
) -> Item | None:
    def cell(name: str) -> str:
        index = header.get(name)
        return row[index].strip() if index is not None and index < len(row) else ""

    def at(name: str) -> Place:
        return place(header.get(name, 0))

    before = len(result.problems)
    lost: list[str] = []
    common = _common_fields(result, folder, cell, at, lost)
    shuffle = False
    if cell("shuffle"):
        flag = _boolean(cell("shuffle"))
        if flag is None:
            result.problem(
                at("shuffle"), f"'shuffle' must be true or false; got '{cell('shuffle')}'"
            )
        shuffle = bool(flag)
    answers = split_values(cell("answers"))
    correct = cell("correct")
    kind_text = cell("kind").lower()
    kind = _kind(kind_text, answers, correct)
    if kind is None:
        message = (
            f"unknown kind '{cell('kind')}'; one of: {', '.join(k.value for k in Kind)}"
            if kind_text
            else "say what kind of question this is in the 'kind' column "
            "(choice, multiple, true_false, type_answer, slider, order, poll)"
        )
        result.problem(at("kind"), message)
        return None
    question = _build(result, kind, common, answers, correct, shuffle, at)
    if question is None or len(result.problems) > before:
        return None
    return Item(question, at("question"), lost=lost)


def _common_fields(
    result: Imported,
    folder: Path,
    cell: Callable[[str], str],
    at: Callable[[str], Place],
    lost: list[str],
) -> dict[str, Any]:
    """The fields every kind shares (text, time, points, image, explanation) from one row."""
    common: dict[str, Any] = {"text": clean(cell("question"))}
    if not common["text"]:
        result.problem(at("question"), "the question is empty")
    if cell("time"):
        seconds = parse_decimal(cell("time"))
        if seconds is None:
            result.problem(at("time"), f"'time' must be seconds; got '{cell('time')}'")
        else:
            common["time_limit_ms"] = round(float(seconds) * 1000)
    if cell("points"):
        try:
            common["points"] = PointsMode(cell("points").lower())
        except ValueError:
            result.problem(
                at("points"), f"'points' must be standard, double or none; got '{cell('points')}'"
            )
    if cell("image"):
        image = folder / cell("image")
        if not image.is_file():
            result.problem(at("image"), f"no image at {cell('image')} (relative to this file)")
        else:
            result.images[image.name] = image.read_bytes()
            common["image"] = image.name
            common["image_alt"] = alt_text(cell("image_alt"), lost)
    elif cell("image_alt"):
        lost.append("the alt text left out: the row names no image")
    common["explanation"] = explanation(cell("explanation") or None, lost)
    return common


def _boolean(text: str) -> bool | None:
    lowered = text.strip().lower()
    if lowered in _TRUE:
        return True
    if lowered in _FALSE:
        return False
    return None


def _kind(kind_text: str, answers: list[str], correct: str) -> Kind | None:
    if kind_text:
        try:
            return Kind(kind_text.replace("-", "_").replace(" ", "_"))
        except ValueError:
            return None
    if correct.lower() in ("true", "false"):
        return Kind.TRUE_FALSE
    if answers and re.fullmatch(r"\d+([,;\s]+\d+)*", correct):
        return Kind.MULTIPLE if len(re.findall(r"\d+", correct)) > 1 else Kind.CHOICE
    if not answers and correct:
        return Kind.TYPE_ANSWER
    return None


def _build(
    result: Imported,
    kind: Kind,
    common: dict[str, Any],
    answers: list[str],
    correct: str,
    shuffle: bool,
    at: Callable[[str], Place],
) -> AnyQuestion | None:
    if kind in (Kind.CHOICE, Kind.MULTIPLE):
        numbers = [int(part) for part in re.findall(r"\d+", correct)]
        if not numbers or not re.fullmatch(r"\d+([,;\s]+\d+)*", correct):
            result.problem(at("correct"), "write the correct answer's position, e.g. 2 (or 1,3)")
            return None
        bad = [n for n in numbers if not 1 <= n <= len(answers)]
        if bad:
            result.problem(
                at("correct"), f"there is no answer {bad[0]}: the row has {len(answers)} answers"
            )
            return None
        return ChoiceQuestion(
            **common,
            choices=tuple(answers),
            correct=frozenset(n - 1 for n in numbers),
            multiple=kind == Kind.MULTIPLE,
            shuffle=shuffle,
        )
    if kind == Kind.TRUE_FALSE:
        value = _boolean(correct)
        if value is None:
            result.problem(
                at("correct"), f"a true_false question's correct is true or false; got '{correct}'"
            )
            return None
        return TrueFalseQuestion(**common, answer=value)
    if kind == Kind.TYPE_ANSWER:
        accepted = split_values(correct) or answers
        if not accepted:
            result.problem(at("correct"), "list the accepted answers in 'correct', e.g. Au|gold")
            return None
        return TypeAnswerQuestion(**common, accepted=tuple(accepted))
    if kind == Kind.SLIDER:
        return _slider(result, common, answers, correct, at)
    if kind == Kind.ORDER:
        return OrderQuestion(**common, items=tuple(answers))
    return PollQuestion(
        **{**common, "points": PointsMode.STANDARD}, choices=tuple(answers), shuffle=shuffle
    )


def _slider(
    result: Imported,
    common: dict[str, Any],
    answers: list[str],
    correct: str,
    at: Callable[[str], Place],
) -> AnyQuestion | None:
    bounds = [parse_decimal(value) for value in answers]
    if len(bounds) not in (2, 3) or any(value is None for value in bounds):
        result.problem(
            at("answers"), "a slider's answers are min|max or min|max|step, e.g. 0|100|5"
        )
        return None
    parts = _MARGIN.split(correct)
    values = [parse_decimal(part) for part in parts]
    if len(values) not in (1, 2) or any(value is None for value in values):
        result.problem(
            at("correct"), "a slider's correct is a number, or number +- margin (e.g. 1969 +- 2)"
        )
        return None
    low, high = float(bounds[0] or 0), float(bounds[1] or 0)
    step = float(bounds[2]) if len(bounds) == 3 and bounds[2] is not None else 1.0
    return SliderQuestion(
        **common,
        minimum=low,
        maximum=high,
        step=step,
        answer=float(values[0] or 0),
        margin=float(values[1] or 0) if len(values) == 2 else 0.0,
    )
