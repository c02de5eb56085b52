"""YAML syntax errors: a catalogue of teachers' typing mistakes, each explained at its cause.

Every file in `yaml_mistakes/` is a small bank with one mistake. The test names the line, the
text the problem must point at on it (its column is where that text last starts), the message
and the hint. A syntax error inside a question leaves the other questions checked.
"""

from __future__ import annotations

import re
import warnings
from pathlib import Path

import pytest

from quizhost.bank import check_file, check_text
from quizhost.bank.nodes import MAX_SYNTAX_ERRORS
from quizhost.cli import main
from tests.kit.banks import locations

MISTAKES = Path(__file__).parent / "yaml_mistakes"
SOURCE = Path("/nonexistent/bank.yaml")

CATALOGUE = [
    pytest.param(
        "unclosed_double_quote",
        7,
        '"Which',
        'this quote (") opened here is never closed',
        'add the closing quote (") at the end of the text',
        id="unclosed-double-quote",
    ),
    pytest.param(
        "quote_closed_lines_later",
        3,
        '"Who',
        'this quote (") opened here is not closed on its line: everything up to the quote on '
        "line 7 became one text",
        'add the closing quote (") at the end of the text on line 3',
        id="quote-closed-lines-later",
    ),
    pytest.param(
        "unclosed_single_quote",
        3,
        "'What",
        "this quote (') opened here is never closed",
        "add the closing quote (') at the end of the text",
        id="unclosed-single-quote",
    ),
    pytest.param(
        "apostrophe_in_single_quotes",
        3,
        "'s second",
        "this quote (') ends the text quoted at column 15, but more text follows it",
        "inside '...' write an apostrophe twice: - question: 'What is Newton''s second law?'",
        id="apostrophe-in-single-quotes",
    ),
    pytest.param(
        "quoted_word_then_text",
        3,
        '" was',
        'this quote (") ends the text quoted at column 15, but more text follows it',
        "put the whole text in single quotes: - question: '\"Hamlet\" was written by?'",
        id="quoted-word-then-text",
    ),
    pytest.param(
        "unclosed_bracket",
        5,
        "[{correct",
        "this bracket ([) opened here is never closed",
        "add ']' at the end of the list, on the same line",
        id="unclosed-bracket",
    ),
    pytest.param(
        "unclosed_brace",
        4,
        "{min",
        "this bracket ({) opened here is never closed",
        "add '}' at the end of the mapping, on the same line",
        id="unclosed-brace",
    ),
    pytest.param(
        "extra_closing_bracket",
        5,
        "]",
        "this ']' closes nothing: no '[' opened it",
        "remove it; if it is part of the text, put the whole text in quotes",
        id="extra-closing-bracket",
    ),
    pytest.param(
        "colon_in_text",
        3,
        ": what",
        "this ': ' inside the text of 'question' looks to YAML like the ': ' after a key",
        'put the text in quotes: - question: "Quick: what is 7 x 8?"',
        id="colon-in-text",
    ),
    pytest.param(
        "colon_in_time",
        3,
        ": 30",
        "this ': ' inside the text of 'question' looks to YAML like the ': ' after a key",
        'put the text in quotes: - question: "The train leaves at 10: 30 and takes 45 minutes. '
        'When does it arrive?"',
        id="colon-in-time",
    ),
    pytest.param(
        "over_indented_key",
        4,
        "accept",
        "this line is indented more than 'question' above it, so YAML reads it as more of the "
        "text of 'question'",
        "line 'accept' up with 'question' (column 5)",
        id="over-indented-key",
    ),
    pytest.param(
        "key_indented_like_items",
        8,
        "time",
        "'time' is indented like the items of the list under 'choices' (line 4), but it is not "
        "an item",
        "line 'time' up with 'choices' (column 5); if it is an item of the list, start it with "
        "'- '",
        id="key-indented-like-list-items",
    ),
    pytest.param(
        "under_indented_key",
        4,
        "accept",
        "this line is indented less than 'question' above it",
        "line 'accept' up with 'question' (column 5) if it belongs with it",
        id="under-indented-key",
    ),
    pytest.param(
        "misaligned_choice",
        6,
        "- correct",
        "this list item is not lined up with the item above it",
        "line its '-' up with the '-' on line 5 (column 7)",
        id="misaligned-choice",
    ),
    pytest.param(
        "stray_dash",
        7,
        "- time",
        "a '- ' (a list item) in the middle of the keys that start on line 3",
        "remove the '- ' if this key belongs with the keys above; a new item starts with '- ' "
        "lined up with the '-' on line 3 (column 3)",
        id="stray-dash-in-a-mapping",
    ),
    pytest.param(
        "missing_colon",
        4,
        "accept eight",
        "'accept eight' has no ':' after its key, so YAML reads the line as text",
        "write 'accept: eight'",
        id="missing-colon",
    ),
    pytest.param(
        "missing_colon_after_question",
        3,
        "question How",
        "'question How do you spell the number 8?' has no ':' after its key, so YAML reads the "
        "line as text",
        "write 'question: How do you spell the number 8?'",
        id="missing-colon-after-question",
    ),
    pytest.param(
        "no_space_after_colon",
        3,
        ":How",
        "'question:How' needs a space after the ':'",
        "write 'question: How'",
        id="no-space-after-colon",
    ),
    pytest.param(
        "tab_indent",
        4,
        "\taccept",
        "a tab in the indentation: YAML indents with spaces only",
        "replace the tab with spaces, lined up with the lines around it",
        id="tab-in-indentation",
    ),
    pytest.param(
        "tab_after_colon",
        4,
        '\t"5"',
        "a tab here: YAML does not allow tabs between the parts of a line",
        "replace the tab with a space",
        id="tab-after-colon",
    ),
    pytest.param(
        "asterisk_start",
        3,
        "*Bold*",
        "a text that starts with '*' refers to an anchor ('&Bold*'), and there is none",
        'put the text in quotes: - question: "*Bold* words are nouns. True or false?"',
        id="asterisk-start-undefined-alias",
    ),
    pytest.param(
        "duplicate_anchor",
        5,
        "&q",
        "the anchor '&q' is defined twice (first on line 3)",
        "rename one of them; if the text really starts with '&', put it in quotes",
        id="duplicate-anchor",
    ),
    pytest.param(
        "at_sign_start",
        8,
        "@username",
        "in YAML a text cannot start with '@'",
        'put the text in quotes: - "@username"',
        id="at-sign-start",
    ),
    pytest.param(
        "question_mark_start",
        3,
        "? is",
        "in YAML a text cannot start with '?'",
        'put the text in quotes: - question: "? is called a question mark. True or false?"',
        id="question-mark-start",
    ),
    pytest.param(
        "bracket_start_text",
        3,
        "[Bonus]",
        "text that starts with '[' is read as a list, and more text follows it",
        'put the text in quotes: - question: "[Bonus] What is the square root of 81?"',
        id="bracket-start-text",
    ),
    pytest.param(
        "pipe_then_text",
        3,
        "| What",
        "'|' starts a text on the lines below it, and no text may follow it on its line",
        "move the text to the next line, indented more than its key, or put the text in quotes: "
        '- question: "| What is true OR false?"',
        id="pipe-then-text",
    ),
    pytest.param(
        "backslash_in_double_quotes",
        3,
        "\\Users",
        "inside double quotes a backslash (\\) starts an escape such as \\n, and this one is not "
        "an escape YAML knows",
        "write the text in single quotes, where a backslash is just a backslash, or write the "
        "backslash twice (\\\\)",
        id="backslash-in-double-quotes",
    ),
    pytest.param(
        "dash_on_key_line",
        4,
        "- Sydney",
        "a list item ('- ') cannot start on the line of its key 'choices'",
        "put each item on a line of its own below 'choices:', indented more than 'choices', "
        "as '- Sydney'",
        id="dash-on-the-key-line",
    ),
    pytest.param(
        "missing_item_dash",
        8,
        "Penguin",
        "this line is neither 'key: value' nor a list item ('- ')",
        "if it is an item of the list above, start it with '- '; if it goes on with the text "
        "above, put that whole text in quotes on the line of its key",
        id="missing-item-dash",
    ),
    pytest.param(
        "asterisk_and_space",
        3,
        "* marks",
        "in YAML a text cannot start with '*'",
        'put the text in quotes: - question: "* marks a footnote in a text. True or false?"',
        id="asterisk-and-space",
    ),
    pytest.param(
        "second_document",
        5,
        "---",
        "a second document starts here: a bank file holds one document",
        "remove this '---' line; if the file holds two banks, split it in two files",
        id="second-document",
    ),
]


