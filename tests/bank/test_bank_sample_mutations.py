"""Break the shipped sample bank the ways authors do; each problem names the right line."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from quizhost.bank import BankReport, check_file
from quizhost.resources import sample_bank

SAMPLE = sample_bank()


def mutate(tmp_path: Path, old: str, new: str, *, images: bool = True) -> tuple[BankReport, int]:
    """Copy the sample with `old` (one whole line, found once) replaced by `new`.

    Returns the report and the 1-based line of the first replaced line.
    """
    text = SAMPLE.read_text(encoding="utf-8")
    lines = text.splitlines()
    assert lines.count(old) == 1, f"{old!r} must occur once in the sample"
    line = lines.index(old) + 1
    if images:
        shutil.copytree(SAMPLE.parent / "images", tmp_path / "images")
    path = tmp_path / "sample.yaml"
    path.write_text(text.replace(old + "\n", new + "\n"), encoding="utf-8")
    return check_file(path), line


def test_sample_is_valid_unchanged(tmp_path: Path) -> None:
    """The copy itself is valid, so each problem below comes from its mutation."""
    report, _ = mutate(tmp_path, "title: General knowledge", "title: General knowledge")
    assert report.problems == ()


@pytest.mark.parametrize(
    ("old", "new", "offset", "col", "message"),
    [
        pytest.param(
            "      - correct: Canberra",
            "      - corect: Canberra",
            0,
            9,
            "unknown key 'corect' in a choice; did you mean 'correct'?",
            id="typo-corect",
        ),
        pytest.param(
            "    slider: {min: 1950, max: 2000, step: 1, answer: 1969}",
            "    slider: {min: 1950, max: 2000, step: 1, answer: 1969}\n    slider: {min: 0}",
            1,
            5,
            "duplicate key 'slider' in a question",
            id="duplicate-key",
        ),
        pytest.param(
            "    slider: {min: 1950, max: 2000, step: 1, answer: 1969}",
            "    slider: {min: 1950, max: 2000, step: 1, answer: 1869}",
            0,
            53,
            "the answer 1869 is outside the slider's range 1950 to 2000",
            id="bad-value",
        ),
        pytest.param(
            "    true_false: true",
            "    true_false: [true]",
            0,
            17,
            "'true_false' must be true or false; got a list",
            id="wrong-type",
        ),
        pytest.param(
            "  - question: What is 7 × 8?",
            "  - question: Quick: what is 7 × 8?",
            0,
            20,
            "this ': ' inside the text of 'question' looks to YAML like the ': ' after a key",
            id="syntax-error",
        ),
        pytest.param(
            "      - Vincent van Gogh",
            "      - Vincent van Gogh\n      - Rembrandt\n      - Monet\n      - Vermeer",
            3,
            9,
            "too many choices: 'choices' has 7, at most 6 are allowed",
            id="too-many-choices",
        ),
        pytest.param(
            "      - correct: Pacific Ocean",
            "      - Pacific Ocean",
            -3,
            5,
            "no choice is marked correct",
            id="no-correct",
        ),
    ],
)
def test_mutation_is_reported_at_its_line(
    tmp_path: Path, old: str, new: str, offset: int, col: int, message: str
) -> None:
    """One mutation, one problem, at the mutated line (plus `offset`) and column."""
    report, line = mutate(tmp_path, old, new)
    assert report.bank is None
    assert len(report.problems) == 1, [str(problem) for problem in report.problems]
    problem = report.problems[0]
    assert (problem.line, problem.col) == (line + offset, col), str(problem)
    assert message in problem.message


def test_missing_image_is_reported_at_its_line(tmp_path: Path) -> None:
    """Without the images folder, the image's file says which file it looked for."""
    written = (
        "    image: {file: images/flag-japan.svg, alt: A white flag with a red disc in the middle}"
    )
    report, line = mutate(tmp_path, written, written, images=False)
    (problem,) = report.problems
    assert (problem.line, problem.col) == (line, 19)
    assert problem.message == (
        f"image not found: looked for {tmp_path / 'images' / 'flag-japan.svg'}"
    )
