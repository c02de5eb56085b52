"""A whole game driven from the console's keyboard, with real players on websockets."""

from __future__ import annotations

from pathlib import Path

import pytest
from websockets.exceptions import ConnectionClosed

from quizhost.core import Next, Phase
from quizhost.server.runner import ServeOptions
from quizhost.session import Session
from quizhost.tui.app import QuizConsole
from quizhost.tui.screens.confirm import ConfirmDialog
from quizhost.tui.screens.pick_player import PickPlayerDialog
from quizhost.tui.widgets.bars import AnswerBars
from quizhost.tui.widgets.countdown import Countdown
from quizhost.tui.widgets.players import PlayerList
from quizhost.tui.widgets.podium import Podium
from quizhost.tui.widgets.ranking import RankingTable
from quizhost.tui.widgets.topbar import SaveWarning
from tests.integration.wire import Client
from tests.tui.console import (
    BANK,
    adapter_of,
    answer,
    join,
    next_of,
    ready,
    screen_text,
    shown,
    until,
)

SIZES = [(80, 24), (120, 40)]


def console(tmp_path: Path) -> QuizConsole:
    """The console as `quizhost run` builds it, on loopback and a free port."""
    options = ServeOptions(
        bank=BANK, host="127.0.0.1", port=0, db=tmp_path / "quiz.db", auto_close=False
    )
    return QuizConsole.from_options(options)


async def closed_code(client: Client) -> int | None:
    with pytest.raises(ConnectionClosed):
        while True:
            await client.recv()
    return client.link.close_code


@pytest.mark.parametrize("size", SIZES)
async def test_a_whole_game_from_the_keyboard(tmp_path: Path, size: tuple[int, int]) -> None:
    """Join, start, answers counted, pause, +10 s, reveal, leaderboard, podium, end, quit."""
    app = console(tmp_path)
    async with app.run_test(size=size) as pilot:
        screen = await ready(pilot)
        adapter = adapter_of(app)
        ada = await join(app, "Ada")
        bob = await join(app, "Bob")
        await until(pilot, lambda: screen.query_one(PlayerList).option_count == 2, "2 players")
        assert "Ada" in screen_text(app) and "Bob" in screen_text(app)
        assert "2 players joined" in screen_text(app)

        await pilot.press("s")
        await shown(pilot, Phase.QUESTION)
        assert "What is the capital of Australia?" in screen_text(app)
        await answer(ada, 0, choice=1)  # Canberra: right
        await answer(bob, 0, choice=0)  # Sydney: wrong
        await until(pilot, lambda: "answered 2/2" in screen_text(app), "answered 2/2")
        # A projected console shows the count, not which answer is popular, until asked.
        assert not screen.query_one("#live-bars", AnswerBars).display
        await until(pilot, lambda: "Show bars" in screen_text(app), "the footer says show")
        assert "Hide bars" not in screen_text(app)
        await pilot.press("v")
        await until(pilot, lambda: "Hide bars" in screen_text(app), "the footer says hide")
        assert screen.query_one("#live-bars", AnswerBars).display
        assert screen.query_one("#live-bars", AnswerBars).counts == (1, 1, 0, 0)

        await pilot.press("p")
        await shown(pilot, Phase.PAUSED)
        assert "PAUSED" in screen_text(app)
        left = screen.query_one(Countdown).seconds_left
        await pilot.press("r")
        await shown(pilot, Phase.QUESTION)
        await pilot.press("a")
        await until(
            pilot,
            lambda: (screen.query_one(Countdown).seconds_left or 0) >= (left or 0) + 9,
            "10 more seconds",
        )

        await pilot.press("k")
        await shown(pilot, Phase.REVEAL)
        text = screen_text(app)
        assert "✓ Canberra" in text
        assert "1 of 2 answers correct" in text
        assert "Canberra was built as the capital" in text

        await pilot.press("n")
        await shown(pilot, Phase.LEADERBOARD)
        rows = screen.query_one("#leaderboard-table", RankingTable).rows
        assert [(r.rank, r.name) for r in rows] == [(1, "Ada"), (2, "Bob")]
        assert rows[0].gained > 0 and rows[1].gained == 0

        for question in (1, 2):  # the others: skipped without answers
            await pilot.press("n")
            await shown(pilot, Phase.QUESTION)
            info = adapter.view().question
            assert info is not None and info.question.index == question
            await pilot.press("k")
            await shown(pilot, Phase.REVEAL)
            await pilot.press("n")
            await shown(pilot, Phase.LEADERBOARD)
        await pilot.press("n")
        await shown(pilot, Phase.PODIUM)
        assert "Ada" in screen_text(app)
        assert [r.name for r in screen.query_one(Podium).rows] == ["Ada", "Bob"]

        await pilot.press("n")
        await shown(pilot, Phase.ENDED)
        await until(pilot, lambda: "Hardest question" in screen_text(app), "the summary")
        assert "2 players" in screen_text(app)
        assert "average score" in screen_text(app)

        await pilot.press("ctrl+q")  # the game is over: no question asked
        await until(pilot, lambda: adapter.stopped, "the server to stop")
    assert app.return_code == 0
    assert await closed_code(ada) == 1001
    assert await closed_code(bob) == 1001


