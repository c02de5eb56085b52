"""Kahoot's spreadsheet template: reading both template versions, and writing it back."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import openpyxl

from quizhost.bank.models import ChoiceQuestion, TrueFalseQuestion
from quizhost.interchange.kahoot import HEADERS, read_kahoot
from tests.interchange.conftest import Cli
from tests.interchange.helpers import imported_bank

OLDER_HEADERS = (
    "Question - max 95 characters",
    "Answer 1 - max 60 characters",
    "Answer 2 - max 60 characters",
    "Answer 3 - max 60 characters",
    "Answer 4 - max 60 characters",
    "Time limit (sec) – 5, 10, 20, 30, 60, 90, 120, or 240 secs",
    "Correct answer(s) - choose at least one",
)


def template(path: Path, rows: list[list[Any]], headers: tuple[str, ...] = HEADERS) -> Path:
    """A workbook laid out like Kahoot's download: notes above, header on row 8, B-H."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "Sheet1"
    sheet["B2"] = "Quiz template"
    sheet["B4"] = "Add questions, at least 2 answer alternatives, time limit and correct answers"
    for offset, header in enumerate(headers):
        sheet.cell(row=8, column=2 + offset, value=header)
    for number, row in enumerate(rows, start=9):
        sheet.cell(row=number, column=1, value=number - 8)
        for offset, value in enumerate(row):
            sheet.cell(row=number, column=2 + offset, value=value)
    workbook.save(path)
    return path


def test_single_several_correct_and_true_false_rows(tmp_path: Path) -> None:
    """`2` is single choice, `1,3` multiple choice, True/False answers a true/false."""
    path = template(
        tmp_path / "quiz.xlsx",
        [
            ["Capital of Australia?", "Sydney", "Canberra", "Melbourne", "Perth", 20, 2],
            ["Which are prime?", "2", "4", "3", None, 30, "1,3"],
            ["The Sun is a star.", "True", "False", None, None, 10, "1"],
        ],
    )
    result = read_kahoot(path)
    assert result.problems == []
    capital, primes, sun = (item.question for item in result.items)
    assert isinstance(capital, ChoiceQuestion) and capital.correct == {1} and not capital.multiple
    assert capital.choices == ("Sydney", "Canberra", "Melbourne", "Perth")
    assert isinstance(primes, ChoiceQuestion) and primes.multiple
    assert [primes.choices[i] for i in sorted(primes.correct)] == ["2", "3"]
    assert primes.time_limit_ms == 30_000
    assert isinstance(sun, TrueFalseQuestion) and sun.answer is True


def test_times_snap_to_kahoots_values_and_limits_warn(tmp_path: Path) -> None:
    """25 s becomes 20 s (said); a question past 120 characters is kept with a warning."""
    long_question = "Why " + "really " * 20 + "?"
    path = template(
        tmp_path / "quiz.xlsx",
        [
            ["Snap me", "a", "b", None, None, 25, 1],
            [long_question, "a", "b", None, None, 240, 2],
        ],
    )
    snapped, long_item = read_kahoot(path).items
    assert snapped.question.time_limit_ms == 20_000
    assert snapped.lost == [
        "the time limit 25 s is not one of Kahoot's (5, 10, 20, 30, 60, 90, 120, 240): now 20 s"
    ]
    assert long_item.lost == [
        f"the question has {len(long_question)} characters, more than the template's 120; "
        "Kahoot would refuse it"
    ]


def test_the_older_template_has_tighter_limits(tmp_path: Path) -> None:
    """The 95/60 template warns at a 70-character answer; the current one would not."""
    answer = "x" * 70
    rows: list[list[Any]] = [["Long answer?", answer, "b", None, None, 20, 1]]
    older = read_kahoot(template(tmp_path / "old.xlsx", rows, OLDER_HEADERS)).items[0]
    current = read_kahoot(template(tmp_path / "new.xlsx", rows)).items[0]
    assert older.lost == ["answer 1 has 70 characters, more than the template's 60"]
    assert current.lost == []


