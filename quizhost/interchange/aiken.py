"""Aiken, the simplest single-answer format: a question line, lettered options, the answer.

    What is the capital of Australia?
    A. Sydney
    B) Canberra
    C. Melbourne
    ANSWER: B

Questions are separated by blank lines (Moodle also reads them back to back); the question
and each option fit on one line. Read with a grammar so that a stray line is reported where
it is, and every other question still read.
"""

from __future__ import annotations

from pathlib import Path

from lark import Lark, Token, Tree
from lark.exceptions import UnexpectedInput

from quizhost.bank.models import ChoiceQuestion
from quizhost.interchange.cells import decode
from quizhost.interchange.convert import clean
from quizhost.interchange.grammar import chunks, error_message, error_place
from quizhost.interchange.model import Imported, Item, Place

GRAMMAR = r"""
start: (_NL | question)*
question: QUESTION _NL (OPTION _NL)+ ANSWER
QUESTION: /[^\n]+/
OPTION: /[A-Za-z][.)][ \t]*[^\n]*/
ANSWER: /ANSWER:[ \t]*[A-Za-z][ \t]*(?=\r?\n|$)/
_NL: /\r?\n/
"""

_PARSER = Lark(GRAMMAR, parser="lalr", lexer="contextual")
_WORDS = {
    "QUESTION": "a question line",
    "OPTION": "an option like 'A. text'",
    "ANSWER": "'ANSWER: X' naming the right option",
    "_NL": "",
    "$END": "",
}


def read_aiken(path: Path) -> Imported:
    """Read every question; problems are reported at their line."""
    result = Imported(source=str(path))
    text = decode(path.read_bytes(), result)
    if text is None:
        return result
    for chunk in chunks(text):
        try:
            tree = _PARSER.parse(chunk.text)
        except UnexpectedInput as error:
            message = error_message(error, _WORDS)
            if message.startswith("the question ends"):
                message = "the question has no 'ANSWER: X' line naming the right option"
            result.problem(error_place(result.source, chunk, error), message)
            continue
        for question in tree.children:
            if isinstance(question, Tree):
                item = _item(result, question, chunk.line)
                if item is not None:
                    result.items.append(item)
    if not result.items and not result.problems and not result.warnings:
        result.problem(
            Place(result.source), "no questions found (Aiken: a question, A. B. ..., ANSWER: X)"
        )
    return result


def _item(result: Imported, tree: Tree[Token], first_line: int) -> Item | None:
    tokens = [child for child in tree.children if isinstance(child, Token)]
    question = tokens[0]
    place = Place(result.source, first_line + (question.line or 1) - 1, 1)
    letters: list[str] = []
    options: list[str] = []
    for token in tokens[1:-1]:
        letters.append(str(token)[0].upper())
        options.append(clean(str(token)[2:]))
    answer = tokens[-1]
    letter = clean(str(answer).split(":", 1)[1]).upper()
    answer_place = Place(result.source, first_line + (answer.line or 1) - 1, 1)
    if len(set(letters)) != len(letters):
        result.problem(answer_place, f"options {', '.join(letters)}: a letter is used twice")
        return None
    if letter not in letters:
        result.problem(
            answer_place, f"ANSWER: {letter} names no option (the options are {', '.join(letters)})"
        )
        return None
    choice = ChoiceQuestion(
        text=clean(str(question)),
        choices=tuple(options),
        correct=frozenset({letters.index(letter)}),
    )
    return Item(choice, place)