@pytest.mark.parametrize(("name", "line", "at", "message", "hint"), CATALOGUE)
def test_mistake_is_explained_where_to_fix_it(
    name: str, line: int, at: str, message: str, hint: str
) -> None:
    """One mistake, one problem: at the text to fix, in words, with what to do."""
    path = MISTAKES / f"{name}.yaml"
    text = path.read_text(encoding="utf-8")
    col = text.split("\n")[line - 1].rindex(at) + 1
    report = check_file(path)
    assert report.bank is None
    assert [(p.line, p.col, p.message, p.hint) for p in report.problems] == [
        (line, col, message, hint)
    ]


def test_every_mistake_file_is_in_the_catalogue() -> None:
    """A fixture added without its expected message would test nothing."""
    named = {param.values[0] for param in CATALOGUE}
    files = {path.stem for path in MISTAKES.glob("*.yaml")} - {"ratio_colon_is_text"}
    assert files == named


def test_colon_without_a_space_is_text() -> None:
    """'Simplify the ratio 4:8.' is text as it is: only ': ' (with a space) starts a value."""
    report = check_file(MISTAKES / "ratio_colon_is_text.yaml")
    assert report.bank is not None, [str(problem) for problem in report.problems]
    assert report.bank.questions[0].text == "Simplify the ratio 4:8."


