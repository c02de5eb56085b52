"""`quizhost run` picks up edits to the bank file while players wait in the lobby."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from textual.app import App
from textual.message import Message
from textual.notifications import Notification, Notify
from textual.widgets import Static

from quizhost.bank.snapshot import bank_from_json
from quizhost.core import Phase
from quizhost.session import Session, SessionConfig
from quizhost.store import Store
from quizhost.tui.widgets.topbar import TopBar
from tests.tui.console import (
    BANK,
    JOIN_URL,
    adapter_of,
    fixed_console,
    game_screen,
    join,
    ready,
    screen_text,
    shown,
    until,
)

EXTRA = """
  - question: Which planet is the largest?
    choices: [Mars, {correct: Jupiter}, Venus]
"""


def notes(app: App[Any]) -> str:
    """The lobby's notes, where a reload's outcome stays (lines joined by spaces)."""
    return str(game_screen(app).query_one("#notes", Static).content)


def bank_copy(tmp_path: Path) -> Path:
    path = tmp_path / "quiz.yaml"
    shutil.copy(BANK, path)
    return path


def edit(path: Path, old: str, new: str, extra: str = "") -> None:
    text = path.read_text("utf-8")
    assert old in text
    path.write_text(text.replace(old, new) + extra, "utf-8")


async def test_the_header_takes_the_new_title_without_waiting_for_a_view(
    tmp_path: Path,
) -> None:
    """The session's fresh view can reach the console before the reload's outcome does; the
    header must not keep the old title until some later view (an idle lobby sends none)."""
    app = fixed_console(tmp_path / "quiz.db", bank_copy(tmp_path))
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        await until(pilot, lambda: "Console test quiz  ·  Lobby" in screen_text(app), "a view")
        game_screen(app).query_one(TopBar).set_title("Edited quiz")
        await pilot.pause()
        assert " quizhost  Edited quiz  ·  Lobby  ·  0 players" in screen_text(app)


async def test_an_edit_in_the_lobby_is_played_stored_and_resumed(tmp_path: Path) -> None:
    """A new title and question: the lobby shows them, Ada stays, and the game's stored bank
    (what --resume and the results read) is the edited one."""
    path = bank_copy(tmp_path)
    app = fixed_console(tmp_path / "quiz.db", path)
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        adapter = adapter_of(app)
        ada = await join(app, "Ada")
        edit(path, "title: Console test quiz", "title: Edited quiz", EXTRA)
        await until(pilot, lambda: adapter.question_count == 4, "the reloaded bank")
        await until(pilot, lambda: "Edited quiz" in screen_text(app), "the new title")
        assert notes(app) == "Bank reloaded: Edited quiz (4 questions)"
        assert " quizhost  Edited quiz  ·  Lobby  ·  1 player" in screen_text(app)
        assert [p.name for p in adapter.view().players] == ["Ada"]
        game_id = adapter.game_id
        await ada.close()
    store = await Store.open(tmp_path / "quiz.db")
    try:
        record = await store.game(game_id)
        assert record is not None and record.bank_title == "Edited quiz"
        assert record.bank_json is not None
        assert len(bank_from_json(record.bank_json).questions) == 4
        resumed = await Session.restore(store, record, SessionConfig(join_url=JOIN_URL))
        assert resumed.bank.title == "Edited quiz" and resumed.game.total_questions == 4
        assert [p.name for p in resumed.game.players.values()] == ["Ada"]
        await resumed.close()
    finally:
        await store.close()


async def test_a_broken_edit_keeps_the_old_bank_and_says_where(tmp_path: Path) -> None:
    """A choice question with no correct answer: FILE:LINE:COL in the lobby, 3 questions."""
    path = bank_copy(tmp_path)
    app = fixed_console(tmp_path / "quiz.db", path)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        adapter = adapter_of(app)
        edit(path, "      - correct: Canberra", "      - Canberra")
        await until(pilot, lambda: "Bank not reloaded" in notes(app), "the problems")
        assert notes(app) == (
            f"Bank not reloaded (the game keeps its bank): {path}:10:5: no choice is marked "
            "correct; mark the right one as '- correct: TEXT' (or use 'poll' for a question "
            "without a right answer)"
        )
        assert adapter.question_count == 3 and adapter.bank_title == "Console test quiz"
        edit(path, "      - Canberra", "      - correct: Canberra", EXTRA)  # fixed: taken
        await until(pilot, lambda: adapter.question_count == 4, "the fixed bank")


async def test_an_edit_after_the_start_is_ignored_and_said_once(tmp_path: Path) -> None:
    """Once a question has been asked the game keeps its bank; the console says so once."""
    path = bank_copy(tmp_path)
    app = fixed_console(tmp_path / "quiz.db", path)
    said: list[Notification] = []

    def hook(message: Message) -> None:
        if isinstance(message, Notify):
            said.append(message.notification)

    async with app.run_test(size=(120, 40), message_hook=hook) as pilot:
        await ready(pilot)
        adapter = adapter_of(app)
        ada = await join(app, "Ada")
        await pilot.press("s")
        await shown(pilot, Phase.QUESTION)
        edit(path, "title: Console test quiz", "title: Edited quiz", EXTRA)

        def ignored() -> list[Notification]:
            return [n for n in said if n.title == "Bank edit ignored"]

        await until(pilot, ignored, "the notice")
        assert f"{path} changed, but the game has started" in ignored()[0].message
        assert adapter.question_count == 3 and adapter.bank_title == "Console test quiz"
        edit(path, "title: Edited quiz", "title: Edited again")
        await pilot.pause(1.5)
        assert len(ignored()) == 1  # said once
        await ada.close()
