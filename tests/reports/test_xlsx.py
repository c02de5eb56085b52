"""The spreadsheet, opened with openpyxl as a teacher's program would open it."""

from __future__ import annotations

import asyncio
from pathlib import Path

from openpyxl import load_workbook

from quizhost.cli import main
from tests.reports.helpers import Journal


async def write_report(played: Journal, tmp_path: Path, *extra: str) -> Path:
    out = tmp_path / "report.xlsx"
    argv = ["results", played.game_id, "--xlsx", str(out), "--db", str(tmp_path / "quiz.db")]
    assert await asyncio.to_thread(main, [*argv, *extra]) == 0
    return out


async def test_the_sheets_a_teacher_expects_in_order(played: Journal, tmp_path: Path) -> None:
    """Overview, Players, Questions, one per question, Grid, Needs help; headers frozen."""
    book = load_workbook(await write_report(played, tmp_path))
    assert book.sheetnames == [
        "Overview",
        "Players",
        "Questions",
        *(f"Q{n}" for n in range(1, 7)),
        "Grid",
        "Needs help",
    ]
    assert {book[name].freeze_panes for name in book.sheetnames} == {"A2", "B2"}
    assert book["Grid"].freeze_panes == "B2"
    assert all(book[name]["A1"].font.b for name in book.sheetnames)
    assert book["Players"].column_dimensions["B"].width >= len("Player")


async def test_values_match_the_journal_and_are_numbers(played: Journal, tmp_path: Path) -> None:
    """Scores and points are numbers equal to the core's; shares and times have formats."""
    book = load_workbook(await write_report(played, tmp_path))
    players = list(book["Players"].iter_rows(min_row=2, values_only=True))
    scores = {p.name: p.score for p in played.game.players.values()}
    assert {row[1].lstrip("'"): row[4] for row in players} == scores
    assert all(isinstance(row[4], int) for row in players)
    assert [row[0] for row in players] == [1, 2, 3, None]  # Dee, kicked: no rank
    assert players[3][3] == "yes"
    questions = book["Questions"]
    assert questions["I1"].value == "Share right" and questions["I2"].number_format == "0%"
    assert questions["I2"].value == 3 / 4  # question 1: Ada, Bo and Dee of four
    assert questions["D3"].value == "2; 3"
    q4 = book["Q4"]
    closes = played.closes()
    points = {played.name_of(pid): r.points for pid, r in closes[3].results.items()}
    rows = {r[0].lstrip("'"): r for r in q4.iter_rows(min_row=2, max_col=5, values_only=True)}
    assert {name: row[3] for name, row in rows.items()} == points
    assert rows["Bo"][2] == "partly" and rows["Ada"][4] == 7.0
    assert q4["E2"].number_format == "0.0"
    grid = {r[0]: r[1:] for r in book["Grid"].iter_rows(min_row=2, values_only=True)}
    assert grid["Bo"] == ("yes", "partly", "no", "partly", "yes", "poll")
    assert grid["Dee"] == ("yes", "no answer", *["not in game"] * 4)
    colours = {
        rule.formula[0]: rule.dxf.fill.fgColor.rgb
        for cf in book["Grid"].conditional_formatting
        if str(cf.sqref) == "B2:G5"
        for rule in cf.rules
    }
    assert colours.keys() == {'"yes"', '"partly"', '"no"', '"no answer"', '"poll"'}
    assert len(set(colours.values())) == 5


async def test_a_formula_like_nickname_stays_text(played: Journal, tmp_path: Path) -> None:
    """'=cmd' is stored as the text "'=cmd", never as a formula, on every sheet."""
    book = load_workbook(await write_report(played, tmp_path))
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (sheet.title, cell.coordinate, cell.value)
    names = [row[1] for row in book["Players"].iter_rows(min_row=2, values_only=True)]
    assert "'=cmd" in names


async def test_needs_help_follows_the_chosen_percentage(played: Journal, tmp_path: Path) -> None:
    """At 50 %: Bo (2 of 5 right) and '=cmd' (0 of 5); at 30 %: '=cmd' only; polls ignored."""
    book = load_workbook(await write_report(played, tmp_path))
    rows = list(book["Needs help"].iter_rows(min_row=2, values_only=True))
    assert [(r[0], r[2], r[4]) for r in rows] == [("'=cmd", 0, 5), ("Bo", 2, 5)]
    book = load_workbook(await write_report(played, tmp_path, "--needs-help", "30"))
    rows = list(book["Needs help"].iter_rows(min_row=2, values_only=True))
    assert [r[0] for r in rows] == ["'=cmd"]
