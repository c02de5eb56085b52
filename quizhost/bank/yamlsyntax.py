"""YAML syntax errors in plain words, at the place the author must fix.

ruamel.yaml says where its scanner or parser gave up and in its own terms ("expected <block
end>, but found '?'"); that place is often not where the mistake is: an unclosed quote is
reported at the end of the file, an over-indented key at the key below it. `explain` reads the
error together with the text (and the tokens scanned before the error) and names the cause in
an author's words, at the place to fix, with a hint that says what to do.

The "expected <block end>" family, where the cause is furthest from ruamel's mark, is
explained in `quizhost.bank.yamlindent`, on the text helpers of `quizhost.bank.yamlsource`;
going on past a broken question is `quizhost.bank.yamlrecovery`'s job.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from ruamel.yaml.error import MarkedYAMLError, StreamMark
from ruamel.yaml.tokens import (
    FlowMappingEndToken,
    FlowMappingStartToken,
    FlowSequenceEndToken,
    FlowSequenceStartToken,
    Token,
)

from quizhost.bank.yamlindent import BlockEnd
from quizhost.bank.yamlsource import (
    CHECK,
    KEY,
    MARKS,
    SyntaxProblem,
    quoted_line,
    shorten,
    strip_comment,
    tokens_before,
)

# Explaining an error.


def explain(error: MarkedYAMLError, text: str, document: str) -> SyntaxProblem:
    """The cause of `error`, raised while reading `text`, in words; `document` is 'bank'."""
    found = error.problem_mark or error.context_mark
    if found is None:  # pragma: no cover - ruamel marks every syntax error
        return SyntaxProblem(1, 1, f"YAML cannot read this file: {error.problem}", CHECK)
    opened = error.context_mark or found
    source = _Explainer(text, error, document)
    problem, context = str(error.problem or ""), str(error.context or "")
    for applies, explained in _CASES:
        if applies(problem, context):
            return explained(source, found, opened)
    return source.unknown(found)


# ruamel's words (its problem, its context) -> the explanation, from the mark where the error
# was found and the mark where the construct it was in opened (a quote, a bracket, a list).
_Case = tuple[
    Callable[[str, str], bool], Callable[["_Explainer", StreamMark, StreamMark], SyntaxProblem]
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


class _Explainer(BlockEnd):
    """The ways to explain an error in the lines of its text."""

    # Quotes.

    def unclosed_quote(self, opened: StreamMark) -> SyntaxProblem:
        quote = self.char(opened) or '"'
        return SyntaxProblem.at(
            opened,
            f"this quote ({quote}) opened here is never closed",
            f"add the closing quote ({quote}) at the end of the text",
        )

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
            return SyntaxProblem.at(
                where,
                f"this '{wrong}' comes while the '{bracket}' at column {opened.column + 1} is "
                "still open",
                f"close the '{bracket}' with '{closing}' first",
            )
        return SyntaxProblem.at(
            where,
            f"inside {bracket}...{closing} the items must be separated by ', '",
            f"add a comma here, or if this is text with '{bracket}' in it, put the whole text "
            "in quotes",
        )

    def unclosed_flow(self, opened: StreamMark) -> SyntaxProblem:
        bracket = self.char(opened) or "["
        closing, what = ("]", "list") if bracket == "[" else ("}", "mapping")
        return SyntaxProblem.at(
            opened,
            f"this bracket ({bracket}) opened here is never closed",
            f"add '{closing}' at the end of the {what}, on the same line",
        )

    def flow_at_end(self, where: StreamMark) -> SyntaxProblem:
        """The file ended inside '[...]' or '{...}': the bracket still open is the cause."""
        depth: list[Token] = []
        for token in tokens_before(self.text, where.index + 1):
            if isinstance(token, (FlowSequenceStartToken, FlowMappingStartToken)):
                depth.append(token)
            elif isinstance(token, (FlowSequenceEndToken, FlowMappingEndToken)) and depth:
                depth.pop()
        if depth:
            return self.unclosed_flow(depth[-1].start_mark)
        return self.unknown(where)  # pragma: no cover - the parser was inside a bracket

    # Colons and keys.

    def colon(self, where: StreamMark) -> SyntaxProblem:
        line = self.line(where.line)
        key = KEY.match(line)
        if key is not None and key.end() <= where.column and line[key.end() :][:1] not in "'\"":
            return SyntaxProblem.at(
                where,
                f"this ': ' inside the text of '{key.group(2)}' looks to YAML like the ': ' "
                "after a key",
                f"put the text in quotes: {quoted_line(line, key.end())}",
            )
        above = self.content_line_above(where.line)
        if key is not None and above is not None:
            return self.continued_line(where.line, key, above)
        return self.unknown(where)

    def continued_line(self, index: int, key: re.Match[str], above: int) -> SyntaxProblem:
        """A `key:` line that YAML read as the rest of a text started on a line above."""
        previous = self.line(above)
        key_col = len(key.group(1))
        parent = KEY.match(previous)
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
            index + 1, key_col + 1, "this line is not lined up with the lines above it", CHECK
        )

    def no_colon(self, index: int) -> SyntaxProblem:
        line = self.line(index)
        body_col = len(MARKS.match(line).group(0))  # type: ignore[union-attr]
        body = strip_comment(line[body_col:])
        word, _, rest = body.partition(" ")
        fixed = f"{word}: {rest.strip()}" if rest.strip() else f"{word}:"
        return SyntaxProblem(
            index + 1,
            body_col + 1,
            f"'{shorten(body)}' has no ':' after its key, so YAML reads the line as text",
            f"write '{shorten(fixed)}'",
        )

    # Characters a value cannot start with.

    def bad_start(self, where: StreamMark) -> SyntaxProblem:
        char = self.char(where)
        line = self.line(where.line)
        if char == "\t":
            if not line[: where.column].strip():
                return SyntaxProblem.at(
                    where,
                    "a tab in the indentation: YAML indents with spaces only",
                    "replace the tab with spaces, lined up with the lines around it",
                )
            return SyntaxProblem.at(
                where,
                "a tab here: YAML does not allow tabs between the parts of a line",
                "replace the tab with a space",
            )
        return self.reserved_start(where)

    def reserved_start(self, where: StreamMark) -> SyntaxProblem:
        line = self.line(where.line)
        char = self.char(where) or "?"
        return SyntaxProblem.at(
            where,
            f"in YAML a text cannot start with '{char}'",
            f"put the text in quotes: {quoted_line(line, where.column)}",
        )

    def dash_after_key(self, where: StreamMark) -> SyntaxProblem:
        line = self.line(where.line)
        key = KEY.match(line)
        if key is not None and key.end() == where.column:
            name = key.group(2)
            return SyntaxProblem.at(
                where,
                f"a list item ('- ') cannot start on the line of its key '{name}'",
                f"put each item on a line of its own below '{name}:', indented more than "
                f"'{name}', as '- {strip_comment(line[where.column + 2 :])}'",
            )
        return SyntaxProblem.at(
            where,
            "a list item ('- ') cannot start here",
            "start a list item on a line of its own, with only spaces before its '-'",
        )

    def undefined_alias(self, where: StreamMark) -> SyntaxProblem:
        line = self.line(where.line)
        name = re.match(r"\*(\S*)", line[where.column :])
        alias = name.group(1) if name else ""
        return SyntaxProblem.at(
            where,
            f"a text that starts with '*' refers to an anchor ('&{alias}'), and there is none",
            f"put the text in quotes: {quoted_line(line, where.column)}",
        )

    def second_document(self, where: StreamMark) -> SyntaxProblem:
        return SyntaxProblem.at(
            where,
            f"a second document starts here: a {self.document} file holds one document",
            f"remove this '---' line; if the file holds two {self.document}s, split it in two "
            "files",
        )

    def block_scalar(self, opened: StreamMark) -> SyntaxProblem:
        line = self.line(opened.line)
        char = self.char(opened) or "|"
        return SyntaxProblem.at(
            opened,
            f"'{char}' starts a text on the lines below it, and no text may follow it on its line",
            "move the text to the next line, indented more than its key, or put the text in "
            f"quotes: {quoted_line(line, opened.column)}",
        )
