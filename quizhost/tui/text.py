"""Text from players and banks, made safe to show: literal, no markup, no control codes.

Nicknames and bank text are untrusted. `literal()` wraps them in a rich `Text`, which Textual
never parses as markup, after `clean()` removed every control (C0, DEL, C1, so also ESC and
the CSI that start terminal escape sequences) and format character (zero-width, bidi
overrides) that could move the cursor or reorder the line.
"""

from __future__ import annotations

import unicodedata

from attrs import evolve
from rich.style import Style
from rich.text import Text

from quizhost.bank.maths import readable_text, shown_as_text
from quizhost.bank.models import Kind
from quizhost.core import PublicQuestion

_SPACES = {"\t": " ", "\n": " ", "\r": " "}


def clean(value: str) -> str:
    """`value` without control or format characters (tabs and newlines become spaces)."""
    out: list[str] = []
    for char in value:
        if char in _SPACES:
            out.append(_SPACES[char])
        elif unicodedata.category(char) not in ("Cc", "Cf"):
            out.append(char)
    return "".join(out)


def literal(value: str, style: str | Style = "") -> Text:
    """`value` as text shown exactly as written (after `clean`), in `style`."""
    return Text(clean(value), style=style, no_wrap=False)


# Formulas: a terminal cannot draw MathML, so the console shows a `math: true` question's
# `$...$` as Unicode text (pylatexenc): `$\\frac{1}{2}$ of \\$10` -> `1/2 of $10`.


def readable(question: PublicQuestion) -> PublicQuestion:
    """The question with its formulas as Unicode text; as it is without `math`."""
    if not question.math:
        return question
    return evolve(
        question,
        text=readable_text(question.text),
        choices=question.choices
        if question.kind is Kind.TRUE_FALSE
        else tuple(readable_text(choice) for choice in question.choices),
        items=tuple(readable_text(item) for item in question.items),
    )


def readable_explanation(explanation: str | None, math: bool) -> str:
    """A reveal's explanation, formulas as Unicode text when the question has `math`."""
    if not explanation:
        return ""
    return shown_as_text(explanation, math)
