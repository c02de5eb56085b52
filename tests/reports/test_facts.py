"""One fact per player and revealed question, rebuilt from the journal, as the CSVs write them."""

from __future__ import annotations

import asyncio
import csv
from pathlib import Path

import pytest

from quizhost.cli import main
from quizhost.core import ChoiceAnswer, ChoicesAnswer, Next, Skip, Start
from quizhost.results import Verdict, game_results
from quizhost.store import Store
from tests.reports.helpers import CLASS_QUIZ, Journal

VERDICTS = {  # (nickname, question number) -> the `correct` column
    ("Ada", 1): "yes",
    ("Ada", 2): "yes",
    ("Ada", 3): "yes",
    ("Ada", 4): "yes",
    ("Ada", 5): "no",
    ("Ada", 6): "poll",
    ("Bo", 1): "yes",
    ("Bo", 2): "partly",
    ("Bo", 3): "no",
    ("Bo", 4): "partly",
    ("Bo", 5): "yes",
    ("Bo", 6): "poll",
    ("'=cmd", 1): "no",
    ("'=cmd", 2): "no",
    ("'=cmd", 3): "no answer",
    ("'=cmd", 4): "no answer",
    ("'=cmd", 5): "no answer",
    ("'=cmd", 6): "poll",
    ("Dee", 1): "yes",
    ("Dee", 2): "no answer",
}


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as file:
        return list(csv.DictReader(file))


async def run_cli(*argv: str) -> int:
    return await asyncio.to_thread(main, list(argv))


async def test_the_answers_csv_has_one_fact_per_row(
    played: Journal, store: Store, tmp_path: Path
) -> None:
    """yes / partly / no / no answer, the right answer, points and seconds as the core gave
    them, a kicked player kept and marked, no repeated totals."""
    out = tmp_path / "answers.csv"
    db = str(tmp_path / "quiz.db")
    assert await run_cli("results", played.game_id, "--csv", str(out), "--db", db) == 0
    rows = read_csv(out)
    assert list(rows[0]) == [
        "nickname",
        "kicked",
        "question",
        "question_text",
        "answer",
        "right_answer",
        "correct",
        "points",
        "response_time_s",
    ]
    assert {(r["nickname"], int(r["question"])): r["correct"] for r in rows} == VERDICTS
    # Points: exactly what each reveal gave each player, read from the core's own events.
    expected = {
        (played.name_of(pid), close.index + 1): result.points
        for close in played.closes()
        for pid, result in close.results.items()
    }
    got = {(r["nickname"].lstrip("'"), int(r["question"])): int(r["points"]) for r in rows}
    assert got == expected
    assert {r["kicked"] for r in rows if r["nickname"] == "Dee"} == {"yes"}
    assert {r["kicked"] for r in rows if r["nickname"] != "Dee"} == {"no"}
    right = {int(r["question"]): r["right_answer"] for r in rows}
    assert right == {
        1: "Canberra",
        2: "2; 3",
        3: "Au",
        4: "Mercury > Venus > Earth > Mars",
        5: "1969",
        6: "",
    }
    ada = {int(r["question"]): r for r in rows if r["nickname"] == "Ada"}
    assert ada[1]["response_time_s"] == "2.000" and ada[3]["answer"] == "au"
    assert ada[5]["answer"] == "1970"
    assert [r["response_time_s"] for r in rows if r["nickname"] == "'=cmd"][2:5] == ["", "", ""]


async def test_the_summary_csv_holds_the_totals_and_the_kicked_player(
    played: Journal, tmp_path: Path
) -> None:
    """Totals equal the core's final scores; the kicked player has no rank but is there."""
    out = tmp_path / "summary.csv"
    db = str(tmp_path / "quiz.db")
    assert await run_cli("results", played.game_id, "--summary", "--csv", str(out), "--db", db) == 0
    rows = {r["nickname"]: r for r in read_csv(out)}
    scores = {p.name: p.score for p in played.game.players.values()}
    assert {name.lstrip("'"): int(r["score"]) for name, r in rows.items()} == scores
    assert [rows[n]["rank"] for n in ("Ada", "Bo", "'=cmd")] == ["1", "2", "3"]
    assert rows["Dee"]["rank"] == "" and rows["Dee"]["kicked"] == "yes"
    assert (rows["Bo"]["correct"], rows["Bo"]["partly"], rows["Bo"]["answered"]) == ("2", "2", "6")
    # (2 + 3 + 5.1 + 7 + 2 + 1) s / 6: question 3 ran 0.1 s before the kick, then 5 s.
    assert rows["Ada"]["average_response_time_s"] == "3.350"


async def test_a_mid_game_export_has_only_the_revealed_questions(
    store: Store, tmp_path: Path
) -> None:
    """A game stopped with question 2 open (and answered) exports question 1 only."""
    j = await Journal(store, "mid-game", CLASS_QUIZ).create()
    (ada,) = j.join("Ada")
    j.do(Start())
    j.answer(ada, ChoiceAnswer(1), 1_000)
    j.do(Skip())
    j.do(Next())
    j.do(Next())
    j.answer(ada, ChoicesAnswer({0}), 1_000)  # question 2 is open: not revealed, not exported
    await j.save(state="question")
    results = await game_results(store, "mid-game")
    assert [q.index for q in results.questions] == [0]
    assert [(o.question_index, o.verdict) for o in results.answers] == [(0, Verdict.RIGHT)]
    assert results.total_questions == len(CLASS_QUIZ.questions)


async def test_the_terminal_table_marks_the_kicked_player(
    played: Journal, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`quizhost results GAME`: partly right counted, the unit in the header, Dee unranked."""
    assert await run_cli("results", played.game_id, "--db", str(tmp_path / "quiz.db")) == 0
    lines = capsys.readouterr().out.splitlines()
    header = next(line for line in lines if line.startswith("RANK"))
    assert "PARTLY" in header and "AVG TIME (S)" in header
    dee = next(line for line in lines if "Dee" in line)
    assert dee.startswith("-") and "Dee (kicked)" in dee