async def test_kick_a_player_from_the_lobby(tmp_path: Path) -> None:
    """x asks which player first (a pick list; arrows move in it, not in a yes/no dialog),
    then asks to confirm; y kicks: gone from the list, their socket closed 4003."""
    app = console(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await ready(pilot)
        assert not screen.check_action("kick", ())  # nobody to kick yet
        await join(app, "Ada")
        bob = await join(app, "Bob")
        players = screen.query_one(PlayerList)
        await until(pilot, lambda: players.option_count == 2, "2 players")
        await pilot.press("x")
        await until(pilot, lambda: isinstance(app.screen, PickPlayerDialog), "the player list")
        assert "Kick which player?" in screen_text(app)
        await pilot.press("down", "enter")
        await until(pilot, lambda: isinstance(app.screen, ConfirmDialog), "the confirm dialog")
        assert "Kick Bob?" in screen_text(app)
        await pilot.press("y")
        await until(pilot, lambda: players.option_count == 1, "Bob gone")
        assert [p.name for p in adapter_of(app).view().players] == ["Ada"]
        assert (await next_of(bob, "kicked"))["type"] == "kicked"
        assert await closed_code(bob) == 4003


async def test_enter_on_a_name_in_the_lobby_asks_to_kick_that_player(tmp_path: Path) -> None:
    """Moving to a name and pressing enter (or clicking it) is a choice: it asks at once."""
    app = console(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await ready(pilot)
        await join(app, "Ada")
        await join(app, "Bob")
        players = screen.query_one(PlayerList)
        await until(pilot, lambda: players.option_count == 2, "2 players")
        await pilot.press("down", "enter")
        await until(pilot, lambda: isinstance(app.screen, ConfirmDialog), "the confirm dialog")
        assert "Kick Bob?" in screen_text(app)
        await pilot.press("n")
        await until(pilot, lambda: not isinstance(app.screen, ConfirmDialog), "kept")
        assert adapter_of(app).view().player_count == 2


async def test_kick_a_player_mid_game(tmp_path: Path) -> None:
    """During a question x opens a list of players; enter picks, y kicks (closed 4003)."""
    app = console(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        await join(app, "Ada")
        bob = await join(app, "Bob")
        await until(pilot, lambda: adapter_of(app).view().player_count == 2, "2 players")
        await pilot.press("s")
        await shown(pilot, Phase.QUESTION)
        await pilot.press("x")
        await until(pilot, lambda: isinstance(app.screen, PickPlayerDialog), "the player list")
        await pilot.press("escape")  # changing one's mind is fine
        await until(pilot, lambda: not isinstance(app.screen, PickPlayerDialog), "closed")
        await pilot.press("x")
        await until(pilot, lambda: isinstance(app.screen, PickPlayerDialog), "the player list")
        await pilot.press("down", "enter")
        await until(pilot, lambda: isinstance(app.screen, ConfirmDialog), "the confirm dialog")
        assert "Kick Bob?" in screen_text(app)
        await pilot.press("y")
        await until(pilot, lambda: adapter_of(app).view().player_count == 1, "Bob gone")
        assert await closed_code(bob) == 4003


async def test_lock_and_unlock_the_lobby(tmp_path: Path) -> None:
    """l locks (a join is refused), u unlocks; the footer offers only the one that applies."""
    app = console(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await ready(pilot)
        assert screen.check_action("lock", ()) and not screen.check_action("unlock", ())
        await pilot.press("l")
        await until(pilot, lambda: screen.view is not None and screen.view.locked, "locked")
        assert "locked" in screen_text(app)
        assert not screen.check_action("lock", ()) and screen.check_action("unlock", ())
        client = await Client.connect(f"ws://127.0.0.1:{adapter_of(app).port}", "/ws/play")
        await client.send(type="join", pin=adapter_of(app).view().pin, name="Late")
        assert (await next_of(client, "error"))["code"] == "game_locked"
        await pilot.press("u")
        await until(pilot, lambda: screen.view is not None and not screen.view.locked, "open")


async def test_actions_follow_the_phase_table(tmp_path: Path) -> None:
    """In the lobby only lobby commands are offered; a refused command is a notification."""
    app = console(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await ready(pilot)
        offered = {a for a in ("start", "next", "skip", "pause", "resume", "add_time", "end")}
        assert {a for a in offered if screen.check_action(a, ())} == {"start", "end"}
        await pilot.press("n", "p", "k")  # not offered: nothing happens
        assert adapter_of(app).view().state is Phase.LOBBY
        assert not await screen.send(Next())  # the session refuses; the console says so
        await pilot.pause()
        assert [n.title for n in app._notifications] == ["Not now"]


async def test_end_and_quit_ask_first_mid_game(tmp_path: Path) -> None:
    """e and ctrl+q during a question ask; n keeps playing, y ends or quits cleanly."""
    app = console(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        adapter = adapter_of(app)
        player = await join(app, "Ada")
        await pilot.press("s")
        await shown(pilot, Phase.QUESTION)

        await pilot.press("e")
        await until(pilot, lambda: isinstance(app.screen, ConfirmDialog), "the end dialog")
        await pilot.press("n")
        await until(pilot, lambda: not isinstance(app.screen, ConfirmDialog), "dialog closed")
        assert adapter.view().state is Phase.QUESTION

        await pilot.press("ctrl+q")
        await until(pilot, lambda: isinstance(app.screen, ConfirmDialog), "the quit dialog")
        assert "Quit in the middle of the game?" in screen_text(app)
        await pilot.press("escape")
        await until(pilot, lambda: not isinstance(app.screen, ConfirmDialog), "dialog closed")
        assert not adapter.stopped

        await pilot.press("ctrl+q")
        await until(pilot, lambda: isinstance(app.screen, ConfirmDialog), "the quit dialog")
        await pilot.press("y")
        await until(pilot, lambda: adapter.stopped, "the server to stop")
    assert await closed_code(player) == 1001
    assert app.farewell is not None and "quizhost run --resume " in app.farewell


async def test_end_the_game_after_confirming(tmp_path: Path) -> None:
    app = console(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        await pilot.press("e")
        await until(pilot, lambda: isinstance(app.screen, ConfirmDialog), "the end dialog")
        await pilot.press("y")
        await shown(pilot, Phase.ENDED)
        assert "Game over" in screen_text(app)


async def test_a_taken_port_falls_back_and_says_so(tmp_path: Path) -> None:
    """`quizhost run` on a busy port uses a free one and the console tells the teacher."""
    import socket

    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        options = ServeOptions(bank=BANK, host="127.0.0.1", port=port, db=tmp_path / "q.db")
        app = QuizConsole.from_options(options)
        async with app.run_test(size=(80, 24)) as pilot:
            await ready(pilot)
            assert adapter_of(app).port != port
            await until(pilot, lambda: f"port {port} is in use" in screen_text(app), "the note")
            assert any(f"port {port} is in use" in n.message for n in app._notifications)


async def test_a_bad_bank_exits_with_its_message(tmp_path: Path) -> None:
    bank = tmp_path / "bad.yaml"
    bank.write_text("title: x\nquestions: []\n")
    options = ServeOptions(bank=bank, host="127.0.0.1", port=0, db=tmp_path / "q.db")
    app = QuizConsole.from_options(options)
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: app.error is not None, "the start error")
    assert app.return_code == 1
    assert app.error is not None and "bad.yaml" in app.error


async def test_a_saving_failure_is_shown_until_it_is_saved(tmp_path: Path) -> None:
    """The session's saving warning (tests/integration/test_store_faults.py makes a real one)
    appears under the top bar and goes once everything is stored."""
    app = console(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await ready(pilot)
        warning = screen.query_one(SaveWarning)
        assert not warning.display
        session = adapter_of(app)._served.session  # the real session behind the adapter
        assert isinstance(session, Session)
        session.warning = "Saving to the database failed (disk is full). The game goes on."
        session._mark_host_dirty()  # as the session does when a write fails
        await until(pilot, lambda: warning.display, "the warning")
        assert "disk is full" in screen_text(app)
        await pilot.press("s")  # a write that succeeds clears the warning
        await until(pilot, lambda: not warning.display, "the warning to go")
