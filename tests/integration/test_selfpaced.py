"""Self-paced assignments over the wire: a real server, real websocket clients, real SQLite."""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from attrs import define
from websockets.exceptions import ConnectionClosed

from quizhost.bank.models import Bank
from quizhost.core import GameSettings
from quizhost.core.assignment import Step
from quizhost.results import answer_table, game_results, write_csv
from quizhost.server.app import QuizServer
from quizhost.session import SessionConfig
from quizhost.session.config import wall_clock_ms
from quizhost.session.names import NamePolicy
from quizhost.session.progress import ProgressBuilder
from quizhost.session.selfpaced import SelfPacedSession
from quizhost.store import Store
from tests.integration.wire import HOST_TOKEN, SHORT, Client


@define
class Assigned:
    server: QuizServer
    session: SelfPacedSession
    store: Store

    @property
    def url(self) -> str:
        return f"ws://127.0.0.1:{self.server.port}"

    @property
    def pin(self) -> str:
        return self.session.pin


class Clock:
    """The wall clock, plus a shift a test can add (to play an outage without waiting)."""

    def __init__(self) -> None:
        self.shift = 0

    def __call__(self) -> int:
        return wall_clock_ms() + self.shift


async def serve(session: SelfPacedSession, store: Store, port: int = 0) -> Assigned:
    server = QuizServer(session, host_token=HOST_TOKEN)
    await server.start("127.0.0.1", port)
    return Assigned(server, session, store)


async def start(
    db: Path,
    bank: Bank = SHORT,
    clock: Clock | None = None,
    busy_timeout_ms: int = 5000,
    **rules: Any,
) -> Assigned:
    store = await Store.open(db, busy_timeout_ms=busy_timeout_ms)
    config = SessionConfig(join_url="http://127.0.0.1/?pin={pin}")
    session = await SelfPacedSession.create(
        bank, store, config, settings=GameSettings(**rules), clock=clock or wall_clock_ms
    )
    return await serve(session, store)


async def stop(running: Assigned) -> None:
    await running.server.stop()
    await running.session.close()
    await running.store.close()


@pytest.fixture
async def assigned(tmp_path: Path) -> AsyncIterator[Assigned]:
    running = await start(tmp_path / "q.db")
    try:
        yield running
    finally:
        await asyncio.wait_for(stop(running), 10)


async def join(running: Assigned, name: str) -> tuple[Client, dict[str, Any]]:
    client = await Client.connect(running.url, "/ws/play")
    await client.send(type="join", pin=running.session.pin, name=name)
    welcome = await client.expect("welcome")
    return client, welcome


async def test_a_student_works_through_the_assignment_at_their_own_pace(
    assigned: Assigned,
) -> None:
    """Start, answer, see the result, next, answer, finish with their own podium."""
    ada, welcome = await join(assigned, "Ada")
    assert welcome["self_paced"] is True and welcome["state"] == "lobby"
    await ada.expect("lobby")
    await ada.send(type="next", after=-1)
    first = await ada.expect("question")
    assert (first["index"], first["text"], first["remaining_ms"]) == (0, "Pick B", 5_000)
    await ada.send(type="answer", question=0, choice=1)
    assert await ada.expect("answer_ack") == {"type": "answer_ack", "question": 0}
    reveal = await ada.expect("reveal")
    assert reveal["correct"] == 1 and reveal["last"] is False
    assert reveal["you"]["correct"] is True and reveal["you"]["points"] > 900
    assert reveal["you"]["rank"] == 1 and 4_000 < reveal["next_ms"] <= 5_000
    await ada.send(type="next", after=0)
    await ada.send(type="next", after=0)  # a double tap: refused, nothing skipped
    second = await ada.expect("question")
    assert second["index"] == 1
    error = await ada.expect("error")
    assert error["code"] == "bad_state"
    await ada.send(type="answer", question=1, choice=1)
    await ada.expect("answer_ack")
    assert (await ada.expect("reveal"))["last"] is True
    await ada.send(type="next", after=1)
    podium = await ada.expect("podium")
    assert podium["you"]["right"] == 1 and podium["you"]["total"] == 2
    assert podium["top"][0]["name"] == "Ada"
    await ada.close()