def test_duplicate_anchor_prints_no_python_warning() -> None:
    """ruamel's own warning about the anchor would land on the author's terminal."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        report = check_file(MISTAKES / "duplicate_anchor.yaml")
    assert len(report.problems) == 1


# Going on after a syntax error.

RECOVERY = Path(__file__).parent / "yaml_recovery"


def test_other_questions_are_still_checked_after_syntax_errors() -> None:
    """Three broken questions are each reported, and so are the other questions' problems."""
    report = check_file(RECOVERY / "several_mistakes.yaml")
    assert report.bank is None
    assert [(p.line, p.col, p.message) for p in report.problems] == [
        (5, 20, "this quote (') ends the text quoted at column 15, but more text follows it"),
        (8, 35, "duplicate choice '6' (same as '6' on line 8); remove one"),
        (9, 15, 'this quote (") opened here is never closed'),
        (12, 5, "unknown key 'acept' in a question; did you mean 'accept'?"),
        (
            14,
            7,
            "this line is indented more than 'question' above it, so YAML reads it as more "
            "of the text of 'question'",
        ),
        (16, 17, "'true_false' must be true or false; got text 'yes'"),
        (17, 11, "'time' is in seconds, from 5 to 240; got 1"),
    ]


def test_questions_in_rounds_recover_too() -> None:
    """A round's broken question, even its only one, leaves the rest of the rounds checked."""
    report = check_file(RECOVERY / "rounds.yaml")
    assert [(p.line, p.col, p.message) for p in report.problems] == [
        (5, 22, "this quote (') ends the text quoted at column 19, but more text follows it"),
        (9, 15, "'time' is in seconds, from 5 to 240; got 2"),
        (14, 18, "this bracket ([) opened here is never closed"),
    ]


def test_questions_swallowed_by_an_unclosed_quote_are_checked() -> None:
    """The questions an unclosed quote ran over are read again, with their own problems."""
    text = (
        "title: T\n"
        "questions:\n"
        '  - question: "Who wrote Hamlet?\n'
        "    accept: Shakespeare\n"
        "  - question: Is 7 prime?\n"
        "    true_false: maybe\n"
    )
    report = check_text(text, SOURCE)
    assert [(p.line, p.col, p.message) for p in report.problems] == [
        (3, 15, 'this quote (") opened here is never closed'),
        (6, 17, "'true_false' must be true or false; got text 'maybe'"),
    ]


def test_a_broken_only_question_gives_one_problem() -> None:
    """The question cut out after its syntax error is not also reported as empty."""
    report = check_text(
        "title: T\nquestions:\n  - question: Quick: 7 x 8?\n    accept: 56\n", SOURCE
    )
    assert locations(report) == [(3, 20)]


def test_a_syntax_error_outside_the_questions_stops_the_file() -> None:
    """Outside a question there is nothing to cut out: the file's check ends there."""
    text = 'title: "Quiz\nquestions:\n  - question: Q?\n    acept: a\n'
    report = check_text(text, SOURCE)
    assert [(p.line, p.col, p.message) for p in report.problems] == [
        (1, 8, 'this quote (") opened here is never closed')
    ]


