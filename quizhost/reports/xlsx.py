"""The report as a spreadsheet to keep (openpyxl): one sheet per view a teacher asks for.

Sheets: Overview, Players, Questions, one per question ("Q1", "Q2" ...), Grid, Needs help.
Headers are frozen and bold, numbers are numbers (shares as percentages, times in seconds),
and every text cell that a spreadsheet would run as a formula (=, +, -, @) is escaped as the
CSV export escapes it: openpyxl would otherwise store such a nickname as a formula.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Final

from openpyxl import Workbook
from openpyxl.formatting.rule import Rule
from openpyxl.styles import Font, PatternFill
from openpyxl.styles.differential import DifferentialStyle
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from quizhost.formats import date_text
from quizhost.reports.data import Report
from quizhost.results import QuestionResultRow, Verdict, safe_cell

Cell = str | int | float | None

PERCENT: Final = "0%"
SECONDS: Final = "0.0"
WHOLE: Final = "#,##0"
MAX_WIDTH: Final = 60
#: The grid's colours, one per verdict (the word stays in the cell for black and white).
FILLS: Final = {
    Verdict.RIGHT: "C6EFCE",
    Verdict.PARTLY: "FFEB9C",
    Verdict.WRONG: "FFC7CE",
    Verdict.NO_ANSWER: "EDEDED",
    Verdict.POLL: "DDEBF7",
}
NOT_IN_GAME: Final = "not in game"  # joined after the question, or removed before it
SHEETS: Final = ("Overview", "Players", "Questions", "Grid", "Needs help")  # plus Q1, Q2 ...


def _value(value: Cell) -> Cell:
    return safe_cell(value) if isinstance(value, str) else value


def _sheet(
    book: Workbook,
    title: str,
    header: Sequence[str],
    rows: Sequence[Sequence[Cell]],
    formats: Sequence[str | None] = (),
) -> Worksheet:
    """A sheet with a bold, frozen header row, number formats per column and fitted widths."""
    sheet: Worksheet = book.create_sheet(title)
    sheet.append([_value(h) for h in header])
    for row in rows:
        sheet.append([_value(cell) for cell in row])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"
    for column, number_format in enumerate(formats, start=1):
        if number_format is None:
            continue
        for (cell,) in sheet.iter_rows(min_row=2, min_col=column, max_col=column):
            cell.number_format = number_format
    for column in range(1, len(header) + 1):
        longest = max(
            (
                len(str(r[column - 1]))
                for r in rows
                if column - 1 < len(r) and r[column - 1] is not None
            ),
            default=0,
        )
        width = min(MAX_WIDTH, max(len(header[column - 1]), longest) + 2)
        sheet.column_dimensions[get_column_letter(column)].width = width
    return sheet


def build_workbook(report: Report) -> Workbook:
    results = report.results
    book = Workbook()
    book.remove(book.active)  # type: ignore[arg-type]
    o = report.overview
    game = results.game
    _sheet(
        book,
        "Overview",
        ("Item", "Value"),
        [
            ("Quiz", game.bank_title),
            ("Game", game.id),
            ("Date", date_text(game.created_at_ms)),
            ("State", game.state),
            ("Players", o.players),
            ("Players removed", o.kicked),
            ("Average score", round(o.average_score, 1)),
            ("Right answers", o.accuracy),
            ("Duration (min)", None if o.duration_ms is None else round(o.duration_ms / 60000, 1)),
            ("Questions revealed", o.questions),
            ("Questions in the quiz", o.total_questions),
        ],
    )
    overview = book["Overview"]
    overview["B9"].number_format = PERCENT
    _sheet(
        book,
        "Players",
        (
            "Rank",
            "Player",
            "Real name",
            "Removed",
            "Score",
            "Right",
            "Partly",
            "Answered",
            "Average time (s)",
        ),
        [
            (
                p.rank,
                p.name,
                report.real_names.get(p.player_id),
                "yes" if p.kicked else "no",
                p.score,
                p.correct,
                p.partly,
                p.answered,
                None if p.average_response_ms is None else p.average_response_ms / 1000,
            )
            for p in results.players
        ],
        (None, None, None, None, WHOLE, None, None, None, SECONDS),
    )
    _sheet(
        book,
        "Questions",
        (
            "#",
            "Question",
            "Kind",
            "Right answer",
            "Players",
            "Answered",
            "Right",
            "Partly",
            "Share right",
            "Average points",
        ),
        [
            (
                q.index + 1,
                q.text,
                q.kind.value,
                q.right_answer,
                q.players,
                q.answered,
                q.correct,
                q.partly,
                q.share_correct,
                round(q.average_points, 1),
            )
            for q in results.questions
        ],
        (None, None, None, None, None, None, None, None, PERCENT, WHOLE),
    )
    for question in results.questions:
        _question_sheet(book, report, question)
    _grid_sheet(book, report)
    _sheet(
        book,
        "Needs help",
        ("Player", "Real name", "Right", "Partly", "Scored questions", "Share right"),
        [
            (r.player.name, r.real_name, r.right, r.partly, r.scored, r.share)
            for r in report.needs_help
        ],
        (None, None, None, None, None, PERCENT),
    )
    return book


def _question_sheet(book: Workbook, report: Report, question: QuestionResultRow) -> None:
    """One question: its answers and who gave which, with the right answer on top."""
    rows: list[Sequence[Cell]] = [
        (
            o.name,
            o.answer,
            o.verdict.value,
            o.points,
            None if o.response_ms is None else o.response_ms / 1000,
        )
        for o in report.results.answers
        if o.question_index == question.index
    ]
    sheet = _sheet(
        book,
        f"Q{question.index + 1}",
        ("Player", "Answer", "Correct", "Points", "Response time (s)"),
        rows,
        (None, None, None, WHOLE, SECONDS),
    )
    sheet["G1"] = "Question"
    sheet["H1"] = _value(question.text)
    sheet["G2"] = "Right answer"
    sheet["H2"] = _value(question.right_answer or "(a poll)")
    sheet["G1"].font = sheet["G2"].font = Font(bold=True)
    sheet.column_dimensions["G"].width = 14
    sheet.column_dimensions["H"].width = min(MAX_WIDTH, len(question.text) + 2)


def _grid_sheet(book: Workbook, report: Report) -> None:
    questions = report.results.questions
    sheet = _sheet(
        book,
        "Grid",
        ("Player", *(f"Q{q.index + 1}" for q in questions)),
        [
            (
                report.display_name(row.player),
                *(NOT_IN_GAME if v is None else v.value for v in row.cells),
            )
            for row in report.grid
        ],
    )
    sheet.freeze_panes = "B2"
    if questions and report.grid:
        # One rule per verdict rather than a fill per cell: as fast for 10,000 cells as for
        # ten, and the colour follows the word if a teacher corrects a cell.
        cells = f"B2:{get_column_letter(len(questions) + 1)}{len(report.grid) + 1}"
        for verdict, colour in FILLS.items():
            fill = PatternFill("solid", start_color=colour, end_color=colour)
            style = DifferentialStyle(fill=fill)
            rule = Rule(type="cellIs", operator="equal", formula=[f'"{verdict.value}"'], dxf=style)
            sheet.conditional_formatting.add(cells, rule)
    for c in range(2, len(questions) + 2):
        sheet.column_dimensions[get_column_letter(c)].width = 10


def write_xlsx(report: Report, path: Path) -> None:
    build_workbook(report).save(path)
