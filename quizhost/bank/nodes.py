"""Checking a YAML node graph: what any YAML format needs, nothing about banks.

The bank's loader works on ruamel.yaml's composed node graph (round-trip resolver, YAML 1.2)
instead of constructed Python objects, because nodes keep what authors need in an error
message: the line and column of every key and value, the scalar text exactly as written (`2`
stays "2", `1.50` stays "1.50"), and duplicate keys, which `mapping` reports itself so that
every other problem in the file is still found.

A `NodeChecker` never stops at the first problem: each method reports what is wrong with its
node to `problems` and returns None (or a default), and the caller goes on. The bank's own
rules (`quizhost.bank.rules`) build on these building blocks.
"""

from __future__ import annotations

import difflib
import math
import warnings
from collections.abc import Mapping, Sequence
from typing import Any, TypeGuard

from ruamel.yaml import YAML
from ruamel.yaml.error import MarkedYAMLError, ReusedAnchorWarning, YAMLError
from ruamel.yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from quizhost.bank.errors import Problem
from quizhost.bank.yamlrecovery import item_spans, rest_of, stub_item
from quizhost.bank.yamlsyntax import explain

STR = "tag:yaml.org,2002:str"
INT = "tag:yaml.org,2002:int"
FLOAT = "tag:yaml.org,2002:float"
BOOL = "tag:yaml.org,2002:bool"
NULL = "tag:yaml.org,2002:null"
TIMESTAMP = "tag:yaml.org,2002:timestamp"
# Scalars that may stand for text: numbers and dates keep the text the author wrote.
TEXT_TAGS = (STR, INT, FLOAT, TIMESTAMP)

# How many syntax errors of one file are reported at most: the check stops at the last.
MAX_SYNTAX_ERRORS = 20

# The allowed keys of one mapping that were present: name -> (key node, value node).
Fields = dict[str, tuple[ScalarNode, Node]]


# Describing nodes in messages.


def tag_of(node: Node) -> str:
    tag: Any = node.tag
    return str(getattr(tag, "value", tag))


def describe(node: Node) -> str:
    """What the author wrote, in words: 'a list', 'the number 3', "text 'yes'"."""
    if isinstance(node, MappingNode):
        return "a mapping (key: value)"
    if isinstance(node, SequenceNode):
        return "a list"
    tag = tag_of(node)
    value = str(node.value)
    if tag in (INT, FLOAT):
        return f"the number {value}"
    if tag == BOOL:
        return f"the true/false value {value}"
    if tag == NULL:
        return "nothing (an empty value)"
    return f"text '{shorten(value)}'"


def shorten(text: str, limit: int = 40) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 3] + "..."


def position(prefix: str) -> tuple[int, int]:
    """1-based line and column just after `prefix`."""
    line = prefix.count("\n") + 1
    col = len(prefix) - (prefix.rfind("\n") + 1) + 1
    return line, col


def line_of(node: Node) -> int:
    """The 1-based line where `node` starts."""
    return int(node.start_mark.line) + 1


