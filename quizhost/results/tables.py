"""The CSV export of a game's results."""

from __future__ import annotations

import csv
from collections.abc import Sequence
from pathlib import Path

from quizhost.formats import seconds_text
from quizhost.results.model import (
    GameResults,
)

# CSV export. UTF-8 with a byte-order mark and CRLF line ends, so spreadsheet programs
# (Excel in particular) open accents and emoji in nicknames correctly. One fact per row: the
# answers file has no totals (they are in the summary), times carry their unit in the header.

ANSWER_COLUMNS = (
    "nickname",
    "kicked",
    "question",
    "question_text",
    "answer",
    "right_answer",
    "correct",
    "points",
    "response_time_s",
)
SUMMARY_COLUMNS = (
    "rank",
    "nickname",
    "kicked",
    "score",
    "correct",
    "partly",
    "answered",
    "questions",
    "average_response_time_s",
)


def safe_cell(text: str) -> str:
    """Keep a nickname like '=HYPERLINK(...)' from running as a spreadsheet formula."""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def yes_no(value: bool) -> str:
    return "yes" if value else "no"


def _with_team(rows: list[list[str]], teams: Sequence[str | None], after: int) -> list[list[str]]:
    """A team game's tables get a `team` column after column `after`; others stay as they were."""
    if not any(teams):
        return rows
    header, *body = rows
    return [[*header[: after + 1], "team", *header[after + 1 :]]] + [
        [*row[: after + 1], safe_cell(team or ""), *row[after + 1 :]]
        for row, team in zip(body, teams, strict=True)
    ]


def answer_table(results: GameResults) -> list[list[str]]:
    """One row per player and revealed question (kicked players included, marked)."""
    team = {p.player_id: p.team for p in results.players}
    return _with_team(_answer_rows(results), [team.get(o.player_id) for o in results.answers], 0)


def _answer_rows(results: GameResults) -> list[list[str]]:
    kicked = {p.player_id for p in results.players if p.kicked}
    questions = {q.index: q for q in results.questions}
    return [list(ANSWER_COLUMNS)] + [
        [
            safe_cell(row.name),
            yes_no(row.player_id in kicked),
            str(row.question_index + 1),
            safe_cell(questions[row.question_index].text),
            safe_cell(row.answer),
            safe_cell(questions[row.question_index].right_answer),
            row.verdict.value,
            str(row.points),
            seconds_text(row.response_ms),
        ]
        for row in results.answers
    ]


def summary_table(results: GameResults) -> list[list[str]]:
    """One row per player with their totals; a kicked player has no rank."""
    return _with_team(_summary_rows(results), [p.team for p in results.players], 1)


def _summary_rows(results: GameResults) -> list[list[str]]:
    return [list(SUMMARY_COLUMNS)] + [
        [
            "" if p.rank is None else str(p.rank),
            safe_cell(p.name),
            yes_no(p.kicked),
            str(p.score),
            str(p.correct),
            str(p.partly),
            str(p.answered),
            str(len(results.questions)),
            seconds_text(p.average_response_ms),
        ]
        for p in results.players
    ]


def write_csv(rows: Sequence[Sequence[str]], path: Path) -> None:
    """Write rows as UTF-8 CSV (with BOM) that spreadsheet programs open correctly."""
    with path.open("w", encoding="utf-8-sig", newline="") as file:
        csv.writer(file).writerows(rows)
