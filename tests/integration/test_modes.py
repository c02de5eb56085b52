"""The game modes over the wire: the question intro and auto-close, with a real server."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path
from typing import Any

import attrs

from quizhost.bank.models import Round, ScoringMode
from quizhost.core import GameSettings
from quizhost.reports.data import build_report
from quizhost.results import answer_table, game_results, summary_table
from quizhost.server.settings import ServerSettings
from tests.integration.wire import (
    SHORT,
    Client,
    Running,
    answered,
    game_started,
    host,
    host_state_where,
    join,
    serving,
)

INTRO = GameSettings(read_ms=400)
AUTO = GameSettings(auto_close=True)


async def test_phones_get_ready_then_the_question_when_answers_open(tmp_path: Path) -> None:
    """get_ready (no choices) comes first; the v1 question frame follows after the read time,
    with the whole time limit left."""
    async with serving(SHORT, tmp_path / "q.db", rules=INTRO) as running:
        boss, [ada] = await game_started(running, "Ada")
        ready = await ada.expect("get_ready")
        assert ready["index"] == 0 and ready["total"] == 2 and ready["read_ms"] == 400
        assert ready["text"] == "Pick B" and "choices" not in ready
        intro = await host_state_where(boss, lambda f: f["state"] == "intro")
        assert 0 <= intro["question"]["opens_in_ms"] <= 400
        await ada.send(type="answer", question=0, choice=1)
        assert (await ada.expect("error"))["code"] == "no_question"
        loop = asyncio.get_running_loop()
        started = loop.time()
        question = await ada.expect("question")
        assert loop.time() - started <= 1.0
        assert question["remaining_ms"] == question["time_limit_ms"] == 5_000
        await answered(ada, 0, 1)


async def test_a_phone_that_reloads_during_the_intro_lands_on_get_ready(tmp_path: Path) -> None:
    """welcome then get_ready with what is left of the read time."""
    async with serving(SHORT, tmp_path / "q.db", rules=GameSettings(read_ms=5_000)) as running:
        ada, welcome = await join(running, "Ada")
        boss = await host(running)
        await boss.send(type="start")
        await ada.expect("get_ready")
        await ada.close()
        again, _ = await join(running, "Bob")
        assert (await again.expect("get_ready"))["read_ms"] <= 5_000
        _, back = await resume(running, welcome["token"])
        assert back["state"] == "intro"
        await boss.send(type="next")  # the host opens the answers now
        assert (await again.expect("question"))["index"] == 0


async def resume(running: Running, token: str) -> tuple[Client, dict[str, Any]]:
    """Come back with a token: welcome, then the intro's frame."""
    client = await Client.connect(running.url, "/ws/play")
    await client.send(type="resume", token=token)
    welcome = await client.expect("welcome")
    assert (await client.expect("get_ready"))["index"] == 0
    return client, welcome


async def test_the_last_answer_closes_the_question_ack_first(tmp_path: Path) -> None:
    """Auto-close: the reveal follows the last answer's ack, without the host."""
    async with serving(SHORT, tmp_path / "q.db", rules=AUTO) as running:
        _boss, [ada, bob] = await game_started(running, "Ada", "Bob")
        await ada.expect("question")
        await bob.expect("question")
        await answered(ada, 0, 1)
        await answered(bob, 0, 0)  # before the reveal it caused
        assert (await bob.expect("reveal"))["you"]["correct"] is False
        assert (await ada.expect("reveal"))["you"]["correct"] is True


async def test_a_phone_that_goes_away_no_longer_holds_the_question(tmp_path: Path) -> None:
    """Ada answered; Bob's connection closes: the question closes for Ada."""
    async with serving(SHORT, tmp_path / "q.db", rules=AUTO) as running:
        _boss, [ada, bob] = await game_started(running, "Ada", "Bob")
        await ada.expect("question")
        await answered(ada, 0, 1)
        await bob.close()
        assert (await ada.expect("reveal"))["index"] == 0