class NodeChecker:
    """Collects the problems of one file while its nodes are checked."""

    def __init__(
        self,
        file: str,
        document: str,
        key_hints: Mapping[str, str] | None = None,
        item_key: str | None = None,
    ) -> None:
        """`document` names what the file holds in messages ('bank'); `key_hints` maps
        'WHERE: KEY' (e.g. 'a question: answer') to the fix for an unknown key there;
        `item_key` names the first key of the list items a syntax error can be cut out of
        ('question'), so that the other items are still checked."""
        self.file = file
        self.document = document
        self._item_key = item_key
        self._cut: list[tuple[int, int]] = []  # 0-based line spans of items cut out
        self.problems: list[Problem] = []
        # Keys that were unknown but close to an allowed key, per mapping node: a missing
        # required key is not reported again when a typo of it was already reported.
        self._suggested: dict[int, set[str]] = {}
        self._key_hints = dict(key_hints or {})

    @property
    def ok(self) -> bool:
        return not self.problems

    def problem(self, node: Node, message: str, hint: str = "") -> None:
        mark = node.start_mark
        self.problem_at(mark.line + 1, mark.column + 1, message, hint)

    def problem_at(self, line: int, col: int, message: str, hint: str = "") -> None:
        if not self._in_cut_item(line):
            self.problems.append(Problem(self.file, line, col, message, hint))

    def suggested(self, node: Node) -> set[str]:
        """The allowed keys of `node` that an unknown key was a likely typo of."""
        return self._suggested.get(id(node), set())

    def missing(self, node: MappingNode, key: str, message: str) -> None:
        """Report a missing `key`, unless a typo of it was reported already."""
        if key not in self.suggested(node):
            self.problem(node, message)

    def is_mapping(self, node: Node, expected: str) -> TypeGuard[MappingNode]:
        """Whether `node` is a mapping; if not, reports "`expected`; got <what it is>", so
        every such problem says what was wanted and what was written the same way."""
        if isinstance(node, MappingNode):
            return True
        self.problem(node, f"{expected}; got {describe(node)}")
        return False

    # Parsing.

    def parse(self, text: str) -> Node | None:
        """Compose the YAML into nodes; a syntax error becomes a problem at its cause.

        After a syntax error inside one item of the recovered list (see `__init__`), that
        item is cut out and the rest read for the next syntax error: only the lines after the
        cut and the keys they are nested in, so that each error costs the reading of the text
        up to it, not of the whole file. Once the rest reads without one, the whole file (its
        broken items cut out) is read once more: its node graph is what the rules check.
        """
        lines = text.split("\n")
        resume: int | None = None  # after a cut: the 0-based line of its item's stub
        errors = 0
        while True:
            current = "\n".join(lines) if resume is None else rest_of(lines, resume)
            try:
                root = _compose(current)
            except MarkedYAMLError as error:
                if resume is not None and "undefined alias" in str(error.problem):
                    resume = None  # its anchor may be in the lines the rest leaves out
                    continue
                found = explain(error, current, self.document)
                if self._in_cut_item(found.line):  # the error outlived the cut: stop here
                    return None
                self.problems.append(
                    Problem(self.file, found.line, found.col, found.message, found.hint)
                )
                errors += 1
                resume = self._cut_item(lines, found.line - 1)
                if resume is None or errors == MAX_SYNTAX_ERRORS:
                    return None
                continue
            except YAMLError as error:  # ReaderError: characters YAML does not allow
                where = getattr(error, "position", None)
                if isinstance(where, int):
                    line, col = position(current[:where])
                else:  # pragma: no cover - every ReaderError of ruamel has a position
                    line, col = 1, 1
                self.problem_at(
                    line, col, f"the file holds a character YAML does not allow: {error}"
                )
                return None
            except RecursionError:
                self.problem_at(1, 1, f"the YAML is nested too deeply to be a {self.document}")
                return None
            if resume is not None:  # the rest is free of syntax errors: now the whole file
                resume = None
                continue
            if root is not None:
                self._duplicate_anchors(root)
            return root

    def _cut_item(self, lines: list[str], index: int) -> int | None:
        """Cut out the item holding line `index`, if it is an item of the recovered list;
        the 0-based line where it started, or None.

        The item becomes an empty one ('- {question: }') so that its list keeps its shape;
        what the checks then say about the lines of a cut item is not reported.
        """
        if self._item_key is None:
            return None
        spans = item_spans(lines, self._item_key)
        span = next((span for span in spans if span[0] <= index < span[1]), None)
        if span is None or span in self._cut:
            return None
        stub_item(lines, span, self._item_key)
        self._cut.append(span)
        return span[0]

    def _in_cut_item(self, line: int) -> bool:
        return any(start < line <= end for start, end in self._cut)

    def _duplicate_anchors(self, root: Node) -> None:
        """Report an anchor ('&name') defined twice: YAML silently keeps the later one."""
        anchored: dict[int, Node] = {}
        seen: set[int] = set()
        stack = [root]
        while stack:
            node = stack.pop()
            if id(node) in seen:  # an alias is the very node it refers to
                continue
            seen.add(id(node))
            if getattr(node, "anchor", None):
                anchored[id(node)] = node
            if isinstance(node, MappingNode):
                stack.extend(part for pair in node.value for part in pair)
            elif isinstance(node, SequenceNode):
                stack.extend(node.value)
        first: dict[str, Node] = {}
        for node in sorted(anchored.values(), key=lambda node: int(node.start_mark.index)):
            name = str(node.anchor)
            if name in first:
                self.problem(
                    node,
                    f"the anchor '&{name}' is defined twice (first on line {line_of(first[name])})",
                    "rename one of them; if the text really starts with '&', put it in quotes",
                )
            else:
                first[name] = node

    # Building blocks.

    def mapping(self, node: MappingNode, where: str, allowed: Sequence[str]) -> Fields:
        """The allowed keys of a mapping; reports unknown, duplicate and non-text keys."""
        fields: Fields = {}
        seen: dict[str, Node] = {}
        suggested = self._suggested.setdefault(id(node), set())
        for key, value in node.value:
            name = self._key_name(key, where)
            if name is None:
                continue
            if name in seen:
                first = line_of(seen[name])
                self.problem(
                    key, f"duplicate key '{name}' in {where} (first at line {first}); keep one"
                )
                continue
            seen[name] = key
            if name not in allowed:
                self.problem(key, self._unknown_key(name, allowed, where))
                suggested.update(difflib.get_close_matches(name.lower(), allowed, n=1))
                continue
            fields[name] = (key, value)
        return fields

    def _key_name(self, key: Node, where: str) -> str | None:
        if isinstance(key, ScalarNode) and key.value == "<<":
            self.problem(key, f"YAML merge keys ('<<') are not supported in {self.document}s")
            return None
        if not isinstance(key, ScalarNode) or tag_of(key) != STR:
            self.problem(key, f"keys in {where} must be plain words; got {describe(key)}")
            return None
        return str(key.value)

    def _unknown_key(self, name: str, allowed: Sequence[str], where: str) -> str:
        message = f"unknown key '{name}' in {where}"
        close = difflib.get_close_matches(name.lower(), allowed, n=1, cutoff=0.6)
        if close:
            return f"{message}; did you mean '{close[0]}'?"
        hint = self._key_hints.get(f"{where}: {name.lower()}")
        if hint:
            return f"{message}; {hint}"
        return f"{message}; expected one of: {', '.join(allowed)}"

    def required_text(
        self, node: MappingNode, fields: Fields, key: str, where: str, most: int
    ) -> str | None:
        if key not in fields:
            self.missing(node, key, f"missing '{key}' in {where}; add '{key}: TEXT'")
            return None
        return self.text(fields[key][1], f"'{key}'", most)

    def sequence(
        self, node: Node, what: str, item_name: str, least: int, most: int
    ) -> list[Node] | None:
        """The items of a list of `least` to `most` items."""
        if not isinstance(node, SequenceNode):
            self.problem(
                node,
                f"{what} must be a list of {least} to {most} {item_name}s; got {describe(node)}",
            )
            return None
        items = list(node.value)
        if len(items) < least:
            self.problem(
                node, f"{what} has {len(items)} {item_name}(s); it needs {least} to {most}"
            )
            return None
        if len(items) > most:
            self.problem(
                items[most],
                f"too many {item_name}s: {what} has {len(items)}, at most {most} are allowed; "
                f"remove this one and any after it",
            )
            return None
        return items

    def distinct(
        self, text: str, key: str, node: Node, seen: dict[str, tuple[Node, str]], what: str
    ) -> None:
        """Report `text` if an earlier one had the same comparison `key`."""
        if key in seen:
            first, first_text = seen[key]
            self.problem(
                node,
                f"duplicate {what} '{text}' (same as '{first_text}' on line {line_of(first)}); "
                "remove one",
            )
        else:
            seen[key] = (node, text)

    def text(self, node: Node, what: str, most: int) -> str | None:
        """Text as written (numbers keep their spelling), stripped, non-empty and bounded."""
        value = self._text_scalar(node, what)
        if value is None:
            return None
        text = value.strip()
        if not text:
            self.problem(node, f"{what} is empty; write the text")
            return None
        if len(text) > most:
            self.problem(node, f"{what} is {len(text)} characters long; keep it to at most {most}")
            return None
        return text

    def _text_scalar(self, node: Node, what: str) -> str | None:
        """The raw text of a scalar that may stand for text; reports any other node."""
        if not isinstance(node, ScalarNode):
            self.problem(node, f"{what} must be text; got {describe(node)}")
            return None
        tag = tag_of(node)
        value = str(node.value)
        if tag == BOOL:
            self.problem(
                node,
                f"{what} must be text; got the true/false value {value}; "
                f'put it in quotes ("{value}") if you mean the word',
            )
            return None
        if tag == NULL:
            self.problem(node, f"{what} is empty; write the text")
            return None
        if tag not in TEXT_TAGS:
            self.problem(node, f"YAML tag '{tag}' is not supported here; remove it")
            return None
        if node.style == ">":  # ruamel marks where a folded scalar was folded with '\a'
            value = value.replace("\a", "")
        return value

    def number(self, node: Node, what: str) -> float | None:
        """A finite int or float as written in YAML (quoted numbers are text, not numbers)."""
        if isinstance(node, ScalarNode) and tag_of(node) in (INT, FLOAT):
            value = parse_number(str(node.value), tag_of(node) == INT)
            if value is not None:
                return value
            self.problem(node, f"{what} must be a finite number; got {node.value}")
            return None
        hint = "; remove the quotes" if _looks_numeric(node) else ""
        self.problem(node, f"{what} must be a number; got {describe(node)}{hint}")
        return None

    def boolean(self, node: Node, what: str) -> bool | None:
        if isinstance(node, ScalarNode) and tag_of(node) == BOOL:
            return str(node.value).lower() == "true"
        self.problem(node, f"{what} must be true or false; got {describe(node)}")
        return None

    def choice_of(self, node: Node, what: str, allowed: Sequence[str]) -> str | None:
        """One of a few words (e.g. 'standard'), suggesting the closest on a typo."""
        if isinstance(node, ScalarNode) and tag_of(node) == STR and node.value in allowed:
            return str(node.value)
        message = f"{what} must be one of {', '.join(allowed)}; got {describe(node)}"
        close = difflib.get_close_matches(str(node.value).lower(), allowed, n=1)
        if isinstance(node, ScalarNode) and close:
            message += f"; did you mean '{close[0]}'?"
        self.problem(node, message)
        return None


def parse_number(text: str, integer: bool) -> float | None:
    """The value of a YAML int or float scalar; None for infinities and NaN."""
    text = text.replace("_", "")
    if integer:
        try:
            return int(text, 10)
        except ValueError:
            try:
                return int(text, 0)
            except ValueError:  # pragma: no cover - the resolver only tags valid ints
                return None
    try:
        value = float(text)
    except ValueError:  # '.inf', '.nan' and friends
        return None
    return value if math.isfinite(value) else None


def _compose(text: str) -> Node | None:
    """ruamel's node graph of `text`; an anchor defined twice is reported by the caller."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ReusedAnchorWarning)
        root: Node | None = YAML(typ="rt").compose(text)
    return root


def _looks_numeric(node: Node) -> bool:
    if not isinstance(node, ScalarNode):
        return False
    try:
        float(str(node.value))
    except ValueError:
        return False
    return True