def test_validate_reports_every_file_around_a_syntax_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A file with a syntax error stops neither the files after it nor its own questions."""
    broken = MISTAKES / "unclosed_double_quote.yaml"
    typo = tmp_path / "typo.yaml"
    typo.write_text("title: T\nquestions:\n  - question: Q?\n    acept: a\n", encoding="utf-8")
    good = MISTAKES / "ratio_colon_is_text.yaml"
    assert main(["validate", str(broken), str(typo), str(good)]) == 1
    out, err = capsys.readouterr()
    assert out == f"{good}: ok (1 question)\n"
    assert err.splitlines() == [
        f'{broken}:7:15: this quote (") opened here is never closed',
        '    hint: add the closing quote (") at the end of the text',
        f"{typo}:4:5: unknown key 'acept' in a question; did you mean 'accept'?",
        "quizhost validate: 2 problems in 2 of 3 files",
    ]


def test_a_misaligned_question_is_cut_out_without_the_questions_after_it() -> None:
    """A '- question:' one space off is one item: the questions after it are still checked,
    and so is an item whose first key is not 'question'."""
    text = (
        "title: T\n"
        "questions:\n"
        "  - question: A?\n"
        "    accept: a\n"
        " - question: B?\n"
        "    accept: b\n"
        "  - question: C?\n"
        "    acept: c\n"
        "  - choices: [a, {correct: b}]\n"
        "    question: D: what?\n"
        "  - question: E?\n"
        "    time: 1\n"
        "    accept: e\n"
    )
    report = check_text(text, SOURCE)
    assert [(p.line, p.col, p.message) for p in report.problems] == [
        (5, 2, "this list item is not lined up with the item above it"),
        (8, 5, "unknown key 'acept' in a question; did you mean 'accept'?"),
        (10, 16, "this ': ' inside the text of 'question' looks to YAML like the ': ' after a key"),
        (12, 11, "'time' is in seconds, from 5 to 240; got 1"),
    ]


# The docs' examples.

DOCS = Path(__file__).resolve().parents[2] / "docs" / "question-banks.md"
EXAMPLE = re.compile(r"```yaml\n# (\S+)\n(.*?)```\n+```text\n(.*?)```", re.S)


def docs_examples() -> list[tuple[str, str, str]]:
    """(file name, YAML with its first comment line, validate's stderr) of the docs section."""
    text = DOCS.read_text(encoding="utf-8")
    section = text.split("## When the YAML itself is wrong", 1)[1].split("\n## ", 1)[0]
    return [(name, f"# {name}\n{body}", output) for name, body, output in EXAMPLE.findall(section)]


def test_docs_show_examples_of_syntax_errors() -> None:
    """The section has its two or three examples (the regex found them)."""
    assert len(docs_examples()) >= 2


@pytest.mark.parametrize(("name", "text", "output"), docs_examples())
def test_docs_example_prints_what_validate_prints(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    name: str,
    text: str,
    output: str,
) -> None:
    """Each example's output in the docs is exactly what `quizhost validate` prints."""
    monkeypatch.chdir(tmp_path)
    Path(name).write_text(text, encoding="utf-8")
    assert main(["validate", name]) == 1
    assert capsys.readouterr().err == output


# Smaller cases.

ONE_QUESTION = "title: T\nquestions:\n  - question: Q?\n"


@pytest.mark.parametrize(
    ("answer", "col", "message"),
    [
        pytest.param(
            "    choices: [{correct: a} b]\n",
            28,
            "inside [...] the items must be separated by ', '",
            id="missing-comma",
        ),
        pytest.param(
            "    choices: [a, {correct: b]\n",
            29,
            "this ']' comes while the '{' at column 18 is still open",
            id="crossed-brackets",
        ),
    ],
)
def test_bracket_mistakes_on_one_line(answer: str, col: int, message: str) -> None:
    """Inside one line's brackets the problem is where the comma or the brace is missing."""
    report = check_text(ONE_QUESTION + answer, SOURCE)
    assert [(p.line, p.col, p.message) for p in report.problems] == [(4, col, message)]


def test_an_anchor_used_by_an_alias_is_not_a_duplicate() -> None:
    """'&x' once and '*x' elsewhere is one anchor: only a second '&x' is a problem."""
    text = ONE_QUESTION + "    accept: &x a\n  - question: R?\n    accept: *x\n"
    assert check_text(text, SOURCE).problems == ()


def test_recovery_stops_after_its_limit() -> None:
    """A file of nothing but broken questions ends at the MAX_SYNTAX_ERRORS-th."""
    broken = "  - question: 'It's'\n    accept: a\n" * (MAX_SYNTAX_ERRORS + 10)
    report = check_text("title: T\nquestions:\n" + broken, SOURCE)
    assert len(report.problems) == MAX_SYNTAX_ERRORS
    assert report.problems[-1].line == 2 * MAX_SYNTAX_ERRORS + 1


def test_an_alias_after_a_cut_still_finds_its_anchor_before_it() -> None:
    """The rest after a broken question is read without the questions before it; an alias
    to an anchor up there is not an error for that."""
    text = (
        ONE_QUESTION
        + "    accept: &answer a\n"
        + "  - question: 'It's'\n    accept: b\n"
        + "  - question: R?\n    accept: *answer\n    time: 1\n"
    )
    report = check_text(text, SOURCE)
    assert [(p.line, p.col) for p in report.problems] == [(5, 18), (9, 11)]


def test_questions_after_a_cut_in_a_list_at_its_keys_column_are_checked() -> None:
    """'questions:' with its '- question:' items at the same column recovers too."""
    text = "title: T\nquestions:\n- question: 'It's'\n  accept: b\n- question: R?\n  time: 1\n"
    report = check_text(text, SOURCE)
    assert [(p.line, p.col) for p in report.problems] == [(3, 16), (5, 3), (6, 9)]
