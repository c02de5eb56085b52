"""Formulas on the wire: `..._math` trees beside the plain fields, built from an allow-list so
that nothing but presentation MathML ever reaches a page."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from latex2mathml import commands

from quizhost.bank.models import Kind, PointsMode
from quizhost.core import PublicQuestion, QuestionClosed
from quizhost.protocol.mathml import (
    ALTTEXT_CHARS,
    MATHML_ATTRIBUTES,
    MATHML_TAGS,
    TOKEN_TAGS,
    formula_tree,
    math_segments,
)
from quizhost.protocol.outbound import get_ready_frame, question_frame, reveal_fields
from quizhost.protocol.screen import ScreenReveal, ScreenView, screen_fields

HALF = PublicQuestion(
    0,
    2,
    Kind.CHOICE,
    r"What is $\frac{1}{2}$ of \$10?",
    20_000,
    PointsMode.STANDARD,
    choices=(r"\$5", r"$x^2$", "7"),
    math=True,
)


def math(alttext: str, *children: dict[str, Any]) -> dict[str, Any]:
    """A `math` root as sent: its Unicode `alttext` and its elements."""
    return {"t": "math", "a": {"alttext": alttext}, "c": list(children)}


def frac(top: str, bottom: str) -> dict[str, Any]:
    return {"t": "mfrac", "c": [{"t": "mn", "c": [top]}, {"t": "mn", "c": [bottom]}]}


def test_a_math_question_carries_its_formulas_as_trees() -> None:
    """`text` stays as written for v1 clients; `text_math` holds plain parts (an escaped
    dollar made a dollar) and one `math` element per formula."""
    frame = json.loads(question_frame(HALF, 19_000, None))
    assert frame["text"] == r"What is $\frac{1}{2}$ of \$10?"
    assert frame["text_math"] == [
        "What is ",
        math("1/2", frac("1", "2")),
        " of $10?",
    ]
    assert frame["choices"] == [r"\$5", "$x^2$", "7"]
    assert frame["choices_math"] == [
        ["$5"],
        [math("x²", {"t": "msup", "c": [{"t": "mi", "c": ["x"]}, {"t": "mn", "c": ["2"]}]})],
        ["7"],
    ]


def test_without_math_dollars_are_text_and_no_tree_is_sent() -> None:
    """An existing bank's '$5 and $3' goes out exactly as before: no `..._math` field."""
    plain = attrs.evolve(HALF, text="A pen is $5 and a pad $3?", math=False)
    frame = json.loads(question_frame(plain, 19_000, None))
    assert not [key for key in frame if key.endswith("_math")]
    assert frame["text"] == "A pen is $5 and a pad $3?"


def test_a_math_text_without_a_formula_sends_no_tree() -> None:
    """Nothing to draw, nothing sent: the frame stays as small as a v1 frame."""
    question = attrs.evolve(HALF, text="Which is largest?", choices=("1", "2"))
    frame = json.loads(question_frame(question, 19_000, None))
    assert "text_math" not in frame and "choices_math" not in frame


def test_true_false_choices_never_carry_trees() -> None:
    """True/False are the page's own words, shown in the player's language."""
    question = attrs.evolve(HALF, kind=Kind.TRUE_FALSE, choices=("True", "False"))
    frame = json.loads(question_frame(question, 19_000, None))
    assert "choices_math" not in frame and "text_math" in frame


def test_order_items_get_their_trees() -> None:
    question = attrs.evolve(HALF, kind=Kind.ORDER, choices=(), items=("$1$", "two"))
    frame = json.loads(question_frame(question, 19_000, None))
    assert frame["items_math"] == [[math("1", {"t": "mn", "c": ["1"]})], ["two"]]


def test_the_intro_carries_the_text_tree() -> None:
    frame = json.loads(get_ready_frame(HALF, 3_000, None))
    assert frame["text_math"][1] == math("1/2", frac("1", "2"))


def test_the_reveal_carries_the_explanation_tree_to_players_and_the_screen() -> None:
    """Players' reveal, the host's and the big screen's all use the same fields."""
    closed = QuestionClosed(0, None, r"Half of $10$ is $\frac{10}{2}$", None, {}, math=True)
    fields = reveal_fields(closed)
    assert fields["explanation_math"][-1] == math("10/2", frac("10", "2"))
    assert "explanation_math" not in reveal_fields(attrs.evolve(closed, math=False))
    view = ScreenView(
        state="reveal",
        pin="123456",
        join_url="http://x/",
        locked=False,
        players=0,
        joined=(),
        question=HALF,
        image_url=None,
        remaining_ms=0,
        answered=0,
        reveal=ScreenReveal(closed),
        top=(),
    )
    screen = screen_fields(view)
    assert screen["reveal"]["explanation_math"] == fields["explanation_math"]
    assert screen["question"]["text_math"][1]["t"] == "math"


