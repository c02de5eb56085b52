"""The `quizhost` command's bank subcommands, called in-process through `main`."""

from __future__ import annotations

import json
import re
import tomllib
from pathlib import Path

import pytest

from quizhost.cli import build_parser, main
from quizhost.resources import question_banks_dir, sample_bank

VALID = """\
title: Tiny
questions:
  - question: 1 + 1?
    accept: 2
"""


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_validate_valid_files_exit_0(capsys: pytest.CaptureFixture[str]) -> None:
    """Every valid file gets 'FILE: ok (N questions)' on stdout and the exit code is 0."""
    banks = sorted(str(path) for path in question_banks_dir().glob("*.yaml"))
    assert main(["validate", *banks]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    lines = out.splitlines()
    assert len(lines) == len(banks) >= 3
    for bank, line in zip(banks, lines, strict=True):
        assert re.fullmatch(rf"{re.escape(bank)}: ok \(\d+ questions\)", line)


def test_validate_singular_question(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """One question is counted in the singular."""
    path = write(tmp_path, "one.yaml", VALID)
    assert main(["validate", str(path)]) == 0
    assert capsys.readouterr().out == f"{path}: ok (1 question)\n"


def test_validate_invalid_exit_1_with_every_problem(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Problems of every file go to stderr as FILE:LINE:COL: message; exit code 1."""
    good = write(tmp_path, "good.yaml", VALID)
    bad = write(tmp_path, "bad.yaml", VALID.replace("accept: 2", "acept: 2\n    time: 1"))
    worse = write(tmp_path, "worse.yaml", "title: [\n")
    assert main(["validate", str(good), str(bad), str(worse)]) == 1
    out, err = capsys.readouterr()
    assert out == f"{good}: ok (1 question)\n"
    assert err.splitlines() == [
        f"{bad}:4:5: unknown key 'acept' in a question; did you mean 'accept'?",
        f"{bad}:5:11: 'time' is in seconds, from 5 to 240; got 1",
        f"{worse}:1:8: this bracket ([) opened here is never closed",
        "    hint: add ']' at the end of the list, on the same line",
        "quizhost validate: 3 problems in 2 of 3 files",
    ]


def test_validate_missing_file_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A missing file says so and gives exit code 2, after checking the other files."""
    good = write(tmp_path, "good.yaml", VALID)
    missing = tmp_path / "missing.yaml"
    assert main(["validate", str(missing), str(good)]) == 2
    out, err = capsys.readouterr()
    assert out == f"{good}: ok (1 question)\n"
    assert f"{missing}: no such file" in err.splitlines()


def test_validate_directory_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A directory is not a bank file: exit code 2 and a hint."""
    assert main(["validate", str(tmp_path)]) == 2
    assert f"{tmp_path}: is a directory" in capsys.readouterr().err


@pytest.mark.parametrize(
    "content",
    [b"", b"\x00\x01\x02\xff\xfe binary junk", b"- a\n- b\n", b"\x89PNG\r\n\x1a\n"],
    ids=["empty", "binary", "top-level-list", "png"],
)
def test_validate_junk_is_exit_1_without_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes
) -> None:
    """Empty files, binary junk and a top-level list are problems, never tracebacks."""
    path = tmp_path / "junk.yaml"
    path.write_bytes(content)
    assert main(["validate", str(path)]) == 1
    err = capsys.readouterr().err
    assert re.match(rf"{re.escape(str(path))}:\d+:\d+: ", err)
    assert "Traceback" not in err


def test_validate_without_files_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    """`quizhost validate` with no file is a usage error: exit code 2."""
    assert main(["validate"]) == 2
    assert "the following arguments are required: BANK" in capsys.readouterr().err


def test_no_subcommand_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    """`quizhost` alone is a usage error."""
    assert main([]) == 2
    assert "usage: quizhost" in capsys.readouterr().err


def test_help_and_version_exit_0(capsys: pytest.CaptureFixture[str]) -> None:
    """--help and --version print and return 0 instead of exiting."""
    assert main(["--help"]) == 0
    assert "validate" in capsys.readouterr().out
    assert main(["--version"]) == 0
    assert capsys.readouterr().out.startswith("quizhost ")


def test_version_is_the_one_written_in_pyproject(capsys: pytest.CaptureFixture[str]) -> None:
    """`quizhost --version` says what pyproject.toml says: the version is written once."""
    pyproject = Path(__file__).resolve().parents[2] / "pyproject.toml"
    written = tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]["version"]
    assert main(["--version"]) == 0
    assert capsys.readouterr().out.strip() == f"quizhost {written}"


def test_schema_prints_json(capsys: pytest.CaptureFixture[str]) -> None:
    """`quizhost schema` prints the draft-07 schema as JSON."""
    assert main(["schema"]) == 0
    schema = json.loads(capsys.readouterr().out)
    assert schema["$schema"] == "http://json-schema.org/draft-07/schema#"
    assert schema["required"] == ["title"]
    assert schema["oneOf"] == [{"required": ["questions"]}, {"required": ["rounds"]}]


def test_show_marks_the_answers(capsys: pytest.CaptureFixture[str]) -> None:
    """`quizhost show` prints each question with its kind and the correct answer marked."""
    assert main(["show", str(sample_bank())]) == 0
    out = capsys.readouterr().out
    assert out.startswith("General knowledge (15 questions)\n")
    expected = [
        " 1. [choice] What is the capital of Australia?  (20 s, standard points)",
        "    [ ] Sydney",
        "    [x] Canberra",
        " 2. [multiple] Which of these are prime numbers?  (20 s, standard points)",
        "    [x] 2",
        "    [ ] 4",
        " 3. [true_false] The Sun is a star.  (20 s, standard points)",
        "    answer: true",
        "    accepted: Au",
        "    explanation: From its Latin name, aurum.",
        "    slider 1950 to 2000, step 1",
        "    answer: 1969",
        "    1) Mercury",
        "    4) Mars",
        " 7. [choice] Who painted the Mona Lisa?  (20 s, double points)",
        "    (shuffled for play)",
        "    image: images/flag-japan.svg (A white flag with a red disc in the middle)",
        "    accepted: 6 | six",
        "    answer: false",
        "15. [poll] Which topic should we do next?  (20 s, no points)",
        "    ( ) Maths",
    ]
    lines = out.splitlines()
    for line in expected:
        assert line in lines


def test_show_slider_margin_and_description(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Margins, fractional numbers, the description and question shuffling are shown."""
    path = write(
        tmp_path,
        "s.yaml",
        "title: S\ndescription: About S.\ndefaults: {shuffle_questions: true}\nquestions:\n"
        "  - question: Pi?\n    slider: {min: 0, max: 5, step: 0.01, answer: 3.14, margin: 0.5}\n"
        "    time: 7.5\n",
    )
    assert main(["show", str(path)]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "S (1 question)",
        "About S.",
        "Questions are shuffled for play.",
        "",
        "1. [slider] Pi?  (7.5 s, standard points)",
        "   slider 0 to 5, step 0.01",
        "   answer: 3.14 (within 0.5)",
    ]


def test_show_invalid_bank_exit_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`show` on an invalid bank prints its problems like validate and exits 1."""
    path = write(tmp_path, "bad.yaml", "title: T\n")
    assert main(["show", str(path)]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert err.startswith(f"{path}:1:1: missing 'questions'")


def test_show_missing_file_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`show` on a missing file exits 2."""
    assert main(["show", str(tmp_path / "none.yaml")]) == 2
    assert "no such file" in capsys.readouterr().err


def test_parser_has_one_subcommand_per_handler() -> None:
    """build_parser registers validate, schema and show, each with its own handler."""
    parser = build_parser()
    handlers = {
        name: parser.parse_args(args).handler.__name__
        for name, args in {
            "validate": ["validate", "x"],
            "schema": ["schema"],
            "show": ["show", "x"],
        }.items()
    }
    assert handlers == {"validate": "cmd_validate", "schema": "cmd_schema", "show": "cmd_show"}
