"""Formulas in bank text: `$...$` is LaTeX when a bank (or a question) says `math: true`.

Opt-in, so that "$5 and $3" in a bank written before formulas existed stays text. In a math
text, `\\$` is a literal dollar sign and every other `$` opens or closes a formula. This
module only splits a text into plain parts and formulas and says, in an author's words, why a
formula does not convert; turning formulas into MathML for the wire is the protocol's job and
into Unicode for the console the console's.
"""

from __future__ import annotations

import functools
import re

from attrs import frozen
from latex2mathml import exceptions as latex_errors
from latex2mathml.converter import convert_to_element
from pylatexenc.latex2text import LatexNodes2Text

ESCAPED_DOLLAR = "\\$"


@frozen
class Formula:
    """One `$...$` of a text: its LaTeX, and where its opening `$` is in the text."""

    latex: str
    offset: int

    @property
    def source(self) -> str:
        """The formula as written, dollars included."""
        return f"${self.latex}$"


Segment = str | Formula


class FormulaSyntaxError(ValueError):
    """A `$` that opens a formula never closes; `offset` is that `$` in the text."""

    def __init__(self, offset: int) -> None:
        super().__init__("a formula opened with '$' is never closed")
        self.offset = offset


def split(text: str) -> list[Segment]:
    """The plain parts (with `\\$` made `$`) and the formulas of a math text, in order.

    Raises `FormulaSyntaxError` for a `$` that is never closed. Inside a formula `\\$` stays
    as written: it is LaTeX's own dollar sign there.
    """
    segments: list[Segment] = []
    plain: list[str] = []
    i = 0
    while i < len(text):
        if text.startswith(ESCAPED_DOLLAR, i):
            plain.append("$")
            i += 2
        elif text[i] == "$":
            end = _closing_dollar(text, i + 1)
            if end < 0:
                raise FormulaSyntaxError(i)
            if plain:
                segments.append("".join(plain))
                plain = []
            segments.append(Formula(text[i + 1 : end], i))
            i = end + 1
        else:
            plain.append(text[i])
            i += 1
    if plain:
        segments.append("".join(plain))
    return segments


def _closing_dollar(text: str, start: int) -> int:
    """The index of the `$` that closes a formula starting at `start`, or -1."""
    i = start
    while i < len(text):
        if text[i] == "\\":
            i += 2  # a command or an escaped character, `\$` included
        elif text[i] == "$":
            return i
        else:
            i += 1
    return -1


def plain_text(text: str) -> str:
    """A math text with its dollars and escapes taken out: what a reader without formulas
    sees (`$x^2$ costs \\$5` -> `x^2 costs $5`); the text itself if it does not split."""
    try:
        segments = split(text)
    except FormulaSyntaxError:
        return text
    return "".join(s if isinstance(s, str) else s.latex for s in segments)


# Superscripts and subscripts that Unicode has a character for: x^2 -> x², a_{10} -> a₁₀.
_SUPERSCRIPTS = str.maketrans("0123456789+-=()ni", "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁼⁽⁾ⁿⁱ")
_SUBSCRIPTS = str.maketrans("0123456789+-=()", "₀₁₂₃₄₅₆₇₈₉₊₋₌₍₎")
_SCRIPT = re.compile(r"([\^_])(?:\{([0-9+\-=()ni]+)\}|([0-9ni]))")
_TO_TEXT = LatexNodes2Text(math_mode="text", strict_latex_spaces=True)


def unicode_text(latex: str) -> str:
    """A formula as Unicode text, for places that cannot draw MathML (the console, a screen
    reader's label): `\\frac{1}{2}` -> `1/2`, `x^2` -> `x²`, `\\alpha \\leq \\beta` -> `α≤β`."""

    def script(match: re.Match[str]) -> str:
        body = match.group(2) or match.group(3)
        table = _SUPERSCRIPTS if match.group(1) == "^" else _SUBSCRIPTS
        shown = body.translate(table)
        return shown if all(ord(char) > 127 for char in shown) else match.group()

    try:
        text = str(_TO_TEXT.latex_to_text(_SCRIPT.sub(script, latex)))
    except Exception:  # pylatexenc is lenient, but a formula must never stop a display
        return latex
    return " ".join(text.split())


