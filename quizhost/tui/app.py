"""`QuizConsole`: the Textual app of `quizhost run`.

It starts the server in its own event loop (a worker, once mounted), shows the game screen,
and stops the server (connections closed with 1001, the store flushed) before it exits. The
server is handed in as a `Starter` so tests can bring a deterministic one.
"""

from __future__ import annotations

import time
from pathlib import Path, PurePath
from typing import ClassVar

from textual import work
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import Static

from quizhost.core import IN_PROGRESS
from quizhost.server.runner import ServeOptions, StartError, start_server
from quizhost.session.selfpaced import SelfPacedSession
from quizhost.tui.adapter import HostAdapter, ProgressAdapter, Starter
from quizhost.tui.screens.confirm import ConfirmDialog
from quizhost.tui.screens.game import GameScreen
from quizhost.tui.screens.progress import ProgressScreen
from quizhost.tui.themes import DARK, LIGHT, THEMES
from quizhost.tui.widgets.countdown import Ticker

STYLES = Path(__file__).parent / "styles"


class QuizConsole(App[int]):
    """The host console. `run()` returns the exit code (0, or the StartError's code)."""

    TITLE = "quizhost"
    CSS_PATH: ClassVar[list[str | PurePath]] = [
        STYLES / "app.tcss",
        STYLES / "lobby.tcss",
        STYLES / "question.tcss",
        STYLES / "results.tcss",
        STYLES / "dialogs.tcss",
        STYLES / "past_games.tcss",
    ]
    ENABLE_COMMAND_PALETTE = False
    BINDINGS: ClassVar[list[BindingType]] = [
        # Not in the footer: at 80 columns a question's keys fill it; the lobby hint says it.
        Binding("t", "toggle_theme", "Theme", show=False),
        Binding("ctrl+q", "quit", "Quit", priority=True),
    ]

    def __init__(self, start: Starter, *, ticker: Ticker = time.monotonic) -> None:
        super().__init__()
        self._start = start
        self._ticker = ticker
        self.adapter: HostAdapter | None = None
        self.progress: ProgressAdapter | None = None  # a self-paced assignment instead
        self.error: str | None = None
        self.farewell: str | None = None  # printed after the terminal is restored
        for theme in THEMES:
            self.register_theme(theme)
        self.theme = DARK.name

    @classmethod
    def from_options(cls, options: ServeOptions, *, ticker: Ticker = time.monotonic) -> QuizConsole:
        return cls(lambda: start_server(options), ticker=ticker)

    def compose(self) -> ComposeResult:
        yield Static("Starting quizhost…", id="starting")

    def on_mount(self) -> None:
        self.start_server()

    @work(exclusive=True, group="server")
    async def start_server(self) -> None:
        try:
            served = await self._start()
        except StartError as exc:
            self.error = str(exc)
            self.exit(exc.code, return_code=exc.code)
            return
        if isinstance(served.session, SelfPacedSession):
            self.progress = ProgressAdapter(served)
            await self.push_screen(ProgressScreen(self.progress))
            return
        self.adapter = HostAdapter(served)
        await self.push_screen(GameScreen(self.adapter, self._ticker))

    def action_toggle_theme(self) -> None:
        self.theme = LIGHT.name if self.theme == DARK.name else DARK.name

    async def action_quit(self) -> None:
        adapter = self.adapter
        running = adapter is not None and adapter.view().state in IN_PROGRESS
        if running or (self.progress is not None and self.progress.in_progress):

            async def quit_if(confirmed: bool | None) -> None:
                if confirmed:
                    await self.shutdown()

            await self.push_screen(
                ConfirmDialog(
                    "Quit in the middle of the game? Players are disconnected; "
                    "the game is saved and can be resumed.",
                    "Quit",
                ),
                quit_if,
            )
            return
        await self.shutdown()

    async def shutdown(self) -> None:
        """Stop the server (1001 to every client, store flushed and closed), then exit."""
        for adapter in (self.adapter, self.progress):
            if adapter is not None:
                self.farewell = adapter.resume_hint()
                await adapter.stop()
        self.exit(0)

    async def on_unmount(self) -> None:
        for adapter in (self.adapter, self.progress):
            if adapter is not None:  # exited another way: still stop the server cleanly
                await adapter.stop()
