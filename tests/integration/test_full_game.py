"""A whole game of every question kind, played over the wire by scripts alone."""

from __future__ import annotations

import asyncio
import sqlite3
from typing import Any

from tests.integration.wire import EVERY_KIND, Client, Running, host, host_state_where, join

ORDER_CORRECT = ("Mercury", "Venus", "Earth", "Mars")
SECRET_KEYS = {"correct", "accepted", "answer", "explanation", "key", "margin"}


def right_answer(question: dict[str, Any]) -> dict[str, Any]:
    """What player A sends: the correct answer for each question of EVERY_KIND."""
    kind, index = question["kind"], question["index"]
    if kind == "order":
        return {"order": [question["items"].index(item) for item in ORDER_CORRECT]}
    return [
        {"choice": 1},
        {"choices": [0, 1]},
        {"choice": 0},
        {"text": "  au "},
        {"value": 1969},
        None,
        {"choice": 0},
    ][index] or {}


def wrong_answer(question: dict[str, Any]) -> dict[str, Any]:
    """What player B sends: a wrong (but valid) answer to each question."""
    if question["kind"] == "order":
        return {"order": [0, 1, 2, 3]}  # never displayed in the correct order
    return [
        {"choice": 0},
        {"choices": [2]},
        {"choice": 1},
        {"text": "Ag"},
        {"value": 1950},
        None,
        {"choice": 1},
    ][question["index"]] or {}


def secret_keys(frame: Any) -> set[str]:
    """Every key anywhere in the frame that could carry correctness data."""
    found: set[str] = set()
    if isinstance(frame, dict):
        found |= SECRET_KEYS & frame.keys()
        for value in frame.values():
            found |= secret_keys(value)
    elif isinstance(frame, list):
        for value in frame:
            found |= secret_keys(value)
    return found


async def test_whole_game_of_every_kind(game: Running) -> None:
    """Three players play every kind to the podium; scores, ranks and frames are right."""
    ada, ada_welcome = await join(game, "Ada")
    bob, _ = await join(game, "Bob")
    cat, _ = await join(game, "Cat")
    players = (ada, bob, cat)
    assert ada_welcome["state"] == "lobby"
    assert ada_welcome["name"] == "Ada" and ada_welcome["token"]
    # The state frame that follows Ada's welcome, sent before Bob and Cat joined.
    assert (await ada.expect("lobby"))["players"] == 1

    boss = await host(game)
    state = await host_state_where(boss, lambda f: len(f["players"]) == 3)
    assert {p["name"] for p in state["players"]} == {"Ada", "Bob", "Cat"}
    assert state["pin"] == game.pin and state["state"] == "lobby"

    await boss.send(type="start")
    total = len(EVERY_KIND.questions)
    for index in range(total):
        questions = [await p.expect("question") for p in players]
        question = questions[0]
        assert all(q == {**question, "remaining_ms": q["remaining_ms"]} for q in questions)
        assert question["index"] == index and question["total"] == total
        assert 0 < question["remaining_ms"] <= question["time_limit_ms"]
        await ada.send(type="answer", question=index, **right_answer(question))
        await bob.send(type="answer", question=index, **wrong_answer(question))
        assert (await ada.expect("answer_ack"))["question"] == index
        assert (await bob.expect("answer_ack"))["question"] == index
        counted = await host_state_where(
            boss,
            lambda f, i=index: (
                f["state"] == "question" and f["question"]["index"] == i and f["answered"] == 2
            ),
        )
        if question["kind"] in ("choice", "true_false", "poll"):  # one count per chosen choice
            chosen = [right_answer(question), wrong_answer(question)]
            picks = sum(len(a.get("choices", [0])) for a in chosen)
            assert sum(counted["answer_counts"]) == picks

        await boss.send(type="skip")
        reveal_a, reveal_b, reveal_c = [await p.expect("reveal") for p in players]
        assert reveal_a["index"] == index
        assert reveal_a["question"] == {
            k: v for k, v in question.items() if k not in ("type", "remaining_ms")
        }
        poll = question["kind"] == "poll"
        assert reveal_a["you"]["answered"] and reveal_a["you"]["correct"] is not poll
        assert reveal_b["you"]["answered"] and not reveal_b["you"]["correct"]
        assert not reveal_c["you"]["answered"] and reveal_c["you"]["points"] == 0
        if not poll:
            assert reveal_a["you"]["points"] > 0
            assert reveal_a["you"]["rank"] == 1
        if question["kind"] != "order":  # order gives partial credit for items in place
            assert reveal_b["you"]["points"] == 0

        await boss.send(type="next")
        boards = [await p.expect("leaderboard") for p in players]
        assert boards[0]["top"][0]["name"] == "Ada"
        assert boards[0]["you"]["rank"] == 1
        await boss.send(type="next")

    podiums = [await p.expect("podium") for p in players]
    assert podiums[0]["top"][0]["name"] == "Ada" and podiums[0]["you"]["rank"] == 1
    assert podiums[0]["you"]["score"] == reveal_a["you"]["score"]
    await boss.send(type="next")
    for player in players:
        await player.expect("ended")

    for player in players:
        for frame in player.frames:
            if frame["type"] != "reveal":
                assert not secret_keys(frame), frame
    for client in (*players, boss):
        await client.close()


