"""GIFT import: every form of Moodle's GIFT documentation, its errors, and what is dropped."""

from __future__ import annotations

import shutil
from pathlib import Path

from quizhost.bank.models import (
    ChoiceQuestion,
    Kind,
    SliderQuestion,
    TrueFalseQuestion,
    TypeAnswerQuestion,
)
from quizhost.interchange.gift import read_gift
from tests.interchange.conftest import Cli
from tests.interchange.helpers import FIXTURES, imported_bank


def test_every_documented_form_is_read_into_the_right_kind() -> None:
    """Each question of the fixture becomes the kind Moodle would make of it."""
    result = read_gift(FIXTURES / "doc-forms.gift")
    assert result.problems == []
    questions = [item.question for item in result.items]
    C, M, TF, T, S = Kind.CHOICE, Kind.MULTIPLE, Kind.TRUE_FALSE, Kind.TYPE_ANSWER, Kind.SLIDER
    assert [question.kind for question in questions] == [
        *(C, C, C, C),  # plain, missing word, two multi-line layouts
        *(T, T),  # short answers
        *(TF, TF, TF),  # {F}, {T}, {FALSE#feedback}
        *(T, S, S, T, T),  # {#1989}, {#a:m}, {#lo..hi}, several numbers, {#7} below a comment
        T,  # titled, text over two lines
        *(C, C, M),  # feedback, partial weight, weights only
        *(C, TF),  # escapes and general feedback, [html] text
    ]


def test_choices_correct_answers_and_missing_word_blank() -> None:
    """`=` marks the right choice; text after the braces puts a blank in the sentence."""
    items = read_gift(FIXTURES / "doc-forms.gift").items
    red, water, week = (item.question for item in items[:3])
    assert isinstance(red, ChoiceQuestion) and isinstance(water, ChoiceQuestion)
    assert red.choices == ("Venus", "Jupiter", "Mars") and red.correct == {2}
    assert water.text == "Water _____ at 100 degrees Celsius at sea level."
    assert water.choices[1] == "boils" and water.correct == {1}
    assert week.text == "A week has _____ days."


def test_true_false_short_answer_and_feedback_as_explanation() -> None:
    """{T}/{F}/{FALSE}, {=a =b}; an answer's feedback becomes the explanation."""
    items = read_gift(FIXTURES / "doc-forms.gift").items
    shakespeare = items[4].question
    assert isinstance(shakespeare, TypeAnswerQuestion)
    assert shakespeare.accepted == ("Shakespeare", "William Shakespeare")
    flat, pacific, paris = (items[i].question for i in (6, 7, 8))
    assert isinstance(flat, TrueFalseQuestion) and flat.answer is False
    assert isinstance(pacific, TrueFalseQuestion) and pacific.answer is True
    assert isinstance(paris, TrueFalseQuestion) and paris.answer is False
    assert paris.explanation == "Paris is the capital of France."


def test_numbers_with_a_margin_become_sliders_that_reach_the_answer() -> None:
    """{#a:m} and {#lo..hi} make a slider (range chosen and said); {#a} is typed exactly."""
    items = read_gift(FIXTURES / "doc-forms.gift").items
    exact = items[9].question
    assert isinstance(exact, TypeAnswerQuestion) and exact.accepted == ("1989",)
    e = items[10].question
    assert isinstance(e, SliderQuestion)
    assert (e.answer, e.margin, e.step) == (2.7182, 0.0005, 0.0001)
    assert e.minimum < e.answer < e.maximum
    assert any("chosen on import" in lost for lost in items[10].lost)
    ranged = items[11].question
    assert isinstance(ranged, SliderQuestion)
    assert abs(ranged.answer - 2.715) < 1e-9 and abs(ranged.margin - 0.005) < 1e-9
    several = items[12]
    assert several.question.kind == Kind.TYPE_ANSWER
    assert any("1989:1 (50%)" in lost for lost in several.lost)


