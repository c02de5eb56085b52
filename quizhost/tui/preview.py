"""`quizhost preview`: step through a quiz on the console with no players and no server.

The steps are the host views of the quiz played in the real game core
(`quizhost.session.preview`), drawn by the console's own phase views: what the author sees
is what the console shows in class, reveal included. The keys go forward and back.

With `--screen` the big-screen page is served on 127.0.0.1 too (`quizhost.server.preview`)
and follows the console step by step: its address, with its key, is on the console.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import ContentSwitcher, Footer, Static

from quizhost.bank.models import Bank
from quizhost.core import Phase
from quizhost.exitcodes import EXIT_FAILED, EXIT_OK, EXIT_USAGE
from quizhost.server.preview import PreviewScreens, PreviewScreenServer
from quizhost.session.preview import preview_image_urls, preview_steps
from quizhost.session.views import HostView
from quizhost.tui.app import QuizConsole
from quizhost.tui.phases import VIEW_OF_PHASE, QuestionView, RevealView, RoundView
from quizhost.tui.text import literal
from quizhost.tui.themes import DARK, LIGHT, THEMES

STEP_LABELS = {Phase.ROUND: "round title", Phase.QUESTION: "question", Phase.REVEAL: "answer"}


def _frozen() -> float:
    """The countdown's clock in a preview: it stands still at the question's full time."""
    return 0.0


class PreviewScreen(Screen[None]):
    """One step of the quiz at a time; `step` is the index into `views`."""

    # What only a game with players has (answers counted, the leaderboard next) is hidden.
    DEFAULT_CSS = """
    #preview-bar, #screen-url {
        height: 1;
        background: $panel;
    }
    PreviewScreen #answered, PreviewScreen #waiting-title, PreviewScreen #reveal-tally,
    PreviewScreen RevealView .hint {
        display: none;
    }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("right,n,space,enter", "forward", "Next"),
        Binding("left,p,backspace", "back", "Back"),
        Binding("home", "first", "First"),
        Binding("end", "last", "Last"),
    ]

    def __init__(
        self,
        title: str,
        views: list[HostView],
        on_step: Callable[[int], None] | None = None,
        screen_url: str | None = None,
    ) -> None:
        """`on_step` hears each step shown (the big screen follows); `screen_url` is shown."""
        super().__init__()
        self._title = title
        self.views = views
        self.step = 0
        self._on_step = on_step
        self._screen_url = screen_url

    def compose(self) -> ComposeResult:
        yield Static("", id="preview-bar", markup=False)
        if self._screen_url is not None:
            yield Static(f" Big screen: {self._screen_url}", id="screen-url", markup=False)
        with ContentSwitcher(initial="question", id="phases"):
            yield RoundView(id="round")
            yield QuestionView(_frozen, id="question")
            yield RevealView(id="reveal")
        yield Footer(show_command_palette=False)

    def on_mount(self) -> None:
        # The choices as the bars draw them (shape, colour): an author checks those too.
        self.query_one(QuestionView).live_bars = True
        self.show_step()

    def show_step(self) -> None:
        view = self.views[self.step]
        bar = Text(no_wrap=True, overflow="ellipsis", end="")
        bar.append(" preview ", style="bold reverse")
        bar.append(" ")
        bar.append_text(literal(self._title, "bold"))
        bar.append(f"  ·  step {self.step + 1} of {len(self.views)}: {STEP_LABELS[view.state]}")
        self.query_one("#preview-bar", Static).update(bar)
        shown = VIEW_OF_PHASE[view.state]
        panel = self.query_one(f"#{shown}")
        assert isinstance(panel, RoundView | QuestionView | RevealView)
        panel.show(view)
        self.query_one(ContentSwitcher).current = shown
        self.refresh_bindings()
        if self._on_step is not None:
            self._on_step(self.step)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("forward", "last"):
            return self.step < len(self.views) - 1
        if action in ("back", "first"):
            return self.step > 0
        return True

    def _go(self, step: int) -> None:
        self.step = max(0, min(step, len(self.views) - 1))
        self.show_step()

    def action_forward(self) -> None:
        self._go(self.step + 1)

    def action_back(self) -> None:
        self._go(self.step - 1)

    def action_first(self) -> None:
        self._go(0)

    def action_last(self) -> None:
        self._go(len(self.views) - 1)


class PreviewApp(App[int]):
    """The preview of one valid bank; `run()` returns 0.

    With `screen_port` (0: a free port) the big screen is served too, for as long as the
    preview runs; a port that cannot be had (or an image that cannot be read) ends the app
    with its exit code and says why."""

    TITLE = "quizhost preview"
    CSS_PATH = QuizConsole.CSS_PATH
    ENABLE_COMMAND_PALETTE = False
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("t", "toggle_theme", "Theme", show=False),
        Binding("q,escape", "quit", "Quit"),
        Binding("ctrl+q", "quit", "Quit", show=False, priority=True),
    ]

    def __init__(self, bank: Bank, screen_port: int | None = None) -> None:
        super().__init__()
        self.bank = bank
        self.screen_port = screen_port
        self.screen_server: PreviewScreenServer | None = None
        for theme in THEMES:
            self.register_theme(theme)
        self.theme = DARK.name

    async def on_mount(self) -> None:
        if self.screen_port is None:
            steps = preview_steps(self.bank)
            self.push_screen(PreviewScreen(self.bank.title, [step.host for step in steps]))
            return
        steps = preview_steps(self.bank, preview_image_urls(self.bank))
        screens = PreviewScreens([step.screen for step in steps])
        try:
            server = PreviewScreenServer(self.bank, screens)
        except (OSError, ValueError) as exc:  # an image that cannot be read
            self.exit(EXIT_USAGE, message=f"quizhost preview: cannot serve the big screen: {exc}")
            return
        try:
            await server.start(self.screen_port)
        except OSError as exc:  # the port is taken
            self.exit(EXIT_FAILED, message=f"quizhost preview: cannot serve the big screen: {exc}")
            return
        self.screen_server = server
        views = [step.host for step in steps]
        self.push_screen(PreviewScreen(self.bank.title, views, screens.show, server.url))

    async def on_unmount(self) -> None:
        if self.screen_server is not None:
            await self.screen_server.stop()

    def action_toggle_theme(self) -> None:
        self.theme = LIGHT.name if self.theme == DARK.name else DARK.name

    async def action_quit(self) -> None:
        self.exit(EXIT_OK)
