"""`quizhost preview`: step through a quiz on the console with no players and no server.

The steps are the host views of the quiz played in the real game core
(`quizhost.session.preview`), drawn by the console's own phase views: what the author sees
is what the console shows in class, reveal included. The keys go forward and back.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import ContentSwitcher, Footer, Static

from quizhost.bank.models import Bank
from quizhost.core import Phase
from quizhost.session.preview import preview_views
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
    #preview-bar {
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

    def __init__(self, title: str, views: list[HostView]) -> None:
        super().__init__()
        self._title = title
        self.views = views
        self.step = 0

    def compose(self) -> ComposeResult:
        yield Static("", id="preview-bar", markup=False)
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
    """The preview of one valid bank; `run()` returns 0."""

    TITLE = "quizhost preview"
    CSS_PATH = QuizConsole.CSS_PATH
    ENABLE_COMMAND_PALETTE = False
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("t", "toggle_theme", "Theme", show=False),
        Binding("q,escape", "quit", "Quit"),
        Binding("ctrl+q", "quit", "Quit", show=False, priority=True),
    ]

    def __init__(self, bank: Bank) -> None:
        super().__init__()
        self.bank = bank
        for theme in THEMES:
            self.register_theme(theme)
        self.theme = DARK.name

    def on_mount(self) -> None:
        self.push_screen(PreviewScreen(self.bank.title, preview_views(self.bank)))

    def action_toggle_theme(self) -> None:
        self.theme = LIGHT.name if self.theme == DARK.name else DARK.name

    async def action_quit(self) -> None:
        self.exit(0)
