"""The leaderboard after each question and the final podium."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static

from quizhost.formats import score_text, signed_points
from quizhost.session.views import HostView
from quizhost.tui.text import literal
from quizhost.tui.widgets.podium import Podium
from quizhost.tui.widgets.ranking import RankingTable


class LeaderboardView(Vertical):
    def compose(self) -> ComposeResult:
        yield Static("Leaderboard", classes="title", markup=False)
        yield Static("", id="leaderboard-teams", classes="teams", markup=False)
        yield RankingTable(id="leaderboard-table")
        yield Static("", id="leaderboard-hint", classes="hint", markup=False)

    def show(self, view: HostView) -> None:
        show_teams(self.query_one("#leaderboard-teams", Static), view)
        self.query_one(RankingTable).show(view.leaderboard)
        following = "the next question" if view.questions_left else "the podium"
        self.query_one("#leaderboard-hint", Static).update(f"Press n for {following}")


class PodiumView(Vertical):
    def compose(self) -> ComposeResult:
        yield Static("Podium", classes="title", markup=False)
        yield Static("", id="podium-teams", classes="teams", markup=False)
        yield Podium(id="podium")
        yield Static("Press n to end the game and see the summary", classes="hint", markup=False)

    def show(self, view: HostView) -> None:
        show_teams(self.query_one("#podium-teams", Static), view)
        self.query_one(Podium).show(view.leaderboard)


def team_line(view: HostView) -> Text:
    """'Teams: 1. Red 1,500 (+500)  2. Blue 1,200' (a team game only)."""
    text = Text("Teams:", style="bold", end="")
    for team in view.teams:
        text.append(f"  {team.rank}. ")
        text.append_text(literal(team.name, "bold"))
        text.append(f" {score_text(team.score)}")
        if team.gained:
            text.append(f" ({signed_points(team.gained)})")
    return text


def show_teams(line: Static, view: HostView) -> None:
    line.display = bool(view.teams)
    if view.teams:
        line.update(team_line(view))
