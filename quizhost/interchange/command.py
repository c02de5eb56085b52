"""The `import`, `export` and `new` commands: choose the adapter, write files, report.

`register(subparsers)` adds the three subcommands to the `quizhost` parser; each runs one
function here. Adapters load only when a command runs, so other commands start fast.

Exit codes (as in the rest of the CLI): 0 done, 1 an input (or the bank to export) has
problems, 2 a usage error: an unknown format, a missing input, or an output that exists
and `--force` was not given. Problems print as `PLACE: message` on stderr, all at once;
warnings as `PLACE: warning: message`.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from attrs import evolve

from quizhost.bank import BankError, BankFileError, check_text, load_bank
from quizhost.bank.models import Bank
from quizhost.exitcodes import EXIT_FAILED, EXIT_OK, EXIT_USAGE
from quizhost.interchange.convert import formula_warning
from quizhost.interchange.model import Imported, Issue, Place, UsageError

MAX_INPUT_BYTES = 50 * 1024 * 1024  # a quiz with images; anything bigger is not one
IMPORT_FORMATS = ("kahoot", "csv", "quizlet", "gift", "moodle", "aiken")
EXPORT_SUFFIXES = (".xlsx", ".csv", ".tsv", ".gift", ".xml")
_BY_SUFFIX = {
    ".xlsx": "kahoot",
    ".csv": "csv",
    ".tsv": "csv",
    ".gift": "gift",
    ".xml": "moodle",
}
_Subparsers = Any  # argparse's _SubParsersAction is private


def register(subparsers: _Subparsers) -> None:
    """Add `import`, `export` and `new` to the `quizhost` command."""
    parser = subparsers.add_parser(
        "import",
        help="convert Kahoot, CSV, Quizlet, GIFT, Moodle XML or Aiken files into banks",
        description="Convert quiz files into commented, valid YAML banks. The format comes "
        "from the extension (.xlsx Kahoot template, .csv/.tsv, .gift, .xml Moodle XML); a "
        ".txt needs --from. Anything not carried over is a comment at its question and a "
        "warning; problems in an input are listed with their place and nothing is written.",
    )
    parser.add_argument("inputs", nargs="+", metavar="INPUT", help="a file to import")
    parser.add_argument(
        "-o",
        "--output",
        required=True,
        metavar="OUTPUT",
        help="the bank to write (FILE.yaml), or a folder (DIR/) for one bank per input",
    )
    parser.add_argument(
        "--from",
        dest="source_format",
        choices=IMPORT_FORMATS,
        help="the input format (needed for .txt: aiken, gift or quizlet)",
    )
    parser.add_argument("--force", action="store_true", help="overwrite existing outputs")
    parser.add_argument(
        "--title", help="the bank's title (default: the first Moodle category, else the file name)"
    )
    parser.add_argument(
        "--choices",
        type=_choice_count,
        metavar="N",
        help="Quizlet: make N-choice questions with wrong answers from other cards "
        "(default: type-the-answer)",
    )
    parser.add_argument(
        "--seed",
        type=int,
        default=0,
        help="Quizlet --choices: the seed that picks wrong answers (default 0)",
    )
    parser.set_defaults(handler=run_import)

    parser = subparsers.add_parser(
        "export",
        help="write a bank as a Kahoot template, CSV, GIFT or Moodle XML file",
        description="Write BANK in the format of OUTPUT's extension: .xlsx (Kahoot's "
        "template), .csv/.tsv (quizhost's layout), .gift, .xml (Moodle XML). What the "
        "format cannot hold is left out with a warning naming the question.",
    )
    parser.add_argument("bank", metavar="BANK", help="a YAML question bank")
    parser.add_argument(
        "-o",
        "--output",
        required=True,
        metavar="OUTPUT",
        help="the file to write: .xlsx, .csv, .tsv, .gift or .xml",
    )
    parser.add_argument("--force", action="store_true", help="overwrite OUTPUT if it exists")
    parser.set_defaults(handler=run_export)

    parser = subparsers.add_parser(
        "new",
        help="write a starter bank with one question of every kind",
        description="Write a commented starter bank titled TITLE, one question of every kind.",
    )
    parser.add_argument("title", metavar="TITLE", help="the quiz title")
    parser.add_argument("-o", "--output", required=True, metavar="FILE.yaml")
    parser.add_argument("--force", action="store_true", help="overwrite FILE if it exists")
    parser.set_defaults(handler=run_new)


def _choice_count(text: str) -> int:
    value = int(text)
    if not 2 <= value <= 6:
        raise argparse.ArgumentTypeError("must be 2 to 6")
    return value


def _usage(command: str, error: UsageError) -> int:
    print(f"quizhost {command}: {error}", file=sys.stderr)
    return EXIT_USAGE


# import


def run_import(args: argparse.Namespace) -> int:
    """Convert every input; an input with problems writes nothing and makes the exit 1."""
    try:
        plan = _plan_imports(args)
    except UsageError as error:
        return _usage("import", error)
    code = EXIT_OK
    for source, fmt, target in plan:
        if source.stat().st_size > MAX_INPUT_BYTES:
            limit = MAX_INPUT_BYTES // (1024 * 1024)
            print(f"{source}: larger than {limit} MiB; is it a quiz?", file=sys.stderr)
            code = EXIT_FAILED
            continue
        try:
            imported = read_input(source, fmt, choices=args.choices, seed=args.seed)
            converted = convert(imported, target, title=args.title, force=args.force)
        except OSError as error:
            print(f"quizhost import: {source}: {error.strerror or error}", file=sys.stderr)
            code = EXIT_USAGE
            continue
        if not converted and code == EXIT_OK:
            code = EXIT_FAILED
    return code


def _plan_imports(args: argparse.Namespace) -> list[tuple[Path, str, Path]]:
    inputs = [Path(name) for name in args.inputs]
    raw = str(args.output)
    output = Path(raw)
    to_folder = raw.endswith(("/", os.sep)) or output.is_dir()
    if len(inputs) > 1 and not to_folder:
        raise UsageError("several inputs go to a folder: -o DIR/")
    if not to_folder and output.suffix.lower() not in (".yaml", ".yml"):
        raise UsageError(f"the output bank must be a .yaml file (or a folder DIR/); got {raw}")
    plan: list[tuple[Path, str, Path]] = []
    for source in inputs:
        if not source.is_file():
            raise UsageError(f"{source}: no such file")
        fmt = input_format(source, args.source_format)
        target = output / f"{source.stem}.yaml" if to_folder else output
        if any(target == planned for _, _, planned in plan):
            raise UsageError(f"two inputs would both write {target}; import them one by one")
        plan.append((source, fmt, target))
    existing = [str(target) for _, _, target in plan if target.exists()]
    if existing and not args.force:
        raise UsageError(f"{', '.join(existing)} already exists; use --force to overwrite")
    return plan


def input_format(path: Path, chosen: str | None) -> str:
    """The format named with --from, else the one the extension says."""
    if chosen:
        return chosen
    suffix = path.suffix.lower()
    if suffix == ".txt":
        raise UsageError(
            f"{path}: a .txt file could be Aiken, GIFT or Quizlet; say which with --from"
        )
    if suffix not in _BY_SUFFIX:
        known = ", ".join(_BY_SUFFIX)
        raise UsageError(f"{path}: cannot tell the format from '{suffix}' ({known}); use --from")
    return _BY_SUFFIX[suffix]


def read_input(path: Path, fmt: str, *, choices: int | None = None, seed: int = 0) -> Imported:
    """Run the adapter for `fmt` on `path`."""
    if fmt == "kahoot":
        from quizhost.interchange.kahoot import read_kahoot

        return read_kahoot(path)
    if fmt == "csv":
        from quizhost.interchange.table import read_table

        return read_table(path)
    if fmt == "quizlet":
        from quizhost.interchange.table import read_quizlet

        return read_quizlet(path, choices=choices, seed=seed)
    if fmt == "gift":
        from quizhost.interchange.gift import read_gift

        return read_gift(path)
    if fmt == "moodle":
        from quizhost.interchange.moodle_xml import read_moodle_xml

        return read_moodle_xml(path)
    from quizhost.interchange.aiken import read_aiken

    return read_aiken(path)


def _title(path: Path) -> str:
    """A title from a file name: 'week-3_fractions' -> 'week 3 fractions'."""
    words = path.stem.replace("_", " ").replace("-", " ").split()
    return " ".join(words) or "Imported quiz"


def convert(imported: Imported, target: Path, *, title: str | None, force: bool) -> bool:
    """Write `imported` as a bank at `target` (and its images); report and return success."""
    from quizhost.interchange.yamlout import render_bank

    if not imported.items and not imported.problems:
        imported.problem(Place(imported.source), "no question could be imported (see the warnings)")
    if imported.problems:
        for problem in imported.problems:
            print(problem, file=sys.stderr)
        _print_warnings(imported.warnings)
        return False
    folder = target.parent
    image_dir = Path("images") / target.stem
    items = []
    for item in imported.items:
        if item.question.image:
            relative = (image_dir / item.question.image).as_posix()
            item.question = evolve(item.question, image=relative)
        items.append(item)
    notes = [[f"not carried over: {lost}" for lost in item.lost] + item.comments for item in items]
    header = [
        f"Imported from {Path(imported.source).name} by `quizhost import`.",
        "Comments at a question say what the bank could not take over from it.",
        *(
            str(Issue(evolve(w.place, file=Path(w.place.file).name), w.message))
            for w in imported.warnings
        ),
    ]
    text, spans = render_bank(
        title or imported.title or _title(Path(imported.source)),
        [item.question for item in items],
        header=header,
        notes=notes,
    )
    written = _write_images(imported, folder / image_dir, force)
    report = check_text(text, target)
    if report.problems:
        for path in written:
            path.unlink(missing_ok=True)
        for found in report.problems:
            place = next(
                (
                    item.place
                    for item, span in zip(items, spans, strict=True)
                    if span.start <= found.line < span.end
                ),
                Place(imported.source),
            )
            print(Issue(place, found.message), file=sys.stderr)
        return False
    _print_warnings(imported.warnings)
    count = 0
    for item in items:
        for lost in item.lost:
            count += 1
            print(f"{item.place}: warning: {lost}", file=sys.stderr)
    folder.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    count += len(imported.warnings)
    plural = "s" if len(items) != 1 else ""
    warned = f", {count} warning{'s' if count != 1 else ''}" if count else ""
    print(f"{imported.source} -> {target}: {len(items)} question{plural}{warned}")
    return True


def _print_warnings(warnings: list[Issue]) -> None:
    for warning in warnings:
        print(f"{warning.place}: warning: {warning.message}", file=sys.stderr)


def _write_images(imported: Imported, folder: Path, force: bool) -> list[Path]:
    written: list[Path] = []
    for name, data in imported.images.items():
        path = folder / name
        if path.exists() and not force and path.read_bytes() != data:
            raise_place = Place(imported.source)
            print(
                Issue(raise_place, f"warning: {path} exists and differs; kept (use --force)"),
                file=sys.stderr,
            )
            continue
        folder.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        written.append(path)
    return written


# export


Writer = Callable[[Bank, Path], list[Issue]]


def writer_for(path: Path) -> Writer:
    """The writer for OUTPUT's extension."""
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        from quizhost.interchange.kahoot import write_kahoot

        return write_kahoot
    if suffix in (".csv", ".tsv"):
        from quizhost.interchange.table import write_table

        return write_table
    if suffix == ".gift":
        from quizhost.interchange.gift import write_gift

        return write_gift
    if suffix == ".xml":
        from quizhost.interchange.moodle_xml import write_moodle_xml

        return write_moodle_xml
    raise UsageError(f"cannot export to '{suffix or path.name}': use {', '.join(EXPORT_SUFFIXES)}")


