"""YAML syntax errors in plain words, at the place the author must fix.

ruamel.yaml says where its scanner or parser gave up and in its own terms ("expected <block
end>, but found '?'"); that place is often not where the mistake is: an unclosed quote is
reported at the end of the file, an over-indented key at the key below it. `explain` reads the
error together with the text (and the tokens scanned before the error) and names the cause in
an author's words, at the place to fix, with a hint that says what to do.

`item_spans` and `stub_item` serve recovery: after a syntax error inside one list item (one
question), the loader empties that item and parses the file again, so the problems of every
other question are still reported with their own line numbers.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence

from attrs import frozen
from ruamel.yaml import YAML
from ruamel.yaml.error import MarkedYAMLError, StreamMark
from ruamel.yaml.tokens import (
    FlowMappingEndToken,
    FlowMappingStartToken,
    FlowSequenceEndToken,
    FlowSequenceStartToken,
    ScalarToken,
    Token,
)


@frozen
class SyntaxProblem:
    """One syntax error explained: 1-based line and column, what is wrong, what to do."""

    line: int
    col: int
    message: str
    hint: str


# A key at the start of a line, after its indentation and any '- ' item marks:
# group 1 is everything before the key, group 2 the key; the match ends after ':' and spaces.
_KEY = re.compile(
    r"^((?:[ ]*-[ ]+)*[ ]*)([^\s#'\"\[\]{},&*!|>%@`?-][^:#]*?|-[^\s:#][^:#]*?)[ ]*:(?:[ ]+|$)"
)
_ITEM = re.compile(r"^([ ]*)-(?:[ ]|$)")
# A line's indentation and '- ' item marks: what comes before its key or text (always matches).
_MARKS = re.compile(r"^(?:[ ]*-[ ]+)*[ ]*")
# Tells whether a key's 0-based column is the one looked for.
_ColumnTest = Callable[[int], bool]


# Explaining an error.


def explain(error: MarkedYAMLError, text: str, document: str) -> SyntaxProblem:
    """The cause of `error`, raised while reading `text`, in words; `document` is 'bank'."""
    found = error.problem_mark or error.context_mark
    if found is None:  # pragma: no cover - ruamel marks every syntax error
        return SyntaxProblem(1, 1, f"YAML cannot read this file: {error.problem}", _CHECK)
    opened = error.context_mark or found
    source = _Source(text, error, document)
    problem, context = str(error.problem or ""), str(error.context or "")
    for applies, explained in _CASES:
        if applies(problem, context):
            return explained(source, found, opened)
    return source.unknown(found)


# ruamel's words (its problem, its context) -> the explanation, from the mark where the error
# was found and the mark where the construct it was in opened (a quote, a bracket, a list).
_Case = tuple[
    Callable[[str, str], bool], Callable[["_Source", StreamMark, StreamMark], SyntaxProblem]
]
_CASES: tuple[_Case, ...] = (
    (
        lambda problem, context: (
            "quoted scalar" in context and ("end of stream" in problem or "separator" in problem)
        ),
        lambda source, found, opened: source.unclosed_quote(opened),
    ),
    (
        lambda problem, context: "double-quoted scalar" in context,
        lambda source, found, opened: source.bad_escape(found),
    ),
    (
        lambda problem, context: "<stream end>" in problem and "flow" in context,
        lambda source, found, opened: source.flow_at_end(found),
    ),
    (
        lambda problem, context: "flow sequence" in context or "flow mapping" in context,
        lambda source, found, opened: source.flow(opened, found),
    ),
    (
        lambda problem, context: "mapping values are not allowed" in problem,
        lambda source, found, opened: source.colon(found),
    ),
    (
        lambda problem, context: "could not find expected ':'" in problem,
        lambda source, found, opened: source.no_colon(opened.line),
    ),
    (
        lambda problem, context: "that cannot start any token" in problem,
        lambda source, found, opened: source.bad_start(found),
    ),
    (
        lambda problem, context: "found undefined alias" in problem,
        lambda source, found, opened: source.undefined_alias(found),
    ),
    (
        lambda problem, context: "another document" in problem,
        lambda source, found, opened: source.second_document(found),
    ),
    (
        lambda problem, context: "block scalar" in context,
        lambda source, found, opened: source.block_scalar(opened),
    ),
    (
        lambda problem, context: "sequence entries are not allowed" in problem,
        lambda source, found, opened: source.dash_after_key(found),
    ),
    (
        lambda problem, context: "scanning an alias" in context or "scanning an anchor" in context,
        lambda source, found, opened: source.reserved_start(opened),
    ),
    (
        lambda problem, context: "mapping keys are not allowed" in problem,
        lambda source, found, opened: source.reserved_start(found),
    ),
    (
        lambda problem, context: "directive" in context,
        lambda source, found, opened: source.reserved_start(opened),
    ),
    (
        lambda problem, context: problem.startswith("expected <block end>, but found"),
        lambda source, found, opened: source.block_end(found),
    ),
)


_CHECK = "check the quotes, brackets and indentation on this line and the line above it"


class _Source:
    """The lines of the text, and the ways to explain an error in them."""

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

    # Quotes.

    def unclosed_quote(self, opened: StreamMark) -> SyntaxProblem:
        quote = self.char(opened) or '"'
        return SyntaxProblem(
            opened.line + 1,
            opened.column + 1,
            f"this quote ({quote}) opened here is never closed",
            f"add the closing quote ({quote}) at the end of the text",
        )

    def quote_closed_late(self, token: ScalarToken) -> SyntaxProblem:
        opened = token.start_mark
        quote = self.char(opened) or '"'
        closed_on = token.end_mark.line + 1
        return SyntaxProblem(
            opened.line + 1,
            opened.column + 1,
            f"this quote ({quote}) opened here is not closed on its line: everything up to the "
            f"quote on line {closed_on} became one text",
            f"add the closing quote ({quote}) at the end of the text on line {opened.line + 1}",
        )

    def quote_closed_early(self, token: ScalarToken) -> SyntaxProblem:
        opened, closed = token.start_mark, token.end_mark
        quote = self.char(opened) or '"'
        line = self.line(opened.line)
        before = line[: opened.column]
        rest = _strip_comment(line[opened.column :])
        if quote == "'":
            inner = rest[1:-1] if rest.endswith("'") and len(rest) > 1 else rest[1:]
            message = (
                f"this quote (') ends the text quoted at column {opened.column + 1}, "
                "but more text follows it"
            )
            hint = f"inside '...' write an apostrophe twice: {_key_part(before)}{_single(inner)}"
            return SyntaxProblem(closed.line + 1, closed.column, message, hint)
        message = (
            f'this quote (") ends the text quoted at column {opened.column + 1}, '
            "but more text follows it"
        )
        hint = f"put the whole text in single quotes: {_key_part(before)}{_single(rest)}"
        return SyntaxProblem(closed.line + 1, closed.column, message, hint)

    def bad_escape(self, where: StreamMark) -> SyntaxProblem:
        line = self.line(where.line)
        slash = line.rfind("\\", 0, where.column + 1)
        col = slash if slash >= 0 else where.column
        return SyntaxProblem(
            where.line + 1,
            col + 1,
            "inside double quotes a backslash (\\) starts an escape such as \\n, and this one "
            "is not an escape YAML knows",
            "write the text in single quotes, where a backslash is just a backslash, "
            "or write the backslash twice (\\\\)",
        )

    # Brackets and braces.

    def flow(self, opened: StreamMark, where: StreamMark) -> SyntaxProblem:
        bracket = self.char(opened) or "["
        closing = "]" if bracket == "[" else "}"
        if where.line > opened.line:
            return self.unclosed_flow(opened)
        wrong = self.char(where)
        if wrong in "]}" and wrong != closing:
            return SyntaxProblem(
                where.line + 1,
                where.column + 1,
                f"this '{wrong}' comes while the '{bracket}' at column {opened.column + 1} is "
                "still open",
                f"close the '{bracket}' with '{closing}' first",
            )
        return SyntaxProblem(
            where.line + 1,
            where.column + 1,
            f"inside {bracket}...{closing} the items must be separated by ', '",
            f"add a comma here, or if this is text with '{bracket}' in it, put the whole text "
            "in quotes",
        )

    def unclosed_flow(self, opened: StreamMark) -> SyntaxProblem:
        bracket = self.char(opened) or "["
        closing, what = ("]", "list") if bracket == "[" else ("}", "mapping")
        return SyntaxProblem(
            opened.line + 1,
            opened.column + 1,
            f"this bracket ({bracket}) opened here is never closed",
            f"add '{closing}' at the end of the {what}, on the same line",
        )

    def flow_at_end(self, where: StreamMark) -> SyntaxProblem:
        """The file ended inside '[...]' or '{...}': the bracket still open is the cause."""
        depth: list[Token] = []
        for token in _tokens_before(self.text, where.index + 1):
            if isinstance(token, (FlowSequenceStartToken, FlowMappingStartToken)):
                depth.append(token)
            elif isinstance(token, (FlowSequenceEndToken, FlowMappingEndToken)) and depth:
                depth.pop()
        if depth:
            return self.unclosed_flow(depth[-1].start_mark)
        return self.unknown(where)  # pragma: no cover - the parser was inside a bracket

    def text_after_flow(self, opened: Token) -> SyntaxProblem:
        mark = opened.start_mark
        bracket = self.char(mark) or "["
        line = self.line(mark.line)
        return SyntaxProblem(
            mark.line + 1,
            mark.column + 1,
            f"text that starts with '{bracket}' is read as a "
            f"{'list' if bracket == '[' else 'mapping'}, and more text follows it",
            f"put the text in quotes: {_quoted_line(line, mark.column)}",
        )

    # Colons and keys.

    def colon(self, where: StreamMark) -> SyntaxProblem:
        line = self.line(where.line)
        key = _KEY.match(line)
        if key is not None and key.end() <= where.column and line[key.end() :][:1] not in "'\"":
            return SyntaxProblem(
                where.line + 1,
                where.column + 1,
                f"this ': ' inside the text of '{key.group(2)}' looks to YAML like the ': ' "
                "after a key",
                f"put the text in quotes: {_quoted_line(line, key.end())}",
            )
        above = self.content_line_above(where.line)
        if key is not None and above is not None:
            return self.continued_line(where.line, key, above)
        return self.unknown(where)

    def continued_line(self, index: int, key: re.Match[str], above: int) -> SyntaxProblem:
        """A `key:` line that YAML read as the rest of a text started on a line above."""
        previous = self.line(above)
        key_col = len(key.group(1))
        parent = _KEY.match(previous)
        if parent is not None and key_col > len(parent.group(1)):
            parent_col = len(parent.group(1))
            return SyntaxProblem(
                index + 1,
                key_col + 1,
                f"this line is indented more than '{parent.group(2)}' above it, so YAML reads "
                f"it as more of the text of '{parent.group(2)}'",
                f"line '{key.group(2)}' up with '{parent.group(2)}' (column {parent_col + 1})",
            )
        glued = re.search(r"([^\s:]+):([^\s:][^\s]*)", previous)
        if glued is not None and parent is None:
            return SyntaxProblem(
                above + 1,
                glued.start(2),
                f"'{glued.group(0)}' needs a space after the ':'",
                f"write '{glued.group(1)}: {glued.group(2)}'",
            )
        if parent is None:
            return self.no_colon(above)
        # pragma: no cover - a line goes on with a text only when indented more than its key
        return SyntaxProblem(  # pragma: no cover
            index + 1, key_col + 1, "this line is not lined up with the lines above it", _CHECK
        )

    def no_colon(self, index: int) -> SyntaxProblem:
        line = self.line(index)
        body_col = len(_MARKS.match(line).group(0))  # type: ignore[union-attr]
        body = _strip_comment(line[body_col:])
        word, _, rest = body.partition(" ")
        fixed = f"{word}: {rest.strip()}" if rest.strip() else f"{word}:"
        return SyntaxProblem(
            index + 1,
            body_col + 1,
            f"'{_shorten(body)}' has no ':' after its key, so YAML reads the line as text",
            f"write '{_shorten(fixed)}'",
        )

    def content_line_above(self, index: int) -> int | None:
        for above in range(index - 1, -1, -1):
            stripped = self.line(above).strip()
            if stripped and not stripped.startswith("#"):
                return above
        return None

    # Characters a value cannot start with.

    def bad_start(self, where: StreamMark) -> SyntaxProblem:
        char = self.char(where)
        line = self.line(where.line)
        if char == "\t":
            if not line[: where.column].strip():
                return SyntaxProblem(
                    where.line + 1,
                    where.column + 1,
                    "a tab in the indentation: YAML indents with spaces only",
                    "replace the tab with spaces, lined up with the lines around it",
                )
            return SyntaxProblem(
                where.line + 1,
                where.column + 1,
                "a tab here: YAML does not allow tabs between the parts of a line",
                "replace the tab with a space",
            )
        return self.reserved_start(where)

    def reserved_start(self, where: StreamMark) -> SyntaxProblem:
        line = self.line(where.line)
        char = self.char(where) or "?"
        return SyntaxProblem(
            where.line + 1,
            where.column + 1,
            f"in YAML a text cannot start with '{char}'",
            f"put the text in quotes: {_quoted_line(line, where.column)}",
        )

    def dash_after_key(self, where: StreamMark) -> SyntaxProblem:
        line = self.line(where.line)
        key = _KEY.match(line)
        if key is not None and key.end() == where.column:
            name = key.group(2)
            return SyntaxProblem(
                where.line + 1,
                where.column + 1,
                f"a list item ('- ') cannot start on the line of its key '{name}'",
                f"put each item on a line of its own below '{name}:', indented more than "
                f"'{name}', as '- {_strip_comment(line[where.column + 2 :])}'",
            )
        return SyntaxProblem(
            where.line + 1,
            where.column + 1,
            "a list item ('- ') cannot start here",
            "start a list item on a line of its own, with only spaces before its '-'",
        )

    def undefined_alias(self, where: StreamMark) -> SyntaxProblem:
        line = self.line(where.line)
        name = re.match(r"\*(\S*)", line[where.column :])
        alias = name.group(1) if name else ""
        return SyntaxProblem(
            where.line + 1,
            where.column + 1,
            f"a text that starts with '*' refers to an anchor ('&{alias}'), and there is none",
            f"put the text in quotes: {_quoted_line(line, where.column)}",
        )

    def second_document(self, where: StreamMark) -> SyntaxProblem:
        return SyntaxProblem(
            where.line + 1,
            where.column + 1,
            f"a second document starts here: a {self.document} file holds one document",
            f"remove this '---' line; if the file holds two {self.document}s, split it in two "
            "files",
        )

    def block_scalar(self, opened: StreamMark) -> SyntaxProblem:
        line = self.line(opened.line)
        char = self.char(opened) or "|"
        return SyntaxProblem(
            opened.line + 1,
            opened.column + 1,
            f"'{char}' starts a text on the lines below it, and no text may follow it on its line",
            "move the text to the next line, indented more than its key, or put the text in "
            f"quotes: {_quoted_line(line, opened.column)}",
        )

    # "expected <block end>, but found ...": something at an indentation YAML did not expect.

    def block_end(self, where: StreamMark) -> SyntaxProblem:
        opened = self.error.context_mark
        tokens = _tokens_before(self.text, where.index)
        previous = tokens[-1] if tokens else None
        problem = str(self.error.problem)
        if isinstance(previous, ScalarToken) and previous.style in ("'", '"'):
            if previous.end_mark.line > previous.start_mark.line:
                return self.quote_closed_late(previous)
            if previous.end_mark.line == where.line:
                return self.quote_closed_early(previous)
        if problem.endswith(("']'", "'}'")):
            char = problem[-2]
            return SyntaxProblem(
                where.line + 1,
                where.column + 1,
                f"this '{char}' closes nothing: no '{'[' if char == ']' else '{'}' opened it",
                "remove it; if it is part of the text, put the whole text in quotes",
            )
        closers = (FlowSequenceEndToken, FlowMappingEndToken)
        if isinstance(previous, closers) and previous.end_mark.line == where.line:
            start = _flow_start(tokens)
            if start is not None:
                return self.text_after_flow(start)
        if problem.endswith("'-'"):
            return self.stray_dash(where, opened)
        if problem.endswith(("'?'", "'<block mapping start>'")):
            return self.misaligned_key(where, opened)
        if problem.endswith("'<block sequence start>'"):
            return self.misaligned_item(where)
        if problem.endswith("'<scalar>'"):
            return SyntaxProblem(
                where.line + 1,
                where.column + 1,
                "this line is neither 'key: value' nor a list item ('- ')",
                "if it is an item of the list above, start it with '- '; if it goes on with "
                "the text above, put that whole text in quotes on the line of its key",
            )
        return self.unknown(where)

    def stray_dash(self, where: StreamMark, opened: StreamMark | None) -> SyntaxProblem:
        hint = "remove the '- ' if this key belongs with the keys above"
        if opened is not None:
            owner = self.line(opened.line)[: opened.column]
            dash = owner.rstrip().endswith("-")
            if dash:
                col = owner.rstrip().rfind("-") + 1
                hint += (
                    f"; a new item starts with '- ' lined up with the '-' on line "
                    f"{opened.line + 1} (column {col})"
                )
            return SyntaxProblem(
                where.line + 1,
                where.column + 1,
                "a '- ' (a list item) in the middle of the keys that start on line "
                f"{opened.line + 1}",
                hint,
            )
        return SyntaxProblem(  # pragma: no cover - ruamel gives the mapping's mark
            where.line + 1, where.column + 1, "a '- ' (a list item) where a key was expected", hint
        )

    def misaligned_key(self, where: StreamMark, opened: StreamMark | None) -> SyntaxProblem:
        line = self.line(where.line)
        key = _KEY.match(line)
        name = key.group(2) if key else _shorten(line.strip())
        col = where.column
        context = str(self.error.context or "")
        if opened is not None and "block collection" in context and opened.column == col:
            # A key at the column of a list's '-': the list's owner is the key it belongs with.
            owner = self.key_above(opened.line, lambda key_col: key_col < col)
            if owner is not None:
                owner_line, owner_key, owner_col = owner
                return SyntaxProblem(
                    where.line + 1,
                    col + 1,
                    f"'{name}' is indented like the items of the list under '{owner_key}' "
                    f"(line {owner_line + 1}), but it is not an item",
                    f"line '{name}' up with '{owner_key}' (column {owner_col + 1}); if it is an "
                    "item of the list, start it with '- '",
                )
        sibling = self.key_above(where.line, lambda key_col: key_col != col)
        if sibling is not None:
            _, sibling_key, sibling_col = sibling
            more_or_less = "less" if col < sibling_col else "more"
            return SyntaxProblem(
                where.line + 1,
                col + 1,
                f"this line is indented {more_or_less} than '{sibling_key}' above it",
                f"line '{name}' up with '{sibling_key}' (column {sibling_col + 1}) if it belongs "
                "with it",
            )
        return self.unknown(where)  # pragma: no cover - a key at a wrong indent has one above

    def misaligned_item(self, where: StreamMark) -> SyntaxProblem:
        for above in range(where.line - 1, -1, -1):
            item = _ITEM.match(self.line(above))
            if item is not None and len(item.group(1)) != where.column:
                col = len(item.group(1))
                return SyntaxProblem(
                    where.line + 1,
                    where.column + 1,
                    "this list item is not lined up with the item above it",
                    f"line its '-' up with the '-' on line {above + 1} (column {col + 1})",
                )
        return self.unknown(where)  # pragma: no cover - an item is misaligned to another

    def key_above(
        self, index: int, wanted: _ColumnTest
    ) -> tuple[int, str, int] | None:  # line, key, column
        """The nearest `key:` above line `index` whose key column passes `wanted`."""
        for above in range(index - 1, -1, -1):
            key = _KEY.match(self.line(above))
            if key is not None and wanted(len(key.group(1))):
                return above, key.group(2), len(key.group(1))
        return None

    def unknown(self, where: StreamMark) -> SyntaxProblem:
        """Anything the cases above do not know: ruamel's own words, and where to look."""
        problem = str(self.error.problem or "invalid YAML")
        context = f" ({self.error.context})" if self.error.context else ""
        return SyntaxProblem(
            where.line + 1, where.column + 1, f"YAML cannot read this: {problem}{context}", _CHECK
        )


