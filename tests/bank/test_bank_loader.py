"""The loader: every rule of the bank format, and where each problem is reported."""

from __future__ import annotations

from pathlib import Path

import pytest

from quizhost.bank import BankError, BankFileError, Problem, load_bank, load_banks
from quizhost.bank.models import (
    ChoiceQuestion,
    OrderQuestion,
    PointsMode,
    PollQuestion,
    SliderQuestion,
    TrueFalseQuestion,
    TypeAnswerQuestion,
)
from tests.kit.banks import Check, locations

BRIEF_EXAMPLE = """\
title: General knowledge          # required
description: A warm-up quiz.      # optional
defaults:                         # optional, every key optional
  time: 20                        # seconds per question, 5-240 (default 20)
  points: standard                # standard | double | none
  shuffle_questions: false
  shuffle_choices: false
questions:                        # required, at least 1
  - question: What is the capital of Australia?
    choices:
      - Sydney
      - correct: Canberra
      - Melbourne
  - question: Which of these are prime numbers?
    choices: [{correct: 2}, {correct: 3}, 4, 9]
  - question: The Sun is a star.
    true_false: true
  - question: What is the chemical symbol of gold?
    accept: [Au]
  - question: In what year did Apollo 11 land on the Moon?
    slider: {min: 1950, max: 2000, step: 1, answer: 1969, margin: 0}
  - question: Put the planets in order from the Sun.
    order: [Mercury, Venus, Earth, Mars]
  - question: Which topic should we do next?
    poll: [Maths, Science, History]
"""


def one_question(body: str, extra_top: str = "") -> str:
    """A bank with one question whose keys are `body` (4-space indented lines)."""
    return f"title: T\n{extra_top}questions:\n  - question: Q?\n{body}"


def only_problem(report_problems: tuple[Problem, ...]) -> Problem:
    assert len(report_problems) == 1, [str(problem) for problem in report_problems]
    return report_problems[0]


# Valid banks become the right models.


def test_brief_example_loads_into_models(check: Check, tmp_path: Path) -> None:
    """The example of the format loads into one model of each kind with its values."""
    report = check(BRIEF_EXAMPLE)
    assert report.problems == ()
    bank = report.bank
    assert bank is not None
    assert bank.title == "General knowledge"
    assert bank.description == "A warm-up quiz."
    assert bank.source == (tmp_path / "bank.yaml").resolve()
    assert bank.shuffle_questions is False
    single, multi, true_false, typed, slider, order, poll = bank.questions
    assert single == ChoiceQuestion(
        text="What is the capital of Australia?",
        choices=("Sydney", "Canberra", "Melbourne"),
        correct=frozenset({1}),
        line=9,
    )
    assert isinstance(multi, ChoiceQuestion)
    assert multi.choices == ("2", "3", "4", "9")
    assert multi.correct == frozenset({0, 1})
    assert multi.multiple is True
    assert true_false == TrueFalseQuestion(text="The Sun is a star.", answer=True, line=16)
    assert isinstance(typed, TypeAnswerQuestion)
    assert typed.accepted == ("Au",)
    assert slider == SliderQuestion(
        text="In what year did Apollo 11 land on the Moon?",
        minimum=1950,
        maximum=2000,
        step=1,
        answer=1969,
        margin=0,
        line=20,
    )
    assert isinstance(order, OrderQuestion)
    assert order.items == ("Mercury", "Venus", "Earth", "Mars")
    assert poll == PollQuestion(
        text="Which topic should we do next?",
        choices=("Maths", "Science", "History"),
        points=PointsMode.NONE,
        line=24,
    )


def test_load_bank_returns_the_bank(tmp_path: Path) -> None:
    """load_bank reads a path and returns the Bank."""
    path = tmp_path / "quiz.yaml"
    path.write_text(BRIEF_EXAMPLE)
    assert len(load_bank(path).questions) == 7


def test_defaults_and_overrides(check: Check) -> None:
    """defaults set every question's time, points and shuffle; a question's keys win."""
    report = check(
        """\
        title: T
        defaults: {time: 30, points: double, shuffle_questions: true, shuffle_choices: true}
        questions:
          - question: A?
            choices: [{correct: a}, b]
          - question: B?
            choices: [{correct: a}, b]
            time: 7.5
            points: none
            shuffle: false
          - question: C?
            poll: [a, b]
        """
    )
    assert report.bank is not None
    first, second, poll = report.bank.questions
    assert report.bank.shuffle_questions is True
    assert isinstance(first, ChoiceQuestion) and isinstance(second, ChoiceQuestion)
    assert (first.time_limit_ms, first.points, first.shuffle) == (30_000, PointsMode.DOUBLE, True)
    assert (second.time_limit_ms, second.points, second.shuffle) == (7_500, PointsMode.NONE, False)
    assert isinstance(poll, PollQuestion)
    assert (poll.points, poll.shuffle) == (PointsMode.NONE, True)


