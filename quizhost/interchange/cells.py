"""The text of an imported file and of a table's cells, shared by every importer: UTF-8
decoding that says where a bad byte is, several values in one cell, and our columns."""

from __future__ import annotations

from collections.abc import Sequence

from quizhost.interchange.convert import clean
from quizhost.interchange.model import Imported, Place

#: The columns of our CSV/TSV layout, in the order we write them.
COLUMNS = (
    "question",
    "answers",
    "correct",
    "time",
    "kind",
    "explanation",
    "points",
    "image",
    "shuffle",
    "image_alt",
)


def decode(data: bytes, result: Imported) -> str | None:
    """UTF-8 text with or without a byte-order mark; a problem at the first bad byte."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        prefix = data[: error.start].decode("utf-8", "replace")
        line = prefix.count("\n") + 1
        col = len(prefix) - (prefix.rfind("\n") + 1) + 1
        result.problem(
            Place(result.source, line, col),
            "the file is not UTF-8 text; save it as 'CSV UTF-8' (or UTF-8 text)",
        )
        return None


def split_values(text: str) -> list[str]:
    """`a|b\\|c` -> ['a', 'b|c']; `\\\\` is a backslash; blanks dropped. Any other backslash
    is kept as written (C:\\temp stays C:\\temp)."""
    values: list[str] = []
    current: list[str] = []
    index = 0
    while index < len(text):
        char = text[index]
        if char == "\\" and text[index + 1 : index + 2] in ("|", "\\"):
            current.append(text[index + 1])
            index += 2
            continue
        if char == "|":
            values.append("".join(current))
            current = []
        else:
            current.append(char)
        index += 1
    values.append("".join(current))
    return [clean(value) for value in values if clean(value)]


def join_values(values: Sequence[str]) -> str:
    """The inverse of `split_values`."""
    return "|".join(value.replace("\\", "\\\\").replace("|", "\\|") for value in values)
