"""The open question: text, countdown, how many answered, live answer counts per choice."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Static

from quizhost.bank.models import Kind, PointsMode
from quizhost.core import Phase, PublicQuestion
from quizhost.formats import number_text
from quizhost.session.views import HostView
from quizhost.tui.text import literal
from quizhost.tui.widgets.bars import AnswerBars
from quizhost.tui.widgets.countdown import Countdown, Ticker

KIND_LABELS = {
    Kind.CHOICE: "choice",
    Kind.MULTIPLE: "several answers",
    Kind.TRUE_FALSE: "true or false",
    Kind.TYPE_ANSWER: "type the answer",
    Kind.SLIDER: "slider",
    Kind.ORDER: "put in order",
    Kind.POLL: "poll",
}
POINTS_LABELS = {
    PointsMode.STANDARD: "",
    PointsMode.DOUBLE: "double points",
    PointsMode.NONE: "no points",
}


def kind_label(question: PublicQuestion) -> str:
    if question.kind is Kind.CHOICE and question.multiple:
        return "several answers"
    return KIND_LABELS.get(question.kind, str(question.kind))


def heading(question: PublicQuestion) -> Text:
    """'Question 3 of 13 · choice · double points'."""
    parts = [kind_label(question), POINTS_LABELS.get(question.points, "")]
    text = Text(f"Question {question.index + 1} of {question.total}", style="bold", end="")
    text.append("".join(f"  ·  {part}" for part in parts if part))
    return text


def _number(value: float | None) -> str:
    return "?" if value is None else number_text(value)


def answer_form(question: PublicQuestion) -> Text:
    """What players do for a question without choices to count."""
    if question.kind is Kind.SLIDER:
        return Text(
            f"Players pick a number from {_number(question.minimum)} to "
            f"{_number(question.maximum)} (step {_number(question.step)})."
        )
    if question.kind is Kind.ORDER:
        text = Text("Players put these in order:\n")
        for item in question.items:
            text.append_text(literal(f"  • {item}\n"))
        text.rstrip()
        return text
    return Text("Players type their answer.")


class QuestionView(Vertical):
    def __init__(self, ticker: Ticker, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._ticker = ticker

    def compose(self) -> ComposeResult:
        yield Static("", id="question-heading", markup=False)
        yield Static("", id="question-text", markup=False)
        with Horizontal(id="question-status"):
            yield Countdown(self._ticker, id="countdown")
            yield Static("", id="answered", markup=False)
        yield AnswerBars(id="live-bars")
        yield Static("", id="answer-form", markup=False)

    def show(self, view: HostView) -> None:
        info = view.question
        if info is None:
            return
        question = info.question
        paused = view.state is Phase.PAUSED
        intro = view.state is Phase.INTRO
        self.set_class(paused, "-paused")
        self.set_class(intro, "-intro")
        self.query_one("#question-heading", Static).update(heading(question))
        self.query_one("#question-text", Static).update(literal(question.text))
        countdown = info.opens_in_ms if intro else info.remaining_ms
        self.query_one(Countdown).start(countdown, running=not paused)
        answered = Text(end="")
        if intro:
            answered.append("GET READY: answers open when this count ends", style="bold")
            answered.append("\nn opens them now")
        else:
            answered.append(f"answered {view.answered}/{view.player_count}", style="bold")
        if paused:
            answered.append("\nPAUSED: the clock stands still", style="bold reverse")
        self.query_one("#answered", Static).update(answered)
        bars = self.query_one(AnswerBars)
        form = self.query_one("#answer-form", Static)
        if question.choices:
            bars.display, form.display = True, False
            bars.show(question.choices, view.answer_counts, kind=question.kind)
        else:
            bars.display, form.display = False, True
            form.update(answer_form(question))
