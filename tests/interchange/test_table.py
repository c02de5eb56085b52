"""Our CSV/TSV layout (any separator, with or without BOM) and Quizlet's export."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from quizhost.bank.models import (
    ChoiceQuestion,
    Kind,
    OrderQuestion,
    PollQuestion,
    SliderQuestion,
    TrueFalseQuestion,
    TypeAnswerQuestion,
)
from quizhost.interchange.table import read_quizlet, read_table
from tests.interchange.conftest import Cli
from tests.interchange.helpers import FIXTURES, imported_bank


def test_semicolons_and_a_byte_order_mark_as_european_spreadsheets_write() -> None:
    """The fixture (semicolons, BOM, accents, a quoted cell with a semicolon) reads whole."""
    result = read_table(FIXTURES / "semicolon-bom.csv")
    assert result.problems == []
    questions = [item.question for item in result.items]
    assert [q.kind for q in questions] == [
        Kind.CHOICE, Kind.MULTIPLE, Kind.TRUE_FALSE, Kind.TYPE_ANSWER,
        Kind.CHOICE, Kind.SLIDER, Kind.ORDER, Kind.POLL,
    ]  # fmt: skip
    capital, primes, sun, gold, swiss, apollo, order, poll = questions
    assert isinstance(capital, ChoiceQuestion) and capital.correct == {1}
    assert capital.time_limit_ms == 30_000
    assert capital.explanation == "Canberra was built as the capital."
    assert isinstance(primes, ChoiceQuestion) and primes.correct == {0, 1}
    assert isinstance(sun, TrueFalseQuestion) and sun.answer is True
    assert isinstance(gold, TypeAnswerQuestion) and gold.accepted == ("Au", "gold")
    assert swiss.text == "Zürich; Genève or Bern: the capital?"
    assert isinstance(swiss, ChoiceQuestion) and swiss.choices == ("Zürich", "Genève", "Bern")
    assert isinstance(apollo, SliderQuestion)
    assert (apollo.minimum, apollo.maximum, apollo.answer, apollo.margin) == (1950, 2000, 1969, 1)
    assert isinstance(order, OrderQuestion) and order.items == ("one", "two", "three")
    assert isinstance(poll, PollQuestion) and poll.choices == ("red", "blue")


@pytest.mark.parametrize(("suffix", "delimiter"), [(".csv", ","), (".tsv", "\t"), (".csv", "\t")])
def test_comma_and_tab_files_written_by_the_csv_module(
    tmp_path: Path, suffix: str, delimiter: str
) -> None:
    """A file written by Python's csv module (quotes, bars escaped as \\|) reads back."""
    path = tmp_path / f"quiz{suffix}"
    with path.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream, delimiter=delimiter)
        writer.writerow(["Question", "Answers", "Correct", "Kind"])
        writer.writerow(['Say "hi", then?', "a, b|c\\|d", "2", "choice"])
    result = read_table(path)
    assert result.problems == []
    (item,) = result.items
    assert isinstance(item.question, ChoiceQuestion)
    assert item.question.text == 'Say "hi", then?'
    assert item.question.choices == ("a, b", "c|d")


def test_problems_name_the_line_and_the_column_of_the_cell(tmp_path: Path) -> None:
    """Every bad cell is reported at once at FILE:LINE:COL; good rows still read."""
    path = tmp_path / "bad.csv"
    path.write_text(
        "question,answers,correct,time,kind\n"
        "Good?,a|b,1,,\n"
        "No kind?,a|b,,,\n"
        "Bad position?,a|b,5,,\n"
        "Bad time?,a|b,1,soon,\n"
        ",a|b,1,,\n",
        encoding="utf-8",
    )
    result = read_table(path)
    assert [str(problem) for problem in result.problems] == [
        f"{path}:3:16: say what kind of question this is in the 'kind' column "
        "(choice, multiple, true_false, type_answer, slider, order, poll)",
        f"{path}:4:19: there is no answer 5: the row has 2 answers",
        f"{path}:5:17: 'time' must be seconds; got 'soon'",
        f"{path}:6:1: the question is empty",
    ]
    assert [item.question.text for item in result.items] == ["Good?"]


def test_a_file_that_is_not_utf8_is_refused_at_the_first_bad_byte(tmp_path: Path) -> None:
    """Latin-1 bytes are a problem with its place, not a crash."""
    path = tmp_path / "latin.csv"
    path.write_bytes("question,correct\nZ\u00fcrich?,true\n".encode("latin-1"))
    (problem,) = read_table(path).problems
    assert str(problem).startswith(f"{path}:2:2: the file is not UTF-8 text")


def test_quizlet_cards_become_type_the_answer_questions() -> None:
    """term<TAB>definition: the term is asked, the definition accepted."""
    result = read_quizlet(FIXTURES / "cells.quizlet.txt")
    assert result.problems == []
    first = result.items[0].question
    assert isinstance(first, TypeAnswerQuestion)
    assert first.text == "photosynthesis"
    assert first.accepted == ("How plants make food from light",)


def test_quizlet_choices_draw_wrong_answers_from_other_cards_the_same_way_each_time() -> None:
    """--choices 4: the card's definition plus 3 others; the same seed, the same bank."""
    path = FIXTURES / "cells.quizlet.txt"
    definitions = {item.question.accepted[0] for item in read_quizlet(path).items}  # type: ignore[union-attr]
    once = [item.question for item in read_quizlet(path, choices=4).items]
    again = [item.question for item in read_quizlet(path, choices=4).items]
    other_seed = [item.question for item in read_quizlet(path, choices=4, seed=7).items]
    assert once == again
    assert once != other_seed
    for question in once:
        assert isinstance(question, ChoiceQuestion)
        assert len(question.choices) == 4 and len(set(question.choices)) == 4
        assert set(question.choices) <= definitions
    by_term = {q.text: q for q in once if isinstance(q, ChoiceQuestion)}
    mito = by_term["mitochondria"]
    assert [mito.choices[i] for i in mito.correct] == ["The powerhouse of the cell"]
    positions = {next(iter(q.correct)) for q in once if isinstance(q, ChoiceQuestion)}
    assert len(positions) > 1  # the right answer is not always in the same place


