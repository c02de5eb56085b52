"""GIFT written from a bank: what GIFT cannot say goes in a `// quizhost:` comment line."""

from __future__ import annotations

import functools
import html
import json
import re
from decimal import Decimal
from pathlib import Path
from typing import Any

from quizhost.bank.models import (
    DEFAULT_TIME_LIMIT_MS,
    AnyQuestion,
    Bank,
    ChoiceQuestion,
    PointsMode,
    SliderQuestion,
    TrueFalseQuestion,
    TypeAnswerQuestion,
)
from quizhost.interchange.convert import question_texts, shorten, weight_text
from quizhost.interchange.model import Issue, Place
from quizhost.interchange.yamlout import number


def escape(text: str) -> str:
    """Text safe inside GIFT: the special characters backslashed, one line."""
    return re.sub(r"([~=#{}:\\])", r"\\\1", " ".join(text.split()))


def write_gift(bank: Bank, path: Path) -> list[Issue]:
    """Write the bank as GIFT; order questions and polls (no GIFT kind) and images are left
    out with a warning each."""
    warnings: list[Issue] = []
    blocks = [
        f"$CATEGORY: $course$/{bank.title.replace('/', ' ')}",
        "// written by quizhost; '// quizhost:' lines keep what GIFT cannot say",
    ]
    for question in bank.questions:
        place = Place(str(bank.source or "bank"), question.line, 1)
        name = f"question '{shorten(question.text)}'"
        answers = _answers_for(question, _needs_html(question))
        if answers is None:
            warnings.append(Issue(place, f"skipped {name}: GIFT has no {question.kind} questions"))
            continue
        if question.image:
            what = "the image and its alt text" if question.image_alt else "the image"
            warnings.append(Issue(place, f"{name}: {what} left out (GIFT text holds none)"))
        meta: dict[str, Any] = {}
        if question.time_limit_ms != DEFAULT_TIME_LIMIT_MS:
            seconds = question.time_limit_ms / 1000
            meta["time"] = int(seconds) if seconds.is_integer() else seconds
        if question.points != PointsMode.STANDARD:
            meta["points"] = question.points.value
        if isinstance(question, ChoiceQuestion) and question.shuffle:
            meta["shuffle"] = True
        if isinstance(question, SliderQuestion):
            meta["slider"] = [question.minimum, question.maximum, question.step]
        html_mode = _needs_html(question)
        text = ("[html]" if html_mode else "") + _escape_for(question.text, html_mode)
        general = ""
        if question.explanation:
            general = f" ####{_escape_for(question.explanation, html_mode)}"
        lines = [f"// quizhost: {json.dumps(meta)}"] if meta else []
        lines.append(f"{text} {{{answers}{general}}}")
        blocks.append("\n".join(lines))
    path.write_text("\n\n".join(blocks) + "\n", encoding="utf-8")
    return warnings


def _needs_html(question: AnyQuestion) -> bool:
    """Whether a text of the question has `<`, `>` or `&`, which Moodle would take for HTML:
    then the question is written `[html]` with those characters as entities."""
    return any(char in text for text in question_texts(question) for char in "<>&")


def _escape_for(text: str, html_mode: bool) -> str:
    return escape(html.escape(text, quote=False) if html_mode else text)


def _answers_for(question: AnyQuestion, html_mode: bool = False) -> str | None:
    escape = functools.partial(_escape_for, html_mode=html_mode)
    if isinstance(question, ChoiceQuestion):
        if not question.multiple:
            return " ".join(
                f"{'=' if index in question.correct else '~'}{escape(choice)}"
                for index, choice in enumerate(question.choices)
            )
        share = weight_text(Decimal(100) / len(question.correct))
        return " ".join(
            f"~%{share if index in question.correct else '-100'}%{escape(choice)}"
            for index, choice in enumerate(question.choices)
        )
    if isinstance(question, TrueFalseQuestion):
        return "TRUE" if question.answer else "FALSE"
    if isinstance(question, TypeAnswerQuestion):
        return " ".join(f"={escape(text)}" for text in question.accepted)
    if isinstance(question, SliderQuestion):
        margin = f":{number(question.margin)}" if question.margin else ""
        return f"#{number(question.answer)}{margin}"
    return None
