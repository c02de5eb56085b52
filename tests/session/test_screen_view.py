"""The big screen's view: bounded whatever the number of players, and never a spoiler."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path
from typing import Any

from quizhost.bank.models import Bank, ChoiceQuestion, SliderQuestion, TypeAnswerQuestion
from quizhost.core import (
    ChoiceAnswer,
    Command,
    Game,
    Join,
    Kick,
    Next,
    Skip,
    Start,
    SubmitAnswer,
    TextAnswer,
    ValueAnswer,
)
from quizhost.protocol.screen import screen_fields, screen_state_frame
from quizhost.session import Session, SessionConfig
from quizhost.session.names import NamePolicy
from quizhost.session.screen import ScreenFeed
from tests.integration.wire import host, join, start_server, stop_server

BANK = Bank(
    title="Screen",
    questions=(
        ChoiceQuestion(
            text="Capital of Australia?",
            choices=("Sydney", "Canberra", "Melbourne"),
            correct=frozenset({1}),
        ),
        TypeAnswerQuestion(text="Chemical symbol of gold?", accepted=("Au", "Gold")),
        SliderQuestion(
            text="Apollo 11 landed in?", minimum=1950, maximum=2000, step=1, answer=1969, margin=2
        ),
    ),
)


class Table:
    """A game and its screen feed, fed the core's events as the session does."""

    def __init__(self, players: int, blocked: tuple[str, ...] = ()) -> None:
        self.game = Game(BANK, seed=1, max_players=players + 1)
        self.feed = ScreenFeed(
            self.game,
            BANK,
            names=NamePolicy(blocked),
            image_urls={},
            pin="123456",
            join_url="http://10.0.0.1:8000/?pin=123456",
        )
        self.now = 1_000
        for i in range(players):
            self.run(Join(player_id=f"p{i}", name=f"Player {i}"))

    def run(self, command: Command) -> None:
        self.now += 1
        self.feed.observe(self.game.handle(command, self.now))

    def frame(self) -> bytes:
        return screen_state_frame(self.feed.view(self.now))

    def state(self) -> dict[str, Any]:
        decoded: dict[str, Any] = json.loads(self.frame())
        return decoded

    def play_first_question(self) -> None:
        self.run(Start())
        for i, pid in enumerate(self.game.players):
            self.run(SubmitAnswer(player_id=pid, question=0, answer=ChoiceAnswer(choice=i % 3)))


def test_the_lobby_shows_the_count_and_only_the_last_names() -> None:
    """Twelve names at most, newest last, with the whole count beside them."""
    table = Table(30)
    state = table.state()
    assert state["state"] == "lobby"
    assert state["players"] == 30
    assert state["joined"] == [f"Player {i}" for i in range(18, 30)]
    assert state["pin"] == "123456"


def test_a_kicked_player_leaves_the_names_on_the_screen() -> None:
    """The projector must not keep showing a name the teacher just removed."""
    table = Table(3)
    table.run(Kick(player_id="p1"))
    assert table.state()["joined"] == ["Player 0", "Player 2"]


def test_an_open_question_shows_answered_n_of_m_but_never_the_distribution() -> None:
    """No counts, no correct answer while the question is open."""
    table = Table(9)
    table.play_first_question()
    state = table.state()
    assert state["state"] == "question"
    assert state["answered"] == 9 and state["players"] == 9
    assert state["question"]["choices"] == ["Sydney", "Canberra", "Melbourne"]
    assert "reveal" not in state
    assert "counts" not in json.dumps(state) and "correct" not in json.dumps(state)


def test_the_reveal_shows_the_distribution_and_the_right_answer() -> None:
    table = Table(9)
    table.play_first_question()
    table.run(Skip())
    reveal = table.state()["reveal"]
    assert reveal["counts"] == [3, 3, 3]
    assert reveal["correct"] == 1