def test_no_defaults_gives_model_defaults(check: Check) -> None:
    """Without defaults a question gets 20 s, standard points and no shuffle."""
    report = check(one_question("    choices: [{correct: a}, b]\n"))
    assert report.bank is not None
    (question,) = report.bank.questions
    assert isinstance(question, ChoiceQuestion)
    assert (question.time_limit_ms, question.points, question.shuffle) == (
        20_000,
        PointsMode.STANDARD,
        False,
    )


def test_scalars_keep_their_written_text(check: Check) -> None:
    """Numbers in choices, accept and order keep their spelling; dates stay text too."""
    report = check(
        one_question("    choices: [{correct: 1.50}, 0x1F, 1_000, 2024-01-31, '007']\n")
        + "  - question: R?\n    accept: [3.0, 42]\n"
    )
    assert report.bank is not None
    choice, typed = report.bank.questions
    assert isinstance(choice, ChoiceQuestion)
    assert choice.choices == ("1.50", "0x1F", "1_000", "2024-01-31", "007")
    assert isinstance(typed, TypeAnswerQuestion)
    assert typed.accepted == ("3.0", "42")


def test_yes_is_a_string_in_yaml_1_2(check: Check) -> None:
    """`yes` and `no` are words (YAML 1.2), so they are fine as choices."""
    report = check(one_question("    choices: [{correct: yes}, no]\n"))
    assert report.bank is not None
    question = report.bank.questions[0]
    assert isinstance(question, ChoiceQuestion)
    assert question.choices == ("yes", "no")


def test_texts_are_stripped_and_block_scalars_work(check: Check) -> None:
    """Surrounding spaces go; a block scalar question keeps its inner line breaks."""
    report = check(
        """\
        title: "  Spaced  "
        questions:
          - question: |
              Line one
              Line two
            accept: "  Paris "
            explanation: >
              folded
              text
        """
    )
    assert report.bank is not None
    assert report.bank.title == "Spaced"
    question = report.bank.questions[0]
    assert isinstance(question, TypeAnswerQuestion)
    assert question.text == "Line one\nLine two"
    assert question.accepted == ("Paris",)
    assert question.explanation == "folded text"


def test_single_correct_with_multiple_true(check: Check) -> None:
    """`multiple: true` forces the select-several kind even with one correct choice."""
    report = check(one_question("    choices: [{correct: a}, b]\n    multiple: true\n"))
    assert report.bank is not None
    question = report.bank.questions[0]
    assert isinstance(question, ChoiceQuestion)
    assert question.multiple is True
    assert question.kind == "multiple"


def test_slider_defaults_and_floats(check: Check) -> None:
    """step defaults to 1 and margin to 0; float steps that divide the range are accepted."""
    report = check(
        one_question("    slider: {min: 0, max: 10, answer: 3}\n")
        + "  - question: R?\n    slider: {min: 0, max: 1, step: 0.1, answer: 0.3, margin: 0.05}\n"
    )
    assert report.bank is not None
    first, second = report.bank.questions
    assert isinstance(first, SliderQuestion) and isinstance(second, SliderQuestion)
    assert (first.step, first.margin) == (1, 0)
    assert (second.step, second.answer, second.margin) == (0.1, 0.3, 0.05)


def test_slider_answer_off_step_is_fine_with_a_margin(check: Check) -> None:
    """An answer between steps is reachable when the margin covers the nearest step."""
    report = check(one_question("    slider: {min: 0, max: 10, step: 2, answer: 5, margin: 1}\n"))
    assert report.problems == ()


def test_image_inside_the_bank_folder(check: Check, tmp_path: Path) -> None:
    """An existing image next to the bank is kept as its relative path."""
    (tmp_path / "img").mkdir()
    (tmp_path / "img" / "map.PNG").write_bytes(b"\x89PNG")
    report = check(one_question("    true_false: true\n    image: img/map.PNG\n"))
    assert report.bank is not None
    assert report.bank.questions[0].image == "img/map.PNG"


def test_image_with_alt_text(check: Check, tmp_path: Path) -> None:
    """The long form gives the picture a description that screen readers speak."""
    (tmp_path / "flag.svg").write_text("<svg/>")
    image = '{file: flag.svg, alt: "A white flag with a red disc"}'
    report = check(one_question(f"    true_false: true\n    image: {image}\n"))
    assert report.problems == ()
    assert report.bank is not None
    assert report.bank.questions[0].image == "flag.svg"
    assert report.bank.questions[0].image_alt == "A white flag with a red disc"