def test_titles_comments_and_weights() -> None:
    """A title is kept as a comment; partial credit is named as lost; weights only make a
    multiple-answer question whose positive weights are the right ones."""
    items = read_gift(FIXTURES / "doc-forms.gift").items
    titled = items[14]
    assert titled.question.text == "Paper was first made in which country?"
    assert titled.comments == ["GIFT title: Origin of paper"]
    feedback = items[15]
    assert feedback.question.explanation == "Well done!"
    assert any("feedback on the other answers" in lost for lost in feedback.lost)
    partial = items[16]
    assert isinstance(partial.question, ChoiceQuestion) and partial.question.correct == {2}
    assert any("partial credit (50%) for 'half credit answer'" in lost for lost in partial.lost)
    moons = items[17].question
    assert isinstance(moons, ChoiceQuestion) and moons.multiple
    assert [moons.choices[i] for i in sorted(moons.correct)] == ["Phobos", "Deimos"]


def test_escapes_general_feedback_and_html_text() -> None:
    """\\= \\{ \\: are literal; #### is the explanation; [html] is flattened, saying so."""
    items = read_gift(FIXTURES / "doc-forms.gift").items
    escaped = items[18].question
    assert isinstance(escaped, ChoiceQuestion)
    assert escaped.text == "Is 1 = 1 {really}?"
    assert escaped.choices == ("yes: always", "no")
    assert escaped.explanation == "Equality is reflexive."
    bold = items[19]
    assert bold.question.text == "Is this bold?"
    assert any("formatting" in lost for lost in bold.lost)


def test_kinds_quizhost_lacks_are_skipped_with_a_warning_at_their_line() -> None:
    """Matching and essay questions are named; the category names the bank instead."""
    result = read_gift(FIXTURES / "doc-forms.gift")
    assert [str(warning).split(": skipped question ")[1][:20] for warning in result.warnings] == [
        "'Match each country ",
        "'Write a short essay",
    ]
    assert [str(warning).split(":")[1:3] for warning in result.warnings] == [
        ["60", "1"],
        ["66", "1"],
    ]
    assert result.title == "Geography"


def test_the_imported_bank_validates_and_comments_what_was_dropped(
    cli: Cli, tmp_path: Path
) -> None:
    """`quizhost import x.gift -o x.yaml` writes a bank that `quizhost validate` accepts."""
    source = tmp_path / "forms.gift"
    shutil.copy(FIXTURES / "doc-forms.gift", source)
    run = cli("import", str(source), "-o", str(tmp_path / "forms.yaml"))
    assert run.code == 0, run.err
    assert "forms.yaml: 20 questions" in run.out
    text = (tmp_path / "forms.yaml").read_text(encoding="utf-8")
    assert "# not carried over: partial credit (50%) for 'half credit answer'" in text
    assert "# GIFT title: Origin of paper" in text
    assert f"{source}:60:1: warning: skipped question 'Match each country" in run.err
    assert cli("validate", str(tmp_path / "forms.yaml")).code == 0
    assert len(imported_bank(tmp_path / "forms.yaml").questions) == 20


def test_broken_questions_are_all_reported_with_their_place(cli: Cli, tmp_path: Path) -> None:
    """Every broken question is reported at once, FILE:LINE:COL, exit 1, nothing written."""
    source = tmp_path / "broken.gift"
    source.write_text(
        "Fine?{=yes ~no}\n\nNever closed {=a ~b\n\nNo right one?{~a ~b}\n\nStray } brace {T}\n",
        encoding="utf-8",
    )
    run = cli("import", str(source), "-o", str(tmp_path / "out.yaml"))
    assert run.code == 1
    lines = run.err.splitlines()
    assert lines[0].startswith(f"{source}:3:")
    assert "'}' closing the answers" in lines[0]
    assert lines[1] == f"{source}:5:1: no right answer: mark one with = or give a positive %weight%"
    assert lines[2].startswith(f"{source}:7:7: unexpected '}}'")
    assert "Traceback" not in run.err
    assert not (tmp_path / "out.yaml").exists()
