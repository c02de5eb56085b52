"""A bank as readable text with its answers marked: what `quizhost show` prints.

Authors check what they wrote without running a game; teachers print it as an answer key.
"""

from __future__ import annotations

from quizhost.bank.models import (
    AnyQuestion,
    Bank,
    ChoiceQuestion,
    OrderQuestion,
    PointsMode,
    PollQuestion,
    SliderQuestion,
    TrueFalseQuestion,
    TypeAnswerQuestion,
)
from quizhost.formats import number_text

_POINTS_LABELS = {
    PointsMode.STANDARD: "standard points",
    PointsMode.DOUBLE: "double points",
    PointsMode.NONE: "no points",
}


def format_bank(bank: Bank) -> list[str]:
    """The lines `show` prints: a plain-text view of a bank with the answers marked."""
    count = len(bank.questions)
    lines = [f"{bank.title} ({count} question{'s' if count != 1 else ''})"]
    if bank.description:
        lines.append(bank.description)
    if bank.shuffle_questions:
        lines.append("Questions are shuffled for play.")
    width = len(str(count))
    for number, question in enumerate(bank.questions, start=1):
        seconds = f"{number_text(question.time_limit_ms / 1000)} s"
        lines.append("")
        lines.append(
            f"{number:>{width}}. [{question.kind}] {question.text}"
            f"  ({seconds}, {_POINTS_LABELS[question.points]})"
        )
        indent = " " * (width + 2)
        lines.extend(indent + line for line in _format_answer(question))
        if question.image:
            alt = f" ({question.image_alt})" if question.image_alt else ""
            lines.append(f"{indent}image: {question.image}{alt}")
        if question.explanation:
            lines.append(f"{indent}explanation: {question.explanation}")
    return lines


def _format_answer(question: AnyQuestion) -> list[str]:
    if isinstance(question, ChoiceQuestion):
        shuffled = ["(shuffled for play)"] if question.shuffle else []
        return [
            f"{'[x]' if index in question.correct else '[ ]'} {choice}"
            for index, choice in enumerate(question.choices)
        ] + shuffled
    if isinstance(question, TrueFalseQuestion):
        return [f"answer: {'true' if question.answer else 'false'}"]
    if isinstance(question, TypeAnswerQuestion):
        return ["accepted: " + " | ".join(question.accepted)]
    if isinstance(question, SliderQuestion):
        low, high, step = (
            number_text(question.minimum),
            number_text(question.maximum),
            number_text(question.step),
        )
        margin = f" (within {number_text(question.margin)})" if question.margin else ""
        return [
            f"slider {low} to {high}, step {step}",
            f"answer: {number_text(question.answer)}{margin}",
        ]
    if isinstance(question, OrderQuestion):
        return [f"{index}) {item}" for index, item in enumerate(question.items, start=1)]
    assert isinstance(question, PollQuestion)
    return [f"( ) {choice}" for choice in question.choices]
