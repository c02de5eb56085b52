"""The leaderboard after each question and the final podium."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static

from quizhost.session.views import HostView
from quizhost.tui.widgets.podium import Podium
from quizhost.tui.widgets.ranking import RankingTable


class LeaderboardView(Vertical):
    def compose(self) -> ComposeResult:
        yield Static("Leaderboard", classes="title", markup=False)
        yield RankingTable(id="leaderboard-table")
        yield Static("", id="leaderboard-hint", classes="hint", markup=False)

    def show(self, view: HostView) -> None:
        self.query_one(RankingTable).show(view.leaderboard)
        following = "the next question" if view.questions_left else "the podium"
        self.query_one("#leaderboard-hint", Static).update(f"Press n for {following}")


class PodiumView(Vertical):
    def compose(self) -> ComposeResult:
        yield Static("Podium", classes="title", markup=False)
        yield Podium(id="podium")
        yield Static("Press n to end the game and see the summary", classes="hint", markup=False)

    def show(self, view: HostView) -> None:
        self.query_one(Podium).show(view.leaderboard)
