"""What goes wrong in a bank: located problems, and the one exception that carries them."""

from __future__ import annotations

from collections.abc import Iterable

from attrs import frozen


@frozen
class Problem:
    """One thing to fix in a bank file, at a 1-based line and column (0, 0: the whole file)."""

    file: str
    line: int
    col: int
    message: str
    hint: str = ""  # what to do, when the message alone does not say it (YAML syntax errors)

    def __str__(self) -> str:
        """`FILE:LINE:COL: message`, the format editors and CI problem matchers understand,
        then the hint on an indented line of its own, which those matchers skip."""
        place = f"{self.file}:" if self.line <= 0 else f"{self.file}:{self.line}:{self.col}:"
        text = f"{place} {self.message}"
        return f"{text}\n    hint: {self.hint}" if self.hint else text


class BankError(Exception):
    """A bank (or several) failed to load; `problems` lists every problem found, in order."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems: list[Problem] = list(problems)
        super().__init__("\n".join(str(problem) for problem in self.problems))


class BankFileError(BankError):
    """A bank file could not be read at all (missing, a directory, no permission)."""