def test_image_short_form_has_no_alt_text(check: Check, tmp_path: Path) -> None:
    """`image: flag.svg` stays valid and leaves the description unset."""
    (tmp_path / "flag.svg").write_text("<svg/>")
    report = check(one_question("    true_false: true\n    image: flag.svg\n"))
    assert report.bank is not None
    assert report.bank.questions[0].image_alt is None


@pytest.mark.parametrize(
    ("image", "message"),
    [
        ("{alt: A flag}", "missing 'file' in 'image'; add 'file: PATH'"),
        ("{file: flag.svg, alt: ''}", "'alt' is empty; write the text"),
        ("{file: flag.svg, alt: A flag, title: x}", "unknown key 'title' in 'image'"),
        ("{file: missing.svg, alt: A flag}", "image not found"),
        ("{file: flag.svg, alt: " + "x" * 301 + "}", "'alt' is 301 characters long"),
    ],
)
def test_image_mapping_problems(check: Check, tmp_path: Path, image: str, message: str) -> None:
    """The long form needs a file, a non-empty bounded alt text and no other key."""
    (tmp_path / "flag.svg").write_text("<svg/>")
    report = check(one_question(f"    true_false: true\n    image: {image}\n"))
    assert report.bank is None
    assert message in only_problem(report.problems).message


def test_utf8_bom_is_accepted(tmp_path: Path) -> None:
    """Files saved by editors that add a BOM still load."""
    path = tmp_path / "bom.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + BRIEF_EXAMPLE.encode())
    assert load_bank(path).title == "General knowledge"


# Problems and where they are reported: (yaml, line, col, words in the message).

