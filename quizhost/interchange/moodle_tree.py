"""Moodle XML read safely into a small element tree that remembers each element's line and
column, so a problem points at its place. defusedxml's SAX parser: no entity expansion, no
external DTDs, since files come from anyone."""

from __future__ import annotations

import xml.sax
from typing import Any

import defusedxml.sax
from attrs import define, field
from defusedxml import DefusedXmlException

from quizhost.interchange.model import Imported, Place

#: Where Moodle's question text points at a file embedded in the question (`<file>`).
PLUGINFILE = "@@PLUGINFILE@@/"


@define
class Node:
    """An element: its tag, attributes, place, children and text."""

    tag: str
    attrs: dict[str, str]
    line: int
    col: int
    children: list[Node] = field(factory=list)
    chunks: list[str] = field(factory=list)

    @property
    def text(self) -> str:
        return "".join(self.chunks)

    def find(self, tag: str) -> Node | None:
        return next((child for child in self.children if child.tag == tag), None)

    def findall(self, tag: str) -> list[Node]:
        return [child for child in self.children if child.tag == tag]

    def value(self, tag: str) -> str | None:
        """The text of `<tag><text>...</text></tag>`, or of `<tag>` itself."""
        node = self.find(tag)
        if node is None:
            return None
        inner = node.find("text")
        return (inner.text if inner is not None else node.text).strip()


class _Builder(xml.sax.ContentHandler):
    def __init__(self) -> None:
        super().__init__()
        self.root: Node | None = None
        self.stack: list[Node] = []
        self.locator: Any = None

    def setDocumentLocator(self, locator: Any) -> None:
        self.locator = locator

    def startElement(self, name: str, attrs: Any) -> None:
        line = self.locator.getLineNumber() if self.locator else 0
        col = (self.locator.getColumnNumber() or 0) + 1 if self.locator else 1
        node = Node(name, dict(attrs.items()), line, col)
        if self.stack:
            self.stack[-1].children.append(node)
        else:
            self.root = node
        self.stack.append(node)

    def endElement(self, name: str) -> None:
        self.stack.pop()

    def characters(self, content: str) -> None:
        if self.stack:
            self.stack[-1].chunks.append(content)


def parse(data: bytes, result: Imported) -> Node | None:
    """The document's root, or None with a problem at the place the XML is broken."""
    builder = _Builder()
    try:
        defusedxml.sax.parseString(data, builder, forbid_dtd=True)
    except xml.sax.SAXParseException as error:
        place = Place(result.source, error.getLineNumber() or 0, (error.getColumnNumber() or 0) + 1)
        result.problem(place, f"not well-formed XML: {error.getMessage()}")
        return None
    except xml.sax.SAXException as error:  # anything else the parser refuses
        result.problem(Place(result.source), f"not readable XML: {error}")
        return None
    except DefusedXmlException as error:
        result.problem(
            Place(result.source),
            f"refused: the file declares a DTD or entities ({type(error).__name__}); "
            "Moodle's export never does",
        )
        return None
    return builder.root
