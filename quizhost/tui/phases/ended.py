"""The end of the game: the winners and a summary (average score, hardest question)."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static

from quizhost.bank.maths import shown_as_text
from quizhost.formats import score_text
from quizhost.session.views import HostView
from quizhost.tui.adapter import GameResults
from quizhost.tui.text import literal
from quizhost.tui.widgets.ranking import RankingTable

TOP = 3


class EndedView(Vertical):
    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._has_results = False

    def compose(self) -> ComposeResult:
        yield Static("Game over: thank you for playing!", classes="title", markup=False)
        yield RankingTable(id="final-top")
        yield Static("", id="summary", markup=False)
        yield Static(
            "Press g for past games and their results, ctrl+q to quit",
            classes="hint",
            markup=False,
        )

    def show(self, view: HostView) -> None:
        self.query_one(RankingTable).show(view.leaderboard[:TOP], moves=False)
        if not self._has_results:
            players = view.players
            average = sum(p.score for p in players) / len(players) if players else 0
            self._summary(len(players), average, None)

    def show_results(self, results: GameResults) -> None:
        """The stored results of this game: the players and the hardest question."""
        self._has_results = True
        self._summary(len(results.ranked), results.average_score, results)

    def _summary(self, players: int, average: float, results: GameResults | None) -> None:
        text = Text(end="")
        text.append(f"{players} player{'s' if players != 1 else ''}", style="bold")
        text.append("  ·  average score ")
        text.append(score_text(round(average)), style="bold")
        hardest = results.hardest_question if results is not None else None
        if hardest is not None:
            share = hardest.share_correct or 0.0
            text.append("\nHardest question: ")
            text.append(f"{hardest.index + 1}. ", style="bold")
            text.append_text(literal(shown_as_text(hardest.text, hardest.math), "bold"))
            text.append(f"  ({share:.0%} correct, {hardest.correct} of {hardest.answered})")
        self.query_one("#summary", Static).update(text)