def walk(node: Any, parent: str) -> None:
    """Assert the tree's contract: allow-listed tags and attributes with plain values, text
    only inside token elements, and nothing but the three keys."""
    if isinstance(node, str):
        assert parent in TOKEN_TAGS, f"text {node!r} directly inside <{parent}>"
        return
    assert set(node) <= {"t", "a", "c"}, node
    assert node["t"] in MATHML_TAGS, node["t"]
    attributes = dict(node.get("a", {}))
    if parent == "":  # the root: its Unicode text is the one free-text attribute
        assert node["t"] == "math" and set(attributes) == {"alttext"}
        alttext = attributes.pop("alttext")
        assert len(alttext) <= ALTTEXT_CHARS and alttext.isprintable()
    for name, value in attributes.items():
        assert name in MATHML_ATTRIBUTES, name
        assert isinstance(value, str) and len(value) <= 40
        assert all(char.isalnum() or char in " .%+-" for char in value), value
    for child in node.get("c", []):
        walk(child, node["t"])


def known_commands() -> list[str]:
    """Every LaTeX command latex2mathml names, with arguments to chew on."""
    names = {
        value
        for value in vars(commands).values()
        if isinstance(value, str) and value.startswith("\\") and value[1:].isalpha()
    }
    names |= {key for key in commands.CONVERSION_MAP if key.startswith("\\")}
    return sorted(names)


@pytest.mark.parametrize("command", known_commands())
def test_no_command_produces_anything_outside_the_allow_list(command: str) -> None:
    """Whatever the converter makes of a command (links, colours, styles, classes), only
    allow-listed MathML leaves the server."""
    for latex in (
        f"{command}{{a}}{{b}} x",
        f"{command}[2]{{javascript:alert(1)}}{{b}}",
        f"{command} x^2",
        rf"\begin{{matrix}} {command}{{a}} & b \end{{matrix}}",
    ):
        tree = formula_tree(latex)
        assert tree["t"] == "math"
        walk(tree, "")


def attributes(node: Any) -> list[tuple[str, str]]:
    if isinstance(node, str):
        return []
    found = list(node.get("a", {}).items())
    for child in node.get("c", []):
        found.extend(attributes(child))
    return found


def test_links_styles_and_colours_are_dropped() -> None:
    r"""`\href`, `\style`, `\class`, `\color` make attributes the page must never see; their
    text stays text."""
    for latex in (
        r"\href{javascript:alert(1)}{x}",
        r"\style{background:url(http://evil/)}{x}",
        r"\class{hidden}{x}",
        r"\color{red}{x}",
        r"\colorbox{red}{x}",
    ):
        found = attributes(formula_tree(latex))
        assert not [
            (name, value)
            for name, value in found
            if name in {"href", "style", "class", "mathcolor", "mathbackground"}
            or (":" in value and name != "alttext")  # alttext is text, never a link
        ], (latex, found)


PIECES = [*"{}^_\\&$ ax1+", r"\frac", r"\sqrt", r"\left(", r"\right)", r"\href"]
LATEX = st.lists(st.sampled_from(PIECES), max_size=20).map("".join)


@settings(max_examples=300, deadline=None)
@given(LATEX)
def test_any_text_gives_segments_that_keep_the_contract(text: str) -> None:
    """Random bank text, broken formulas included: segments are plain strings and `math`
    trees that keep the contract, or None; never an exception."""
    segments = math_segments(text)
    if segments is None:
        return
    for segment in segments:
        if isinstance(segment, dict):
            assert segment["t"] == "math"
            walk(segment, "")


def test_the_docs_example_is_what_the_server_sends() -> None:
    """docs/protocol.md's formula example, rebuilt from its own text and choices."""
    docs = (Path(__file__).resolve().parents[2] / "docs" / "protocol.md").read_text("utf-8")
    section = docs[docs.index("### Formulas (added)") :]
    example = json.loads(section.split("```json\n", 1)[1].split("```", 1)[0])
    question = PublicQuestion(
        example["index"],
        example["total"],
        Kind.CHOICE,
        example["text"],
        example["time_limit_ms"],
        PointsMode.STANDARD,
        choices=tuple(example["choices"]),
        math=True,
    )
    assert json.loads(question_frame(question, example["remaining_ms"], None)) == example