def test_a_type_answer_reveal_shows_common_answers_without_blocked_words() -> None:
    """Accepted spellings; answers typed by two or more, minus the blocked word and singles."""
    table = Table(8, blocked=("rude",))
    table.play_first_question()
    table.run(Skip())
    table.run(Next())
    table.run(Next())
    typed = ["Au", "au ", "Ag", "ag", "ag", "RUDE", "rude", "Fe"]
    for pid, text in zip(table.game.players, typed, strict=True):
        table.run(SubmitAnswer(player_id=pid, question=1, answer=TextAnswer(text=text)))
    table.run(Skip())
    reveal = table.state()["reveal"]
    assert reveal["accepted"] == ["Au", "Gold"]
    assert reveal["typed"] == [{"text": "Ag", "players": 3}, {"text": "Au", "players": 2}]


def test_a_slider_reveal_shows_the_answer_its_margin_and_where_values_fell() -> None:
    table = Table(4)
    table.play_first_question()
    for command in (Skip(), Next(), Next(), Skip(), Next(), Next()):
        table.run(command)
    assert table.game.question is not None and table.game.question.index == 2
    for pid, value in zip(table.game.players, [1950, 1969, 1966, 2000], strict=True):
        table.run(SubmitAnswer(player_id=pid, question=2, answer=ValueAnswer(value=value)))
    table.run(Skip())
    slider = table.state()["reveal"]["slider"]
    assert slider["answer"] == 1969 and slider["margin"] == 2
    assert slider["buckets"] == [1, 0, 0, 2, 0, 0, 0, 0, 0, 1]


def test_the_leaderboard_shows_the_top_five_with_gains_and_moves() -> None:
    table = Table(9)
    table.play_first_question()
    table.run(Skip())
    table.run(Next())
    top = table.state()["top"]
    assert [row["rank"] for row in top] == [1, 2, 3, 4, 5]
    assert all(row["gained"] > 0 for row in top[:3])
    assert all(row["previous_rank"] is None for row in top)  # no ranking to move from yet
    table.run(Next())  # the second question, closed unanswered
    table.run(Skip())
    table.run(Next())
    top = table.state()["top"]
    assert all(row["previous_rank"] is not None for row in top)


def test_the_frame_does_not_grow_with_the_number_of_players() -> None:
    """10 players and 10,000: the same frames but for the digits of names and counts."""
    small, large = Table(10), Table(10_000)
    assert len(large.frame()) - len(small.frame()) < 80
    for table in (small, large):
        table.play_first_question()
    assert len(large.frame()) - len(small.frame()) < 20
    for table in (small, large):
        table.run(Skip())
        table.run(Next())
    assert len(large.frame()) - len(small.frame()) < 80
    assert len(large.frame()) < 1_000


async def test_a_resumed_game_shows_the_same_big_screen(tmp_path: Path) -> None:
    """After --resume the screen's typed answers and top five come back from the journal."""
    running = await start_server(BANK, tmp_path / "q.db")
    try:
        phones = [(await join(running, name))[0] for name in ("Ada", "Bo", "Cy")]
        boss = await host(running)
        await boss.send(type="start")
        for phone in phones:
            question = await phone.expect("question")
            await phone.send(type="answer", question=question["index"], choice=1)
            await phone.expect("answer_ack")
        for command in ("skip", "next", "next"):
            await boss.send(type=command)
            await asyncio.sleep(0.05)
        for phone in phones:
            while (await phone.recv())["type"] != "question":
                pass
            await phone.send(type="answer", question=1, text="Ag")
            await phone.expect("answer_ack")
        await boss.send(type="skip")
        await phones[0].expect("reveal")
        before = screen_fields(running.session.screen_view())
        record = await running.store.game(running.session.game_id)
        assert record is not None
        restored = await Session.restore(running.store, record, SessionConfig())
        after = screen_fields(restored.screen_view())
        await restored.close()
        assert before["reveal"]["typed"] == [{"text": "Ag", "players": 3}]
        assert after["reveal"] == before["reveal"]
        assert after["players"] == 3 and after["state"] == "reveal"
    finally:
        await stop_server(running)