def shown_as_text(text: str, math: bool) -> str:
    """A question's text where only plain text can go (a terminal, a chart's label): its
    formulas as Unicode when the question has `math`, else the text as written."""
    return readable_text(text) if math else text


@functools.lru_cache(maxsize=1024)
def readable_text(text: str) -> str:
    """A math text with each formula as Unicode and `\\$` as `$`: what the console shows.
    Cached: the console redraws its views many times a second, and a conversion is a parse."""
    try:
        segments = split(text)
    except FormulaSyntaxError:
        return text
    return "".join(s if isinstance(s, str) else unicode_text(s.latex) for s in segments)


# The converter's exceptions carry no message: these say what each means to an author.
_CONVERTER_WORDS: dict[type[Exception], str] = {
    latex_errors.NoAvailableTokensError: "it ends too early: a command lacks its argument, "
    "e.g. \\sqrt{x} or \\frac{a}{b}",
    latex_errors.MissingSuperScriptOrSubscriptError: "'^' or '_' needs something after it, "
    "e.g. x^2 or x_{i+1}",
    latex_errors.DoubleSuperscriptsError: "two '^' on one thing; group them, e.g. {x^2}^3",
    latex_errors.DoubleSubscriptsError: "two '_' on one thing; group them, e.g. {x_1}_2",
    latex_errors.ExtraLeftOrMissingRightError: "a \\left has no matching \\right "
    "(or a \\right no \\left)",
    latex_errors.MissingEndError: "a \\begin{...} has no matching \\end{...}",
    latex_errors.NumeratorNotFoundError: "\\frac needs a numerator: \\frac{a}{b}",
    latex_errors.DenominatorNotFoundError: "\\frac needs a denominator: \\frac{a}{b}",
    latex_errors.InvalidAlignmentError: "an alignment in a matrix or array is not l, c or r",
    latex_errors.InvalidStyleForGenfracError: "\\genfrac has an invalid style",
    latex_errors.InvalidWidthError: "a width is not a length such as 1em",
    latex_errors.LimitsMustFollowMathOperatorError: "\\limits must follow an operator such "
    "as \\sum or \\int",
}

_COMMAND = re.compile(r"\\[A-Za-z]+")


def formula_problem(latex: str) -> str | None:
    """Why this formula (without its dollars) cannot be shown, in plain words; None when it
    converts."""
    if not latex.strip():
        return "it is empty; write something between the dollars, or \\$ for a dollar sign"
    balance = _brace_balance(latex)
    if balance > 0:
        return "a '{' is never closed with '}'"
    if balance < 0:
        return "a '}' closes nothing; remove it or add its '{'"
    try:
        root = convert_to_element(latex)
    except Exception as error:  # the converter raises its own classes, and IndexError and
        # friends on input it did not foresee: every one is a formula it cannot show
        return _CONVERTER_WORDS.get(type(error), "it is not LaTeX the converter can read")
    for node in root.iter():
        match = _COMMAND.fullmatch(node.text or "")
        if match:  # the converter shows a command it does not know as its name
            return f"unknown command {match.group()}; check its spelling"
    return None


def _brace_balance(latex: str) -> int:
    """Opened minus closed braces (`\\{` and `\\}` are characters, not groups); negative as
    soon as a '}' closes nothing."""
    depth = 0
    i = 0
    while i < len(latex):
        if latex[i] == "\\":
            i += 2
            continue
        if latex[i] == "{":
            depth += 1
        elif latex[i] == "}":
            depth -= 1
            if depth < 0:
                return depth
        i += 1
    return depth
