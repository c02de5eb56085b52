"""The reveal: how the answers were spread, the correct answer marked, the explanation."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static

from quizhost.core import ChoiceAnswer, ChoicesAnswer, OrderAnswer, QuestionClosed, ValueAnswer
from quizhost.session.views import HostView
from quizhost.tui.adapter import describe_answer
from quizhost.tui.phases.question import heading, image_line
from quizhost.tui.text import literal, readable, readable_explanation
from quizhost.tui.widgets.bars import AnswerBars
from quizhost.tui.widgets.items import ItemList
from quizhost.tui.widgets.spread import histogram_text, number, typed_text


def correct_choices(closed: QuestionClosed) -> frozenset[int]:
    match closed.correct:
        case ChoiceAnswer(choice=choice):
            return frozenset({choice})
        case ChoicesAnswer(choices=choices):
            return frozenset(choices)
    return frozenset()


def tally(closed: QuestionClosed) -> Text:
    """'12 of 20 answers correct' (or only the number of answers for a poll)."""
    answered = [r for r in closed.results.values() if r.answered]
    if closed.correct is None:
        return Text(f"{len(answered)} answered", style="bold", end="")
    right = sum(1 for r in answered if r.correct)
    return Text(
        f"{right} of {len(answered)} answer{'s' if len(answered) != 1 else ''} correct",
        style="bold",
        end="",
    )


class RevealView(Vertical):
    def compose(self) -> ComposeResult:
        yield Static("", id="reveal-heading", markup=False)
        yield Static("", id="reveal-text", markup=False)
        yield Static("", id="reveal-image", classes="image", markup=False)
        yield AnswerBars(id="reveal-bars")
        yield Static("", id="reveal-answer", markup=False)
        yield ItemList(id="reveal-order")
        yield Static("", id="reveal-spread", markup=False)
        yield Static("", id="reveal-tally", markup=False)
        yield Static("", id="explanation", markup=False)
        yield Static("Press n for the leaderboard", classes="hint", markup=False)

    def show(self, view: HostView) -> None:
        if view.reveal is None or view.question is None:
            return
        closed, question = view.reveal.closed, readable(view.question.question)
        self.query_one("#reveal-heading", Static).update(heading(question))
        self.query_one("#reveal-text", Static).update(literal(question.text, "bold"))
        image = self.query_one("#reveal-image", Static)
        image.display = question.image is not None
        image.update(image_line(question))
        bars = self.query_one(AnswerBars)
        answer = self.query_one("#reveal-answer", Static)
        if question.choices and closed.counts is not None:
            bars.display = True
            bars.show(question.choices, closed.counts, correct_choices(closed), kind=question.kind)
        else:
            bars.display = False
        order = self.query_one("#reveal-order", ItemList)
        order.display = isinstance(closed.correct, OrderAnswer)
        if isinstance(closed.correct, OrderAnswer):
            answer.display = True
            answer.update(Text("Correct order:", end=""))
            items = question.items
            order.show(
                [items[i] for i in closed.correct.order if 0 <= i < len(items)], numbered=True
            )
        elif closed.correct is not None and not question.choices:
            answer.display = True
            line = Text("Correct answer: ", end="")
            line.append_text(literal(describe_answer(question, closed.correct), "bold"))
            spread = view.reveal.spread
            if spread is not None and spread.margin:
                line.append(f" ± {number(spread.margin)}", style="bold")
            if spread is not None and len(spread.accepted) > 1:
                line.append("  ·  also accepted: ")
                line.append_text(literal(", ".join(spread.accepted[1:]), "bold"))
            answer.update(line)
        else:
            answer.display = False
        self._show_spread(view)
        self.query_one("#reveal-tally", Static).update(tally(closed))
        explanation = self.query_one("#explanation", Static)
        explanation.display = bool(closed.explanation)
        explanation.update(literal(readable_explanation(closed.explanation, closed.math), "italic"))

    def _show_spread(self, view: HostView) -> None:
        """What was typed, or where the slider values fell."""
        box = self.query_one("#reveal-spread", Static)
        reveal = view.reveal
        spread = reveal.spread if reveal is not None else None
        box.display = spread is not None
        if spread is None or reveal is None:
            return
        if spread.bins and isinstance(reveal.closed.correct, ValueAnswer):
            box.update(histogram_text(spread, reveal.closed.correct.value))
        else:
            box.update(typed_text(spread))
