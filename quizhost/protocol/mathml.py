"""Formulas on the wire: a bank's `$...$` as a small JSON tree of MathML elements.

The page builds the tree with `document.createElementNS` (never `innerHTML`), so what reaches
it must be data that cannot become markup or script. The tree is made here from latex2mathml's
element tree through an allow-list: a tag outside `MATHML_TAGS` becomes an `mrow` that keeps its
children, an attribute outside `MATHML_ATTRIBUTES` (or with a value that is not a plain word,
number or length) is dropped, and text appears only inside token elements (`mi`, `mn`, `mo`,
`ms`, `mtext`). The root `math` element carries `alttext`, the formula as Unicode text (the
one attribute whose value is free text). The shape (docs/protocol.md, "Formulas"):

    segments = [ "plain text" | element, ... ]
    element  = {"t": TAG, "a": {NAME: VALUE, ...}?, "c": [ element | "text", ... ]?}

A text with no formula (or math off) has no tree at all: the frame's plain field says it all.
"""

from __future__ import annotations

import functools
import html
import re
from typing import Any
from xml.etree.ElementTree import Element

from latex2mathml.converter import convert_to_element

from quizhost.bank.maths import FormulaSyntaxError, split, unicode_text

#: Every MathML element the page may be sent: presentation MathML's layout and token elements.
#: No `maction`, `semantics`, `annotation-xml` or `mglyph` (which loads an image).
MATHML_TAGS = frozenset(
    {
        "math",
        "mrow",
        "mi",
        "mn",
        "mo",
        "ms",
        "mtext",
        "mspace",
        "msup",
        "msub",
        "msubsup",
        "mover",
        "munder",
        "munderover",
        "mfrac",
        "msqrt",
        "mroot",
        "mtable",
        "mtr",
        "mtd",
        "mstyle",
        "mpadded",
        "mphantom",
        "menclose",
        "merror",
    }
)
#: Elements that hold text; every other element holds elements only.
TOKEN_TAGS = frozenset({"mi", "mn", "mo", "ms", "mtext"})
#: Presentation attributes only: nothing that links (`href`), styles (`style`, `class`,
#: colours) or names a script or a resource.
MATHML_ATTRIBUTES = frozenset(
    {
        "displaystyle",
        "scriptlevel",
        "mathvariant",
        "mathsize",
        "accent",
        "accentunder",
        "stretchy",
        "fence",
        "separator",
        "form",
        "largeop",
        "movablelimits",
        "symmetric",
        "lspace",
        "rspace",
        "minsize",
        "maxsize",
        "width",
        "height",
        "depth",
        "voffset",
        "linethickness",
        "columnalign",
        "rowalign",
        "columnspacing",
        "rowspacing",
        "columnlines",
        "rowlines",
        "notation",
    }
)
#: The root `math` element's one free-text attribute: the formula in Unicode (`1/2`, `x²`).
ALTTEXT_CHARS = 300
# An attribute value: words, numbers and lengths ("0.167em", "-1px", "bold-italic", "true").
_PLAIN_VALUE = re.compile(r"[A-Za-z0-9 .%+-]{0,40}")

Node = dict[str, Any]
Segments = list[str | Node]


def formula_tree(latex: str) -> Node:
    """One formula as an allow-listed `math` element; an `merror` with the LaTeX as text
    when it does not convert (a bank that loaded never has one).

    The root has no `display` (inline, MathML's default, is what `$...$` always is) and has
    `alttext`, the formula in Unicode, to name it where a page needs plain words (a label).
    """
    children: list[str | Node]
    try:
        root = _element(convert_to_element(latex))
    except Exception:  # the converter raises anything on input it did not foresee
        children = [{"t": "merror", "c": [{"t": "mtext", "c": [latex]}]}]
    else:
        children = root.get("c", []) if root["t"] == "math" else [root]
        only = children[0] if len(children) == 1 else None
        if isinstance(only, dict) and only["t"] == "mrow" and set(only) == {"t", "c"}:
            children = only["c"]  # `math` is a row itself
    node: Node = {"t": "math", "a": {"alttext": _alttext(latex)}}
    if children:
        node["c"] = children
    return node


def _alttext(latex: str) -> str:
    """The formula as Unicode text, without control characters, at most ALTTEXT_CHARS."""
    text = "".join(char for char in unicode_text(latex) if char.isprintable())
    return text[:ALTTEXT_CHARS]


@functools.lru_cache(maxsize=4096)
def _cached_segments(text: str) -> tuple[str | Node, ...] | None:
    try:
        parts = split(text)
    except FormulaSyntaxError:
        return None
    if parts == [text]:
        return None  # nothing a plain text does not already say
    return tuple(part if isinstance(part, str) else formula_tree(part.latex) for part in parts)


def math_segments(text: str | None) -> Segments | None:
    """A math text as plain parts and formula trees; None when it holds nothing but plain
    text as written (then no `..._math` field is sent)."""
    if text is None:
        return None
    cached = _cached_segments(text)
    return None if cached is None else list(cached)


def math_list(texts: tuple[str, ...] | list[str]) -> list[Segments] | None:
    """Choices or items: one segment list each, or None when none of them has a formula."""
    trees = [math_segments(text) for text in texts]
    if all(tree is None for tree in trees):
        return None
    return [tree if tree is not None else [text] for tree, text in zip(trees, texts, strict=True)]


def _element(element: Element) -> Node:
    tag = _local(element.tag)
    if tag not in MATHML_TAGS:
        tag = "mrow"  # keep what it holds, lose what it is
    token = tag in TOKEN_TAGS
    children: list[str | Node] = []
    if element.text:
        children.append(_text(element.text, token))
    for child in element:
        children.append(_text(_all_text(child), True) if token else _element(child))
        if child.tail:
            children.append(_text(child.tail, token))
    children = [child for child in children if child != ""]
    attributes = {
        name: value
        for name, value in ((_local(k), v) for k, v in element.attrib.items())
        if name in MATHML_ATTRIBUTES and _PLAIN_VALUE.fullmatch(value)
    }
    if tag == "mrow" and not attributes and len(children) == 1 and isinstance(children[0], dict):
        return children[0]  # a one-element row is that element (MathML says so)
    node: Node = {"t": tag}
    if attributes:
        node["a"] = attributes
    if children:
        node["c"] = children
    return node


def _text(text: str, token: bool) -> str | Node:
    """Text as a token element holds it; outside one it goes into an `mtext`."""
    plain = html.unescape(text)  # the converter writes symbols as character references
    if token or not plain.strip():
        return plain if token else ""
    return {"t": "mtext", "c": [plain]}


def _all_text(element: Element) -> str:
    return "".join(element.itertext())


def _local(name: str) -> str:
    """`{namespace}tag` -> `tag`."""
    return name.rsplit("}", 1)[-1]
