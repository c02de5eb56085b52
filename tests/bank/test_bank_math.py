"""`math: true`: `$...$` becomes a formula, opt-in, and a formula that cannot be shown is a
problem at its place in the file."""

from __future__ import annotations

import pytest

from quizhost.bank.maths import Formula, FormulaSyntaxError, formula_problem, plain_text, split
from quizhost.bank.models import ChoiceQuestion, OrderQuestion
from quizhost.bank.snapshot import bank_from_json, bank_to_json
from tests.kit.banks import Check


def test_math_is_off_unless_asked_so_dollars_stay_text(check: Check) -> None:
    """A bank written before formulas existed loads as it always did: '$5 and $3' is text,
    even '$x^$', which would not convert."""
    report = check(
        """\
        title: Prices
        questions:
          - question: A pen is $5 and a pad $3. Is $x^$ text?
            true_false: true
        """
    )
    assert report.bank is not None, report.problems
    question = report.bank.questions[0]
    assert question.math is False
    assert question.text == "A pen is $5 and a pad $3. Is $x^$ text?"


def test_math_from_defaults_and_a_question_turning_it_off(check: Check) -> None:
    """`defaults: math` applies to every question; a question's own `math` wins."""
    report = check(
        r"""
        title: Fractions
        defaults:
          math: true
        questions:
          - question: What is $\frac{1}{2} + \frac{1}{4}$?
            choices: [{correct: '$\frac{3}{4}$'}, '$\frac{2}{6}$']
            explanation: Write both over 4, then add the tops.
          - question: A pen is $5 and a pad $3; how much for both?
            math: false
            accept: "8"
          - question: Put them in order
            order: ['$\frac{1}{4}$', '$\frac{1}{2}$', '$1$']
        """
    )
    assert report.bank is not None, [str(p) for p in report.problems]
    first, second, third = report.bank.questions
    assert isinstance(first, ChoiceQuestion) and first.math
    assert first.choices == (r"$\frac{3}{4}$", r"$\frac{2}{6}$")  # texts keep their dollars
    assert second.math is False
    assert isinstance(third, OrderQuestion) and third.math


def test_math_on_one_question_only(check: Check) -> None:
    """`math: true` on a question, without defaults, turns it on for that question only."""
    report = check(
        r"""
        title: T
        questions:
          - question: Is $x^2 \geq 0$ for every real x?
            math: true
            true_false: true
          - question: Is $5 more than $3?
            true_false: true
        """
    )
    assert report.bank is not None, [str(p) for p in report.problems]
    assert [q.math for q in report.bank.questions] == [True, False]


def test_an_escaped_dollar_is_a_literal_dollar() -> None:
    """`\\$` is a dollar sign in the plain text, and never opens a formula."""
    assert split(r"It costs \$5, or $x$ dollars") == [
        "It costs $5, or ",
        Formula("x", 17),  # offsets are in the text as written
        " dollars",
    ]
    assert split(r"\$5 and \$3") == ["$5 and $3"]
    assert plain_text(r"$x^2$ costs \$5") == "x^2 costs $5"


def test_a_dollar_inside_a_formula_may_be_escaped() -> None:
    """Inside a formula `\\$` is LaTeX's dollar sign: it does not close the formula."""
    assert split(r"$\$5 + x$!") == [Formula(r"\$5 + x", 0), "!"]


def test_an_unclosed_dollar_says_where_it_opened() -> None:
    """The error carries the offset of the `$` that opened the formula."""
    with pytest.raises(FormulaSyntaxError) as caught:
        split("Area: $x + 1")
    assert caught.value.offset == 6


@pytest.mark.parametrize(
    ("latex", "words"),
    [
        (r"\sqrt", "ends too early"),
        (r"x^{2}^{3}", "two '^'"),
        (r"\begin{matrix} a", r"no matching \end"),
        ("x^", "'^' or '_' needs something after it"),
        (r"\left( x", r"\left has no matching \right"),
        (r"\frac{1}{2", "'{' is never closed"),
        ("x}", "'}' closes nothing"),
        (r"\sqrtt{2}", r"unknown command \sqrtt"),
        ("  ", "it is empty"),
    ],
)
def test_formula_problems_are_in_plain_words(latex: str, words: str) -> None:
    """The converter's nameless exceptions become sentences an author can act on."""
    problem = formula_problem(latex)
    assert problem is not None and words in problem


@pytest.mark.parametrize(
    "latex", [r"\frac{1}{2}", r"x^2 + \sqrt{y}", r"\sum_{i=1}^{n} i", r"\$5", r"\{a, b\}"]
)
def test_good_formulas_have_no_problem(latex: str) -> None:
    assert formula_problem(latex) is None


def test_a_broken_formula_is_reported_at_its_place(check: Check) -> None:
    """FILE:LINE:COL points at the formula's opening dollar in the file as written: in a
    plain text, in a quoted choice, in an explanation; an unclosed one where it opens."""
    report = check(
        r"""title: T
defaults:
  math: true
questions:
  - question: What is $\frac$ really?
    choices: [{correct: '$x^$'}, b]
    explanation: Look at $\left( x$ again
  - question: Area is $x + 1 cm
    poll: [a, '$\sqrtt{2}$']
"""
    )
    assert report.bank is None
    found = {(p.line, p.col): p.message for p in report.problems}
    assert set(found) == {(5, 23), (6, 26), (7, 26), (8, 23), (9, 16)}, found
    assert "ends too early" in found[(5, 23)]
    assert found[(5, 23)].startswith(r"in the formula $\frac$:")
    assert "'^' or '_'" in found[(6, 26)]
    assert r"\right" in found[(7, 26)]
    assert "never closed" in found[(8, 23)] and r"\$" in found[(8, 23)]
    assert r"unknown command \sqrtt" in found[(9, 16)]


def test_backslashes_in_double_quotes_get_a_hint(check: Check) -> None:
    """In double quotes YAML turns `\\f` into a form feed: the author learns to use single
    quotes instead of reading about a broken formula."""
    report = check(
        """\
        title: T
        defaults: {math: true}
        questions:
          - question: "Half is $\\frac{1}{2}$"
            true_false: true
        """
    )
    assert [p.line for p in report.problems] == [4]
    assert "single quotes" in report.problems[0].message


def test_math_must_be_true_or_false(check: Check) -> None:
    report = check(
        """\
        title: T
        defaults: {math: yes}
        questions:
          - question: Q
            math: 1
            true_false: true
        """
    )
    messages = {(p.line, p.message) for p in report.problems}
    assert any(line == 2 and "'math' must be true or false" in m for line, m in messages)
    assert any(line == 5 and "'math' must be true or false" in m for line, m in messages)


def test_accepted_answers_are_never_formulas(check: Check) -> None:
    """Players type accepted answers, so a `$` there stays a character even with math on."""
    report = check(
        """\
        title: T
        defaults: {math: true}
        questions:
          - question: Type the sign for dollars
            accept: ["$"]
        """
    )
    assert report.bank is not None, [str(p) for p in report.problems]


def test_the_snapshot_keeps_math(check: Check) -> None:
    """A stored game replays its questions with math on; old snapshots read as off."""
    report = check(
        "title: T\nquestions:\n  - question: $x$?\n    math: true\n    true_false: true\n"
    )
    assert report.bank is not None, report.problems
    stored = bank_to_json(report.bank)
    assert bank_from_json(stored) == report.bank
    assert bank_from_json(stored.replace(',"math":true', "")).questions[0].math is False
