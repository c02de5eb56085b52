"""The errors ruamel.yaml reports as "expected <block end>, but found ...", in plain words.

ruamel gives that one message for many mistakes: a quote closed a line too late or too early,
text after a closing ']', a stray '- ', a key or a list item at the wrong indentation. Its mark
is where it gave up, often a line below the cause; `BlockEnd` reads the tokens scanned before
it and the lines above it to name the mistake at the place to fix.
"""

from __future__ import annotations

from ruamel.yaml.error import StreamMark
from ruamel.yaml.tokens import FlowMappingEndToken, FlowSequenceEndToken, ScalarToken, Token

from quizhost.bank.yamlsource import (
    ITEM,
    KEY,
    Source,
    SyntaxProblem,
    flow_start,
    key_part,
    quoted_line,
    shorten,
    single,
    strip_comment,
    tokens_before,
)


class BlockEnd(Source):
    """Explains "expected <block end>": something at an indentation YAML did not expect."""

    def block_end(self, where: StreamMark) -> SyntaxProblem:
        opened = self.error.context_mark
        tokens = tokens_before(self.text, where.index)
        previous = tokens[-1] if tokens else None
        problem = str(self.error.problem)
        if isinstance(previous, ScalarToken) and previous.style in ("'", '"'):
            if previous.end_mark.line > previous.start_mark.line:
                return self.quote_closed_late(previous)
            if previous.end_mark.line == where.line:
                return self.quote_closed_early(previous)
        if problem.endswith(("']'", "'}'")):
            char = problem[-2]
            return SyntaxProblem.at(
                where,
                f"this '{char}' closes nothing: no '{'[' if char == ']' else '{'}' opened it",
                "remove it; if it is part of the text, put the whole text in quotes",
            )
        closers = (FlowSequenceEndToken, FlowMappingEndToken)
        if isinstance(previous, closers) and previous.end_mark.line == where.line:
            start = flow_start(tokens)
            if start is not None:
                return self.text_after_flow(start)
        if problem.endswith("'-'"):
            return self.stray_dash(where, opened)
        if problem.endswith(("'?'", "'<block mapping start>'")):
            return self.misaligned_key(where, opened)
        if problem.endswith("'<block sequence start>'"):
            return self.misaligned_item(where)
        if problem.endswith("'<scalar>'"):
            return SyntaxProblem.at(
                where,
                "this line is neither 'key: value' nor a list item ('- ')",
                "if it is an item of the list above, start it with '- '; if it goes on with "
                "the text above, put that whole text in quotes on the line of its key",
            )
        return self.unknown(where)

    # A quoted text the parser read on past its line, or that ended before its line did.

    def quote_closed_late(self, token: ScalarToken) -> SyntaxProblem:
        opened = token.start_mark
        quote = self.char(opened) or '"'
        closed_on = token.end_mark.line + 1
        return SyntaxProblem.at(
            opened,
            f"this quote ({quote}) opened here is not closed on its line: everything up to the "
            f"quote on line {closed_on} became one text",
            f"add the closing quote ({quote}) at the end of the text on line {opened.line + 1}",
        )

    def quote_closed_early(self, token: ScalarToken) -> SyntaxProblem:
        opened, closed = token.start_mark, token.end_mark
        quote = self.char(opened) or '"'
        line = self.line(opened.line)
        before = line[: opened.column]
        rest = strip_comment(line[opened.column :])
        if quote == "'":
            inner = rest[1:-1] if rest.endswith("'") and len(rest) > 1 else rest[1:]
            message = (
                f"this quote (') ends the text quoted at column {opened.column + 1}, "
                "but more text follows it"
            )
            hint = f"inside '...' write an apostrophe twice: {key_part(before)}{single(inner)}"
            return SyntaxProblem(closed.line + 1, closed.column, message, hint)
        message = (
            f'this quote (") ends the text quoted at column {opened.column + 1}, '
            "but more text follows it"
        )
        hint = f"put the whole text in single quotes: {key_part(before)}{single(rest)}"
        return SyntaxProblem(closed.line + 1, closed.column, message, hint)

    def text_after_flow(self, opened: Token) -> SyntaxProblem:
        mark = opened.start_mark
        bracket = self.char(mark) or "["
        line = self.line(mark.line)
        return SyntaxProblem.at(
            mark,
            f"text that starts with '{bracket}' is read as a "
            f"{'list' if bracket == '[' else 'mapping'}, and more text follows it",
            f"put the text in quotes: {quoted_line(line, mark.column)}",
        )

    # Dashes, keys and items at the wrong indentation.

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
            return SyntaxProblem.at(
                where,
                "a '- ' (a list item) in the middle of the keys that start on line "
                f"{opened.line + 1}",
                hint,
            )
        return SyntaxProblem.at(  # pragma: no cover - ruamel gives the mapping's mark
            where, "a '- ' (a list item) where a key was expected", hint
        )

    def misaligned_key(self, where: StreamMark, opened: StreamMark | None) -> SyntaxProblem:
        line = self.line(where.line)
        key = KEY.match(line)
        name = key.group(2) if key else shorten(line.strip())
        col = where.column
        context = str(self.error.context or "")
        if opened is not None and "block collection" in context and opened.column == col:
            # A key at the column of a list's '-': the list's owner is the key it belongs with.
            owner = self.key_above(opened.line, lambda key_col: key_col < col)
            if owner is not None:
                owner_line, owner_key, owner_col = owner
                return SyntaxProblem.at(
                    where,
                    f"'{name}' is indented like the items of the list under '{owner_key}' "
                    f"(line {owner_line + 1}), but it is not an item",
                    f"line '{name}' up with '{owner_key}' (column {owner_col + 1}); if it is an "
                    "item of the list, start it with '- '",
                )
        sibling = self.key_above(where.line, lambda key_col: key_col != col)
        if sibling is not None:
            _, sibling_key, sibling_col = sibling
            more_or_less = "less" if col < sibling_col else "more"
            return SyntaxProblem.at(
                where,
                f"this line is indented {more_or_less} than '{sibling_key}' above it",
                f"line '{name}' up with '{sibling_key}' (column {sibling_col + 1}) if it belongs "
                "with it",
            )
        return self.unknown(where)  # pragma: no cover - a key at a wrong indent has one above

    def misaligned_item(self, where: StreamMark) -> SyntaxProblem:
        for above in range(where.line - 1, -1, -1):
            item = ITEM.match(self.line(above))
            if item is not None and len(item.group(1)) != where.column:
                col = len(item.group(1))
                return SyntaxProblem.at(
                    where,
                    "this list item is not lined up with the item above it",
                    f"line its '-' up with the '-' on line {above + 1} (column {col + 1})",
                )
        return self.unknown(where)  # pragma: no cover - an item is misaligned to another
