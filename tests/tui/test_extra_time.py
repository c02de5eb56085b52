"""Extra time from the console: m picks a player, then +25/+50/+100 % or none; the list marks
them, and once the class's time is up the question says whom it still waits for."""

from __future__ import annotations

import asyncio
from pathlib import Path

from quizhost.core import Phase
from quizhost.server.runner import ServeOptions
from quizhost.tui.app import QuizConsole
from quizhost.tui.screens.extra_time import ExtraTimeDialog
from quizhost.tui.screens.pick_player import PickPlayerDialog
from quizhost.tui.widgets.players import PlayerList
from tests.tui.console import adapter_of, join, next_of, ready, screen_text, shown, until

# The shortest question a bank allows (5 s), so the class's time runs out within the test.
BANK = """\
title: Extra time
defaults:
  time: 5
  shuffle_questions: false
  shuffle_choices: false
  read_time: 0
questions:
  - question: Pick B
    choices:
      - A
      - correct: B
"""


def console(tmp_path: Path) -> QuizConsole:
    bank = tmp_path / "extra.yaml"
    bank.write_text(BANK, encoding="utf-8")
    options = ServeOptions(
        bank=bank, host="127.0.0.1", port=0, db=tmp_path / "quiz.db", auto_close=False
    )
    return QuizConsole.from_options(options)


async def test_mark_a_player_for_extra_time_and_wait_for_them(tmp_path: Path) -> None:
    """m, Bob, 3 (+100 %): the teacher's pick list shows ⏱+100% while the lobby list (which
    may be projected) does not, Bob's phone gets 10 s, the console says it waits for one
    player after 5 s, and Bob's late answer is taken."""
    app = console(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await ready(pilot)
        adapter = adapter_of(app)
        ada = await join(app, "Ada")
        bob = await join(app, "Bob")
        players = screen.query_one(PlayerList)
        await until(pilot, lambda: players.option_count == 2, "2 players")
        await pilot.press("m")
        await until(pilot, lambda: isinstance(app.screen, PickPlayerDialog), "the player list")
        assert "More time for which player?" in screen_text(app)
        await pilot.press("down", "enter")
        await until(pilot, lambda: isinstance(app.screen, ExtraTimeDialog), "the choices")
        assert "Extra time for Bob on every question (now none)?" in screen_text(app)
        await pilot.press("3")
        await until(pilot, lambda: adapter.view().players[1].extra_percent == 100, "marked")
        assert [p.extra_percent for p in adapter.view().players] == [0, 100]
        await until(pilot, lambda: not isinstance(app.screen, ExtraTimeDialog), "closed")
        assert "Bob" in screen_text(app)
        assert "⏱" not in screen_text(app)
        await pilot.press("m")
        await until(pilot, lambda: "Bob  ⏱+100%" in screen_text(app), "Bob marked in the pick")
        await pilot.press("escape")
        await until(pilot, lambda: not isinstance(app.screen, PickPlayerDialog), "closed")

        await pilot.press("s")
        await shown(pilot, Phase.QUESTION)
        assert (await next_of(ada, "question"))["time_limit_ms"] == 5_000
        own = await next_of(bob, "question")
        assert (own["time_limit_ms"], own["extra_percent"]) == (10_000, 100)
        assert own["remaining_ms"] > 5_000

        loop = asyncio.get_running_loop()
        give_up = loop.time() + 9
        while "waiting for extra time: 1 player" not in screen_text(app):
            assert loop.time() < give_up, "the console never said it waits for someone"
            await pilot.pause(0.1)
        assert adapter.view().state is Phase.QUESTION
        await bob.send(type="answer", question=0, choice=1)
        await next_of(bob, "answer_ack")
        reveal = await next_of(bob, "reveal")
        assert reveal["you"]["correct"] is True
        assert 500 <= reveal["you"]["points"] < 750  # more than half of his 10 s had gone
        await shown(pilot, Phase.REVEAL)


async def test_taking_the_extra_time_off(tmp_path: Path) -> None:
    """0 in the choices takes the mark off; escape at either step changes nothing."""
    app = console(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await ready(pilot)
        adapter = adapter_of(app)
        await join(app, "Ada")
        await until(pilot, lambda: screen.query_one(PlayerList).option_count == 1, "Ada")
        await pilot.press("m", "enter")
        await until(pilot, lambda: isinstance(app.screen, ExtraTimeDialog), "the choices")
        await pilot.press("escape")
        await until(pilot, lambda: not isinstance(app.screen, ExtraTimeDialog), "cancelled")
        assert adapter.view().players[0].extra_percent == 0
        await pilot.press("m", "enter", "1")
        await until(pilot, lambda: adapter.view().players[0].extra_percent == 25, "+25 %")
        await pilot.press("m", "enter")
        await until(pilot, lambda: isinstance(app.screen, ExtraTimeDialog), "the choices")
        assert "(now +25 %)" in screen_text(app)
        await pilot.press("0")
        await until(pilot, lambda: adapter.view().players[0].extra_percent == 0, "none")
        await until(pilot, lambda: not isinstance(app.screen, ExtraTimeDialog), "closed")
        await pilot.press("m")
        await until(pilot, lambda: isinstance(app.screen, PickPlayerDialog), "the pick list")
        assert "Ada" in screen_text(app)
        assert "⏱" not in screen_text(app)
