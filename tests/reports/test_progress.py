"""Several games: one row per student; a roster names them; old games deleted by date."""

from __future__ import annotations

import asyncio
import csv
import subprocess
import sys
from pathlib import Path

import pytest

from quizhost.cli import main
from quizhost.core import ChoiceAnswer, End, Start
from quizhost.results import list_games
from quizhost.session.names import ADJECTIVES, ANIMALS
from quizhost.store import Store
from tests.reports.helpers import CLASS_QUIZ, DAY_MS, T0, Journal, class_game


async def short_game(store: Store, game_id: str, at_ms: int, names: dict[str, int]) -> Journal:
    """The class quiz's first question only, answered by `names` (name -> choice), then End."""
    j = await Journal(store, game_id, CLASS_QUIZ, at_ms).create()
    ids = j.join(*names)
    j.do(Start())
    for player_id, choice in zip(ids, names.values(), strict=True):
        j.answer(player_id, ChoiceAnswer(choice), 1_000)
    j.do(End())
    await j.save()
    return j


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as file:
        return list(csv.DictReader(file))


async def run_cli(*argv: str) -> int:
    return await asyncio.to_thread(main, list(argv))


async def test_several_games_match_nicknames_whatever_their_case(
    played: Journal, store: Store, tmp_path: Path
) -> None:
    """'ada' in a later game is Ada; a student missing from a game has an empty cell."""
    later = await short_game(store, "later-game", T0 + 7 * DAY_MS, {"ada": 1, "Cy": 0})
    out = tmp_path / "progress.csv"
    db = str(tmp_path / "quiz.db")
    assert await run_cli("results", "class-game", "later", "--csv", str(out), "--db", db) == 0
    rows = {r["name"]: r for r in read_csv(out)}
    first, second = list(rows["Ada"])[2:4]
    assert first.endswith("Class quiz") and second.endswith("Class quiz") and first < second
    scores = {p.name: p.score for p in played.game.players.values()}
    later_scores = {p.name: p.score for p in later.game.players.values()}
    assert rows["Ada"][first] == str(scores["Ada"])
    assert rows["Ada"][second] == str(later_scores["ada"])
    assert rows["Ada"]["nicknames"] == "Ada / ada"
    assert rows["Cy"][first] == "" and rows["Cy"][second] == str(later_scores["Cy"])
    assert set(rows) == {"Ada", "Bo", "'=cmd", "Dee", "Cy"}


async def test_a_roster_names_students_and_since_picks_the_games(
    played: Journal, store: Store, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Two nicknames of one student become one row under her real name; --since leaves out
    the games before the date."""
    await short_game(store, "later-game", T0 + 7 * DAY_MS, {"Ada L": 1, "Bo": 1})
    await short_game(store, "last-game", T0 + 14 * DAY_MS, {"ADA": 0})
    roster = tmp_path / "class.csv"
    roster.write_text("Name,Nickname\nAda Lovelace,Ada\nAda Lovelace,Ada L\n", encoding="utf-8")
    db = str(tmp_path / "quiz.db")
    since = "2026-06-01"  # after the class game (2026-05-28), before the other two
    assert await run_cli("results", "--since", since, "--roster", str(roster), "--db", db) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("name") and "average_score" in out[0]
    lovelace = [line for line in out if line.startswith("Ada Lovelace")]
    assert len(lovelace) == 1 and "Ada L / ADA" in lovelace[0]
    assert len(out) == 3  # header, Ada Lovelace, Bo: the class game is left out


async def test_a_roster_without_the_columns_is_refused(played: Journal, tmp_path: Path) -> None:
    """A roster with no nickname and name columns fails before anything is written."""
    roster = tmp_path / "class.csv"
    roster.write_text("first,last\nAda,Lovelace\n", encoding="utf-8")
    db = str(tmp_path / "quiz.db")
    html = str(tmp_path / "r.html")
    argv = ("results", "class-game", "--html", html, "--roster", str(roster), "--db", db)
    assert await run_cli(*argv) == 1
    assert not Path(html).exists()


async def test_the_report_puts_real_names_from_the_roster(played: Journal, tmp_path: Path) -> None:
    """The roster's name beside the nickname, matched case-insensitively."""
    roster = tmp_path / "class.csv"
    roster.write_text("nickname,name\nbo,Bo Diddley\n", encoding="utf-8")
    out = tmp_path / "r.html"
    db = str(tmp_path / "quiz.db")
    argv = ("results", "class-game", "--html", str(out), "--roster", str(roster), "--db", db)
    assert await run_cli(*argv) == 0
    assert "Bo Diddley (Bo)" in out.read_text(encoding="utf-8")


def delete_before(db: Path, day: str, stdin: str, *extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "quizhost",
            "results",
            "--delete",
            "--before",
            day,
            *extra,
            "--db",
            str(db),
        ],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=60,
    )


async def test_delete_before_a_date_asks_first(store: Store, tmp_path: Path) -> None:
    """Only games before the date, listed, and only after 'y' (or --yes)."""
    await class_game(store, "old-game", T0)
    await short_game(store, "new-game", T0 + 30 * DAY_MS, {"Ada": 1})
    db = tmp_path / "quiz.db"
    await store.close()
    kept = delete_before(db, "2026-06-01", "n\n")
    assert "old-game" in kept.stdout and "new-game" not in kept.stdout
    assert "Nothing deleted." in kept.stdout and kept.returncode == 1
    done = delete_before(db, "2026-06-01", "", "--yes")
    assert "Deleted 1 games played before 2026-06-01." in done.stdout and done.returncode == 0
    store = await Store.open(db)
    try:
        assert [g.id for g in await list_games(store)] == ["new-game"]
    finally:
        await store.close()


async def test_usage_errors_say_what_to_do(tmp_path: Path, played: Journal) -> None:
    """Options that do not go together, or a share that is not a percentage: exit 2."""
    db = str(tmp_path / "quiz.db")
    assert await run_cli("results", "--before", "2026-01-01", "--db", db) == 2
    assert await run_cli("results", "--delete", "--db", db) == 2
    assert await run_cli("results", "a", "b", "--html", "x.html", "--db", db) == 2
    assert await run_cli("results", "class-game", "--needs-help", "120", "--db", db) == 2


async def test_a_game_played_with_friendly_names_is_left_out_and_said_so(
    played: Journal, store: Store, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Names the server drew ('Brave Otter') differ each game: never matched, named on stderr."""
    drawn = {f"{ADJECTIVES[0]} {ANIMALS[0]}": 1, f"{ADJECTIVES[1]} {ANIMALS[1]}": 0}
    await short_game(store, "friendly-game", T0 + DAY_MS, drawn)
    db = str(tmp_path / "quiz.db")
    assert await run_cli("results", "class-game", "friendly", "--db", db) == 0
    captured = capsys.readouterr()
    assert "game friendly-game" in captured.err and "--friendly-names" in captured.err
    header, *rows = captured.out.splitlines()
    assert header.count("Class quiz") == 1
    assert not any(name in captured.out for name in drawn)
    assert len(rows) == 4  # Ada, Bo, =cmd, Dee