# Recovery: the list items a syntax error can be cut out of.


def item_spans(lines: Sequence[str], key: str) -> list[tuple[int, int]]:
    """The 0-based [start, end) line ranges of the list items that start with '- KEY:'.

    Items are found by their lines alone, so that a broken item does not hide the others:
    an item runs from its '- KEY:' line (or a '- ' at the indentation of one) to the next
    line at its indentation or less, or to the next '- KEY:' line, however indented.
    """
    starts = _item_starts(lines, key)
    indents = set(starts.values())
    spans: list[tuple[int, int]] = []
    index = 0
    while index < len(lines):
        item = _ITEM.match(lines[index])
        if item is None or len(item.group(1)) not in indents:
            index += 1
            continue
        indent = len(item.group(1))
        end = index + 1
        while end < len(lines) and end not in starts and not _ends_item(lines[end], indent):
            end += 1
        spans.append((index, end))
        index = end
    return spans


def _item_starts(lines: Sequence[str], key: str) -> dict[int, int]:
    """The '- KEY:' lines: 0-based line -> the indentation of its '-'."""
    start = re.compile(rf"^([ ]*)-[ ]+{re.escape(key)}[ ]*:")
    return {
        index: len(match.group(1))
        for index, line in enumerate(lines)
        if (match := start.match(line))
    }