def run_export(args: argparse.Namespace) -> int:
    """Load the bank (its problems exit 1), write it, print what was left out."""
    output = Path(args.output)
    try:
        writer = writer_for(output)
        if output.exists() and not args.force:
            raise UsageError(f"{output} already exists; use --force to overwrite")
    except UsageError as error:
        return _usage("export", error)
    try:
        bank = load_bank(args.bank)
    except BankError as error:
        for problem in error.problems:
            print(problem, file=sys.stderr)
        return EXIT_USAGE if isinstance(error, BankFileError) else EXIT_FAILED
    try:
        output.parent.mkdir(parents=True, exist_ok=True)
        warnings = writer(bank, output)
    except OSError as error:
        print(f"quizhost export: {output}: {error.strerror or error}", file=sys.stderr)
        return EXIT_USAGE
    for question in bank.questions:
        formulas = formula_warning(question)
        if formulas:
            warnings.append(Issue(Place(str(bank.source or args.bank), question.line, 1), formulas))
    _print_warnings(warnings)
    skipped = sum(1 for warning in warnings if warning.message.startswith("skipped "))
    count = len(bank.questions) - skipped
    left_out = f", {skipped} skipped" if skipped else ""
    print(f"{args.bank} -> {output}: {count} question{'s' if count != 1 else ''}{left_out}")
    return EXIT_OK


# new


def run_new(args: argparse.Namespace) -> int:
    """Write the starter bank (checked before it is written)."""
    from quizhost.interchange.starter import starter_bank

    output = Path(args.output)
    if output.suffix.lower() not in (".yaml", ".yml"):
        return _usage("new", UsageError(f"the bank must be a .yaml file; got {output}"))
    if output.exists() and not args.force:
        return _usage("new", UsageError(f"{output} already exists; use --force to overwrite"))
    text = starter_bank(args.title, output.name)
    report = check_text(text, output)
    if report.problems:
        for problem in report.problems:
            print(problem, file=sys.stderr)
        return EXIT_FAILED
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(text, encoding="utf-8")
    print(f"wrote {output}: edit it, then `quizhost validate {output}`")
    return EXIT_OK
