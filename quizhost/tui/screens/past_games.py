"""Past games: the stored games, and one game's results: the overview, a success bar per
question, the players and the questions; `r` writes the HTML report and opens it."""

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

from quizhost.bank.maths import shown_as_text
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

BAR_CELLS = 20  # the width of a success bar, in terminal cells
BAR_LABEL = 34  # question text shown before a bar, in characters


def percent(share: float | None) -> str:
    return "" if share is None else f"{share:.0%}"


def number(value: str) -> Text:
    """A number for a table cell, right-aligned so digits line up."""
    return Text(value, justify="right")


def success_bar(share: float) -> str:
    """A share as a bar of eighth blocks: '█████▌' and light shade for the rest."""
    eighths = round(max(0.0, min(1.0, share)) * BAR_CELLS * 8)
    full, part = divmod(eighths, 8)
    bar = "█" * full + ("▏▎▍▌▋▊▉"[part - 1] if part else "")
    return bar + "░" * (BAR_CELLS - len(bar))


def success_bars(results: GameResults) -> Text:
    """One line per revealed question: its number, text, a bar of its right answers, the %."""
    text = Text()
    for question in results.questions:
        label = f"{question.index + 1:>2}. {shown_as_text(question.text, question.math)}"
        label = label if len(label) <= BAR_LABEL else label[: BAR_LABEL - 1] + "…"
        if text:
            text.append("\n")
        text.append_text(literal(f"{label:<{BAR_LABEL}} "))
        if question.share_correct is None:
            text.append("poll" if question.correct is None else "no answers", style="dim")
            continue
        text.append(success_bar(question.share_correct), style="green")
        text.append(f" {percent(question.share_correct):>4}")
    return text


def duration_text(ms: int | None) -> str:
    if ms is None:
        return "–"
    minutes, seconds = divmod(round(ms / 1000), 60)
    return f"{minutes} min {seconds:02d} s"


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
        Binding("r", "report", "HTML report"),
    ]

    def __init__(self, adapter: HostAdapter, game_id: str) -> None:
        super().__init__()
        self.adapter = adapter
        self.game_id = game_id

    def compose(self) -> ComposeResult:
        with Vertical(id="results"):
            yield Static("Loading…", id="results-summary", markup=False)
            yield Static("Right answers per question", classes="section")
            yield Static("", id="result-bars", markup=False)
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
        self.query_one("#result-bars", Static).update(success_bars(results))
        players = self.query_one("#result-players", DataTable)
        for player in results.players:
            players.add_row(
                number("out" if player.rank is None else str(player.rank)),
                literal(player.name),
                number(score_text(player.score)),
                number(str(player.correct)),
                number(str(player.answered)),
            )
        questions = self.query_one("#result-questions", DataTable)
        for question in results.questions:
            shown = clean(shown_as_text(question.text, question.math))
            questions.add_row(
                number(str(question.index + 1)),
                Text(fit(shown, self.question_width).rstrip()),
                KIND_LABELS.get(question.kind, str(question.kind)),
                number(str(question.answered)),
                number(percent(question.share_correct)),
                number(score_text(round(question.average_points))),
            )

    @staticmethod
    def summary(results: GameResults) -> Text:
        game = results.game
        text = literal(game.bank_title, "bold")
        text.append(f"  ·  {date_text(game.created_at_ms)}  ·  {len(results.ranked)} players")
        text.append(f"  ·  average score {score_text(round(results.average_score))}")
        text.append(f"\nRight answers {percent(results.accuracy) or '–'}")
        text.append(f"  ·  {duration_text(results.duration_ms)}")
        text.append(f"  ·  {len(results.questions)} of {results.total_questions} questions")
        hardest = results.hardest_question
        if hardest is not None:
            text.append("\nHardest: ")
            shown = shown_as_text(hardest.text, hardest.math)
            text.append_text(literal(f"{hardest.index + 1}. {shown}", "bold"))
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

    async def action_report(self) -> None:
        path = Path.cwd() / f"quizhost-report-{self.game_id[:8]}.html"
        try:
            opened = await self.adapter.open_report(self.game_id, path)
        except (ResultsError, OSError) as exc:
            self.notify(str(exc), title="Report failed", severity="error", markup=False)
            return
        how = "opened in the browser" if opened else "no browser found: open it yourself"
        self.notify(f"Saved {path} ({how})", title="Report", markup=False)