def _ends_item(line: str, indent: int) -> bool:
    stripped = line.strip()
    if not stripped or stripped.startswith("#"):
        return False
    return len(line) - len(line.lstrip(" ")) <= indent


def stub_item(lines: list[str], span: tuple[int, int], key: str) -> None:
    """Make the item of `span` an empty '- {KEY: }' in place, lined up with most items;
    the lines after it keep their numbers."""
    indents = Counter(_item_starts(lines, key).values())
    first = lines[span[0]]
    indent = indents.most_common(1)[0][0] if indents else len(first) - len(first.lstrip(" "))
    lines[span[0]] = " " * indent + f"- {{{key}: }}"  # its empty value is marked on this line
    for index in range(span[0] + 1, span[1]):
        lines[index] = ""


def rest_of(lines: Sequence[str], start: int) -> str:
    """The text from the item at line `start` on, for finding the next syntax error fast.

    The lines before `start` are left empty but for the keys the item is nested in (such as
    'questions:'), so every line keeps its number and the item its place in the structure.
    """
    kept = [""] * start + list(lines[start:])
    for index in _parents(lines, start):
        kept[index] = lines[index]
    return "\n".join(kept)


def _parents(lines: Sequence[str], start: int) -> list[int]:
    """The 0-based lines of the keys that the item at line `start` is nested in."""
    found: list[int] = []
    indent = _indent(lines[start])
    for index in range(start - 1, -1, -1):
        line = lines[index]
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        here = _indent(line)
        # A list may sit at its key's own indentation: 'questions:' then '- question:'.
        same_column_key = not found and here == indent and not _ITEM.match(line)
        if here < indent or same_column_key:
            found.append(index)
            indent = here
    return found


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


# Helpers.


def _tokens_before(text: str, index: int) -> list[Token]:
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


def _flow_start(tokens: Sequence[Token]) -> Token | None:
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


def _strip_comment(text: str) -> str:
    """`text` without a trailing ' # comment' (a '#' after a space starts one)."""
    return re.split(r"\s#", text, maxsplit=1)[0].rstrip()


def _key_part(before: str) -> str:
    """A line's text before its value (its '- ' and `key: `), without the indentation."""
    return before.lstrip(" ")


def _quoted_line(line: str, value_col: int) -> str:
    """The line with its value, from `value_col` to the end, put in quotes."""
    value = _strip_comment(line[value_col:])
    quoted = f'"{value}"' if '"' not in value and "\\" not in value else _single(value)
    return f"{_key_part(line[:value_col])}{quoted}"


def _single(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def _shorten(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 3] + "..."
