"""Quizlet's tab-separated export (term TAB definition, a card a line) read into questions."""

from __future__ import annotations

import random
from pathlib import Path

from quizhost.bank.models import MAX_CHOICES, ChoiceQuestion, TypeAnswerQuestion
from quizhost.interchange.cells import decode
from quizhost.interchange.convert import clean
from quizhost.interchange.model import Imported, Item, Place


def read_quizlet(path: Path, choices: int | None = None, seed: int = 0) -> Imported:
    """Quizlet's export (term TAB definition, a card a line): type-the-answer questions, or
    with `choices` multiple choice whose wrong answers are other cards' definitions, picked
    by a random generator seeded with `seed` so the same file always gives the same bank."""
    result = Imported(source=str(path))
    text = decode(path.read_bytes(), result)
    if text is None:
        return result
    cards: list[tuple[str, str, Place]] = []
    for number_, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        if "\t" not in line:
            result.problem(
                Place(result.source, number_, 1),
                "a card is 'term<TAB>definition' (Quizlet's export with 'Tab' between term "
                "and definition and 'New line' between rows)",
            )
            continue
        term, definition = line.split("\t", 1)
        place = Place(result.source, number_, 1)
        if not clean(term) or not clean(definition):
            result.problem(place, "a card needs both a term and a definition")
            continue
        cards.append((clean(term), clean(definition), place))
    if not cards and not result.problems:
        result.problem(Place(result.source), "the file has no cards")
    rng = random.Random(seed)
    definitions = list(dict.fromkeys(definition for _, definition, _ in cards))
    for term, definition, place in cards:
        if choices is None:
            result.items.append(Item(TypeAnswerQuestion(text=term, accepted=(definition,)), place))
            continue
        result.items.append(_quizlet_choice(term, definition, place, definitions, choices, rng))
    return result


def _quizlet_choice(
    term: str,
    definition: str,
    place: Place,
    definitions: list[str],
    choices: int,
    rng: random.Random,
) -> Item:
    others = [d for d in definitions if d.casefold() != definition.casefold()]
    others = list({d.casefold(): d for d in others}.values())
    wanted = min(choices, MAX_CHOICES) - 1
    lost: list[str] = []
    if len(others) < wanted:
        lost.append(f"only {len(others)} other definitions to draw wrong answers from")
    if not others:
        lost.append("no other definition to make a wrong answer: a type-the-answer question")
        return Item(TypeAnswerQuestion(text=term, accepted=(definition,)), place, lost=lost)
    wrong = rng.sample(others, min(wanted, len(others)))
    position = rng.randrange(len(wrong) + 1)
    options = [*wrong[:position], definition, *wrong[position:]]
    question = ChoiceQuestion(text=term, choices=tuple(options), correct=frozenset({position}))
    return Item(question, place, lost=lost)
