"""Where players join: always one key away, and the first screen of a resumed game."""

from __future__ import annotations

from pathlib import Path

from quizhost.core import Phase
from quizhost.server.runner import ServeOptions
from quizhost.tui.app import QuizConsole
from quizhost.tui.screens.game import GameScreen
from quizhost.tui.screens.join import JoinScreen
from quizhost.tui.widgets.qr import QrCode
from tests.tui.console import (
    BANK,
    PIN,
    adapter_of,
    fixed_console,
    join,
    ready,
    screen_text,
    shown,
    until,
)


async def test_j_shows_where_players_join_during_the_game(tmp_path: Path) -> None:
    """Mid-question, j shows the address, the PIN and the QR code; escape goes back."""
    app = fixed_console(tmp_path / "q.db")
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        await join(app, "Ada")
        await pilot.press("s")
        await shown(pilot, Phase.QUESTION)
        await pilot.press("j")
        await until(pilot, lambda: isinstance(app.screen, JoinScreen), "the join screen")
        await pilot.pause()
        text = screen_text(app)
        assert "http://192.168.1.20:8000/?pin=482913" in text
        assert "Game PIN" in text
        assert app.screen.query_one(QrCode).url == adapter_of(app).view().join_url
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, GameScreen), "the game")
        assert "What is the capital of Australia?" in screen_text(app)


async def test_a_resumed_game_opens_on_where_players_join(tmp_path: Path) -> None:
    """`quizhost run --resume` after a quit mid-question: the first screen is the join
    screen (the address may have changed: phones that lost the page need it)."""
    db = tmp_path / "quiz.db"
    first = QuizConsole.from_options(ServeOptions(bank=BANK, host="127.0.0.1", port=0, db=db))
    async with first.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        await join(first, "Ada")
        await pilot.press("s")
        await shown(pilot, Phase.QUESTION)
        await pilot.press("ctrl+q")
        await pilot.pause(0.2)
        await pilot.press("y")
        await until(pilot, lambda: adapter_of(first).stopped, "the first server to stop")

    options = ServeOptions(bank=None, host="127.0.0.1", port=0, db=db, resume=True)
    app = QuizConsole.from_options(options)
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, JoinScreen), "the join screen")
        await pilot.pause()
        view = adapter_of(app).view()
        assert view.state is Phase.QUESTION
        text = screen_text(app)
        assert view.join_url in text and "Resumed the game" in text
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, GameScreen), "the game")


async def test_a_new_game_opens_on_the_lobby_with_the_address_pin_and_code(
    tmp_path: Path,
) -> None:
    app = fixed_console(tmp_path / "q.db")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await ready(pilot)
        await pilot.pause()
        text = screen_text(app)
        assert "http://192.168.1.20:8000/?pin=482913" in text and "Game PIN" in text
        assert screen.query_one(QrCode).lines  # the code is drawn
        assert adapter_of(app).view().pin == PIN


async def test_a_questions_keys_fit_the_footer_at_80x24(tmp_path: Path) -> None:
    """j joins the keys of a question; none is cut off at 80 columns (t stays in the lobby's
    hint, not in the footer)."""
    app = fixed_console(tmp_path / "q.db")
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        assert "t switches light and dark" in screen_text(app)
        await join(app, "Ada")
        await pilot.press("s")
        await shown(pilot, Phase.QUESTION)
        footer = screen_text(app).splitlines()[-1].rstrip()
        assert "j Join" in footer and footer.endswith("^q Quit"), footer
        await pilot.press("t")
        await until(pilot, lambda: app.theme == "quizhost-light", "the light theme")
