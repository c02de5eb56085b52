"""What every adapter produces: questions with their place in the source, and what was lost.

An importer never stops at the first problem: it returns an `Imported` holding every question
it could read, every problem it met (each with its place in the input), and, per question,
what it could not carry over. The command turns that into a commented YAML bank, stderr
warnings and an exit code; adapters never print.
"""

from __future__ import annotations

from typing import Any

from attrs import define, field, frozen

from quizhost.bank.models import AnyQuestion


@frozen
class Place:
    """Where something is in an input file: `FILE:LINE:COL` for text, `FILE:SHEET!CELL` for
    spreadsheets, or just `FILE` (line 0) for the whole file."""

    file: str
    line: int = 0
    col: int = 0
    cell: str | None = None  # "Sheet1!B9"

    def __str__(self) -> str:
        if self.cell is not None:
            return f"{self.file}:{self.cell}"
        if self.line <= 0:
            return self.file
        return f"{self.file}:{self.line}:{max(self.col, 1)}"


@frozen
class Issue:
    """A problem (the input cannot be converted) or a warning (something was left out)."""

    place: Place
    message: str

    def __str__(self) -> str:
        return f"{self.place}: {self.message}"


@define
class Item:
    """One imported question, where it came from, and what did not make it into the bank.

    `lost` are things a teacher should know were dropped (a YAML comment and a warning);
    `comments` are kept source details that need no warning (a GIFT title), written as YAML
    comments only.
    """

    question: AnyQuestion
    place: Place
    lost: list[str] = field(factory=list)
    comments: list[str] = field(factory=list)


@define
class Imported:
    """Everything read from one input file."""

    source: str
    title: str | None = None
    items: list[Item] = field(factory=list)
    problems: list[Issue] = field(factory=list)
    warnings: list[Issue] = field(factory=list)  # about the file, not one question
    images: dict[str, bytes] = field(factory=dict)  # file name -> bytes, for Item images

    def problem(self, place: Place, message: str) -> None:
        self.problems.append(Issue(place, message))

    def warn(self, place: Place, message: str) -> None:
        self.warnings.append(Issue(place, message))


class UsageError(Exception):
    """A command-line mistake (unknown format, an output that exists): exit 2, no traceback."""


@define
class Draft:
    """One question being converted: where it is, the fields gathered so far for its bank
    model, and what it loses on the way. Every importer's per-kind builders take one, so
    their signatures stay short and the same."""

    result: Imported
    place: Place
    common: dict[str, Any]
    lost: list[str] = field(factory=list)

    def problem(self, message: str) -> None:
        """Report that this question cannot be converted."""
        self.result.problem(self.place, message)

    def warn(self, message: str) -> None:
        """Report that this question is skipped, or that something of it was left out."""
        self.result.warn(self.place, message)
