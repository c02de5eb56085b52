"""Moodle XML written from a bank: one `<question>` per question, images embedded."""

from __future__ import annotations

import base64
import html
import xml.etree.ElementTree as ElementTree  # we write it; reading goes through defusedxml
from decimal import Decimal
from pathlib import Path, PurePosixPath

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
from quizhost.interchange.convert import (
    control_warning,
    grade_from_points,
    printable,
    shorten,
    weight_text,
)
from quizhost.interchange.model import Issue, Place
from quizhost.interchange.moodle_tree import PLUGINFILE
from quizhost.interchange.yamlout import number


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
        alt = html.escape(question.image_alt or "")
        body += f'<p><img src="{PLUGINFILE}{html.escape(file_name)}" alt="{alt}"></p>'
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
        share = weight_text(Decimal(100) / len(question.correct))
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
