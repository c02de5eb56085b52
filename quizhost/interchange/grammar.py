"""What the text formats (GIFT, Aiken) share: blank-line chunks and readable parse errors.

Both formats separate questions with blank lines, so each chunk is parsed on its own: one
broken question is reported and every other one is still read (all problems at once).
Positions in a chunk are mapped back to the file's line and column.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from attrs import frozen
from lark.exceptions import UnexpectedCharacters, UnexpectedEOF, UnexpectedInput, UnexpectedToken

from quizhost.interchange.model import Place


@frozen
class Chunk:
    """Consecutive non-blank lines; `line` is the 1-based line of the first."""

    line: int
    text: str


def chunks(text: str) -> Iterator[Chunk]:
    """The blank-line separated blocks of `text`, with their first line number."""
    current: list[str] = []
    start = 0
    for number, line in enumerate(text.splitlines(), start=1):
        if line.strip():
            if not current:
                start = number
            current.append(line)
        elif current:
            yield Chunk(start, "\n".join(current))
            current = []
    if current:
        yield Chunk(start, "\n".join(current))


def error_place(file: str, chunk: Chunk, error: UnexpectedInput) -> Place:
    """The file position of a parse error inside `chunk`."""
    line = getattr(error, "line", 1)
    col = getattr(error, "column", 1)
    at_end = isinstance(error, UnexpectedEOF) or (
        isinstance(error, UnexpectedToken) and error.token.type == "$END"
    )
    if at_end or not isinstance(line, int) or line < 1:  # just after the chunk's last line
        lines = chunk.text.split("\n")
        return Place(file, chunk.line + len(lines) - 1, len(lines[-1]) + 1)
    return Place(file, chunk.line + line - 1, col if isinstance(col, int) else 1)


def error_message(error: UnexpectedInput, words: Mapping[str, str]) -> str:
    """A parse error in words: what was found, and what could come there (`words` names
    the grammar's terminals)."""
    expected: set[str] = set()
    if isinstance(error, UnexpectedToken | UnexpectedEOF):
        expected = set(error.expected)
    elif isinstance(error, UnexpectedCharacters):
        expected = set(error.allowed or ())
    wanted = sorted({words.get(name, name) for name in expected if words.get(name, name)})
    if isinstance(error, UnexpectedEOF) or (
        isinstance(error, UnexpectedToken) and error.token.type == "$END"
    ):
        found = "the question ends"
    elif isinstance(error, UnexpectedToken):
        found = f"unexpected {_quote(str(error.token))}"
    elif isinstance(error, UnexpectedCharacters):
        found = f"unexpected {_quote(error.char)}"
    else:  # pragma: no cover - lark raises only the three above
        found = "cannot read this"
    if wanted:
        return f"{found}; expected {' or '.join(wanted)}"
    return found


def _quote(text: str) -> str:
    """The start of what was found: a special character alone, else its first word."""
    words = text.split()
    if not words:
        return "a line break"
    word = words[0][0] if words[0][0] in "{}=~#:" else words[0]
    return f"'{word[:20]}...'" if len(word) > 20 else f"'{word}'"
