"""`quizhost import`, `export` and `new`: outputs, --force, folders, exit codes."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from quizhost.bank.models import Kind
from tests.interchange.conftest import Cli
from tests.interchange.helpers import FIXTURES, imported_bank


def test_an_existing_output_is_kept_unless_forced(cli: Cli, tmp_path: Path) -> None:
    """Exit 2 and the file untouched; with --force it is replaced."""
    target = tmp_path / "quiz.yaml"
    target.write_text("mine\n", encoding="utf-8")
    source = str(FIXTURES / "semicolon-bom.csv")
    refused = cli("import", source, "-o", str(target))
    assert refused.code == 2
    assert refused.err == f"quizhost import: {target} already exists; use --force to overwrite\n"
    assert target.read_text(encoding="utf-8") == "mine\n"
    assert cli("import", source, "-o", str(target), "--force").code == 0
    assert len(imported_bank(target).questions) == 8


def test_several_inputs_go_to_a_folder_one_bank_each(cli: Cli, tmp_path: Path) -> None:
    """Each input becomes DIR/STEM.yaml; a plain file as output for several is refused."""
    inputs = [tmp_path / "forms.gift", tmp_path / "science.xml", tmp_path / "list.csv"]
    for source, fixture in zip(
        inputs, ("doc-forms.gift", "sample.xml", "semicolon-bom.csv"), strict=True
    ):
        shutil.copy(FIXTURES / fixture, source)
    names = [str(path) for path in inputs]
    assert cli("import", *names, "-o", str(tmp_path / "one.yaml")).code == 2
    run = cli("import", *names, "-o", f"{tmp_path / 'banks'}/")
    assert run.code == 0, run.err
    for stem, count in (("forms", 20), ("science", 6), ("list", 8)):
        bank = imported_bank(tmp_path / "banks" / f"{stem}.yaml")
        assert len(bank.questions) == count
    assert run.out.count(" -> ") == 3


def test_one_bad_input_among_several_exits_1_and_the_others_are_written(
    cli: Cli, tmp_path: Path
) -> None:
    """Problems of one file do not stop the others."""
    good = tmp_path / "good.gift"
    good.write_text("Fine?{T}\n", encoding="utf-8")
    bad = tmp_path / "bad.gift"
    bad.write_text("Broken {=a\n", encoding="utf-8")
    run = cli("import", str(good), str(bad), "-o", f"{tmp_path / 'out'}/")
    assert run.code == 1
    assert (tmp_path / "out" / "good.yaml").is_file()
    assert not (tmp_path / "out" / "bad.yaml").exists()
    assert run.err.startswith(f"{bad}:1:")


def test_unknown_extension_and_missing_input_are_usage_errors(cli: Cli, tmp_path: Path) -> None:
    """Exit 2 with one line saying what to do."""
    odd = tmp_path / "quiz.docx"
    odd.write_text("x", encoding="utf-8")
    run = cli("import", str(odd), "-o", str(tmp_path / "q.yaml"))
    assert run.code == 2 and "use --from" in run.err
    run = cli("import", str(tmp_path / "nope.gift"), "-o", str(tmp_path / "q.yaml"))
    assert run.code == 2 and run.err == f"quizhost import: {tmp_path / 'nope.gift'}: no such file\n"
    run = cli("export", str(FIXTURES / "sample.xml"), "-o", str(tmp_path / "q.pdf"))
    assert run.code == 2 and "cannot export to '.pdf'" in run.err


def test_a_bank_that_cannot_hold_an_input_reports_the_input_place(cli: Cli, tmp_path: Path) -> None:
    """The bank's own rules (here: duplicate choices) are reported at the input's line."""
    source = tmp_path / "dupes.gift"
    source.write_text("Fine?{T}\n\nPick one.{=Same ~same}\n", encoding="utf-8")
    run = cli("import", str(source), "-o", str(tmp_path / "dupes.yaml"))
    assert run.code == 1
    assert run.err.startswith(f"{source}:3:1: ")
    assert "same" in run.err.lower()
    assert not (tmp_path / "dupes.yaml").exists()


def test_the_title_comes_from_the_file_name_or_title(cli: Cli, tmp_path: Path) -> None:
    """week-3_cells.txt -> 'week 3 cells'; --title wins."""
    source = tmp_path / "week-3_cells.txt"
    shutil.copy(FIXTURES / "cells.quizlet.txt", source)
    target = tmp_path / "a.yaml"
    assert cli("import", str(source), "--from", "quizlet", "-o", str(target)).code == 0
    assert imported_bank(target).title == "week 3 cells"
    args = ("import", str(source), "--from", "quizlet", "-o", str(target), "--force")
    assert cli(*args, "--title", "Cells: the basics").code == 0
    assert imported_bank(target).title == "Cells: the basics"


def test_new_writes_a_valid_starter_with_every_kind(cli: Cli, tmp_path: Path) -> None:
    """`quizhost new` makes a commented bank with one question of each kind; not twice."""
    target = tmp_path / "starter.yaml"
    run = cli("new", "Week 1: fractions", "-o", str(target))
    assert run.code == 0, run.err
    bank = imported_bank(target)
    assert bank.title == "Week 1: fractions"
    assert {question.kind for question in bank.questions} == set(Kind)
    assert "# Single choice" in target.read_text(encoding="utf-8")
    assert cli("validate", str(target)).code == 0
    assert cli("new", "Again", "-o", str(target)).code == 2


def test_errors_never_show_a_traceback_from_the_installed_command(tmp_path: Path) -> None:
    """The real process: a broken Moodle file gives its place and exit 1, nothing more."""
    source = tmp_path / "broken.xml"
    source.write_text("<quiz><question></quiz>", encoding="utf-8")
    process = subprocess.run(
        [sys.executable, "-c", "import sys; from quizhost.cli import main; sys.exit(main())",
         "import", str(source), "-o", str(tmp_path / "x.yaml")],
        capture_output=True, text=True, check=False, timeout=60,
    )  # fmt: skip
    assert process.returncode == 1
    assert process.stderr.startswith(f"{source}:1:")
    assert "Traceback" not in process.stderr


def test_a_file_whose_every_question_is_skipped_says_why(cli: Cli, tmp_path: Path) -> None:
    """Only matching questions: exit 1, the skips as warnings, no empty bank written."""
    source = tmp_path / "match.gift"
    source.write_text("Match.{=a -> 1 =b -> 2}\n", encoding="utf-8")
    run = cli("import", str(source), "-o", str(tmp_path / "match.yaml"))
    assert run.code == 1
    assert run.err.splitlines() == [
        f"{source}: no question could be imported (see the warnings)",
        f"{source}:1:1: warning: skipped question 'Match.': a matching question has no "
        "quizhost kind",
    ]
    assert not (tmp_path / "match.yaml").exists()


def test_an_output_that_cannot_be_written_is_a_message_not_a_traceback(
    cli: Cli, tmp_path: Path
) -> None:
    """Exporting onto a folder (with --force): exit 2 naming the output."""
    folder = tmp_path / "taken.csv"
    folder.mkdir()
    bank = tmp_path / "bank.yaml"
    bank.write_text("title: T\nquestions:\n  - question: Q?\n    true_false: true\n", "utf-8")
    run = cli("export", str(bank), "-o", str(folder), "--force")
    assert run.code == 2
    assert run.err == f"quizhost export: {folder}: Is a directory\n"


def test_control_characters_a_bank_allows_are_dropped_with_a_warning_on_export(
    cli: Cli, tmp_path: Path
) -> None:
    """Spreadsheets and XML 1.0 cannot hold a bell character: left out, and said."""
    bank = tmp_path / "bank.yaml"
    bank.write_text(
        'title: T\nquestions:\n  - question: "Bell\\a here?"\n    choices: [{correct: a}, b]\n',
        encoding="utf-8",
    )
    for suffix in (".xlsx", ".xml"):
        run = cli("export", str(bank), "-o", str(tmp_path / f"out{suffix}"))
        assert run.code == 0, run.err
        assert (
            run.err == f"{bank}:3:1: warning: question 'Bell here?': control characters left out\n"
        )
        back = tmp_path / f"back{suffix}.yaml"
        assert cli("import", str(tmp_path / f"out{suffix}"), "-o", str(back)).code == 0
        assert imported_bank(back).questions[0].text == "Bell here?"


def test_an_input_too_large_to_be_a_quiz_is_refused_before_reading(
    cli: Cli, tmp_path: Path
) -> None:
    """A sparse 60 MiB file: one line, exit 1, nothing read or written."""
    big = tmp_path / "huge.csv"
    with big.open("wb") as stream:
        stream.truncate(60 * 1024 * 1024)
    run = cli("import", str(big), "-o", str(tmp_path / "huge.yaml"))
    assert run.code == 1
    assert run.err == f"{big}: larger than 50 MiB; is it a quiz?\n"


def test_exporting_formulas_says_they_go_as_written(cli: Cli, tmp_path: Path) -> None:
    """No format we export has a math flag: a `math: true` question's `$...$` goes out as its
    LaTeX source, and the teacher is told which questions, once, in every format."""
    bank = tmp_path / "maths.yaml"
    bank.write_text(
        "title: Maths\n"
        "questions:\n"
        "  - question: 'What is $\\frac{1}{2}$ of 10?'\n"
        "    math: true\n"
        "    choices: [{correct: '5'}, '2']\n"
        "  - question: A pen costs $5 and a pad $3. Together?\n"
        "    choices: [{correct: $8}, $2]\n",
        encoding="utf-8",
    )
    for suffix in (".csv", ".gift", ".xml", ".xlsx"):
        result = cli("export", str(bank), "-o", str(tmp_path / f"out{suffix}"))
        assert result.code == 0, result.err
        lines = [line for line in result.err.splitlines() if "formula" in line]
        assert len(lines) == 1, result.err
        assert "What is $\\frac{1}{2}$ of 10?" in lines[0] and "pen" not in lines[0]
        assert "LaTeX" in lines[0]