async def test_a_phone_silenced_by_the_heartbeat_no_longer_holds_the_question(
    tmp_path: Path,
) -> None:
    """Bob pinged, then fell silent with his socket still open: once the heartbeat marks him
    disconnected (1 s here), Ada's answer is all the question waits for, long before its 5 s."""
    quick = ServerSettings(heartbeat_timeout_s=1.0)
    async with serving(SHORT, tmp_path / "q.db", rules=AUTO, settings=quick) as running:
        boss, [ada, bob] = await game_started(running, "Ada", "Bob")
        await ada.expect("question")
        await bob.expect("question")
        await bob.send(type="ping")
        await bob.expect("pong")
        asked = time.monotonic()
        await answered(ada, 0, 1)
        assert (await ada.expect("reveal", timeout=4))["index"] == 0
        assert time.monotonic() - asked < 4, "the question waited for its time limit"
        gone = await host_state_where(boss, lambda f: f["state"] == "reveal")
        assert [p["connected"] for p in gone["players"] if p["name"] == "Bob"] == [False]


async def test_without_auto_close_everyone_answering_closes_nothing(tmp_path: Path) -> None:
    """The rule of games stored before it: the question waits for its time or the host."""
    async with serving(SHORT, tmp_path / "q.db") as running:
        boss, [ada] = await game_started(running, "Ada")
        await ada.expect("question")
        await answered(ada, 0, 1)
        state = await host_state_where(boss, lambda f: f.get("answered") == 1)
        assert state["state"] == "question"


async def test_autoplay_runs_the_game_and_the_host_turns_it_off(tmp_path: Path) -> None:
    """reveal -> leaderboard -> next question by themselves; {"type":"autoplay","seconds":0}
    stops it, and host_state says so."""
    rules = GameSettings(auto_close=True, autoplay_ms=1_000)
    async with serving(SHORT, tmp_path / "q.db", rules=rules) as running:
        boss, [ada] = await game_started(running, "Ada")
        await ada.expect("question")
        await answered(ada, 0, 1)
        await ada.expect("reveal")
        state = await host_state_where(boss, lambda f: f["state"] == "reveal")
        assert state["autoplay_ms"] == 1_000 and 0 <= state["autoplay_next_ms"] <= 1_000
        await ada.expect("leaderboard", timeout=3)
        assert (await ada.expect("question", timeout=3))["index"] == 1
        await boss.send(type="autoplay", seconds=0)
        off = await host_state_where(boss, lambda f: f["autoplay_ms"] == 0)
        assert off["autoplay_next_ms"] is None
        await answered(ada, 1, 0)
        await ada.expect("reveal")
        await asyncio.sleep(1.5)
        state = await host_state_where(boss, lambda f: f["state"] == "reveal")
        assert state["state"] == "reveal"  # nothing moved on by itself
        await boss.send(type="autoplay", seconds=-1)
        assert (await boss.expect("error"))["code"] == "bad_message"


ROUNDS = attrs.evolve(
    SHORT,
    questions=(*SHORT.questions, SHORT.questions[0]),
    rounds=(Round(title="Warm-up", size=1), Round(title="Main", size=2)),
)


async def test_rounds_and_pacing_over_the_wire(tmp_path: Path) -> None:
    """A round frame before each round; with end_only pacing the leaderboard comes only at
    each round's end; host_state names the round."""
    rules = GameSettings(leaderboard_every=0)
    async with serving(ROUNDS, tmp_path / "q.db", rules=rules) as running:
        boss, [ada] = await game_started(running, "Ada")
        first = await ada.expect("round")
        assert first == {
            "type": "round",
            "index": 0,
            "total": 2,
            "title": "Warm-up",
            "questions": 1,
        }
        state = await host_state_where(boss, lambda f: f["state"] == "round")
        assert state["round"]["title"] == "Warm-up"
        seen: list[str] = []
        for _ in range(12):
            await boss.send(type="skip" if seen and seen[-1] == "question" else "next")
            frame = await ada.recv()
            while frame["type"] in ("lobby", "host_state"):
                frame = await ada.recv()
            seen.append(frame["type"])
            if frame["type"] == "podium":
                break
        assert seen == [
            "question", "reveal", "leaderboard",  # the end of the warm-up
            "round", "question", "reveal", "question", "reveal", "leaderboard", "podium",
        ]  # fmt: skip


async def test_accuracy_and_negative_marking_over_the_wire(tmp_path: Path) -> None:
    """The question says scoring and wrong; the reveal gives -250 and a total of 0."""
    question = attrs.evolve(SHORT.questions[0], scoring=ScoringMode.ACCURACY, wrong_points=-250)
    the_bank = attrs.evolve(SHORT, questions=(question,))
    async with serving(the_bank, tmp_path / "q.db") as running:
        boss, [ada, bob] = await game_started(running, "Ada", "Bob")
        shown = await ada.expect("question")
        assert (shown["scoring"], shown["wrong"]) == ("accuracy", -250)
        await bob.expect("question")
        await asyncio.sleep(0.3)
        await answered(ada, 0, 1)
        await answered(bob, 0, 0)
        await boss.send(type="skip")
        assert (await ada.expect("reveal"))["you"]["points"] == 1000  # no time factor
        you = (await bob.expect("reveal"))["you"]
        assert (you["points"], you["score"]) == (-250, 0)


