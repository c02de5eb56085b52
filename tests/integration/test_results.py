"""Results of a game played over the wire: rebuilt from the database, exported as CSV."""

from __future__ import annotations

import asyncio
import csv
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from quizhost.cli import main
from quizhost.results import game_results, list_games
from quizhost.store import Store
from tests.integration.wire import SHORT, Running, host, join, start_server, stop_server


async def run_cli(argv: list[str]) -> int:
    """The command line in a thread: it runs its own event loop."""
    return await asyncio.to_thread(main, argv)


async def play_short_game(running: Running) -> dict[str, int]:
    """Ada answers both right, Zoé one right, '=cmd' nothing; returns final podium scores."""
    ada, _ = await join(running, "Ada")
    zoe, _ = await join(running, "Zoé")
    prank, _ = await join(running, "=cmd")
    boss = await host(running)
    await boss.send(type="start")
    for index, (ada_choice, zoe_choice) in enumerate([(1, 1), (0, 1)]):
        for client in (ada, zoe, prank):
            await client.expect("question")
        await ada.send(type="answer", question=index, choice=ada_choice)
        await zoe.send(type="answer", question=index, choice=zoe_choice)
        await ada.expect("answer_ack")
        await zoe.expect("answer_ack")
        for command, frame in (("skip", "reveal"), ("next", "leaderboard")):
            await boss.send(type=command)
            for client in (ada, zoe, prank):
                await client.expect(frame)
        await boss.send(type="next")
    scores = {}
    for name, client in (("Ada", ada), ("Zoé", zoe), ("=cmd", prank)):
        scores[name] = (await client.expect("podium"))["you"]["score"]
        await client.close()
    await boss.close()
    return scores


def stored_response_ms(db_path: Path) -> dict[tuple[str, int], int]:
    """(nickname, question number from 1) -> response time in ms, as the live server stored
    each answer before acknowledging it: apart from the journal the results are rebuilt from."""
    with closing(sqlite3.connect(db_path)) as db:
        rows = db.execute(
            "SELECT players.name, answers.question_idx, answers.elapsed_ms FROM answers "
            "JOIN players ON players.game_id = answers.game_id AND players.id = answers.player_id"
        ).fetchall()
    return {(name, index + 1): elapsed_ms for name, index, elapsed_ms in rows}


@pytest.fixture
async def played(tmp_path: Path) -> tuple[Path, dict[str, int]]:
    running = await start_server(SHORT, tmp_path / "quiz.db")
    try:
        scores = await play_short_game(running)
    finally:
        await stop_server(running)
    return running.db_path, scores


async def test_results_match_what_players_saw(played: tuple[Path, dict[str, int]]) -> None:
    """Totals, ranks and per-question counts rebuilt from the journal equal the podium's."""
    db_path, scores = played
    store = await Store.open(db_path)
    try:
        (summary,) = await list_games(store)
        results = await game_results(store, summary.id[:6])
    finally:
        await store.close()
    assert summary.players == 3 and summary.bank_title == "Short"
    assert {p.name: p.score for p in results.players} == scores
    assert [p.name for p in results.players] == ["Ada", "Zoé", "=cmd"]
    assert [(p.correct, p.answered) for p in results.players] == [(2, 2), (1, 2), (0, 0)]
    assert [(q.answered, q.correct) for q in results.questions] == [(2, 2), (2, 1)]
    assert results.hardest_question is not None and results.hardest_question.index == 1
    assert len(results.answers) == 6


async def test_csv_export_parses_back(played: tuple[Path, dict[str, int]], tmp_path: Path) -> None:
    """`quizhost results GAME --csv` writes UTF-8 rows a spreadsheet reads back intact."""
    db_path, scores = played
    store = await Store.open(db_path)
    try:
        (summary,) = await list_games(store)
    finally:
        await store.close()
    out = tmp_path / "answers.csv"
    assert await run_cli(["results", summary.id, "--csv", str(out), "--db", str(db_path)]) == 0
    assert out.read_bytes().startswith(b"\xef\xbb\xbf")  # BOM: Excel reads UTF-8
    with out.open(encoding="utf-8-sig", newline="") as file:
        rows = list(csv.DictReader(file))
    assert len(rows) == 6
    ada = [r for r in rows if r["nickname"] == "Ada"]
    assert [r["answer"] for r in ada] == ["B", "A"]
    assert {r["correct"] for r in ada} == {"yes"}
    assert [r["right_answer"] for r in ada] == ["B", "A"]
    assert sum(int(r["points"]) for r in ada) == scores["Ada"]
    assert "total" not in rows[0] and "rank" not in rows[0]  # totals live in the summary
    zoe = [r for r in rows if r["nickname"] == "Zoé"]
    assert [r["correct"] for r in zoe] == ["yes", "no"]
    response_ms = {
        (r["nickname"], int(r["question"])): round(float(r["response_time_s"]) * 1000)
        for r in rows
        if r["response_time_s"]
    }
    assert response_ms == stored_response_ms(db_path)
    assert set(response_ms) == {("Ada", 1), ("Ada", 2), ("Zoé", 1), ("Zoé", 2)}
    prank = [r for r in rows if r["nickname"] == "'=cmd"]
    assert len(prank) == 2 and prank[0]["answer"] == "" and prank[0]["correct"] == "no answer"

    summary_csv = tmp_path / "summary.csv"
    assert (
        await run_cli(
            ["results", summary.id, "--summary", "--csv", str(summary_csv), "--db", str(db_path)]
        )
        == 0
    )
    with summary_csv.open(encoding="utf-8-sig", newline="") as file:
        table = list(csv.DictReader(file))
    assert [(r["rank"], r["nickname"], int(r["score"])) for r in table] == [
        ("1", "Ada", scores["Ada"]),
        ("2", "Zoé", scores["Zoé"]),
        ("3", "'=cmd", 0),
    ]


async def test_results_command_lists_shows_and_deletes(
    played: tuple[Path, dict[str, int]], capsys: pytest.CaptureFixture[str]
) -> None:
    """List, show, a usage error, and delete with --yes."""
    db_path, _ = played
    assert await run_cli(["results", "--db", str(db_path)]) == 0
    listing = capsys.readouterr().out
    assert "Short" in listing and "podium" in listing
    game_id = listing.splitlines()[1].split()[0]
    assert await run_cli(["results", game_id, "--db", str(db_path)]) == 0
    shown = capsys.readouterr().out
    assert "Ada" in shown and "Hardest question: #2 Pick A" in shown
    assert await run_cli(["results", "--csv", "x.csv", "--db", str(db_path)]) == 2
    assert await run_cli(["results", "nope", "--db", str(db_path)]) == 1
    assert "no game 'nope'" in capsys.readouterr().err
    assert await run_cli(["results", game_id, "--delete", "--yes", "--db", str(db_path)]) == 0
    capsys.readouterr()
    assert await run_cli(["results", "--db", str(db_path)]) == 0
    assert "No games stored yet." in capsys.readouterr().out
