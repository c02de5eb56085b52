"""The open question: text, countdown, how many answered, live answer counts per choice."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Static

from quizhost.bank.models import Kind, PointsMode
from quizhost.core import Phase, PublicQuestion
from quizhost.formats import number_text
from quizhost.session.views import HostView
from quizhost.tui.text import literal, readable
from quizhost.tui.widgets.bars import AnswerBars
from quizhost.tui.widgets.countdown import Countdown, Ticker
from quizhost.tui.widgets.items import ItemList
from quizhost.tui.widgets.waiting import WaitingList

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
        return Text("Players put these in order:")  # the items follow, one a line
    return Text("Players type their answer.")


def image_line(question: PublicQuestion) -> Text:
    """'Image: images/flag.svg': the console cannot draw it, so it names it."""
    text = Text("Image: ", style="italic", end="")
    text.append_text(literal(question.image or "", "bold"))
    return text


class QuestionView(Vertical):
    """The open question. The live bars are off unless the teacher turns them on
    (`live_bars`): a projected console must not tell the room which answer is popular."""

    def __init__(self, ticker: Ticker, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._ticker = ticker
        self.live_bars = False

    def compose(self) -> ComposeResult:
        yield Static("", id="question-heading", markup=False)
        yield Static("", id="question-text", markup=False)
        yield Static("", id="question-image", classes="image", markup=False)
        with Horizontal(id="question-status"):
            yield Countdown(self._ticker, id="countdown")
            yield Static("", id="answered", markup=False)
        yield AnswerBars(id="live-bars")
        yield Static("", id="answer-form", markup=False)
        yield ItemList(id="order-items")
        yield Static("", id="waiting-title", markup=False)
        with VerticalScroll(id="waiting-scroll"):
            yield WaitingList(id="waiting")

    def show(self, view: HostView) -> None:
        info = view.question
        if info is None:
            return
        question = readable(info.question)
        paused = view.state is Phase.PAUSED
        intro = view.state is Phase.INTRO
        self.set_class(paused, "-paused")
        self.set_class(intro, "-intro")
        self.query_one("#question-heading", Static).update(heading(question))
        self.query_one("#question-text", Static).update(literal(question.text))
        image = self.query_one("#question-image", Static)
        image.display = question.image is not None
        image.update(image_line(question))
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
        if question.choices and self.live_bars:
            bars.display, form.display = True, False
            bars.show(question.choices, view.answer_counts, kind=question.kind)
        elif question.choices:
            bars.display, form.display = False, True
            form.update(Text("Live answer bars are hidden (v shows them)."))
        else:
            bars.display, form.display = False, True
            form.update(answer_form(question))
        items = self.query_one(ItemList)
        items.display = bool(question.items)
        items.show(question.items)
        self._show_waiting(view)

    def _show_waiting(self, view: HostView) -> None:
        """The names still to answer, in join order, the offline ones marked."""
        waiting = [p for p in view.players if not p.answered]
        title = self.query_one("#waiting-title", Static)
        if not view.players:
            title.update("")
        elif waiting:
            offline = sum(1 for p in waiting if not p.connected)
            text = Text(f"Still to answer ({len(waiting)})", style="bold", end="")
            if offline:
                text.append(f"  ·  {offline} offline", style="italic")
            title.update(text)
        else:
            title.update(Text("Everyone has answered", style="bold"))
        self.query_one("#waiting-scroll").display = bool(waiting)
        self.query_one(WaitingList).show(waiting)
