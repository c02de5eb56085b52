"""The YAML text a syntax error was raised in, read by its lines and tokens.

The explanations (`quizhost.bank.yamlsyntax`, `quizhost.bank.yamlindent`) and the recovery
past a broken question (`quizhost.bank.yamlrecovery`) cannot lean on a parse, since the text
does not parse: they find keys, list items and indentation with the patterns here, and build
the corrected line a hint shows with the quoting helpers here.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from attrs import frozen
from ruamel.yaml import YAML
from ruamel.yaml.error import MarkedYAMLError, StreamMark
from ruamel.yaml.tokens import (
    FlowMappingEndToken,
    FlowMappingStartToken,
    FlowSequenceEndToken,
    FlowSequenceStartToken,
    Token,
)


@frozen
class SyntaxProblem:
    """One syntax error explained: 1-based line and column, what is wrong, what to do."""

    line: int
    col: int
    message: str
    hint: str

    @classmethod
    def at(cls, mark: StreamMark, message: str, hint: str) -> SyntaxProblem:
        """The problem at ruamel's 0-based `mark`, which most explanations point at."""
        return cls(mark.line + 1, mark.column + 1, message, hint)


# A key at the start of a line, after its indentation and any '- ' item marks:
# group 1 is everything before the key, group 2 the key; the match ends after ':' and spaces.
KEY = re.compile(
    r"^((?:[ ]*-[ ]+)*[ ]*)([^\s#'\"\[\]{},&*!|>%@`?-][^:#]*?|-[^\s:#][^:#]*?)[ ]*:(?:[ ]+|$)"
)
ITEM = re.compile(r"^([ ]*)-(?:[ ]|$)")
# A line's indentation and '- ' item marks: what comes before its key or text (always matches).
MARKS = re.compile(r"^(?:[ ]*-[ ]+)*[ ]*")
# Tells whether a key's 0-based column is the one looked for.
ColumnTest = Callable[[int], bool]

CHECK = "check the quotes, brackets and indentation on this line and the line above it"


class Source:
    """The lines of the text an error was raised in, and the error itself."""

    def __init__(self, text: str, error: MarkedYAMLError, document: str) -> None:
        self.text = text
        self.lines = text.split("\n")
        self.error = error
        self.document = document

    def line(self, index: int) -> str:
        return self.lines[index] if 0 <= index < len(self.lines) else ""

    def char(self, mark: StreamMark) -> str:
        line = self.line(mark.line)
        return line[mark.column] if mark.column < len(line) else ""

    def content_line_above(self, index: int) -> int | None:
        for above in range(index - 1, -1, -1):
            if not is_blank(self.line(above)):
                return above
        return None

    def key_above(
        self, index: int, wanted: ColumnTest
    ) -> tuple[int, str, int] | None:  # line, key, column
        """The nearest `key:` above line `index` whose key column passes `wanted`."""
        for above in range(index - 1, -1, -1):
            key = KEY.match(self.line(above))
            if key is not None and wanted(len(key.group(1))):
                return above, key.group(2), len(key.group(1))
        return None

    def unknown(self, where: StreamMark) -> SyntaxProblem:
        """Anything no explanation knows: ruamel's own words, and where to look."""
        problem = str(self.error.problem or "invalid YAML")
        context = f" ({self.error.context})" if self.error.context else ""
        return SyntaxProblem.at(where, f"YAML cannot read this: {problem}{context}", CHECK)


def indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def is_blank(line: str) -> bool:
    """Whether `line` holds nothing for YAML: only spaces, or only a comment."""
    stripped = line.strip()
    return not stripped or stripped.startswith("#")


def tokens_before(text: str, index: int) -> list[Token]:
    """The tokens that start before character `index` (where the parser gave up)."""
    tokens: list[Token] = []
    try:
        for token in YAML(typ="rt").scan(text):
            if token.start_mark.index >= index:
                break
            tokens.append(token)
    except MarkedYAMLError:
        pass
    return tokens


def flow_start(tokens: Sequence[Token]) -> Token | None:
    """The '[' or '{' that the last token (its ']' or '}') closes."""
    depth = 0
    for token in reversed(tokens):
        if isinstance(token, (FlowSequenceEndToken, FlowMappingEndToken)):
            depth += 1
        elif isinstance(token, (FlowSequenceStartToken, FlowMappingStartToken)):
            depth -= 1
            if depth == 0:
                return token
    return None  # pragma: no cover - the parser only gets past a balanced ']'


def strip_comment(text: str) -> str:
    """`text` without a trailing ' # comment' (a '#' after a space starts one)."""
    return re.split(r"\s#", text, maxsplit=1)[0].rstrip()


def key_part(before: str) -> str:
    """A line's text before its value (its '- ' and `key: `), without the indentation."""
    return before.lstrip(" ")


def quoted_line(line: str, value_col: int) -> str:
    """The line with its value, from `value_col` to the end, put in quotes."""
    value = strip_comment(line[value_col:])
    quoted = f'"{value}"' if '"' not in value and "\\" not in value else single(value)
    return f"{key_part(line[:value_col])}{quoted}"


def single(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def shorten(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 3] + "..."
