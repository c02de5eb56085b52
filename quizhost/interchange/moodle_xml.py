"""Moodle XML (`<quiz><question type="...">`), read safely and written back.

Read with defusedxml's SAX parser (no entity expansion, no external DTDs: files come from
anyone) into a small tree that remembers each element's line and column, so problems point
at the place. Kinds read: multichoice, truefalse, shortanswer, numerical, ordering; others
(matching, essay, cloze ...) are skipped with a warning. Question text is HTML: it is
flattened to plain text, saying what was dropped; an image embedded as base64 (`<file>`)
is written next to the bank.
"""

from __future__ import annotations

import base64
import binascii
import html
import re
import xml.etree.ElementTree as ElementTree  # writing only: reading goes through defusedxml
import xml.sax
from decimal import Decimal
from pathlib import Path, PurePosixPath
from typing import Any

import defusedxml.sax
from attrs import define, field
from defusedxml import DefusedXmlException

from quizhost.bank.models import (
    DEFAULT_TIME_LIMIT_MS,
    AnyQuestion,
    Bank,
    ChoiceQuestion,
    OrderQuestion,
    PollQuestion,
    SliderQuestion,
    TrueFalseQuestion,
    TypeAnswerQuestion,
)
from quizhost.bank.spec import IMAGE_SUFFIXES
from quizhost.interchange.convert import (
    category_title,
    clean,
    control_warning,
    explanation,
    grade_from_points,
    numeric_question,
    parse_decimal,
    points_from_grade,
    printable,
    shorten,
)
from quizhost.interchange.htmltext import HtmlText, html_to_text
from quizhost.interchange.model import Imported, Issue, Item, Place
from quizhost.interchange.yamlout import number

_PLUGINFILE = "@@PLUGINFILE@@/"
_SUPPORTED = ("multichoice", "truefalse", "shortanswer", "numerical", "ordering")
_SILENT = ("category",)


# A small element tree with positions.


@define
class Node:
    tag: str
    attrs: dict[str, str]
    line: int
    col: int
    children: list[Node] = field(factory=list)
    chunks: list[str] = field(factory=list)

    @property
    def text(self) -> str:
        return "".join(self.chunks)

    def find(self, tag: str) -> Node | None:
        return next((child for child in self.children if child.tag == tag), None)

    def findall(self, tag: str) -> list[Node]:
        return [child for child in self.children if child.tag == tag]

    def value(self, tag: str) -> str | None:
        """The text of `<tag><text>...</text></tag>`, or of `<tag>` itself."""
        node = self.find(tag)
        if node is None:
            return None
        inner = node.find("text")
        return (inner.text if inner is not None else node.text).strip()


class _Builder(xml.sax.ContentHandler):
    def __init__(self) -> None:
        super().__init__()
        self.root: Node | None = None
        self.stack: list[Node] = []
        self.locator: Any = None

    def setDocumentLocator(self, locator: Any) -> None:
        self.locator = locator

    def startElement(self, name: str, attrs: Any) -> None:
        line = self.locator.getLineNumber() if self.locator else 0
        col = (self.locator.getColumnNumber() or 0) + 1 if self.locator else 1
        node = Node(name, dict(attrs.items()), line, col)
        if self.stack:
            self.stack[-1].children.append(node)
        else:
            self.root = node
        self.stack.append(node)

    def endElement(self, name: str) -> None:
        self.stack.pop()

    def characters(self, content: str) -> None:
        if self.stack:
            self.stack[-1].chunks.append(content)


def parse(data: bytes, result: Imported) -> Node | None:
    """The document's root, or None with a problem at the place the XML is broken."""
    builder = _Builder()
    try:
        defusedxml.sax.parseString(data, builder, forbid_dtd=True)
    except xml.sax.SAXParseException as error:
        place = Place(result.source, error.getLineNumber() or 0, (error.getColumnNumber() or 0) + 1)
        result.problem(place, f"not well-formed XML: {error.getMessage()}")
        return None
    except xml.sax.SAXException as error:  # anything else the parser refuses
        result.problem(Place(result.source), f"not readable XML: {error}")
        return None
    except DefusedXmlException as error:
        result.problem(
            Place(result.source),
            f"refused: the file declares a DTD or entities ({type(error).__name__}); "
            "Moodle's export never does",
        )
        return None
    return builder.root


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
    common: dict[str, Any] = {"text": flat.text}
    image = _image(result, text_node, flat.images, lost) if text_node is not None else None
    if image is not None:
        common["image"] = image
    grade = parse_decimal(node.value("defaultgrade") or "1")
    if grade is not None:
        common["points"] = points_from_grade(float(grade))
    general = node.value("generalfeedback")
    answers = node.findall("answer")
    question: AnyQuestion | None
    if kind == "truefalse":
        question = _truefalse(result, answers, common, place, general, lost)
    elif kind == "multichoice":
        question = _multichoice(result, node, answers, common, place, general, lost)
    elif kind == "shortanswer":
        question = _shortanswer(result, answers, common, place, general, lost)
    elif kind == "numerical":
        question = _numerical(result, answers, common, place, general, lost)
    else:
        question = _ordering(result, answers, common, place, general, lost)
    if question is None:
        return None
    return Item(question, place, lost=lost, comments=comments)


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


