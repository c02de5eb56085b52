"""Moodle XML (`<quiz><question type="...">`), read safely and written back.

Read with defusedxml's SAX parser (no entity expansion, no external DTDs: files come from
anyone) into a small tree that remembers each element's line and column, so problems point
at the place. Kinds read: multichoice, truefalse, shortanswer, numerical, ordering; others
(matching, essay, cloze ...) are skipped with a warning. Question text is HTML: it is
flattened to plain text, saying what was dropped; an image embedded as base64 (`<file>`)
is written next to the bank, its `alt` becoming the question's alt text.

This module turns the parsed tree into bank models; the tree is `moodle_tree.py`'s and
writing is `moodle_write.py`'s (`write_moodle_xml` is re-exported here).
"""

from __future__ import annotations

import base64
import binascii
import html
import re
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path, PurePosixPath

from attrs import define

from quizhost.bank.models import (
    AnyQuestion,
    ChoiceQuestion,
    OrderQuestion,
    TrueFalseQuestion,
    TypeAnswerQuestion,
)
from quizhost.bank.spec import IMAGE_SUFFIXES
from quizhost.interchange.convert import (
    alt_text,
    category_title,
    clean,
    explanation,
    numeric_question,
    parse_decimal,
    points_from_grade,
    shorten,
)
from quizhost.interchange.htmltext import HtmlText, html_to_text
from quizhost.interchange.model import Draft, Imported, Item, Place
from quizhost.interchange.moodle_tree import PLUGINFILE, Node, parse
from quizhost.interchange.moodle_write import write_moodle_xml

__all__ = ["Node", "parse", "read_moodle_xml", "write_moodle_xml"]

_SILENT = ("category",)


# Reading.


def read_moodle_xml(path: Path) -> Imported:
    """Read every question of a Moodle XML export."""
    result = Imported(source=str(path))
    root = parse(path.read_bytes(), result)
    if root is None:
        return result
    if root.tag != "quiz":
        result.problem(
            Place(result.source, root.line, root.col),
            f"a Moodle XML file starts with <quiz>; this one with <{root.tag}>",
        )
        return result
    for node in root.findall("question"):
        kind = node.attrs.get("type", "")
        place = Place(result.source, node.line, node.col)
        if kind in _SILENT:
            if result.title is None:
                result.title = category_title(node.value("category") or "")
            continue
        if kind not in _SUPPORTED:
            name = node.value("name") or "?"
            result.warn(
                place,
                f"skipped question '{shorten(name)}': Moodle's {kind or 'untyped'} "
                "questions have no quizhost kind",
            )
            continue
        item = _item(result, node, kind, place)
        if item is not None:
            result.items.append(item)
    if not result.items and not result.problems and not result.warnings:
        result.problem(Place(result.source, root.line, root.col), "no questions to import")
    return result


def _item(result: Imported, node: Node, kind: str, place: Place) -> Item | None:
    lost: list[str] = []
    comments: list[str] = []
    name = node.value("name")
    if name:
        comments.append(f"Moodle name: {clean(name)}")
    text_node = node.find("questiontext")
    raw = node.value("questiontext") or ""
    text_format = text_node.attrs.get("format", "html") if text_node is not None else "html"
    flat = html_to_text(raw) if text_format != "plain_text" else HtmlText(clean(raw))
    for what in flat.lost:
        lost.append(f"HTML {what} dropped from the text")
    draft = Draft(result, place, {"text": flat.text}, lost)
    if text_node is not None:
        image, alt = _image(result, text_node, flat.images, lost)
        if image is not None:
            draft.common["image"] = image
            draft.common["image_alt"] = alt_text(alt, lost)
    grade = parse_decimal(node.value("defaultgrade") or "1")
    if grade is not None:
        draft.common["points"] = points_from_grade(float(grade))
    source = _Source(node, node.findall("answer"), node.value("generalfeedback"))
    question = _BUILDERS[kind](draft, source)
    if question is None:
        return None
    return Item(question, place, lost=lost, comments=comments)


@define
class _Source:
    """What a kind's builder reads of a `<question>`: it, its answers, its general feedback."""

    node: Node
    answers: list[Node]
    general: str | None

    def explain(self, draft: Draft, feedback: str | None, others: int) -> None:
        """Set the explanation: general feedback, else `feedback`; `others` are dropped."""
        draft.common["explanation"] = _explain(self.general, feedback, others, draft.lost)


def _fraction(answer: Node) -> Decimal:
    return parse_decimal(answer.attrs.get("fraction", "0")) or Decimal(0)


def _answer_text(answer: Node, lost: list[str]) -> str:
    raw = answer.value("text") if answer.find("text") else answer.text
    if answer.attrs.get("format", "moodle_auto_format") != "html":
        return clean(raw or "")
    flat = html_to_text(raw or "")
    for what in flat.lost:
        if f"HTML {what} dropped from an answer" not in lost:
            lost.append(f"HTML {what} dropped from an answer")
    return flat.text


def _explain(general: str | None, feedback: str | None, others: int, lost: list[str]) -> str | None:
    chosen = html_to_text(general).text if general else None
    if not chosen and feedback:
        chosen = html_to_text(feedback).text
    if others:
        lost.append("feedback on the other answers left out (quizhost shows one explanation)")
    return explanation(chosen or None, lost)


def _feedback(answer: Node) -> str | None:
    return answer.value("feedback") or None