CASES = [
    pytest.param(
        one_question("    choices:\n      - a\n      - corect: b\n"),
        6,
        9,
        "unknown key 'corect' in a choice; did you mean 'correct'?",
        id="typo-correct",
    ),
    pytest.param(
        one_question("    choices: [a, b]\n"),
        4,
        5,
        "no choice is marked correct; mark the right one as '- correct: TEXT'",
        id="no-correct",
    ),
    pytest.param(
        one_question("    true_false: true\n    true_false: false\n"),
        5,
        5,
        "duplicate key 'true_false' in a question (first at line 4)",
        id="duplicate-key",
    ),
    pytest.param(
        "title: T\ntitle: U\nquestions:\n  - question: Q?\n    true_false: true\n",
        2,
        1,
        "duplicate key 'title' in the bank (first at line 1)",
        id="duplicate-top-key",
    ),
    pytest.param(
        one_question("    true_false: yes\n"),
        4,
        17,
        "'true_false' must be true or false; got text 'yes'",
        id="true-false-yes",
    ),
    pytest.param(
        one_question("    true_false: true\n    time: 300\n"),
        5,
        11,
        "'time' is in seconds, from 5 to 240; got 300",
        id="time-too-long",
    ),
    pytest.param(
        one_question("    true_false: true\n    time: 4.5\n"),
        5,
        11,
        "from 5 to 240; got 4.5",
        id="time-too-short",
    ),
    pytest.param(
        one_question("    true_false: true\n    time: '20'\n"),
        5,
        11,
        "'time' must be a number; got text '20'; remove the quotes",
        id="time-quoted",
    ),
    pytest.param(
        one_question("    true_false: true\n    time: .inf\n"),
        5,
        11,
        "'time' must be a finite number; got .inf",
        id="time-infinite",
    ),
    pytest.param(
        one_question("    true_false: true\n    time: fast\n"),
        5,
        11,
        "'time' must be a number; got text 'fast'",
        id="time-word",
    ),
    pytest.param(
        one_question("    true_false: true\n    points: dubble\n"),
        5,
        13,
        "'points' must be one of standard, double, none; got text 'dubble'; did you mean 'double'?",
        id="points-typo",
    ),
    pytest.param(
        one_question("    true_false: true\n    points: 2000\n"),
        5,
        13,
        "'points' must be one of standard, double, none; got the number 2000",
        id="points-number",
    ),
    pytest.param(
        one_question("    poll: [a, b]\n    points: none\n"),
        5,
        5,
        "a poll never scores points; remove 'points' from it",
        id="poll-points",
    ),
    pytest.param(
        one_question("    choices: [{correct: a}, b, c, d, e, f, g]\n"),
        4,
        "g]",
        "too many choices: 'choices' has 7, at most 6 are allowed",
        id="too-many-choices",
    ),
    pytest.param(
        one_question("    choices: [{correct: a}]\n"),
        4,
        14,
        "'choices' has 1 choice(s); it needs 2 to 6",
        id="too-few-choices",
    ),
    pytest.param(
        one_question("    choices: a, b\n"),
        4,
        14,
        "'choices' must be a list of 2 to 6 choices; got text 'a, b'",
        id="choices-not-a-list",
    ),
    pytest.param(
        one_question("    choices:\n      - correct: Paris\n      - PARIS\n"),
        6,
        9,
        "duplicate choice 'PARIS' (same as 'Paris' on line 5); remove one",
        id="duplicate-choice",
    ),
    pytest.param(
        one_question("    choices:\n      - correct: a\n      - true\n"),
        6,
        9,
        'a choice must be text; got the true/false value true; put it in quotes ("true")',
        id="choice-bool",
    ),
    pytest.param(
        one_question("    choices:\n      - correct: a\n      -\n      - b\n"),
        6,
        8,
        "a choice is empty; write the text",
        id="choice-null",
    ),
    pytest.param(
        one_question("    choices:\n      - correct: a\n      - [b, c]\n"),
        6,
        9,
        "a choice must be text; got a list",
        id="choice-list",
    ),
    pytest.param(
        one_question("    choices:\n      - correct: a\n      - '   '\n"),
        6,
        9,
        "a choice is empty; write the text",
        id="choice-blank",
    ),
    pytest.param(
        one_question("    choices:\n      - correct: a\n      - {}\n"),
        6,
        9,
        "a choice written as a mapping must be '- correct: TEXT'",
        id="choice-empty-mapping",
    ),
    pytest.param(
        one_question("    choices:\n      - correct: a\n      - !weird b\n"),
        6,
        9,
        "YAML tag '!weird' is not supported here",
        id="custom-tag",
    ),
    pytest.param(
        one_question("    choices:\n      - correct: a\n      - " + "x" * 121 + "\n"),
        6,
        9,
        "a choice is 121 characters long; keep it to at most 120",
        id="choice-too-long",
    ),
    pytest.param(
        "title: T\nquestions:\n  - question: " + "q" * 301 + "\n    true_false: true\n",
        3,
        15,
        "'question' is 301 characters long; keep it to at most 300",
        id="question-too-long",
    ),
    pytest.param(
        one_question("    choices: [{correct: a}, {correct: b}]\n    multiple: false\n"),
        4,
        5,
        "2 choices are marked correct but 'multiple' is false",
        id="multiple-false-with-two-correct",
    ),
    pytest.param(
        one_question("    order: [a, b]\n    multiple: true\n"),
        5,
        5,
        "'multiple' applies only to choices, not to 'order'",
        id="multiple-on-order",
    ),
    pytest.param(
        one_question("    accept: a\n    shuffle: true\n"),
        5,
        5,
        "'shuffle' applies only to choices and poll, not to 'accept'",
        id="shuffle-on-accept",
    ),
    pytest.param(
        one_question("    poll: [a, b]\n    shuffle: sometimes\n"),
        5,
        14,
        "'shuffle' must be true or false; got text 'sometimes'",
        id="shuffle-not-bool",
    ),
    pytest.param(
        one_question("    poll: [a, b]\n    multiple: true\n"),
        5,
        5,
        "'multiple' applies only to choices, not to 'poll'",
        id="multiple-on-poll",
    ),
    pytest.param(
        one_question("    accept: []\n"),
        4,
        13,
        "'accept' is empty; list at least one accepted answer",
        id="accept-empty",
    ),
    pytest.param(
        one_question("    accept: [Zürich, ' zurich ']\n"),
        4,
        22,
        "duplicate accepted answer (ignoring case and accents) ' zurich '".replace(
            "' zurich '", "'zurich'"
        ),
        id="accept-duplicate",
    ),
    pytest.param(
        one_question("    accept: [a, null]\n"),
        4,
        17,
        "an accepted answer is empty",
        id="accept-null",
    ),
    pytest.param(
        one_question("    accept: ['\u0301']\n"),
        4,
        "'",
        "is blank once accents are ignored",
        id="accept-only-accent",
    ),
    pytest.param(
        one_question("    accept: [" + ", ".join(f"a{i}" for i in range(21)) + "]\n"),
        4,
        "a20",
        "too many accepted answers: at most 20",
        id="accept-too-many",
    ),
    pytest.param(
        one_question("    slider: {min: 10, max: 0, answer: 5}\n"),
        4,
        "0, answer",
        "the slider's max (0) must be greater than its min (10)",
        id="slider-min-max",
    ),
    pytest.param(
        one_question("    slider: {min: 0, max: 10, step: 0, answer: 5}\n"),
        4,
        "0, answer",
        "'step' must be greater than 0; got 0",
        id="slider-step-zero",
    ),
    pytest.param(
        one_question("    slider: {min: 0, max: 10, step: 3, answer: 3}\n"),
        4,
        "3,",
        "max - min = 10 is not a whole number of steps of 3",
        id="slider-steps-not-whole",
    ),
    pytest.param(
        one_question("    slider: {min: 0, max: 10, answer: 11}\n"),
        4,
        "11",
        "the answer 11 is outside the slider's range 0 to 10",
        id="slider-answer-outside",
    ),
    pytest.param(
        one_question("    slider: {min: 0, max: 10, answer: 5, margin: -1}\n"),
        4,
        "-1",
        "'margin' must be 0 or more; got -1",
        id="slider-negative-margin",
    ),
    pytest.param(
        one_question("    slider: {min: 0, max: 10, step: 2, answer: 5}\n"),
        4,
        "5}",
        "can never land within 0 of 5; put the answer on a step or add a margin",
        id="slider-answer-off-step",
    ),
    pytest.param(
        one_question("    slider: {min: 0, max: 10}\n"),
        4,
        13,
        "the slider has no 'answer'; add 'answer: NUMBER'",
        id="slider-no-answer",
    ),
    pytest.param(
        one_question("    slider: {min: 0, max: ten, answer: 5}\n"),
        4,
        "ten",
        "'max' must be a number; got text 'ten'",
        id="slider-word",
    ),
    pytest.param(
        one_question("    slider: {minimum: 0, max: 10, answer: 5}\n"),
        4,
        14,
        "unknown key 'minimum' in 'slider'; did you mean 'min'?",
        id="slider-typo",
    ),
    pytest.param(
        one_question("    slider: [0, 10]\n"),
        4,
        13,
        "'slider' must be a mapping like {min: 0, max: 100, step: 1, answer: 42}; got a list",
        id="slider-list",
    ),
    pytest.param(
        one_question("    order: [a, b, A]\n"),
        4,
        "A]",
        "duplicate item 'A' (same as 'a' on line 4)",
        id="order-duplicate",
    ),
    pytest.param(
        one_question("    order: [a]\n"),
        4,
        12,
        "'order' has 1 item(s); it needs 2 to 6",
        id="order-too-short",
    ),
    pytest.param(
        one_question("    order: [a, {correct: b}]\n"),
        4,
        "{",
        "'order' items are plain text written in the correct order",
        id="order-mapping",
    ),
    pytest.param(
        one_question("    poll: [a, {correct: b}]\n"),
        4,
        "{",
        "'poll' has no correct answer to mark; write each option as plain text",
        id="poll-correct",
    ),
    pytest.param(
        one_question("    poll: [a, a]\n"),
        4,
        "a]",
        "duplicate option 'a'",
        id="poll-duplicate",
    ),
    pytest.param(
        one_question("    choices: [{correct: a}, b]\n    accept: a\n"),
        5,
        5,
        "a question takes exactly one of choices, true_false, accept, slider, order, poll; "
        "it already has 'choices', so remove 'accept'",
        id="two-kinds",
    ),
    pytest.param(
        one_question("    time: 10\n"),
        3,
        5,
        "the question has no answer; add exactly one of: choices, true_false, accept",
        id="no-kind",
    ),
    pytest.param(
        "title: T\nquestions:\n  - accept: a\n",
        3,
        5,
        "missing 'question' in a question; add 'question: TEXT'",
        id="no-question-text",
    ),
    pytest.param(
        one_question("    accept: a\n    correct: a\n"),
        5,
        5,
        "unknown key 'correct' in a question; mark the right choice inside 'choices'",
        id="correct-at-question-level",
    ),
    pytest.param(
        one_question("    accept: a\n    colour: red\n"),
        5,
        5,
        "unknown key 'colour' in a question; expected one of: question, time, points",
        id="unknown-key-no-match",
    ),
    pytest.param(
        one_question("    accept: a\n    1: x\n"),
        5,
        5,
        "keys in a question must be plain words; got the number 1",
        id="number-key",
    ),
    pytest.param(
        one_question("    accept: a\n    <<: {time: 5}\n"),
        5,
        5,
        "YAML merge keys ('<<') are not supported in banks",
        id="merge-key",
    ),
    pytest.param(
        "title: T\nquestions:\n  - question: Q?\n    accept: a\n  - just text\n",
        5,
        5,
        "a question must be a mapping starting with 'question:'; got text 'just text'",
        id="question-not-mapping",
    ),
    pytest.param(
        "title: T\nquestions: []\n",
        2,
        12,
        "'questions' is empty; a bank needs at least one question",
        id="no-questions",
    ),
    pytest.param(
        "title: T\nquestions:\n  question: Q?\n  accept: a\n",
        3,
        3,
        "'questions' must be a list; got a mapping (key: value); "
        "start each question with '- question:'",
        id="questions-mapping",
    ),
    pytest.param(
        "title: T\n",
        1,
        1,
        "missing 'questions': add a list of questions to the bank",
        id="missing-questions",
    ),
    pytest.param(
        "questions:\n  - question: Q?\n    accept: a\n",
        1,
        1,
        "missing 'title' in the bank; add 'title: TEXT'",
        id="missing-title",
    ),
    pytest.param(
        "title: [a]\nquestions:\n  - question: Q?\n    accept: a\n",
        1,
        8,
        "'title' must be text; got a list",
        id="title-list",
    ),
    pytest.param(
        "title: T\ndescription: ''\nquestions:\n  - question: Q?\n    accept: a\n",
        2,
        14,
        "'description' is empty; write the text",
        id="description-empty",
    ),
    pytest.param(
        one_question("    accept: a\n    explanation: 12\n    image: []\n"),
        6,
        12,
        "'image' must be a file path or a mapping with 'file' and 'alt'; got a list",
        id="image-list",
    ),
    pytest.param(
        "title: T\ndefaults: 20\nquestions:\n  - question: Q?\n    accept: a\n",
        2,
        11,
        "'defaults' must be a mapping of settings; got the number 20",
        id="defaults-scalar",
    ),
    pytest.param(
        "title: T\ndefaults: {tme: 20}\nquestions:\n  - question: Q?\n    accept: a\n",
        2,
        12,
        "unknown key 'tme' in 'defaults'; did you mean 'time'?",
        id="defaults-typo",
    ),
    pytest.param(
        "title: T\ndefaults: {shuffle_choices: 1}\nquestions:\n  - question: Q?\n    accept: a\n",
        2,
        29,
        "'shuffle_choices' must be true or false; got the number 1",
        id="defaults-shuffle-number",
    ),
    pytest.param(
        "title: T\nquestions:\n  - question: Q?\n    accept: a\n  - question: What: now?\n",
        5,
        19,
        "this ': ' inside the text of 'question' looks to YAML like the ': ' after a key",
        id="syntax-colon",
    ),
    pytest.param(
        "title: T\nquestions:\n\t- question: Q?\n",
        3,
        1,
        "a tab in the indentation: YAML indents with spaces only",
        id="syntax-tab",
    ),
    pytest.param(
        "title: T\nquestions: [\n",
        2,
        12,
        "this bracket ([) opened here is never closed",
        id="syntax-unclosed",
    ),
    pytest.param(
        "title: T\n---\ntitle: U\n",
        2,
        1,
        "a second document starts here: a bank file holds one document",
        id="two-documents",
    ),
    pytest.param(
        "title: *nope\n",
        1,
        8,
        "a text that starts with '*' refers to an anchor ('&nope'), and there is none",
        id="undefined-alias",
    ),
    pytest.param(
        one_question("    true_false: true\n    time: 1e400\n"),
        5,
        11,
        "'time' must be a finite number; got 1e400",
        id="time-overflow",
    ),
    pytest.param(
        "title: T\nquestons: []\n",
        2,
        1,
        "unknown key 'questons' in the bank; did you mean 'questions'?",
        id="questions-typo",
    ),
    pytest.param(
        one_question("    order: [a, '', b]\n"),
        4,
        "''",
        "an item is empty; write the text",
        id="order-item-empty",
    ),
    pytest.param("", 1, 1, "the file is empty", id="empty"),
    pytest.param("# only a comment\n", 1, 1, "the file is empty", id="only-comment"),
    pytest.param(
        "- title: T\n",
        1,
        1,
        "a bank is a mapping with 'title' and 'questions' at the top level; got a list",
        id="top-level-list",
    ),
    pytest.param(
        "just words\n",
        1,
        1,
        "got text 'just words'",
        id="top-level-scalar",
    ),
    pytest.param(
        "title: T\nquestions: [{question: a\x07}]\n",
        2,
        "\x07",
        "the file holds a character YAML does not allow",
        id="control-character",
    ),
]