def _truefalse(
    result: Imported,
    answers: list[Node],
    common: dict[str, Any],
    place: Place,
    general: str | None,
    lost: list[str],
) -> AnyQuestion | None:
    right = [a for a in answers if _fraction(a) >= 100]
    if len(right) != 1 or clean(right[0].value("text") or "").lower() not in ("true", "false"):
        result.problem(place, "a truefalse question needs one answer 'true' or 'false' at 100%")
        return None
    feedbacks = [f for f in (_feedback(a) for a in answers) if f]
    first = _feedback(right[0]) or (feedbacks[0] if feedbacks else None)
    common["explanation"] = _explain(general, first, max(0, len(feedbacks) - 1), lost)
    return TrueFalseQuestion(**common, answer=clean(right[0].value("text") or "").lower() == "true")


def _multichoice(
    result: Imported,
    node: Node,
    answers: list[Node],
    common: dict[str, Any],
    place: Place,
    general: str | None,
    lost: list[str],
) -> AnyQuestion | None:
    single = (node.value("single") or "true").lower() in ("true", "1")
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
        result.problem(place, 'no right answer (an <answer> with fraction="100")')
        return None
    feedbacks = [_feedback(a) for a in answers]
    right = next((feedbacks[i] for i in sorted(correct) if feedbacks[i]), None)
    others = len([f for f in feedbacks if f and f != right])
    common["explanation"] = _explain(general, right, others, lost)
    shuffle = (node.value("shuffleanswers") or "0").lower() in ("1", "true")
    return ChoiceQuestion(
        **common, choices=tuple(texts), correct=correct, multiple=not single, shuffle=shuffle
    )


def _shortanswer(
    result: Imported,
    answers: list[Node],
    common: dict[str, Any],
    place: Place,
    general: str | None,
    lost: list[str],
) -> AnyQuestion | None:
    accepted = []
    for answer in answers:
        text = _answer_text(answer, lost)
        if _fraction(answer) >= 100:
            accepted.append(text)
        elif text:
            lost.append(f"the partly right answer '{text}' ({_fraction(answer)}%) left out")
    if not accepted:
        result.problem(place, 'no accepted answer (an <answer> with fraction="100")')
        return None
    feedbacks = [f for f in (_feedback(a) for a in answers) if f]
    common["explanation"] = _explain(
        general, feedbacks[0] if feedbacks else None, max(0, len(feedbacks) - 1), lost
    )
    return TypeAnswerQuestion(**common, accepted=tuple(accepted))


def _numerical(
    result: Imported,
    answers: list[Node],
    common: dict[str, Any],
    place: Place,
    general: str | None,
    lost: list[str],
) -> AnyQuestion | None:
    full = [a for a in answers if _fraction(a) >= 100]
    for answer in answers:
        if _fraction(answer) < 100:
            lost.append(
                f"the partly right answer {answer.value('text')} ({_fraction(answer)}%) left out"
            )
    value = parse_decimal(full[0].value("text") or "") if full else None
    margin = parse_decimal(full[0].value("tolerance") or "0") if full else None
    if value is None or margin is None or margin < 0:
        result.problem(
            place, 'a numerical question needs an <answer fraction="100"> holding a number'
        )
        return None
    if len(full) > 1:
        lost.append("other right numbers left out: quizhost keeps the first")
    common["explanation"] = _explain(general, _feedback(full[0]), 0, lost)
    return numeric_question(common, value, margin, lost)


def _ordering(
    result: Imported,
    answers: list[Node],
    common: dict[str, Any],
    place: Place,
    general: str | None,
    lost: list[str],
) -> AnyQuestion | None:
    ranked = sorted(enumerate(answers), key=lambda pair: (_fraction(pair[1]), pair[0]))
    items = tuple(_answer_text(answer, lost) for _, answer in ranked)
    if len(items) < 2:
        result.problem(place, "an ordering question needs at least two items")
        return None
    common["explanation"] = _explain(general, None, 0, lost)
    return OrderQuestion(**common, items=items)


def _image(
    result: Imported, text_node: Node, images: list[tuple[str, str]], lost: list[str]
) -> str | None:
    """The first image of the text that the file embeds, stored in `result.images`."""
    files = {node.attrs.get("name", ""): node for node in text_node.findall("file")}
    chosen: str | None = None
    for src, alt in images:
        name = src[len(_PLUGINFILE) :] if src.startswith(_PLUGINFILE) else ""
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
        chosen = safe
        if alt:
            lost.append(f"the image's alt text '{shorten(alt)}' left out (banks hold none yet)")
    return chosen


# Writing.