def test_quizlet_with_choices_through_the_command(cli: Cli, tmp_path: Path) -> None:
    """`--from quizlet --choices 3` writes a valid bank of 3-choice questions."""
    target = tmp_path / "cells.yaml"
    run = cli(
        "import", str(FIXTURES / "cells.quizlet.txt"), "--from", "quizlet", "--choices", "3",
        "-o", str(target),
    )  # fmt: skip
    assert run.code == 0, run.err
    bank = imported_bank(target)
    assert all(isinstance(q, ChoiceQuestion) and len(q.choices) == 3 for q in bank.questions)


def test_a_quizlet_line_without_a_tab_is_reported(tmp_path: Path) -> None:
    """Quizlet exported with commas (or a pasted list) is named at its line."""
    path = tmp_path / "cards.txt"
    path.write_text("one\tuno\ntwo, dos\n", encoding="utf-8")
    (problem,) = read_quizlet(path).problems
    assert str(problem).startswith(f"{path}:2:1: a card is 'term<TAB>definition'")


def test_a_header_without_question_is_refused_and_unknown_columns_warned(
    tmp_path: Path,
) -> None:
    """No 'question' column: one problem at 1:1; an extra column is named and ignored."""
    path = tmp_path / "no-header.csv"
    path.write_text("What is 2+2?,4\n", encoding="utf-8")
    (problem,) = read_table(path).problems
    assert str(problem).startswith(f"{path}:1:1: the first row must name the columns")
    extra = tmp_path / "extra.csv"
    extra.write_text("question,correct,notes\nSun is a star.,true,from page 4\n", "utf-8")
    result = read_table(extra)
    assert result.problems == [] and len(result.items) == 1
    (warning,) = result.warnings
    assert str(warning).startswith(f"{extra}:1:18: column 'notes' is not one of ours")


def test_images_named_in_the_csv_come_with_it(cli: Cli, tmp_path: Path) -> None:
    """An `image` path relative to the CSV is copied beside the bank; a missing one is a
    problem at its cell."""
    (tmp_path / "pics").mkdir()
    (tmp_path / "pics" / "sun.svg").write_text("<svg xmlns='http://www.w3.org/2000/svg'/>", "utf-8")
    source = tmp_path / "quiz.csv"
    source.write_text(
        "question,correct,image\nSun is a star.,true,pics/sun.svg\nMoon?,false,pics/moon.svg\n",
        encoding="utf-8",
    )
    run = cli("import", str(source), "-o", str(tmp_path / "out" / "quiz.yaml"))
    assert run.code == 1
    assert run.err.splitlines() == [
        f"{source}:3:13: no image at pics/moon.svg (relative to this file)"
    ]
    source.write_text("question,correct,image\nSun is a star.,true,pics/sun.svg\n", "utf-8")
    assert cli("import", str(source), "-o", str(tmp_path / "out" / "quiz.yaml")).code == 0
    bank = imported_bank(tmp_path / "out" / "quiz.yaml")
    assert bank.questions[0].image == "images/quiz/sun.svg"
    assert (tmp_path / "out" / "images" / "quiz" / "sun.svg").is_file()


def test_an_image_alt_column_describes_the_image_and_needs_one(cli: Cli, tmp_path: Path) -> None:
    """`image_alt` becomes the image's alt text; on a row with no image it is left out with a
    warning at the row and a comment at its question."""
    (tmp_path / "sun.svg").write_text("<svg xmlns='http://www.w3.org/2000/svg'/>", "utf-8")
    source = tmp_path / "quiz.csv"
    source.write_text(
        "question,correct,image,image_alt\n"
        'Sun is a star.,true,sun.svg,"A yellow disc, shining"\n'
        "Moon is a star.,false,,A grey disc\n",
        encoding="utf-8",
    )
    target = tmp_path / "out" / "quiz.yaml"
    run = cli("import", str(source), "-o", str(target))
    assert run.code == 0, run.err
    sun, moon = imported_bank(target).questions
    assert (sun.image, sun.image_alt) == ("images/quiz/sun.svg", "A yellow disc, shining")
    assert (moon.image, moon.image_alt) == (None, None)
    assert run.err.splitlines() == [
        f"{source}:3:1: warning: the alt text left out: the row names no image"
    ]
    assert "# not carried over: the alt text left out" in target.read_text("utf-8")


def test_quizlet_choices_with_too_few_cards_say_so(tmp_path: Path) -> None:
    """Three cards asked for 4 choices: 3 choices and a note; one card: type the answer."""
    path = tmp_path / "three.txt"
    path.write_text("a\tone\nb\ttwo\nc\tthree\n", encoding="utf-8")
    items = read_quizlet(path, choices=4).items
    assert all(len(item.question.choices) == 3 for item in items)  # type: ignore[union-attr]
    assert items[0].lost == ["only 2 other definitions to draw wrong answers from"]
    single = tmp_path / "one.txt"
    single.write_text("a\tone\n", encoding="utf-8")
    (item,) = read_quizlet(single, choices=4).items
    assert isinstance(item.question, TypeAnswerQuestion)
    assert "no other definition to make a wrong answer" in item.lost[-1]
