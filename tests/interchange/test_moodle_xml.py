"""Moodle XML: every supported type, HTML flattened, embedded images, unsafe XML refused."""

from __future__ import annotations

import base64
import shutil
from pathlib import Path

from quizhost.bank.models import (
    ChoiceQuestion,
    OrderQuestion,
    PointsMode,
    SliderQuestion,
    TrueFalseQuestion,
    TypeAnswerQuestion,
)
from quizhost.interchange.moodle_xml import read_moodle_xml
from tests.interchange.conftest import Cli
from tests.interchange.helpers import FIXTURES, imported_bank

PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP4z8AAAAMBAQDJ/pLvAAAAAElFTkSuQmCC"
)


def test_each_supported_type_becomes_its_kind() -> None:
    """multichoice (single and not), truefalse, shortanswer, numerical, ordering."""
    result = read_moodle_xml(FIXTURES / "sample.xml")
    assert result.problems == []
    capital, primes, sun, gold, apollo, planets = (item.question for item in result.items)
    assert isinstance(capital, ChoiceQuestion) and capital.correct == {1} and capital.shuffle
    assert capital.text == "What is the capital of Australia?"
    assert capital.points == PointsMode.DOUBLE  # defaultgrade 2
    assert capital.explanation == "Canberra was built as the capital."
    assert isinstance(primes, ChoiceQuestion) and primes.multiple and primes.correct == {0, 1}
    assert isinstance(sun, TrueFalseQuestion) and sun.answer and sun.explanation == "It is."
    assert isinstance(gold, TypeAnswerQuestion) and gold.accepted == ("Au",)
    assert isinstance(apollo, SliderQuestion) and (apollo.answer, apollo.margin) == (1969, 2)
    assert isinstance(planets, OrderQuestion)
    assert planets.items == ("Mercury", "Venus", "Earth")  # by fraction, not file order


def test_what_was_lost_is_said_per_question() -> None:
    """Bold text, partial credit, other feedback, alt text; essays skipped at their line."""
    result = read_moodle_xml(FIXTURES / "sample.xml")
    capital = result.items[0]
    assert "HTML formatting (bold, italics, colours) dropped from the text" in capital.lost
    assert "partial credit (50%) for 'Melbourne' left out: counted wrong" in capital.lost
    assert not any("alt" in lost for lost in capital.lost)  # the alt text is carried
    assert capital.comments == ["Moodle name: Capital"]
    assert result.items[3].lost == ["the partly right answer 'Ag' (50%) left out"]
    (warning,) = result.warnings
    assert str(warning).endswith(
        ":52:3: skipped question 'Essay': Moodle's essay questions have no quizhost kind"
    )


def test_an_embedded_image_is_written_next_to_the_bank(cli: Cli, tmp_path: Path) -> None:
    """The base64 <file> lands in images/BANK/ and the question points at it."""
    source = tmp_path / "science.xml"
    shutil.copy(FIXTURES / "sample.xml", source)
    target = tmp_path / "banks" / "science.yaml"
    run = cli("import", str(source), "-o", str(target))
    assert run.code == 0, run.err
    assert (tmp_path / "banks" / "images" / "science" / "map.png").read_bytes() == PNG
    bank = imported_bank(target)
    assert bank.questions[0].image == "images/science/map.png"
    assert bank.questions[0].image_alt == "A map"
    assert "image: {file: images/science/map.png, alt: A map}" in target.read_text("utf-8")
    assert cli("validate", str(target)).code == 0


def test_alt_text_too_long_for_a_bank_is_cut_and_said(tmp_path: Path) -> None:
    """An alt attribute past the bank's 300 characters is cut, not refused, and named."""
    encoded = base64.b64encode(PNG).decode()
    path = tmp_path / "long-alt.xml"
    path.write_text(
        "<quiz><question type='truefalse'><questiontext format='html'><text><![CDATA["
        f"<p>Q <img src='@@PLUGINFILE@@/b.png' alt='{'word ' * 100}&amp; more'></p>]]></text>"
        f"<file name='b.png' encoding='base64'>{encoded}</file></questiontext>"
        "<answer fraction='100'><text>true</text></answer>"
        "<answer fraction='0'><text>false</text></answer></question></quiz>",
        encoding="utf-8",
    )
    (item,) = read_moodle_xml(path).items
    alt = item.question.image_alt
    assert alt is not None and len(alt) == 300 and alt.startswith("word word")
    assert alt.endswith("...")
    assert item.lost == ["the image's alt text was cut to 300 characters"]


def test_entities_and_doctypes_are_refused(tmp_path: Path) -> None:
    """A billion-laughs style file is refused before anything expands."""
    path = tmp_path / "bomb.xml"
    path.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE quiz [<!ENTITY a "aaaaaaaaaa">'
        '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>\n<quiz>&b;</quiz>\n',
        encoding="utf-8",
    )
    (problem,) = read_moodle_xml(path).problems
    assert "refused: the file declares a DTD or entities" in str(problem)


def test_broken_xml_is_reported_at_its_line_and_column(tmp_path: Path) -> None:
    """A mismatched tag: FILE:LINE:COL from the parser."""
    path = tmp_path / "broken.xml"
    path.write_text("<quiz>\n  <question type='truefalse'>\n  </quiz>\n", encoding="utf-8")
    (problem,) = read_moodle_xml(path).problems
    assert str(problem).startswith(f"{path}:3:5: not well-formed XML: mismatched tag")


def test_a_question_without_a_right_answer_is_a_problem_at_its_element(tmp_path: Path) -> None:
    """No fraction 100: the <question> element's line and column."""
    path = tmp_path / "none.xml"
    path.write_text(
        "<quiz>\n <question type='multichoice'>\n  <questiontext><text>Q?</text></questiontext>\n"
        "  <answer fraction='0'><text>a</text></answer>\n"
        "  <answer fraction='0'><text>b</text></answer>\n </question>\n</quiz>\n",
        encoding="utf-8",
    )
    (problem,) = read_moodle_xml(path).problems
    assert str(problem) == f'{path}:2:2: no right answer (an <answer> with fraction="100")'


def test_images_not_embedded_or_not_pictures_are_named(tmp_path: Path) -> None:
    """A linked image, a second image and a .bmp: the first embedded picture is kept."""
    encoded = base64.b64encode(PNG).decode()
    path = tmp_path / "images.xml"
    path.write_text(
        "<quiz><question type='truefalse'><questiontext format='html'><text><![CDATA["
        "<p>Q <img src='http://example.org/x.png'> <img src='@@PLUGINFILE@@/a.bmp'>"
        " <img src='@@PLUGINFILE@@/b.png'> <img src='@@PLUGINFILE@@/c.png'></p>]]></text>"
        f"<file name='a.bmp' encoding='base64'>{encoded}</file>"
        f"<file name='b.png' encoding='base64'>{encoded}</file>"
        f"<file name='c.png' encoding='base64'>{encoded}</file></questiontext>"
        "<answer fraction='100'><text>true</text></answer>"
        "<answer fraction='0'><text>false</text></answer></question></quiz>",
        encoding="utf-8",
    )
    result = read_moodle_xml(path)
    (item,) = result.items
    assert item.question.image == "b.png" and result.images == {"b.png": PNG}
    assert item.lost == [
        "the image http://example.org/x.png left out (not embedded in the file)",
        "the image a.bmp left out: banks take .png, .jpg, .jpeg, .gif, .webp, .svg",
        "the image @@PLUGINFILE@@/c.png left out (a question shows one image)",
    ]
