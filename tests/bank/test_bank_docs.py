"""The YAML examples in docs/question-banks.md and README.md are valid banks."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from quizhost.bank import check_file
from quizhost.resources import question_banks_dir

ROOT = Path(__file__).resolve().parents[2]
BLOCK = re.compile(r"```yaml\n(.*?)```", re.S)


def examples() -> list[tuple[str, str]]:
    """(name, bank text) for every yaml block that is a bank or a list of questions."""
    found = []
    for doc in ("docs/question-banks.md", "README.md"):
        for number, block in enumerate(BLOCK.findall((ROOT / doc).read_text("utf-8")), 1):
            if block.startswith("title:"):
                found.append((f"{doc}#{number}", block))
            elif block.startswith("  - question:"):
                found.append((f"{doc}#{number}", "title: T\nquestions:\n" + block))
    return found


EXAMPLES = examples()


def test_docs_have_an_example_of_every_kind() -> None:
    """Every kind key appears in some example."""
    text = "".join(block for _, block in EXAMPLES)
    for key in ("choices:", "true_false:", "accept:", "slider:", "order:", "poll:"):
        assert key in text


@pytest.mark.parametrize(("name", "text"), EXAMPLES, ids=[name for name, _ in EXAMPLES])
def test_example_is_valid(tmp_path: Path, name: str, text: str) -> None:
    """Each example loads without problems (with the shipped images beside it)."""
    shutil.copytree(question_banks_dir() / "images", tmp_path / "images")
    path = tmp_path / "example.yaml"
    path.write_text(text, encoding="utf-8")
    report = check_file(path)
    assert report.problems == (), [str(problem) for problem in report.problems]
