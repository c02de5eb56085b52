"""Aiken import: lettered options, ANSWER lines, and errors at their line."""

from __future__ import annotations

from pathlib import Path

from quizhost.bank.models import ChoiceQuestion
from quizhost.interchange.aiken import read_aiken
from tests.interchange.conftest import Cli
from tests.interchange.helpers import FIXTURES, imported_bank


def test_questions_with_dot_or_bracket_options_blank_lines_or_none() -> None:
    """`A.` and `B)` options both read; questions back to back (no blank line) too."""
    result = read_aiken(FIXTURES / "sample.aiken.txt")
    assert result.problems == []
    questions = [item.question for item in result.items]
    assert [q.text for q in questions] == [
        "What is the capital of Australia?",
        "Which gas do plants take in?",
        "How many legs does a spider have?",
    ]
    first, second, third = questions
    assert isinstance(first, ChoiceQuestion) and first.correct == {1}
    assert first.choices == ("Sydney", "Canberra", "Melbourne", "Perth")
    assert isinstance(second, ChoiceQuestion) and second.choices[1] == "Carbon dioxide"
    assert isinstance(third, ChoiceQuestion) and third.correct == {1}
    assert [str(item.place).rsplit(":", 2)[1] for item in result.items] == ["1", "8", "13"]


def test_a_txt_file_needs_from_and_then_validates(cli: Cli, tmp_path: Path) -> None:
    """.txt is ambiguous (exit 2 naming --from); with --from aiken the bank validates."""
    target = tmp_path / "aiken.yaml"
    source = str(FIXTURES / "sample.aiken.txt")
    refused = cli("import", source, "-o", str(target))
    assert refused.code == 2 and "--from" in refused.err
    run = cli("import", source, "--from", "aiken", "-o", str(target))
    assert run.code == 0, run.err
    assert len(imported_bank(target).questions) == 3
    assert cli("validate", str(target)).code == 0


def test_every_broken_question_is_reported_at_its_line(tmp_path: Path) -> None:
    """A missing ANSWER, an answer naming no option and a stray line: three problems."""
    source = tmp_path / "bad.txt"
    source.write_text(
        "Q1?\nA. a\nB. b\n\nQ2?\nA. a\nB. b\nANSWER: C\n\nQ3?\nthis is not an option\n"
        "ANSWER: A\n\nQ4?\nA. fine\nB. too\nANSWER: A\n",
        encoding="utf-8",
    )
    result = read_aiken(source)
    assert [str(problem) for problem in result.problems] == [
        f"{source}:3:5: the question has no 'ANSWER: X' line naming the right option",
        f"{source}:8:1: ANSWER: C names no option (the options are A, B)",
        f"{source}:11:1: unexpected 'this'; expected an option like 'A. text'",
    ]
    assert [item.question.text for item in result.items] == ["Q4?"]