def write_moodle_xml(bank: Bank, path: Path) -> list[Issue]:
    """Write the bank as Moodle XML; polls (no Moodle kind) are skipped with a warning, and
    times (Moodle questions have none) are named once."""
    warnings: list[Issue] = []
    quiz = ElementTree.Element("quiz")
    category = ElementTree.SubElement(quiz, "question", type="category")
    _text(ElementTree.SubElement(category, "category"), f"$course$/{bank.title.replace('/', ' ')}")
    timed = False
    for question in bank.questions:
        place = Place(str(bank.source or "bank"), question.line, 1)
        name = f"question '{shorten(question.text)}'"
        if isinstance(question, PollQuestion):
            warnings.append(Issue(place, f"skipped {name}: Moodle has no poll questions"))
            continue
        timed = timed or question.time_limit_ms != DEFAULT_TIME_LIMIT_MS
        control = control_warning(question)
        if control:
            warnings.append(Issue(place, control))
        element = _question_element(bank, question, place, name, warnings)
        quiz.append(element)
    if timed:
        warnings.append(
            Issue(
                Place(str(bank.source or "bank")),
                "time limits left out: Moodle questions have none",
            )
        )
    ElementTree.indent(quiz)
    path.write_bytes(ElementTree.tostring(quiz, encoding="utf-8", xml_declaration=True) + b"\n")
    return warnings


def _text(parent: ElementTree.Element, value: str) -> None:
    ElementTree.SubElement(parent, "text").text = printable(value)


def _question_element(
    bank: Bank, question: AnyQuestion, place: Place, name: str, warnings: list[Issue]
) -> ElementTree.Element:
    kinds = {
        ChoiceQuestion: "multichoice",
        TrueFalseQuestion: "truefalse",
        TypeAnswerQuestion: "shortanswer",
        SliderQuestion: "numerical",
        OrderQuestion: "ordering",
    }
    element = ElementTree.Element("question", type=kinds[type(question)])
    _text(ElementTree.SubElement(element, "name"), shorten(question.text, 60))
    body = f"<p>{html.escape(question.text, quote=False)}</p>"
    text = ElementTree.SubElement(element, "questiontext", format="html")
    file_element = None
    if question.image and bank.directory is not None:
        image = bank.directory / question.image
        file_name = PurePosixPath(question.image).name
        body += f'<p><img src="{_PLUGINFILE}{html.escape(file_name)}" alt=""></p>'
        file_element = ElementTree.Element("file", name=file_name, path="/", encoding="base64")
        file_element.text = base64.b64encode(image.read_bytes()).decode("ascii")
    _text(text, body)
    if file_element is not None:
        text.append(file_element)
    feedback = ElementTree.SubElement(element, "generalfeedback", format="html")
    _text(feedback, html.escape(question.explanation, quote=False) if question.explanation else "")
    ElementTree.SubElement(element, "defaultgrade").text = str(grade_from_points(question.points))
    ElementTree.SubElement(element, "penalty").text = "0"
    ElementTree.SubElement(element, "hidden").text = "0"
    if isinstance(question, ChoiceQuestion):
        ElementTree.SubElement(element, "single").text = "false" if question.multiple else "true"
        ElementTree.SubElement(element, "shuffleanswers").text = "1" if question.shuffle else "0"
        ElementTree.SubElement(element, "answernumbering").text = "abc"
        share = _fraction_text(Decimal(100) / len(question.correct))
        for index, choice in enumerate(question.choices):
            right = index in question.correct
            wrong = "-100" if question.multiple else "0"
            _answer(element, share if right else wrong, choice)
    elif isinstance(question, TrueFalseQuestion):
        _answer(element, "100" if question.answer else "0", "true", html_format=False)
        _answer(element, "0" if question.answer else "100", "false", html_format=False)
    elif isinstance(question, TypeAnswerQuestion):
        ElementTree.SubElement(element, "usecase").text = "0"
        for text_ in question.accepted:
            _answer(element, "100", text_, html_format=False)
    elif isinstance(question, SliderQuestion):
        answer = _answer(element, "100", number(question.answer), html_format=False)
        ElementTree.SubElement(answer, "tolerance").text = number(question.margin)
        warnings.append(
            Issue(
                place,
                f"{name}: the slider's range and step left out "
                "(Moodle's numerical question has none)",
            )
        )
    else:
        assert isinstance(question, OrderQuestion)
        ElementTree.SubElement(element, "layouttype").text = "VERTICAL"
        ElementTree.SubElement(element, "selecttype").text = "ALL"
        ElementTree.SubElement(element, "selectcount").text = "0"
        ElementTree.SubElement(element, "gradingtype").text = "ABSOLUTE_POSITION"
        for position, item in enumerate(question.items, start=1):
            _answer(element, f"{position}.0000000", item)
    return element


def _answer(
    element: ElementTree.Element, fraction: str, text: str, *, html_format: bool = True
) -> ElementTree.Element:
    answer = ElementTree.SubElement(
        element, "answer", fraction=fraction, format="html" if html_format else "moodle_auto_format"
    )
    _text(answer, html.escape(text, quote=False) if html_format else text)
    return answer


def _fraction_text(value: Decimal) -> str:
    return format(value.quantize(Decimal("0.00001")).normalize(), "f")