async def test_a_team_game_over_the_wire(tmp_path: Path) -> None:
    """Ada picks Blue; a v1 join (no team) goes to Red; reveal, leaderboard and host_state
    carry the teams; the team gains the mean."""
    async with serving(
        SHORT, tmp_path / "q.db", rules=GameSettings(teams=("Red", "Blue"))
    ) as running:
        ada = await Client.connect(running.url, "/ws/play")
        await ada.send(type="join", pin=running.pin, name="Ada", team="Blue")
        assert (await ada.expect("welcome"))["team"] == "Blue"
        bob, bob_welcome = await join(running, "Bob")
        cy, cy_welcome = await join(running, "Cy")
        assert (bob_welcome["team"], cy_welcome["team"]) == ("Red", "Red")
        boss = await host(running)
        state = await host_state_where(boss, lambda f: len(f["players"]) == 3)
        assert {p["name"]: p["team"] for p in state["players"]} == {
            "Ada": "Blue",
            "Bob": "Red",
            "Cy": "Red",
        }
        await boss.send(type="start")
        for client in (ada, bob, cy):
            await client.expect("question")
        await ada.send(type="answer", question=0, choice=1)
        await bob.send(type="answer", question=0, choice=1)
        await cy.send(type="answer", question=0, choice=0)
        for client in (ada, bob, cy):
            await client.expect("answer_ack")
        await boss.send(type="skip")
        reveal = await ada.expect("reveal")
        blue, red = reveal["teams"]
        assert (blue["name"], red["name"]) == ("Blue", "Red")
        assert blue["gained"] == reveal["you"]["points"]
        bob_points = (await bob.expect("reveal"))["you"]["points"]
        cy_points = (await cy.expect("reveal"))["you"]["points"]
        assert cy_points == 0 and red["gained"] == (bob_points + 1) // 2  # the mean, half up
        await boss.send(type="next")
        board = await ada.expect("leaderboard")
        assert [t["name"] for t in board["teams"]] == ["Blue", "Red"]
        state = await host_state_where(boss, lambda f: f["state"] == "leaderboard")
        assert [t["rank"] for t in state["teams"]] == [1, 2]


async def test_a_join_naming_an_unknown_team_is_refused(tmp_path: Path) -> None:
    """bad_message, and the phone may join again."""
    async with serving(
        SHORT, tmp_path / "q.db", rules=GameSettings(teams=("Red", "Blue"))
    ) as running:
        client = await Client.connect(running.url, "/ws/play")
        await client.send(type="join", pin=running.pin, name="Ada", team="Green")
        assert (await client.expect("error"))["code"] == "bad_message"
        await client.send(type="join", pin=running.pin, name="Ada", team="Red")
        assert (await client.expect("welcome"))["team"] == "Red"


async def test_results_and_csv_carry_the_team(tmp_path: Path) -> None:
    """A team game's summary and answers tables get a team column; others stay as before."""
    async with serving(
        SHORT, tmp_path / "q.db", rules=GameSettings(teams=("Red", "Blue"))
    ) as running:
        ada = await Client.connect(running.url, "/ws/play")
        await ada.send(type="join", pin=running.pin, name="Ada", team="Blue")
        await ada.expect("welcome")
        boss = await host(running)
        await boss.send(type="start")
        await ada.expect("question")
        await answered(ada, 0, 1)
        await boss.send(type="skip")
        await ada.expect("reveal")
        results = await game_results(running.store, running.session.game_id)
    summary = summary_table(results)
    assert summary[0][:3] == ["rank", "nickname", "team"] and summary[1][:3] == ["1", "Ada", "Blue"]
    answers = answer_table(results)
    assert answers[0][:2] == ["nickname", "team"] and answers[1][:2] == ["Ada", "Blue"]
    # The report's team table is the game's own count (Red has no one, yet is listed).
    report = build_report(results)
    assert [(t.name, t.players, t.score) for t in report.teams] == [
        (t.name, t.members, t.score) for t in results.teams
    ]
    assert [t.name for t in report.teams] == ["Blue", "Red"] and report.teams[0].score > 0