async def test_each_answer_is_on_disk_before_its_ack(assigned: Assigned) -> None:
    """When answer_ack arrives, the journal and the answers table hold the answer."""
    ada, _ = await join(assigned, "Ada")
    await ada.send(type="next", after=-1)
    await ada.expect("question")
    await ada.send(type="answer", question=0, choice=0)
    await ada.expect("answer_ack")
    kinds = [c.kind for c in await assigned.store.commands(assigned.session.game_id)]
    assert kinds == ["Join", "Advance", "SubmitAnswer"]
    [row] = await assigned.store.answers(assigned.session.game_id)
    assert (row.question_idx, row.correct, row.points) == (0, False, 0)
    await ada.close()


async def test_an_answer_the_database_refused_stays_and_is_stored_with_the_next_save(
    tmp_path: Path,
) -> None:
    """Another program holds the write lock: the answer is not acked (the reveal comes
    without one), the run goes on, and the answer is on disk once the next save got through."""
    running = await start(tmp_path / "q.db", busy_timeout_ms=200)
    try:
        ada, _ = await join(running, "Ada")
        await ada.send(type="next", after=-1)
        await ada.expect("question")
        other = sqlite3.connect(tmp_path / "q.db", isolation_level=None)
        other.execute("BEGIN IMMEDIATE")
        await ada.send(type="answer", question=0, choice=1)
        reveal = await ada.expect("reveal")  # and no answer_ack before it
        assert reveal["you"]["correct"] is True
        assert "Saving to the database failed" in str(running.session.warning)
        other.rollback()
        other.close()
        await ada.send(type="next", after=0)
        assert (await ada.expect("question"))["index"] == 1
        [row] = await running.store.answers(running.session.game_id)
        assert (row.question_idx, row.correct) == (0, True)
        assert running.session.warning is None
        await ada.close()
    finally:
        await asyncio.wait_for(stop(running), 10)


async def test_the_next_question_comes_by_itself_after_the_result(tmp_path: Path) -> None:
    """auto_next_ms after the reveal the next question arrives without a tap."""
    running = await start(tmp_path / "q.db", auto_next_ms=300)
    try:
        bob, _ = await join(running, "Bob")
        await bob.send(type="next", after=-1)
        await bob.expect("question")
        await bob.send(type="answer", question=0, choice=1)
        await bob.expect("answer_ack")
        reveal = await bob.expect("reveal")
        assert 0 < reveal["next_ms"] <= 300
        assert (await bob.expect("question", timeout=3))["index"] == 1
        await bob.close()
    finally:
        await stop(running)


async def test_a_student_who_comes_back_continues_where_they_left_off(
    assigned: Assigned,
) -> None:
    """Closing the page mid-question and resuming gives the same question, less time."""
    ada, welcome = await join(assigned, "Ada")
    await ada.send(type="next", after=-1)
    await ada.expect("question")
    await ada.close()
    await asyncio.sleep(0.3)
    again = await Client.connect(assigned.url, "/ws/play")
    await again.send(type="resume", token=welcome["token"])
    back = await again.expect("welcome")
    assert back["state"] == "question"
    question = await again.expect("question")
    assert question["index"] == 0 and question["remaining_ms"] < 5_000
    await again.close()


async def test_a_question_that_ran_out_while_away_counts_as_unanswered(tmp_path: Path) -> None:
    """Back after the deadline: the result of a missed question, and it is journaled."""
    clock = Clock()
    running = await start(tmp_path / "q.db", clock=clock)
    try:
        ada, welcome = await join(running, "Ada")
        await ada.send(type="next", after=-1)
        await ada.expect("question")
        await ada.close()
        clock.shift = 60_000
        again = await Client.connect(running.url, "/ws/play")
        await again.send(type="resume", token=welcome["token"])
        assert (await again.expect("welcome"))["state"] == "reveal"
        reveal = await again.expect("reveal")
        assert reveal["you"]["answered"] is False and reveal["correct"] == 1
        kinds = [c.kind for c in await running.store.commands(running.session.game_id)]
        assert kinds[-1] == "TimeUp"
        await again.close()
    finally:
        await stop(running)


