"""Bank models -> the YAML an author would write, with comments where something was left out.

Written by hand rather than dumped so that the file reads like the shipped banks (block
lists, `- correct:` marks, a setting only when it differs from the default) and so that each
question can carry comments above it. Every string that YAML could read as something else is
written double-quoted; `scalar` is the one place that decides.
"""

from __future__ import annotations

import json
import re
import textwrap
from collections.abc import Sequence

from attrs import frozen

from quizhost.bank.models import (
    DEFAULT_TIME_LIMIT_MS,
    AnyQuestion,
    ChoiceQuestion,
    OrderQuestion,
    PointsMode,
    PollQuestion,
    SliderQuestion,
    TrueFalseQuestion,
    TypeAnswerQuestion,
)

# Plain (unquoted) only when it starts with a letter and holds nothing YAML treats specially.
_PLAIN = re.compile(r"[^\W\d_][^:#\[\]{},\"'\n\r\t|>&*!%@`]*")
_RESERVED = {"true", "false", "null", "yes", "no", "on", "off", "y", "n", "~"}
# Characters written as \u escapes: those YAML does not allow raw in a file (C0/C1 controls,
# surrogates, U+FFFE/F) and those it reads as line breaks (NEL, U+2028, U+2029).
_UNPRINTABLE = re.compile(
    r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\u2028\u2029\ufffe\uffff]"
)


def scalar(text: str) -> str:
    """`text` as a YAML scalar that reads back as exactly this string."""
    plain = _PLAIN.fullmatch(text) and not _UNPRINTABLE.search(text)
    if plain and text == text.strip() and text.lower() not in _RESERVED:
        return text
    quoted = json.dumps(text, ensure_ascii=False)  # a JSON string is a YAML double-quoted one
    return _UNPRINTABLE.sub(lambda match: f"\\u{ord(match.group()):04x}", quoted)


def number(value: float) -> str:
    """A number as an author writes it: 1969, not 1969.0."""
    return str(int(value)) if float(value).is_integer() else repr(float(value))


def comment_lines(text: str, indent: str, width: int = 96) -> list[str]:
    """`text` as YAML comment lines, wrapped to `width` (continuations indented)."""
    lines: list[str] = []
    for paragraph in text.splitlines() or [""]:
        wrapped = textwrap.wrap(
            paragraph, width=max(20, width - len(indent) - 2), subsequent_indent="  "
        )
        lines.extend(f"{indent}# {line}".rstrip() for line in wrapped or [""])
    return lines


@frozen
class RenderedQuestion:
    """Where one question's lines are in the rendered file (1-based, end exclusive)."""

    start: int
    end: int


def render_bank(
    title: str,
    questions: Sequence[AnyQuestion],
    *,
    header: Sequence[str] = (),
    notes: Sequence[Sequence[str]] = (),
) -> tuple[str, list[RenderedQuestion]]:
    """The bank as YAML text, and the line span of each question (to map problems back).

    `header` lines become comments at the top; `notes[i]` comments above question i.
    """
    lines = [line for text in header for line in comment_lines(text, "")]
    lines.append(f"title: {scalar(title)}")
    lines.append("questions:")
    spans: list[RenderedQuestion] = []
    for index, question in enumerate(questions):
        if index:
            lines.append("")
        start = len(lines) + 1
        for note in notes[index] if index < len(notes) else ():
            lines.extend(comment_lines(note, "  "))
        lines.extend(question_lines(question))
        spans.append(RenderedQuestion(start, len(lines) + 1))
    return "\n".join(lines) + "\n", spans


def question_lines(question: AnyQuestion) -> list[str]:
    """One question as a YAML list item, indented for `questions:`."""
    lines = [f"  - question: {scalar(question.text)}", *_answer_lines(question)]
    add = lines.append
    if question.time_limit_ms != DEFAULT_TIME_LIMIT_MS:
        add(f"    time: {number(question.time_limit_ms / 1000)}")
    if question.points != PointsMode.STANDARD and not isinstance(question, PollQuestion):
        add(f"    points: {question.points.value}")
    if question.image and question.image_alt:
        add(f"    image: {{file: {scalar(question.image)}, alt: {scalar(question.image_alt)}}}")
    elif question.image:
        add(f"    image: {scalar(question.image)}")
    if question.explanation:
        add(f"    explanation: {scalar(question.explanation)}")
    return lines


def _answer_lines(question: AnyQuestion) -> list[str]:
    """The lines that say what a question's answer is, by kind."""
    lines: list[str] = []
    add = lines.append
    if isinstance(question, ChoiceQuestion):
        add("    choices:")
        for index, choice in enumerate(question.choices):
            mark = "correct: " if index in question.correct else ""
            add(f"      - {mark}{scalar(choice)}")
        if question.multiple and len(question.correct) == 1:
            add("    multiple: true")
        if question.shuffle:
            add("    shuffle: true")
    elif isinstance(question, TrueFalseQuestion):
        add(f"    true_false: {'true' if question.answer else 'false'}")
    elif isinstance(question, TypeAnswerQuestion):
        add("    accept:")
        lines.extend(f"      - {scalar(text)}" for text in question.accepted)
    elif isinstance(question, SliderQuestion):
        parts = [
            f"min: {number(question.minimum)}",
            f"max: {number(question.maximum)}",
            f"step: {number(question.step)}",
            f"answer: {number(question.answer)}",
        ]
        if question.margin:
            parts.append(f"margin: {number(question.margin)}")
        add(f"    slider: {{{', '.join(parts)}}}")
    elif isinstance(question, OrderQuestion):
        add("    order:")
        lines.extend(f"      - {scalar(item)}" for item in question.items)
    else:
        assert isinstance(question, PollQuestion)
        add("    poll:")
        lines.extend(f"      - {scalar(choice)}" for choice in question.choices)
        if question.shuffle:
            add("    shuffle: true")
    return lines
