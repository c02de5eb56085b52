"""The examples of docs/question-banks.md's "Importing and exporting" section are true.

Each input block there is fenced as LANG FILE [ARGS] (```gift capitals.gift); the YAML block
after it is exactly what `quizhost import FILE [ARGS]` writes. The Kahoot example is the
markdown table of its section, made into a real workbook here.
"""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import openpyxl
import pytest

from quizhost.interchange.kahoot import HEADERS
from tests.interchange.conftest import Cli

ROOT = Path(__file__).parents[2]
DOC = (ROOT / "docs" / "question-banks.md").read_text(encoding="utf-8")
SECTION = DOC[DOC.index("## Importing and exporting") : DOC.index("## For developers")]
PAIR = re.compile(r"```\w+ (\S+\.\w+)([^\n]*)\n(.*?)```\s*```yaml\n(.*?)```", re.S)
KAHOOT = SECTION[SECTION.index("### Kahoot") : SECTION.index("### quizhost's CSV")]

EXAMPLES = PAIR.findall(SECTION)


def test_every_text_format_has_an_example() -> None:
    """CSV, Quizlet, GIFT, Moodle XML and Aiken each have one."""
    names = [name for name, _, _, _ in EXAMPLES]
    assert names == ["capitals.csv", "french.txt", "capitals.gift", "capitals.xml", "capitals.txt"]


@pytest.mark.parametrize(
    ("name", "args", "source", "expected"), EXAMPLES, ids=[e[0] for e in EXAMPLES]
)
def test_the_documented_output_is_what_import_writes(
    cli: Cli, tmp_path: Path, name: str, args: str, source: str, expected: str
) -> None:
    """Run the import on the example; the bank must match the doc, byte for byte."""
    (tmp_path / name).write_text(source, encoding="utf-8")
    target = tmp_path / "out.yaml"
    run = cli("import", str(tmp_path / name), *shlex.split(args), "-o", str(target))
    assert run.code == 0, run.err
    assert target.read_text(encoding="utf-8") == expected


def test_the_kahoot_table_imports_as_documented(cli: Cli, tmp_path: Path) -> None:
    """The B-H table of the Kahoot section, as a workbook, gives the YAML shown under it."""
    rows = [
        [cell.strip() for cell in line.strip().strip("|").split("|")]
        for line in KAHOOT.splitlines()
        if re.match(r"\| \d+ \|", line)
    ]
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    for offset, header in enumerate(HEADERS):
        sheet.cell(row=8, column=2 + offset, value=header)
    for row in rows:
        for offset, value in enumerate(row[1:]):
            number = int(value) if value.isdigit() and offset == 5 else value
            sheet.cell(row=int(row[0]), column=2 + offset, value=number or None)
    workbook.save(tmp_path / "quiz.xlsx")
    run = cli("import", str(tmp_path / "quiz.xlsx"), "-o", str(tmp_path / "quiz.yaml"))
    assert run.code == 0, run.err
    expected = re.search(r"```yaml\n(.*?)```", KAHOOT, re.S)
    assert expected is not None
    assert (tmp_path / "quiz.yaml").read_text(encoding="utf-8") == expected.group(1)
