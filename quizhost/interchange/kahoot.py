"""Kahoot's spreadsheet template (.xlsx): the quiz template teachers download from Kahoot.

Layout (current template): the header on row 8, one question a row from row 9, columns B-H:
question (at most 120 characters), answers 1-4 (at most 75), time limit in seconds (one of
5, 10, 20, 30, 60, 90, 120, 240) and the correct answer(s) as `2` or `1,3`. The older template
is the same with 95/60 limits; which one a file is comes from its header text. Kahoot's
template has no true/false kind: a true/false question is the two answers True and False.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path
from typing import Any

import openpyxl
from openpyxl.utils import get_column_letter
from openpyxl.utils.exceptions import InvalidFileException

from quizhost.bank.models import (
    AnyQuestion,
    Bank,
    ChoiceQuestion,
    TrueFalseQuestion,
)
from quizhost.interchange.convert import clean, control_warning, printable, shorten
from quizhost.interchange.model import Imported, Issue, Item, Place

ALLOWED_SECONDS = (5, 10, 20, 30, 60, 90, 120, 240)
HEADER_ROW = 8
MAX_ANSWERS = 4
CURRENT_LIMITS = (120, 75)  # question, answer
OLDER_LIMITS = (95, 60)
HEADERS = (
    "Question - max 120 characters",
    "Answer 1 - max 75 characters",
    "Answer 2 - max 75 characters",
    "Answer 3 - max 75 characters",
    "Answer 4 - max 75 characters",
    "Time limit (sec) – 5, 10, 20, 30, 60, 90, 120, or 240 secs",
    "Correct answer(s) - choose at least one",
)
_QUESTION_COL = 2  # B
_TIME_COL = 7  # G
_CORRECT_COL = 8  # H
_TRUE_FALSE = ("true", "false")


def snap_seconds(seconds: float) -> int:
    """The allowed time limit nearest to `seconds` (the shorter one on a tie)."""
    return min(ALLOWED_SECONDS, key=lambda allowed: (abs(allowed - seconds), allowed))


# Reading.


def read_kahoot(path: Path) -> Imported:
    """Read a filled-in template; every problem is reported at its cell."""
    result = Imported(source=str(path))
    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
        try:
            sheet = workbook.worksheets[0]
            title = sheet.title
            rows = [tuple(row) for row in sheet.iter_rows(values_only=True)]
        finally:
            workbook.close()
    except PermissionError:
        raise  # the command reports unreadable files itself
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ValueError) as error:
        result.problem(Place(str(path)), f"not a readable .xlsx workbook ({error})")
        return result
    except Exception as error:  # openpyxl raises many kinds of error on a damaged file
        result.problem(Place(str(path)), f"a damaged .xlsx workbook ({type(error).__name__})")
        return result
    _read_rows(result, str(path), title, rows)
    return result


def _cell(row: tuple[Any, ...], column: int) -> Any:
    return row[column - 1] if len(row) >= column else None


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return clean(str(value))


def _find_header(rows: list[tuple[Any, ...]]) -> int | None:
    """The 1-based row whose column B starts 'Question' (row 8 in Kahoot's template)."""
    for number, row in enumerate(rows[:30], start=1):
        if _text(_cell(row, _QUESTION_COL)).lower().startswith("question"):
            return number
    return None


def _limits(header: tuple[Any, ...]) -> tuple[int, int]:
    question = re.search(r"max\D*(\d+)", _text(_cell(header, _QUESTION_COL)))
    answer = re.search(r"max\D*(\d+)", _text(_cell(header, _QUESTION_COL + 1)))
    if question and answer:
        return int(question.group(1)), int(answer.group(1))
    return CURRENT_LIMITS


def _read_rows(result: Imported, file: str, sheet: str, rows: list[tuple[Any, ...]]) -> None:
    def place(column: int, row: int) -> Place:
        return Place(file, cell=f"{_sheet_ref(sheet)}!{get_column_letter(column)}{row}")

    header = _find_header(rows)
    if header is None:
        result.problem(
            place(_QUESTION_COL, HEADER_ROW),
            "no header row: Kahoot's template has 'Question - max 120 characters' in B8 "
            "and one question a row below it",
        )
        return
    question_limit, answer_limit = _limits(rows[header - 1])
    for number in range(header + 1, len(rows) + 1):
        row = rows[number - 1]
        if not any(_text(_cell(row, column)) for column in range(2, _CORRECT_COL + 1)):
            continue
        item = _read_row(result, row, number, place, question_limit, answer_limit)
        if item is not None:
            result.items.append(item)
    if not result.items and not result.problems and not result.warnings:
        result.problem(place(_QUESTION_COL, header + 1), "the template has no questions")


def _read_row(
    result: Imported,
    row: tuple[Any, ...],
    number: int,
    place: Any,
    question_limit: int,
    answer_limit: int,
) -> Item | None:
    before = len(result.problems)
    lost: list[str] = []
    text = _text(_cell(row, _QUESTION_COL))
    if not text:
        result.problem(place(_QUESTION_COL, number), "the question is empty")
    elif len(text) > question_limit:
        lost.append(
            f"the question has {len(text)} characters, more than the template's "
            f"{question_limit}; Kahoot would refuse it"
        )
    answers: dict[int, str] = {}
    for index in range(MAX_ANSWERS):
        answer = _text(_cell(row, _QUESTION_COL + 1 + index))
        if answer:
            answers[index + 1] = answer
            if len(answer) > answer_limit:
                lost.append(
                    f"answer {index + 1} has {len(answer)} characters, more than the "
                    f"template's {answer_limit}"
                )
    if len(answers) < 2:
        result.problem(place(_QUESTION_COL + 1, number), "a question needs at least two answers")
    seconds = _read_time(result, _cell(row, _TIME_COL), place(_TIME_COL, number), lost)
    correct = _read_correct(result, _cell(row, _CORRECT_COL), place(_CORRECT_COL, number), answers)
    if len(result.problems) > before:
        return None
    order = sorted(answers)
    choices = tuple(answers[key] for key in order)
    common: dict[str, Any] = {"text": text, "time_limit_ms": seconds * 1000}
    question: AnyQuestion
    if len(choices) == 2 and tuple(c.lower() for c in choices) == _TRUE_FALSE and len(correct) == 1:
        question = TrueFalseQuestion(**common, answer=order[0] in correct)
    else:
        indices = frozenset(order.index(key) for key in correct)
        question = ChoiceQuestion(
            **common, choices=choices, correct=indices, multiple=len(indices) > 1
        )
    return Item(question, place(_QUESTION_COL, number), lost=lost)


def _read_time(result: Imported, value: Any, where: Place, lost: list[str]) -> int:
    text = _text(value)
    if not text:
        lost.append("no time limit given: 20 s")
        return 20
    try:
        seconds = float(text)
    except ValueError:
        result.problem(where, f"the time limit must be seconds (one of {_allowed()}); got '{text}'")
        return 20
    snapped = snap_seconds(seconds)
    if snapped != seconds:
        lost.append(
            f"the time limit {text} s is not one of Kahoot's ({_allowed()}): now {snapped} s"
        )
    return snapped


def _read_correct(
    result: Imported, value: Any, where: Place, answers: dict[int, str]
) -> frozenset[int]:
    text = _text(value)
    parts = [part for part in re.split(r"[,;\s]+", text) if part]
    if not parts:
        result.problem(where, "no correct answer: write its number (1-4), or several as 1,3")
        return frozenset()
    numbers: set[int] = set()
    for part in parts:
        if not re.fullmatch(r"\d+(\.0+)?", part) or not 1 <= int(float(part)) <= MAX_ANSWERS:
            result.problem(
                where, f"the correct answer must be 1 to 4, or several as 1,3; got '{text}'"
            )
            return frozenset()
        number = int(float(part))
        if number not in answers:
            result.problem(where, f"the correct answer {number} points at an empty answer")
            return frozenset()
        numbers.add(number)
    return frozenset(numbers)


def _allowed() -> str:
    return ", ".join(str(seconds) for seconds in ALLOWED_SECONDS)


def _sheet_ref(title: str) -> str:
    """A sheet name as a cell reference writes it: quoted when it has spaces or symbols."""
    return title if re.fullmatch(r"\w+", title) else "'" + title.replace("'", "''") + "'"


# Writing.


def write_kahoot(bank: Bank, path: Path) -> list[Issue]:
    """Write the bank as Kahoot's current template; return a warning per thing left out."""
    warnings: list[Issue] = []
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "Sheet1"
    sheet["B2"] = "Quiz template"
    sheet["B3"] = f"{bank.title} (written by quizhost)"
    sheet["B4"] = (
        "Add questions, at least 2 answer alternatives, time limit and choose correct answers"
    )
    for offset, header in enumerate(HEADERS):
        sheet.cell(row=HEADER_ROW, column=_QUESTION_COL + offset, value=header)
    row = HEADER_ROW + 1
    for question in bank.questions:
        place = Place(str(bank.source or "bank"), question.line, 1)
        cells = _row_for(question, place, warnings)
        if cells is None:
            continue
        sheet.cell(row=row, column=1, value=row - HEADER_ROW)
        for offset, value in enumerate(cells):
            if value is not None:
                sheet.cell(row=row, column=_QUESTION_COL + offset, value=value)
        row += 1
    workbook.save(path)
    return warnings


def _row_for(question: AnyQuestion, place: Place, warnings: list[Issue]) -> list[Any] | None:
    """The B-H cells of one question, or None (with a warning) when the template cannot hold it."""
    name = f"question '{shorten(question.text)}'"
    if isinstance(question, TrueFalseQuestion):
        answers: tuple[str, ...] = ("True", "False")
        correct: list[int] = [1 if question.answer else 2]
    elif isinstance(question, ChoiceQuestion):
        if len(question.choices) > MAX_ANSWERS:
            warnings.append(
                Issue(place, f"skipped {name}: Kahoot's template holds at most 4 answers")
            )
            return None
        answers = question.choices
        correct = sorted(index + 1 for index in question.correct)
        if question.multiple and len(question.correct) == 1:
            warnings.append(
                Issue(
                    place,
                    f"{name}: 'multiple: true' with one correct answer "
                    "becomes a single-choice question",
                )
            )
        if question.shuffle:
            warnings.append(Issue(place, f"{name}: 'shuffle' left out (not in the template)"))
    else:
        warnings.append(
            Issue(place, f"skipped {name}: Kahoot's template has no {question.kind} questions")
        )
        return None
    seconds = question.time_limit_ms / 1000
    snapped = snap_seconds(seconds)
    if snapped != seconds:
        warnings.append(
            Issue(
                place, f"{name}: time {seconds:g} s is not one of Kahoot's; written as {snapped} s"
            )
        )
    warnings.extend(Issue(place, message) for message in _left_out(question, name, answers))
    padded: list[str | None] = [printable(answer) for answer in answers]
    padded += [None] * (MAX_ANSWERS - len(answers))
    text = printable(question.text)
    return [text, *padded, snapped, ",".join(str(index) for index in correct)]


def _left_out(question: AnyQuestion, name: str, answers: tuple[str, ...]) -> list[str]:
    """What the template drops or Kahoot would refuse in a question it can otherwise hold."""
    messages = [
        f"{name}: {what} left out (not in the template)"
        for what, present in (
            ("explanation", question.explanation),
            ("image and its alt text" if question.image_alt else "image", question.image),
            (f"points: {question.points.value}", question.points.value != "standard"),
        )
        if present
    ]
    if len(question.text) > CURRENT_LIMITS[0]:
        messages.append(f"{name}: longer than Kahoot's {CURRENT_LIMITS[0]} characters")
    messages.extend(
        f"{name}: answer '{shorten(answer)}' is longer than Kahoot's {CURRENT_LIMITS[1]} characters"
        for answer in answers
        if len(answer) > CURRENT_LIMITS[1]
    )
    control = control_warning(question)
    if control:
        messages.append(control)
    return messages