@pytest.mark.parametrize(("text", "line", "col", "message"), CASES)
def test_problem_is_located_and_explained(
    check: Check, text: str, line: int, col: int | str, message: str
) -> None:
    """Each broken rule gives one problem, at the offending key or value, with a hint.

    `col` is a 1-based column, or the text the problem must point at on that line.
    """
    if isinstance(col, str):
        col = text.splitlines()[line - 1].index(col) + 1
    report = check(text)
    assert report.bank is None
    problem = only_problem(report.problems)
    assert (problem.line, problem.col) == (line, col), str(problem)
    assert message in problem.message


def test_problem_str_is_file_line_col_message() -> None:
    """Problems print as FILE:LINE:COL: message, or FILE: message for the whole file."""
    assert str(Problem("a.yaml", 3, 7, "bad")) == "a.yaml:3:7: bad"
    assert str(Problem("a.yaml", 0, 0, "no such file")) == "a.yaml: no such file"


def test_problem_str_puts_the_hint_on_an_indented_line() -> None:
    """A hint follows on its own indented line, which FILE:LINE:COL matchers skip."""
    problem = Problem("a.yaml", 3, 7, "bad", "do this")
    assert str(problem) == "a.yaml:3:7: bad\n    hint: do this"


def test_typo_of_kind_key_is_not_also_reported_as_missing(check: Check) -> None:
    """'choice' instead of 'choices' reports the typo only, not 'no answer' as well."""
    report = check(one_question("    choice: [{correct: a}, b]\n"))
    problem = only_problem(report.problems)
    assert problem.message == ("unknown key 'choice' in a question; did you mean 'choices'?")


