"""GIFT's syntax: the grammar, comment lines and their quizhost metadata, escapes, and the
answers block as parsed, before any of it becomes a bank model (that is `gift.py`'s job)."""

from __future__ import annotations

import json
import re
from decimal import Decimal
from typing import Any

from attrs import define, field
from lark import Lark, Token, Tree

from quizhost.interchange.grammar import Chunk

GRAMMAR = r"""
start: title? TEXT? block TEXT?
     | title? TEXT                     -> description
title: "::" TITLE "::"
block: "{" body "}"
?body: truefalse | numeric | answers | empty
empty:
truefalse: TF feedback? feedback? general?
numeric: "#" ATEXT? feedback? answer* general?
answers: answer+ general?
answer: MARK WEIGHT? ATEXT? feedback?
feedback: "#" ATEXT?
general: GENERAL ATEXT?

TF: /TRUE|FALSE|T|F/
MARK: /[=~]/
WEIGHT.3: /%-?\d+(?:\.\d+)?%/
GENERAL.3: "####"
ATEXT: /(?:\\.|[^\\{}=~#\s])(?:\\.|[^\\{}=~#])*/s
TEXT: /(?:\\.|[^\\{}:\s]|:(?!:))(?:\\.|[^\\{}:]|:(?!:))*/s
TITLE: /(?:\\.|[^\\:]|:(?!:))+/s

%import common.WS
%ignore WS
"""

PARSER = Lark(GRAMMAR, parser="lalr", lexer="contextual", propagate_positions=True)
WORDS = {
    "LBRACE": "'{' opening the answers",
    "RBRACE": "'}' closing the answers",
    "MARK": "an answer starting = or ~",
    "TF": "T, F, TRUE or FALSE",
    "WEIGHT": "a weight like %50%",
    "GENERAL": "'####' general feedback",
    "ATEXT": "answer text",
    "TEXT": "question text",
    "TITLE": "a title",
    "__ANON_0": "",
    "COLON": "'::'",
    "HASH": "'#' feedback",
    "$END": "the end of the question (is a blank line missing before the next one?)",
    "<END-OF-FILE>": "the end of the question (is a blank line missing before the next one?)",
}
_COMMENT = re.compile(r"^\s*//(.*)$")
_META = re.compile(r"^\s*quizhost:\s*(\{.*\})\s*$")
_FORMAT = re.compile(r"^\s*\[(html|moodle|plain|markdown)\]", re.IGNORECASE)
_ESCAPE = re.compile(r"\\(.)")


def strip_comments(chunk: Chunk) -> tuple[str, dict[str, Any], int]:
    """The chunk with comment lines emptied (positions kept), quizhost's metadata from them,
    and the line where the question itself starts."""
    lines = chunk.text.split("\n")
    meta: dict[str, Any] = {}
    first = chunk.line
    seen_text = False
    for index, line in enumerate(lines):
        match = _COMMENT.match(line)
        if match:
            found = _META.match(match.group(1))
            if found:
                try:
                    loaded = json.loads(found.group(1))
                except json.JSONDecodeError:
                    loaded = None
                if isinstance(loaded, dict):
                    meta.update(loaded)
            lines[index] = ""
        elif not seen_text:
            seen_text = True
            first = chunk.line + index
    return "\n".join(lines), meta, first


def unescape(text: str) -> str:
    return _ESCAPE.sub(lambda m: " " if m.group(1) == "n" else m.group(1), text)


def text_format(raw: str) -> str:
    """The question's `[format]`: html, plain, or auto (no prefix: HTML if it looks like it,
    as Moodle's default format renders tags)."""
    match = _FORMAT.match(raw)
    if not match:
        return "auto"
    return "html" if match.group(1).lower() in ("html", "moodle") else "plain"


def drop_format(text: str) -> str:
    """The text without its `[format]` prefix."""
    match = _FORMAT.match(text)
    return text[match.end() :] if match else text


@define
class Answer:
    """One answer of a block, as written: its mark, %weight%, text and feedback."""

    mark: str
    weight: Decimal | None
    text: str
    feedback: str | None

    @property
    def credit(self) -> Decimal:
        if self.weight is not None:
            return self.weight
        return Decimal(100) if self.mark == "=" else Decimal(0)


@define
class Block:
    """The answers block of a question: which form it takes and what it holds."""

    kind: str
    answers: list[Answer] = field(factory=list)
    value: str | None = None  # T/F, or the numeric spec
    feedbacks: list[str] = field(factory=list)
    general: str | None = None


def tokens(tree: Tree[Token], name: str) -> list[Token]:
    """The tree's own tokens of one type (not its subtrees')."""
    return [child for child in tree.children if isinstance(child, Token) and child.type == name]


def subtrees(tree: Tree[Token], name: str) -> list[Tree[Token]]:
    """The tree's direct subtrees of one rule."""
    return [child for child in tree.children if isinstance(child, Tree) and child.data == name]


def _feedback_text(tree: Tree[Token]) -> str:
    """The feedback as written (escapes and HTML are undone with the question's format)."""
    texts = tokens(tree, "ATEXT")
    return str(texts[0]) if texts else ""


def read_block(tree: Tree[Token]) -> Block:
    """The `block` subtree as a Block, its texts still as written (escaped, maybe HTML)."""
    body = tree.children[0]
    assert isinstance(body, Tree)
    block = Block(str(body.data))
    general = subtrees(body, "general")
    if general:
        block.general = _feedback_text(general[0])
    block.feedbacks = [_feedback_text(sub) for sub in subtrees(body, "feedback")]
    for value in tokens(body, "TF") + tokens(body, "ATEXT"):
        block.value = str(value)
    for answer in subtrees(body, "answer"):
        (mark,) = tokens(answer, "MARK")
        weights = tokens(answer, "WEIGHT")
        texts = tokens(answer, "ATEXT")
        feedback = subtrees(answer, "feedback")
        block.answers.append(
            Answer(
                mark=str(mark),
                weight=Decimal(str(weights[0])[1:-1]) if weights else None,
                text=str(texts[0]) if texts else "",
                feedback=_feedback_text(feedback[0]) if feedback else None,
            )
        )
    return block