def _truefalse(draft: Draft, source: _Source) -> AnyQuestion | None:
    answers = source.answers
    right = [a for a in answers if _fraction(a) >= 100]
    if len(right) != 1 or clean(right[0].value("text") or "").lower() not in ("true", "false"):
        draft.problem("a truefalse question needs one answer 'true' or 'false' at 100%")
        return None
    feedbacks = [f for f in (_feedback(a) for a in answers) if f]
    first = _feedback(right[0]) or (feedbacks[0] if feedbacks else None)
    source.explain(draft, first, max(0, len(feedbacks) - 1))
    truth = clean(right[0].value("text") or "").lower() == "true"
    return TrueFalseQuestion(**draft.common, answer=truth)


def _multichoice(draft: Draft, source: _Source) -> AnyQuestion | None:
    answers, common, lost = source.answers, draft.common, draft.lost
    single = (source.node.value("single") or "true").lower() in ("true", "1")
    texts = [_answer_text(a, lost) for a in answers]
    fractions = [_fraction(a) for a in answers]
    if single:
        correct = frozenset(i for i, f in enumerate(fractions) if f >= 100)
        for index, fraction in enumerate(fractions):
            if 0 < fraction < 100:
                lost.append(
                    f"partial credit ({fraction}%) for '{texts[index]}' left out: counted wrong"
                )
    else:
        correct = frozenset(i for i, f in enumerate(fractions) if f > 0)
    if not correct:
        draft.problem('no right answer (an <answer> with fraction="100")')
        return None
    feedbacks = [_feedback(a) for a in answers]
    right = next((feedbacks[i] for i in sorted(correct) if feedbacks[i]), None)
    others = len([f for f in feedbacks if f and f != right])
    source.explain(draft, right, others)
    shuffle = (source.node.value("shuffleanswers") or "0").lower() in ("1", "true")
    return ChoiceQuestion(
        **common, choices=tuple(texts), correct=correct, multiple=not single, shuffle=shuffle
    )


def _shortanswer(draft: Draft, source: _Source) -> AnyQuestion | None:
    answers, common, lost = source.answers, draft.common, draft.lost
    accepted = []
    for answer in answers:
        text = _answer_text(answer, lost)
        if _fraction(answer) >= 100:
            accepted.append(text)
        elif text:
            lost.append(f"the partly right answer '{text}' ({_fraction(answer)}%) left out")
    if not accepted:
        draft.problem('no accepted answer (an <answer> with fraction="100")')
        return None
    feedbacks = [f for f in (_feedback(a) for a in answers) if f]
    source.explain(draft, feedbacks[0] if feedbacks else None, max(0, len(feedbacks) - 1))
    return TypeAnswerQuestion(**common, accepted=tuple(accepted))


def _numerical(draft: Draft, source: _Source) -> AnyQuestion | None:
    answers, common, lost = source.answers, draft.common, draft.lost
    full = [a for a in answers if _fraction(a) >= 100]
    for answer in answers:
        if _fraction(answer) < 100:
            lost.append(
                f"the partly right answer {answer.value('text')} ({_fraction(answer)}%) left out"
            )
    value = parse_decimal(full[0].value("text") or "") if full else None
    margin = parse_decimal(full[0].value("tolerance") or "0") if full else None
    if value is None or margin is None or margin < 0:
        draft.problem('a numerical question needs an <answer fraction="100"> holding a number')
        return None
    if len(full) > 1:
        lost.append("other right numbers left out: quizhost keeps the first")
    source.explain(draft, _feedback(full[0]), 0)
    return numeric_question(common, value, margin, lost)


def _ordering(draft: Draft, source: _Source) -> AnyQuestion | None:
    answers, common, lost = source.answers, draft.common, draft.lost
    ranked = sorted(enumerate(answers), key=lambda pair: (_fraction(pair[1]), pair[0]))
    items = tuple(_answer_text(answer, lost) for _, answer in ranked)
    if len(items) < 2:
        draft.problem("an ordering question needs at least two items")
        return None
    source.explain(draft, None, 0)
    return OrderQuestion(**common, items=items)


_BUILDERS: dict[str, Callable[[Draft, _Source], AnyQuestion | None]] = {
    "truefalse": _truefalse,
    "multichoice": _multichoice,
    "shortanswer": _shortanswer,
    "numerical": _numerical,
    "ordering": _ordering,
}
_SUPPORTED = tuple(_BUILDERS)


def _image(
    result: Imported, text_node: Node, images: list[tuple[str, str]], lost: list[str]
) -> tuple[str | None, str]:
    """The first image of the text that the file embeds (stored in `result.images`) and its
    `alt` attribute."""
    files = {node.attrs.get("name", ""): node for node in text_node.findall("file")}
    chosen: str | None = None
    chosen_alt = ""
    for src, alt in images:
        name = src[len(PLUGINFILE) :] if src.startswith(PLUGINFILE) else ""
        name = PurePosixPath(html.unescape(name)).name
        embedded = files.get(name)
        if chosen is not None or embedded is None:
            lost.append(
                f"the image {src or '(no source)'} left out"
                + (" (a question shows one image)" if chosen else " (not embedded in the file)")
            )
            continue
        if PurePosixPath(name).suffix.lower() not in IMAGE_SUFFIXES:
            lost.append(f"the image {name} left out: banks take {', '.join(IMAGE_SUFFIXES)}")
            continue
        try:
            data = base64.b64decode(embedded.text, validate=False)
        except (binascii.Error, ValueError):
            result.problem(
                Place(result.source, embedded.line, embedded.col),
                f"the image {name} is not valid base64",
            )
            continue
        safe = re.sub(r"[^\w.-]", "_", name)
        result.images[safe] = data
        chosen, chosen_alt = safe, alt
    return chosen, chosen_alt