def test_typo_of_slider_key_is_not_also_reported_as_missing(check: Check) -> None:
    """'anwser' reports the typo only, not also the missing 'answer'."""
    report = check(one_question("    slider: {min: 0, max: 10, anwser: 5}\n"))
    assert "did you mean 'answer'" in only_problem(report.problems).message


def test_all_problems_of_a_file_are_reported_in_order(check: Check) -> None:
    """Several problems in one file are all reported, sorted by position."""
    report = check(
        """\
        title: T
        defaults: {time: 1}
        questions:
          - question: A?
            choices: [a, b]
          - question: B?
            true_false: maybe
          - question: C?
            slider: {min: 0, max: 10, answer: 20}
        """
    )
    assert locations(report) == [(2, 18), (5, 5), (7, 17), (9, 39)]


def test_several_kinds_reports_each_extra_one(check: Check) -> None:
    """Three kind keys give two problems, each at an extra key."""
    report = check(one_question("    accept: a\n    true_false: true\n    order: [a, b]\n"))
    assert locations(report) == [(5, 5), (6, 5)]


# Images.


@pytest.mark.parametrize(
    ("image", "message"),
    [
        ("/etc/passwd.png", "'image' must be a path relative to the bank's folder"),
        ("~/pic.png", "'image' must be a path relative to the bank's folder"),
        ("../outside.png", "'image' must stay inside the bank's folder; remove '..'"),
        ("img/../../outside.png", "'image' must stay inside the bank's folder"),
        ("img\\\\pic.png", "write the image path with forward slashes"),
        ("notes.txt", "'image' must be one of .png, .jpg, .jpeg, .gif, .webp, .svg"),
    ],
)
def test_image_paths_that_are_refused(check: Check, image: str, message: str) -> None:
    """Absolute paths, escapes with '..', backslashes and non-image files are refused."""
    report = check(one_question(f'    accept: a\n    image: "{image}"\n'))
    problem = only_problem(report.problems)
    assert (problem.line, problem.col) == (5, 12)
    assert message in problem.message


