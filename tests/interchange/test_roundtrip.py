"""import(export(bank)) gives the same questions, for every kind each format holds.

`HELD` is the round-trip table of docs/question-banks.md: per format, the kinds that come
back and the parts of a question that come back with them. Anything else must be named in a
warning on export.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quizhost.bank import load_bank
from quizhost.bank.models import AnyQuestion, ChoiceQuestion, Kind
from quizhost.interchange.yamlout import render_bank
from tests.interchange.conftest import Cli
from tests.interchange.helpers import summary

ROOT = Path(__file__).parents[2]
ALL_KINDS = frozenset(Kind)
EVERYTHING = (
    "kind", "text", "answer", "time", "points", "explanation", "shuffle", "image", "alt"
)  # fmt: skip

BANK = """\
title: "Round trip: every kind"
questions:
  - question: "Capital of Australia? (Sydney: no) {really} #1 = ~ | \\\\ 'quoted' \\"too\\""
    choices: [Sydney, {correct: Canberra}, "Mel|bourne", "#Perth"]
    explanation: "Built as the capital; see {notes} = ~fine: yes"
    time: 30
    points: double
    shuffle: true
    image: {file: images/flag.svg, alt: "A white flag, a red disc: \\"Hinomaru\\" & <more>|"}
  - question: Which are prime?
    choices: [{correct: 2}, {correct: 3}, 4, 9]
    points: none
  - question: Only one is right, but players select several
    choices: [{correct: a}, b, c]
    multiple: true
  - question: The Sun is a star.
    true_false: true
  - question: Lightning never strikes the same place twice.
    true_false: false
    explanation: Tall towers are struck many times a year.
  - question: Chemical symbol of gold?
    accept: [Au, "Au: 79", Zürich]
  - question: In what year did Apollo 11 land?
    slider: {min: 1950, max: 2000, step: 1, answer: 1969, margin: 2}
    time: 60
  - question: An exact half
    slider: {min: 0, max: 10, step: 0.5, answer: 2.5}
  - question: Order the planets from the Sun.
    order: [Mercury, Venus, Earth]
    explanation: Nearest first.
  - question: Which topic next?
    poll: [Maths, Art]
    shuffle: true