def test_problems_are_named_by_sheet_and_cell(tmp_path: Path) -> None:
    """Every bad cell at once, as FILE:Sheet1!H10; the good row is still read."""
    path = template(
        tmp_path / "bad.xlsx",
        [
            ["Fine", "a", "b", None, None, 20, 1],
            ["No correct", "a", "b", None, None, 20, None],
            ["Empty answer marked", "a", "b", None, None, 20, 3],
            ["Slow", "a", "b", None, None, "a while", 1],
            [None, "a", "b", None, None, 20, 1],
        ],
    )
    result = read_kahoot(path)
    assert [str(problem) for problem in result.problems] == [
        f"{path}:Sheet1!H10: no correct answer: write its number (1-4), or several as 1,3",
        f"{path}:Sheet1!H11: the correct answer 3 points at an empty answer",
        f"{path}:Sheet1!G12: the time limit must be seconds (one of 5, 10, 20, 30, 60, 90, "
        "120, 240); got 'a while'",
        f"{path}:Sheet1!B13: the question is empty",
    ]
    assert [item.question.text for item in result.items] == ["Fine"]


def test_a_file_that_is_not_a_workbook_is_a_problem_not_a_traceback(
    cli: Cli, tmp_path: Path
) -> None:
    """A renamed text file exits 1 with one line naming it."""
    path = tmp_path / "fake.xlsx"
    path.write_text("not a zip", encoding="utf-8")
    run = cli("import", str(path), "-o", str(tmp_path / "fake.yaml"))
    assert run.code == 1
    assert run.err.startswith(f"{path}: not a readable .xlsx workbook")
    assert "Traceback" not in run.err


def test_export_writes_the_template_kahoot_reads(cli: Cli, tmp_path: Path) -> None:
    """The exported sheet has Kahoot's header on row 8 and one question a row from row 9;
    what the template cannot hold is skipped with a warning naming the question."""
    bank = tmp_path / "bank.yaml"
    bank.write_text(
        "title: T\nquestions:\n"
        "  - question: Capital?\n    choices: [Sydney, {correct: Canberra}]\n    time: 25\n"
        "  - question: Year?\n    slider: {min: 1900, max: 2000, answer: 1969}\n"
        "  - question: Sun is a star.\n    true_false: true\n",
        encoding="utf-8",
    )
    out = tmp_path / "bank.xlsx"
    run = cli("export", str(bank), "-o", str(out))
    assert run.code == 0, run.err
    assert (
        f"{bank}:6:1: warning: skipped question 'Year?': Kahoot's template has no slider" in run.err
    )
    assert "time 25 s is not one of Kahoot's; written as 20 s" in run.err
    sheet = openpyxl.load_workbook(out).worksheets[0]
    assert [sheet.cell(row=8, column=c).value for c in range(2, 9)] == list(HEADERS)
    assert [sheet.cell(row=9, column=c).value for c in range(1, 9)] == [
        1, "Capital?", "Sydney", "Canberra", None, None, 20, "2",
    ]  # fmt: skip
    assert [sheet.cell(row=10, column=c).value for c in (2, 3, 4, 8)] == [
        "Sun is a star.", "True", "False", "1",
    ]  # fmt: skip
    back = tmp_path / "back.yaml"
    assert cli("import", str(out), "-o", str(back)).code == 0
    assert [q.kind for q in imported_bank(back).questions] == ["choice", "true_false"]


def test_a_workbook_without_the_template_header_is_refused(tmp_path: Path) -> None:
    """No 'Question' header in column B: one problem pointing at B8."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet["A1"] = "Name"
    workbook.save(tmp_path / "other.xlsx")
    (problem,) = read_kahoot(tmp_path / "other.xlsx").problems
    assert str(problem).startswith(f"{tmp_path / 'other.xlsx'}:Sheet!B8: no header row")


def test_export_skips_what_the_template_cannot_hold(cli: Cli, tmp_path: Path) -> None:
    """Five choices, a poll, an explanation and a long question are each named."""
    bank = tmp_path / "bank.yaml"
    bank.write_text(
        "title: T\nquestions:\n"
        "  - question: Five?\n    choices: [{correct: a}, b, c, d, e]\n"
        "  - question: Vote?\n    poll: [x, y]\n"
        f"  - question: {'Long ' * 30}end\n    true_false: true\n"
        "    explanation: Because.\n",
        encoding="utf-8",
    )
    run = cli("export", str(bank), "-o", str(tmp_path / "out.xlsx"))
    assert run.code == 0
    assert "skipped question 'Five?': Kahoot's template holds at most 4 answers" in run.err
    assert "skipped question 'Vote?': Kahoot's template has no poll questions" in run.err
    assert "explanation left out (not in the template)" in run.err
    assert "longer than Kahoot's 120 characters" in run.err
    assert run.out.endswith("1 question, 2 skipped\n")