async def test_resume_brings_every_student_back_and_the_outage_does_not_count(
    tmp_path: Path,
) -> None:
    """A crash mid-question, back a minute later: places kept, the clock moved on by it."""
    clock = Clock()
    running = await start(tmp_path / "q.db", clock=clock)
    ada, ada_welcome = await join(running, "Ada")
    bob, _ = await join(running, "Bob")
    await ada.send(type="next", after=-1)
    await ada.expect("question")
    await ada.send(type="answer", question=0, choice=1)
    await ada.expect("answer_ack")
    await ada.expect("reveal")
    await ada.send(type="next", after=0)
    await ada.expect("question")
    await ada.close()
    await bob.close()
    game_id = running.session.game_id
    port = running.server.port
    await stop(running)

    clock.shift = 60_000  # the server was down a minute
    store = await Store.open(tmp_path / "q.db")
    record = await store.game(game_id)
    assert record is not None
    session = await SelfPacedSession.restore(
        store, record, SessionConfig(join_url="http://x/?pin={pin}"), clock=clock
    )
    running = await serve(session, store, port)
    try:
        runs = session.assignment.runs
        assert [r.step for r in runs.values()] == [Step.QUESTION, Step.READY]
        assert [r.player.score for r in runs.values()][1] == 0
        again = await Client.connect(running.url, "/ws/play")
        await again.send(type="resume", token=ada_welcome["token"])
        await again.expect("welcome")
        question = await again.expect("question")
        assert question["index"] == 1 and question["remaining_ms"] > 4_000
        kinds = [c.kind for c in await store.commands(game_id)]
        assert kinds[-1] == "ServerBack"
        await again.close()
    finally:
        await stop(running)


async def test_next_in_a_live_game_is_refused(short_game: Any) -> None:
    """The host moves a live game on: a player's `next` gets bad_state."""
    client = await Client.connect(short_game.url, "/ws/play")
    await client.send(type="join", pin=short_game.pin, name="Eve")
    await client.expect("welcome")
    await client.send(type="next", after=-1)
    assert (await client.expect("error"))["code"] == "bad_state"
    await client.close()


async def test_the_teacher_gets_a_coalesced_view_of_the_class(assigned: Assigned) -> None:
    """Progress views arrive as students work, with the grid marks and the hardest question."""
    views: list[Any] = []
    unsubscribe = assigned.session.subscribe(views.append)
    ada, _ = await join(assigned, "Ada")
    await ada.send(type="next", after=-1)
    await ada.expect("question")
    await ada.send(type="answer", question=0, choice=0)
    await ada.expect("answer_ack")
    await ada.expect("reveal")
    await asyncio.sleep(0.7)
    latest = views[-1]
    [row] = latest.students
    assert (row.name, row.done, row.right, bytes(row.marks)) == ("Ada", 1, 0, bytes([2, 0]))
    assert latest.hardest(1)[0].text == "Pick B"
    assert len(views) <= 4  # coalesced: not one per event
    unsubscribe()
    await ada.close()


async def test_results_and_csv_of_an_assignment_come_from_its_journal(
    assigned: Assigned, tmp_path: Path
) -> None:
    """Ada finishes (1 right of 2), Bob answers one wrong: ranks, per question, CSV rows."""
    ada, _ = await join(assigned, "Ada")
    bob, _ = await join(assigned, "Bob")
    for question, choice in ((0, 1), (1, 1)):
        await ada.send(type="next", after=question - 1)
        await ada.expect("question")
        await ada.send(type="answer", question=question, choice=choice)
        await ada.expect("answer_ack")
        await ada.expect("reveal")
    await bob.send(type="next", after=-1)
    await bob.expect("question")
    await bob.send(type="answer", question=0, choice=0)
    await bob.expect("answer_ack")
    results = await game_results(assigned.store, assigned.session.game_id)
    assert [(p.rank, p.name, p.correct, p.answered) for p in results.players] == [
        (1, "Ada", 1, 2),
        (2, "Bob", 0, 1),
    ]
    assert [(q.index, q.answered, q.correct) for q in results.questions] == [(0, 2, 1), (1, 1, 0)]
    assert results.hardest_question is not None and results.hardest_question.text == "Pick A"
    path = tmp_path / "out.csv"
    write_csv(answer_table(results), path)
    lines = path.read_text(encoding="utf-8-sig").splitlines()
    # nickname, kicked, question, its text, answer, right answer, verdict, points
    assert lines[1].startswith("Ada,no,1,Pick B,B,B,yes,")
    assert lines[3].startswith("Bob,no,1,Pick B,A,B,no,0,")
    assert len(lines) == 4
    await ada.close()
    await bob.close()