async def test_answer_is_stored_when_the_ack_arrives(game: Running) -> None:
    """The row is in the database (seen by another connection) as soon as the ack is read."""
    ada, welcome = await join(game, "Ada")
    boss = await host(game)
    await boss.send(type="start")
    await ada.expect("question")
    await ada.send(type="answer", question=0, choice=1)
    await ada.expect("answer_ack")
    with sqlite3.connect(game.db_path) as db:
        rows = db.execute(
            "SELECT player_id, answer_json, correct FROM answers WHERE question_idx = 0"
        ).fetchall()
    db.close()
    assert rows == [(welcome["player_id"], '{"choice":1}', 1)]
    await ada.close()
    await boss.close()


async def test_question_closes_by_its_own_timer(short_game: Running) -> None:
    """With nobody pressing skip, the reveal comes when the time limit runs out."""
    ada, _ = await join(short_game, "Ada")
    boss = await host(short_game)
    await boss.send(type="start")
    question = await ada.expect("question")
    loop = asyncio.get_running_loop()
    opened = loop.time()
    reveal = await ada.expect("reveal", timeout=question["remaining_ms"] / 1000 + 3)
    assert loop.time() - opened >= question["remaining_ms"] / 1000 - 0.2
    assert reveal["you"]["answered"] is False and reveal["correct"] == 1
    await ada.close()
    await boss.close()


async def test_rejoin_mid_question_keeps_the_answer(game: Running) -> None:
    """A dropped phone resumes with its token: same player, less time left, answer kept."""
    ada, welcome = await join(game, "Ada")
    boss = await host(game)
    await boss.send(type="start")
    first = await ada.expect("question")
    await ada.send(type="answer", question=0, choice=1)
    await ada.expect("answer_ack")
    await ada.close()
    await asyncio.sleep(0.05)

    again = await Client.connect(game.url, "/ws/play")
    await again.send(type="resume", token=welcome["token"])
    back = await again.expect("welcome")
    assert back["player_id"] == welcome["player_id"] and back["state"] == "question"
    question = await again.expect("question")
    assert question["index"] == 0 and question["remaining_ms"] < first["remaining_ms"]
    assert (await again.expect("answer_ack"))["question"] == 0
    await again.send(type="answer", question=0, choice=0)
    error = await again.expect("error")
    assert error["code"] == "already_answered"
    state = await host_state_where(
        boss, lambda f: f.get("answered") == 1 and f["players"][0]["connected"]
    )
    assert len(state["players"]) == 1 and state["state"] == "question"
    await again.close()
    await boss.close()