"""


def _one_correct_multiple(question: AnyQuestion) -> bool:
    return isinstance(question, ChoiceQuestion) and question.multiple and len(question.correct) == 1


# suffix -> (kinds that come back, the parts that come back, questions that do not)
HELD: dict[str, tuple[frozenset[Kind], tuple[str, ...], object]] = {
    ".csv": (ALL_KINDS, EVERYTHING, None),
    ".tsv": (ALL_KINDS, EVERYTHING, None),
    ".gift": (
        frozenset({Kind.CHOICE, Kind.MULTIPLE, Kind.TRUE_FALSE, Kind.TYPE_ANSWER, Kind.SLIDER}),
        ("kind", "text", "answer", "time", "points", "explanation", "shuffle"),
        None,
    ),
    ".xml": (
        frozenset({Kind.CHOICE, Kind.MULTIPLE, Kind.TRUE_FALSE, Kind.TYPE_ANSWER, Kind.ORDER}),
        ("kind", "text", "answer", "points", "explanation", "shuffle", "image", "alt"),
        None,
    ),
    ".xlsx": (
        frozenset({Kind.CHOICE, Kind.MULTIPLE, Kind.TRUE_FALSE}),
        ("kind", "text", "answer", "time"),
        _one_correct_multiple,
    ),
}


# Kinds that come back changed: Moodle's numerical question has no slider range (a margin
# of 0 comes back as type-the-answer).
PARTLY = {".xml": frozenset({Kind.SLIDER})}


@pytest.fixture
def bank_path(tmp_path: Path) -> Path:
    folder = tmp_path / "source"
    (folder / "images").mkdir(parents=True)
    shutil.copy(
        ROOT / "question_banks" / "images" / "flag-japan.svg", folder / "images" / "flag.svg"
    )
    path = folder / "every-kind.yaml"
    path.write_text(BANK, encoding="utf-8")
    return path


@pytest.mark.parametrize("suffix", list(HELD))
def test_what_a_format_holds_comes_back_unchanged(
    cli: Cli, tmp_path: Path, bank_path: Path, suffix: str
) -> None:
    """Export, import, and compare each question the format holds, part by part."""
    kinds, fields, exception = HELD[suffix]
    exported = tmp_path / f"exported{suffix}"
    run = cli("export", str(bank_path), "-o", str(exported))
    assert run.code == 0, run.err
    original = load_bank(bank_path)
    back_path = tmp_path / "back" / "every-kind.yaml"
    imported = cli("import", str(exported), "-o", str(back_path))
    assert imported.code == 0, imported.err
    back = load_bank(back_path)
    if suffix in (".gift", ".xml"):  # the bank's title travels as the Moodle category
        assert back.title == original.title
    by_text = {question.text: question for question in back.questions}
    kept = [
        q for q in original.questions
        if q.kind in kinds and not (callable(exception) and exception(q))
    ]  # fmt: skip
    for question in kept:
        assert question.text in by_text, f"{question.text!r} did not come back"
        assert summary(by_text[question.text], back, fields) == summary(question, original, fields)
    for question in original.questions:
        if question.kind in PARTLY.get(suffix, ()):
            assert question.text in by_text  # it comes back, changed, and export said how
            assert f"question '{question.text[:20]}" in run.err
        elif question.kind not in kinds:
            assert question.text not in by_text
            assert f"skipped question '{question.text[:20]}" in run.err


def test_the_shipped_sample_round_trips_through_our_csv_exactly(cli: Cli, tmp_path: Path) -> None:
    """The general-knowledge bank (every kind, an image) survives CSV whole."""
    sample = ROOT / "question_banks" / "sample.yaml"
    out = tmp_path / "sample.csv"
    assert cli("export", str(sample), "-o", str(out)).code == 0
    assert cli("import", str(out), "-o", str(tmp_path / "sample.yaml")).code == 0
    original, back = load_bank(sample), load_bank(tmp_path / "sample.yaml")
    assert [summary(q, back, EVERYTHING) for q in back.questions] == [
        summary(q, original, EVERYTHING) for q in original.questions
    ]


# Any text an author may write, with every character the formats treat specially.
WORDS = (
    st.text(st.sampled_from("abcXYZé9 |\\~=#{}:;,.\"'[]%-<>&/!?*@()ü€"), min_size=1, max_size=20)
    .map(lambda text: " ".join(text.split()))
    .filter(lambda text: text.strip("_") != "")
)


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=WORDS, choices=st.lists(WORDS, min_size=2, max_size=4), explanation=WORDS)
@pytest.mark.parametrize("suffix", [".csv", ".gift", ".xml", ".xlsx"])
def test_any_text_survives_a_round_trip(
    cli: Cli, tmp_path: Path, suffix: str, text: str, choices: list[str], explanation: str
) -> None:
    """Question, choice and explanation texts full of special characters come back as
    written (choices get a distinct letter first, as banks need distinct choices)."""
    folder = tmp_path / f"case-{len(list(tmp_path.iterdir()))}"
    folder.mkdir()
    original = ChoiceQuestion(
        text=f"Q {text}",
        choices=tuple(
            f"{letter} {choice}" for letter, choice in zip("ABCD", choices, strict=False)
        ),
        correct=frozenset({1}),
        explanation=f"E {explanation}" if suffix != ".xlsx" else None,
    )
    bank_text, _ = render_bank("Any text", [original])
    bank = folder / "bank.yaml"
    bank.write_text(bank_text, encoding="utf-8")
    exported = folder / f"exported{suffix}"
    assert cli("export", str(bank), "-o", str(exported)).code == 0
    run = cli("import", str(exported), "-o", str(folder / "back.yaml"))
    assert run.code == 0, run.err
    (back,) = load_bank(folder / "back.yaml").questions
    assert isinstance(back, ChoiceQuestion)
    assert (back.text, back.choices, back.correct, back.explanation) == (
        original.text, original.choices, original.correct, original.explanation,
    )  # fmt: skip


@pytest.mark.parametrize(
    ("suffix", "said"),
    [
        (".gift", "the image and its alt text left out (GIFT text holds none)"),
        (".xlsx", "image and its alt text left out (not in the template)"),
    ],
)
def test_formats_without_images_name_the_alt_text_they_drop(
    cli: Cli, tmp_path: Path, bank_path: Path, suffix: str, said: str
) -> None:
    """GIFT and Kahoot's template hold no image: the warning names the question and says its
    alt text goes with it."""
    run = cli("export", str(bank_path), "-o", str(tmp_path / f"out{suffix}"))
    assert run.code == 0, run.err
    (line,) = [line for line in run.err.splitlines() if "alt text" in line]
    assert "question 'Capital of Australia?" in line and line.endswith(said)