def test_missing_image_names_the_path_looked_for(check: Check, tmp_path: Path) -> None:
    """A missing image says which file was looked for."""
    report = check(one_question("    accept: a\n    image: pics/none.png\n"))
    problem = only_problem(report.problems)
    assert problem.message == f"image not found: looked for {tmp_path / 'pics' / 'none.png'}"


def test_image_symlink_escaping_the_folder(check: Check, tmp_path: Path) -> None:
    """A symlink inside the folder that points outside it is refused."""
    outside = tmp_path.parent / f"{tmp_path.name}-outside.png"
    outside.write_bytes(b"x")
    (tmp_path / "link.png").symlink_to(outside)
    report = check(one_question("    accept: a\n    image: link.png\n"))
    assert "'image' links outside the bank's folder" in only_problem(report.problems).message


def test_image_that_is_a_directory(check: Check, tmp_path: Path) -> None:
    """A directory named like an image is not an image."""
    (tmp_path / "dir.png").mkdir()
    report = check(one_question("    accept: a\n    image: dir.png\n"))
    assert "image not found" in only_problem(report.problems).message


# Files.


def test_missing_file_raises_bank_file_error(tmp_path: Path) -> None:
    """A path that does not exist raises BankFileError, a BankError, with no line."""
    with pytest.raises(BankFileError) as caught:
        load_bank(tmp_path / "nope.yaml")
    assert caught.value.problems == [Problem(str(tmp_path / "nope.yaml"), 0, 0, "no such file")]


def test_directory_is_unreadable(tmp_path: Path) -> None:
    """A directory is refused with a hint to pass its files."""
    with pytest.raises(BankFileError, match="is a directory"):
        load_bank(tmp_path)