@pytest.mark.parametrize("friendly", [True, False])
async def test_friendly_names_and_the_blocklist_apply_to_students(
    tmp_path: Path, friendly: bool
) -> None:
    """--friendly-names names the student; a blocked word is refused as in a live game."""
    store = await Store.open(tmp_path / "q.db")
    policy = NamePolicy(friendly=True) if friendly else NamePolicy(["rude"])
    config = SessionConfig(join_url="http://127.0.0.1/?pin={pin}", names=policy)
    running = await serve(await SelfPacedSession.create(SHORT, store, config), store)
    try:
        client = await Client.connect(running.url, "/ws/play")
        await client.send(type="join", pin=running.pin, name="rudeboy")
        if friendly:
            name = (await client.expect("welcome"))["name"]
            assert name != "rudeboy" and " " in name
        else:
            assert (await client.expect("error"))["code"] == "name_invalid"
        await client.close()
    finally:
        await stop(running)


@pytest.mark.slow
async def test_the_assignment_ends_by_itself_after_until_once_open_questions_are_over(
    tmp_path: Path,
) -> None:
    """until in 1 s: a question opened before it runs its 5 s, then everyone gets `ended`."""
    running = await start(tmp_path / "q.db", until_ms=wall_clock_ms() + 1_000)
    try:
        ada, _ = await join(running, "Ada")
        await ada.send(type="next", after=-1)
        await ada.expect("question")
        await asyncio.sleep(1.2)
        late = await Client.connect(running.url, "/ws/play")
        await late.send(type="join", pin=running.pin, name="Bob")
        assert (await late.expect("error"))["code"] == "game_locked"
        assert running.session.in_progress  # Ada is still on her question
        await ada.send(type="answer", question=0, choice=1)
        await ada.expect("answer_ack")
        await ada.expect("reveal")
        await ada.send(type="next", after=0)
        assert (await ada.expect("podium"))["you"]["right"] == 1  # no new question after until
        await ada.expect("ended", timeout=6)
        assert not in_progress(running.session)
        await ada.close()
        await late.close()
    finally:
        await stop(running)


async def test_incremental_progress_views_match_a_view_built_from_scratch(
    assigned: Assigned,
) -> None:
    """Rows rebuilt only for students who changed give the same view as rebuilding all."""
    session = assigned.session
    session.progress()  # every row built once; from here on only changed ones are
    ada, _ = await join(assigned, "Ada")
    bob, _ = await join(assigned, "Bob")
    await ada.send(type="next", after=-1)
    await ada.expect("question")
    await ada.send(type="answer", question=0, choice=1)
    await ada.expect("answer_ack")
    await bob.close()
    await asyncio.sleep(0.2)
    fresh = ProgressBuilder(session.assignment).build(
        pin=session.pin, join_url="", now_ms=0, warning=None
    )
    assert session.progress().students == fresh.students
    assert [row.connected for row in fresh.students] == [True, False]
    await ada.close()


async def test_an_assignment_has_no_big_screen_but_answers_the_heartbeat(
    assigned: Assigned,
) -> None:
    """/ws/screen is closed (each student is on their own question); the page's ping gets its
    pong; a team the page sends with the join is ignored: an assignment has no teams."""
    screen = await Client.connect(assigned.url, "/ws/screen")
    with pytest.raises(ConnectionClosed) as closed:
        await screen.recv()
    assert closed.value.rcvd is not None and closed.value.rcvd.code == 1008
    student = await Client.connect(assigned.url, "/ws/play")
    await student.send(type="join", pin=assigned.pin, name="Ada", team="Red")
    welcome = await student.expect("welcome")
    assert welcome["self_paced"] is True and "team" not in welcome
    await student.send(type="ping")
    await student.expect("pong")
    await student.send(type="next", after=-1)
    assert (await student.expect("question"))["index"] == 0
    await student.close()


def in_progress(session: SelfPacedSession) -> bool:
    """Read through a call: mypy keeps an earlier check's narrowing of the attribute."""
    return session.in_progress
