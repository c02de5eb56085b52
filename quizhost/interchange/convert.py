"""Conversions several formats share: numbers to sliders, weights to correct answers, text.

Kept here so that GIFT and Moodle XML (which describe the same Moodle question types) make
the same choices, and a teacher gets the same bank from either.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import Any

from quizhost.bank.maths import Formula, FormulaSyntaxError, split
from quizhost.bank.models import (
    AnyQuestion,
    PointsMode,
    SliderQuestion,
    TypeAnswerQuestion,
)
from quizhost.bank.spec import MAX_ALT_CHARS, MAX_EXPLANATION_CHARS

SLIDER_SPAN_MARGINS = 10  # an imported number's slider runs answer ± 10 margins


def clean(text: str) -> str:
    """Whitespace collapsed to single spaces and trimmed (sources wrap lines at random)."""
    return " ".join(text.split())


def shorten(text: str, limit: int = 40) -> str:
    """A short quote of `text` for messages."""
    text = clean(text)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def explanation(text: str | None, lost: list[str]) -> str | None:
    """Feedback as an explanation, cut to the bank's limit (saying so) rather than refused."""
    if text is None:
        return None
    text = clean(text)
    if not text:
        return None
    if len(text) > MAX_EXPLANATION_CHARS:
        lost.append(f"the explanation was cut to {MAX_EXPLANATION_CHARS} characters")
        text = text[: MAX_EXPLANATION_CHARS - 3].rstrip() + "..."
    return text


def alt_text(text: str | None, lost: list[str]) -> str | None:
    """An image's description as a bank's alt text, cut to the bank's limit (saying so): a
    description a player's screen reader can still read is better than none."""
    text = clean(text or "")
    if not text:
        return None
    if len(text) > MAX_ALT_CHARS:
        lost.append(f"the image's alt text was cut to {MAX_ALT_CHARS} characters")
        text = text[: MAX_ALT_CHARS - 3].rstrip() + "..."
    return text


def parse_decimal(text: str) -> Decimal | None:
    """A finite number written in a source (comma as decimal separator too), else None."""
    text = text.strip().replace(",", ".")
    if not re.fullmatch(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?", text):
        return None
    try:
        value = Decimal(text)
    except InvalidOperation:  # pragma: no cover - the pattern only lets numbers through
        return None
    return value if value.is_finite() else None


def weight_text(value: Decimal) -> str:
    """A percentage weight as Moodle writes them, in GIFT and XML alike: 50, 33.33333."""
    return format(value.quantize(Decimal("0.00001")).normalize(), "f")


def numeric_question(
    common: dict[str, Any], answer: Decimal, margin: Decimal, lost: list[str]
) -> AnyQuestion:
    """A Moodle numerical answer: a type-the-answer question when exact (margin 0), else a
    slider around the answer whose step can land on it (the source gives no range)."""
    if margin <= 0:
        return TypeAnswerQuestion(**common, accepted=(_plain(answer),))
    places = max(_places(answer), _places(margin))
    step = Decimal(1).scaleb(-places)
    span = margin * SLIDER_SPAN_MARGINS
    low, high = answer - span, answer + span
    if answer >= 0 > low:  # keep a positive quantity's slider positive
        low = answer - ((answer / step).to_integral_value(rounding="ROUND_FLOOR")) * step
    lost.append(
        f"the source gives no slider range: min {_plain(low)}, max {_plain(high)} and step "
        f"{_plain(step)} were chosen on import (answer ± {SLIDER_SPAN_MARGINS} × margin)"
    )
    return SliderQuestion(
        **common,
        minimum=float(low),
        maximum=float(high),
        step=float(step),
        answer=float(answer),
        margin=float(margin),
    )


def _places(value: Decimal) -> int:
    exponent = value.normalize().as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0


def _plain(value: Decimal) -> str:
    text = format(value.normalize(), "f")
    return text


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def printable(text: str) -> str:
    """`text` without the control characters spreadsheets and XML 1.0 cannot hold."""
    return _CONTROL.sub("", text)


def question_texts(question: AnyQuestion) -> list[str]:
    """Every text of a question: its text, explanation and each answer."""
    texts = [question.text, question.explanation or ""]
    for name in ("choices", "accepted", "items"):
        texts += list(getattr(question, name, ()))
    return texts


def formula_warning(question: AnyQuestion) -> str | None:
    """A warning when a `math: true` question has formulas: every format we export holds
    plain text only, so they go out as their LaTeX source between dollars."""
    if not question.math or not any(_has_formula(text) for text in question_texts(question)):
        return None
    return (
        f"question '{shorten(printable(question.text))}': formulas go out as written, "
        "LaTeX between dollars (the format has no math: true)"
    )


def _has_formula(text: str) -> bool:
    try:
        return any(isinstance(part, Formula) for part in split(text))
    except FormulaSyntaxError:  # a loaded bank has none; the text goes out as it is
        return False


def control_warning(question: AnyQuestion) -> str | None:
    """A warning when a text of the question holds control characters a writer drops."""
    if any(_CONTROL.search(text) for text in question_texts(question)):
        return f"question '{shorten(printable(question.text))}': control characters left out"
    return None


def category_title(path: str) -> str | None:
    """A bank title from a Moodle category path: "$course$/Science/Week 1" -> "Week 1"."""
    parts = [clean(part) for part in path.split("/") if clean(part) and not part.startswith("$")]
    return parts[-1] if parts else None


def points_from_grade(grade: float) -> PointsMode:
    """Moodle's default mark (1 is usual) as quizhost points: 0 none, 2 or more double."""
    if grade <= 0:
        return PointsMode.NONE
    return PointsMode.DOUBLE if grade >= 2 else PointsMode.STANDARD


def grade_from_points(points: PointsMode) -> int:
    """The inverse of `points_from_grade`."""
    return {PointsMode.NONE: 0, PointsMode.STANDARD: 1, PointsMode.DOUBLE: 2}[points]