def test_unreadable_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An OS error while reading becomes a problem, not a traceback."""
    path = tmp_path / "locked.yaml"
    path.write_text(BRIEF_EXAMPLE)

    def refuse(*args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "open", refuse)
    with pytest.raises(BankFileError, match="cannot read: Permission denied"):
        load_bank(path)


def test_binary_file_is_a_problem_with_a_position(tmp_path: Path) -> None:
    """Bytes that are not UTF-8 are reported at the first bad byte."""
    path = tmp_path / "junk.yaml"
    path.write_bytes(b"title: T\nab\xff\xfe")
    with pytest.raises(BankError) as caught:
        load_bank(path)
    (problem,) = caught.value.problems
    assert (problem.line, problem.col) == (2, 3)
    assert "not UTF-8 text" in problem.message
    assert not isinstance(caught.value, BankFileError)


def test_huge_file_is_refused(tmp_path: Path) -> None:
    """A file over the size bound is refused before parsing."""
    path = tmp_path / "huge.yaml"
    path.write_bytes(b"#" * (2 * 1024 * 1024 + 1))
    with pytest.raises(BankError, match="larger than 2 MiB"):
        load_bank(path)


@pytest.mark.slow  # ruamel needs seconds to reach Python's recursion limit
def test_deep_nesting_is_a_problem(check: Check) -> None:
    """Pathologically nested YAML is a problem, not a RecursionError."""
    report = check("title: " + "[" * 3000 + "]" * 3000 + "\n")
    assert "nested too deeply" in only_problem(report.problems).message


def test_load_banks_reports_problems_of_every_file(tmp_path: Path) -> None:
    """load_banks raises one BankError with the problems of all files at once."""
    good = tmp_path / "good.yaml"
    good.write_text(BRIEF_EXAMPLE)
    bad1 = tmp_path / "bad1.yaml"
    bad1.write_text(one_question("    choices: [a, b]\n"))
    bad2 = tmp_path / "bad2.yaml"
    bad2.write_text(one_question("    true_false: nope\n    time: 1\n"))
    with pytest.raises(BankError) as caught:
        load_banks([good, bad1, bad2])
    assert not isinstance(caught.value, BankFileError)
    assert [(p.file, p.line, p.col) for p in caught.value.problems] == [
        (str(bad1), 4, 5),
        (str(bad2), 4, 17),
        (str(bad2), 5, 11),
    ]
    assert str(caught.value).splitlines()[0].startswith(f"{bad1}:4:5: no choice is marked")


def test_load_banks_with_a_missing_file_raises_bank_file_error(tmp_path: Path) -> None:
    """A missing file among several makes load_banks raise BankFileError."""
    good = tmp_path / "good.yaml"
    good.write_text(BRIEF_EXAMPLE)
    with pytest.raises(BankFileError):
        load_banks([good, tmp_path / "missing.yaml"])


def test_load_banks_returns_every_bank(tmp_path: Path) -> None:
    """All valid: the banks in the order given."""
    paths = []
    for name in ("a", "b"):
        path = tmp_path / f"{name}.yaml"
        path.write_text(BRIEF_EXAMPLE.replace("General knowledge", name))
        paths.append(path)
    assert [bank.title for bank in load_banks(paths)] == ["a", "b"]


def test_integer_spellings_of_time(check: Check) -> None:
    """YAML 1.2 integers in any spelling count: 0x10 is 16 seconds, 1_0 is 10, 010 is 10."""
    report = check(
        one_question("    accept: a\n    time: 0x10\n")
        + "  - question: R?\n    accept: a\n    time: 1_0\n"
        + "  - question: S?\n    accept: a\n    time: 010\n"
    )
    assert report.bank is not None
    assert [q.time_limit_ms for q in report.bank.questions] == [16_000, 10_000, 10_000]


def test_a_bank_names_its_language(check: Check) -> None:
    """`language:` is a BCP 47 tag kept as written, for the page's `lang` on bank text."""
    report = check(one_question("    true_false: true\n", extra_top="language: pt-BR\n"))
    assert report.problems == ()
    assert report.bank is not None
    assert report.bank.language == "pt-BR"


@pytest.mark.parametrize("tag", ["french", "f", "en_GB", "de-", "12"])
def test_a_language_that_is_not_a_tag_is_refused(check: Check, tag: str) -> None:
    """A misspelt tag would give screen readers a wrong voice; say how to write one."""
    report = check(one_question("    true_false: true\n", extra_top=f"language: {tag}\n"))
    assert report.bank is None
    assert "'language' must be a language tag" in only_problem(report.problems).message
