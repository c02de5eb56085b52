"""Property tests: the loader never crashes, and valid banks round-trip into models."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML

from quizhost.bank import BankError, check_bytes, check_text, load_bank
from quizhost.bank.models import (
    ChoiceQuestion,
    OrderQuestion,
    PointsMode,
    PollQuestion,
    SliderQuestion,
    TrueFalseQuestion,
    TypeAnswerQuestion,
)
from quizhost.resources import sample_bank

SOURCE = Path("/nonexistent/bank.yaml")
SAMPLE_TEXT = sample_bank().read_text(encoding="utf-8")
SAMPLE_LINES = SAMPLE_TEXT.splitlines()


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_any_text_gives_a_report(text: str) -> None:
    """Arbitrary text never raises: it is a bank or a list of located problems."""
    report = check_text(text, SOURCE)
    assert (report.bank is None) == bool(report.problems)
    for problem in report.problems:
        assert problem.line >= 1 and problem.col >= 1


@settings(max_examples=200, deadline=None)
@given(st.binary())
def test_any_bytes_give_a_report(data: bytes) -> None:
    """Arbitrary bytes never raise either."""
    report = check_bytes(data, SOURCE)
    assert (report.bank is None) == bool(report.problems)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(SAMPLE_LINES), max_size=40))
def test_shuffled_sample_lines_give_a_report(lines: list[str]) -> None:
    """Bank-shaped garbage (the sample's lines in random order) never raises."""
    report = check_text("\n".join(lines), SOURCE)
    assert (report.bank is None) == bool(report.problems)


@settings(
    max_examples=50, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.binary(max_size=200))
def test_load_bank_raises_only_bank_error(tmp_path: Path, data: bytes) -> None:
    """load_bank on any file content returns a Bank or raises BankError, nothing else."""
    path = tmp_path / "fuzz.yaml"
    path.write_bytes(data)
    try:
        load_bank(path)
    except BankError as error:
        assert error.problems


# Generated valid banks.

words = st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=1, max_size=8)
texts = st.lists(words, min_size=1, max_size=4).map(" ".join)


def distinct_texts(least: int, most: int) -> st.SearchStrategy[list[str]]:
    return st.lists(texts, min_size=least, max_size=most, unique_by=str.casefold)


@st.composite
def questions(draw: st.DrawFn) -> tuple[dict[str, Any], Any]:
    """A question as YAML data, and the model it must load into."""
    text = draw(texts)
    kind = draw(st.sampled_from(["choices", "true_false", "accept", "slider", "order", "poll"]))
    if kind == "choices":
        options = draw(distinct_texts(2, 6))
        correct = draw(st.sets(st.integers(0, len(options) - 1), min_size=1, max_size=len(options)))
        written = [{"correct": o} if i in correct else o for i, o in enumerate(options)]
        model: Any = ChoiceQuestion(
            text=text,
            choices=tuple(options),
            correct=frozenset(correct),
            multiple=len(correct) > 1,
        )
        return {"question": text, "choices": written}, model
    if kind == "true_false":
        answer = draw(st.booleans())
        return {"question": text, "true_false": answer}, TrueFalseQuestion(text=text, answer=answer)
    if kind == "accept":
        accepted = draw(st.lists(texts, min_size=1, max_size=4, unique_by=lambda t: t.lower()))
        return {"question": text, "accept": accepted}, TypeAnswerQuestion(
            text=text, accepted=tuple(accepted)
        )
    if kind == "slider":
        low = draw(st.integers(-1000, 1000))
        step = draw(st.integers(1, 10))
        steps = draw(st.integers(1, 100))
        value = low + step * draw(st.integers(0, steps))
        slider = {"min": low, "max": low + step * steps, "step": step, "answer": value}
        return {"question": text, "slider": slider}, SliderQuestion(
            text=text, minimum=low, maximum=low + step * steps, step=step, answer=value
        )
    items = draw(distinct_texts(2, 6))
    if kind == "order":
        return {"question": text, "order": items}, OrderQuestion(text=text, items=tuple(items))
    return {"question": text, "poll": items}, PollQuestion(
        text=text, choices=tuple(items), points=PointsMode.NONE
    )


@pytest.mark.slow  # a second or more: writes and loads a hundred generated banks
@settings(max_examples=100, deadline=None)
@given(st.lists(questions(), min_size=1, max_size=8), texts)
def test_generated_banks_round_trip(pairs: list[tuple[dict[str, Any], Any]], title: str) -> None:
    """A bank dumped from generated data loads into exactly the expected models."""
    stream = io.StringIO()
    YAML().dump({"title": title, "questions": [data for data, _ in pairs]}, stream)
    report = check_text(stream.getvalue(), SOURCE)
    assert report.problems == ()
    assert report.bank is not None
    assert report.bank.title == title
    expected = [model for _, model in pairs]
    assert [attrs.evolve(q, line=0) for q in report.bank.questions] == expected
    lines = stream.getvalue().splitlines()
    starts = [number for number, line in enumerate(lines, 1) if "- question:" in line]
    assert [q.line for q in report.bank.questions] == starts


@settings(max_examples=150, deadline=None)
@given(
    st.integers(min_value=0, max_value=len(SAMPLE_TEXT)),
    st.sampled_from(list("\"'[]{}:-\t *&@|>#? \n")),
)
def test_a_typed_slip_in_the_sample_gives_located_problems(index: int, slip: str) -> None:
    """One stray YAML character anywhere in the sample never raises, and every problem it
    causes is on a line of the file."""
    text = SAMPLE_TEXT[:index] + slip + SAMPLE_TEXT[index:]
    report = check_text(text, SOURCE)
    assert (report.bank is None) == bool(report.problems)
    for problem in report.problems:
        assert 1 <= problem.line <= text.count("\n") + 1, str(problem)
        assert problem.col >= 1, str(problem)
