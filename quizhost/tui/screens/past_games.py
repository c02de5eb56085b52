"""Past games: the stored games, and one game's results per player and per question."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Static

from quizhost.formats import date_text, score_text
from quizhost.tui.adapter import GameResults, HostAdapter, ResultsError
from quizhost.tui.phases.question import KIND_LABELS
from quizhost.tui.text import clean, literal
from quizhost.tui.widgets.bars import fit

#: Columns of one game's questions beside the question text, with their widths.
QUESTION_COLUMNS = (("#", 3), ("Kind", 15), ("Answered", 8), ("Correct", 7), ("Avg points", 10))
#: Cells a table spends beyond its columns' widths: padding, the scroll bar, the screen's margin.
TABLE_OVERHEAD = 2 * (len(QUESTION_COLUMNS) + 1) + 2 + 2
QUESTION_MIN = 16


def percent(share: float | None) -> str:
    return "" if share is None else f"{share:.0%}"


def number(value: str) -> Text:
    """A number for a table cell, right-aligned so digits line up."""
    return Text(value, justify="right")


class PastGamesScreen(Screen[None]):
    """Every stored game, newest first; enter (or a click) opens one."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape,b", "app.pop_screen", "Back")]

    def __init__(self, adapter: HostAdapter) -> None:
        super().__init__()
        self.adapter = adapter

    def compose(self) -> ComposeResult:
        yield Static("Past games: enter or click one for its results", classes="title")
        yield DataTable(id="games", cursor_type="row", zebra_stripes=True)
        yield Footer(show_command_palette=False)

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns("When", "Quiz", "Players", "State")
        self.load_games()

    @work(exclusive=True)
    async def load_games(self) -> None:
        table = self.query_one(DataTable)
        for game in await self.adapter.past_games():
            current = " (this game)" if game.id == self.adapter.game_id else ""
            table.add_row(
                date_text(game.created_at_ms),
                literal(game.bank_title + current),
                str(game.players),
                game.state,
                key=game.id,
            )
        table.focus()

    @on(DataTable.RowSelected)
    def open_game(self, event: DataTable.RowSelected) -> None:
        game_id = event.row_key.value
        if game_id is not None:
            self.app.push_screen(GameResultsScreen(self.adapter, game_id))


class GameResultsScreen(Screen[None]):
    """One game: a summary line, the players ranked, the questions with their success."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,b", "app.pop_screen", "Back"),
        Binding("c", "export", "Export CSV"),
    ]

    def __init__(self, adapter: HostAdapter, game_id: str) -> None:
        super().__init__()
        self.adapter = adapter
        self.game_id = game_id

    def compose(self) -> ComposeResult:
        with Vertical(id="results"):
            yield Static("Loading…", id="results-summary", markup=False)
            yield Static("Players", classes="section")
            yield DataTable(id="result-players", cursor_type="row", zebra_stripes=True)
            yield Static("Questions", classes="section")
            yield DataTable(id="result-questions", cursor_type="row", zebra_stripes=True)
        yield Footer(show_command_palette=False)

    def on_mount(self) -> None:
        players = self.query_one("#result-players", DataTable)
        players.add_column(number("Rank"))
        players.add_column("Name")
        for label in ("Score", "Correct", "Answered"):
            players.add_column(number(label))
        questions = self.query_one("#result-questions", DataTable)
        (number_label, number_width), *others = QUESTION_COLUMNS
        questions.add_column(number(number_label), width=number_width)
        questions.add_column("Question", width=self.question_width)
        for label, width in others:
            questions.add_column(label if label == "Kind" else number(label), width=width)
        self.load_results()

    @property
    def question_width(self) -> int:
        """What the other columns leave for the question text (cut with an ellipsis)."""
        taken = sum(width for _, width in QUESTION_COLUMNS) + TABLE_OVERHEAD
        return max(QUESTION_MIN, self.app.size.width - taken)

    @work(exclusive=True)
    async def load_results(self) -> None:
        summary = self.query_one("#results-summary", Static)
        try:
            results = await self.adapter.results(self.game_id)
        except ResultsError as exc:
            summary.update(literal(str(exc)))
            return
        summary.update(self.summary(results))
        players = self.query_one("#result-players", DataTable)
        for player in results.players:
            players.add_row(
                number(str(player.rank)),
                literal(player.name),
                number(score_text(player.score)),
                number(str(player.correct)),
                number(str(player.answered)),
            )
        questions = self.query_one("#result-questions", DataTable)
        for question in results.questions:
            questions.add_row(
                number(str(question.index + 1)),
                Text(fit(clean(question.text), self.question_width).rstrip()),
                KIND_LABELS.get(question.kind, str(question.kind)),
                number(str(question.answered)),
                number(percent(question.share_correct)),
                number(score_text(round(question.average_points))),
            )

    @staticmethod
    def summary(results: GameResults) -> Text:
        game = results.game
        text = literal(game.bank_title, "bold")
        text.append(f"  ·  {date_text(game.created_at_ms)}  ·  {game.players} players")
        text.append(f"  ·  average score {score_text(round(results.average_score))}")
        hardest = results.hardest_question
        if hardest is not None:
            text.append("\nHardest: ")
            text.append_text(literal(f"{hardest.index + 1}. {hardest.text}", "bold"))
            text.append(f" ({percent(hardest.share_correct)} correct)")
        return text

    async def action_export(self) -> None:
        path = Path.cwd() / f"quizhost-results-{self.game_id[:8]}.csv"
        try:
            await self.adapter.export_csv(self.game_id, path)
        except (ResultsError, OSError) as exc:
            self.notify(str(exc), title="Export failed", severity="error", markup=False)
            return
        self.notify(f"Saved {path}", title="Exported", markup=False)
