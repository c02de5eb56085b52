"""Recovery past a syntax error inside one list item (one question).

YAML stops at the first syntax error, so one broken question would hide the problems of all
the others. The loader finds the item the error is in by its lines alone (`item_spans`),
empties it (`stub_item`) and parses the file again, so every other question is still checked
and reported with its own line numbers; `rest_of` lets it look for the next syntax error
without parsing the items before it again.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from quizhost.bank.yamlsource import ITEM, indent, is_blank


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
        item = ITEM.match(lines[index])
        if item is None or len(item.group(1)) not in indents:
            index += 1
            continue
        item_indent = len(item.group(1))
        end = index + 1
        while end < len(lines) and end not in starts and not _ends_item(lines[end], item_indent):
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


def _ends_item(line: str, item_indent: int) -> bool:
    return not is_blank(line) and indent(line) <= item_indent


def stub_item(lines: list[str], span: tuple[int, int], key: str) -> None:
    """Make the item of `span` an empty '- {KEY: }' in place, lined up with most items;
    the lines after it keep their numbers."""
    indents = Counter(_item_starts(lines, key).values())
    stub_indent = indents.most_common(1)[0][0] if indents else indent(lines[span[0]])
    lines[span[0]] = " " * stub_indent + f"- {{{key}: }}"  # its empty value is marked on this line
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
    depth = indent(lines[start])
    for index in range(start - 1, -1, -1):
        line = lines[index]
        if is_blank(line):
            continue
        here = indent(line)
        # A list may sit at its key's own indentation: 'questions:' then '- question:'.
        same_column_key = not found and here == depth and not ITEM.match(line)
        if here < depth or same_column_key:
            found.append(index)
            depth = here
    return found
