"""HTML question text (Moodle) -> the plain text a bank holds, saying what was dropped.

Banks hold plain text (phones render it as text, never HTML), so markup is flattened: block
elements become spaces, entities are decoded, and each kind of thing that carried meaning
(bold, links, tables, sub/superscripts, media) is named once in `lost` so the teacher can
look at that question. Images are collected separately: a bank question can carry one.
"""

from __future__ import annotations

from html.parser import HTMLParser

from attrs import define, field

from quizhost.interchange.convert import clean

_FORMATTING = {"b", "strong", "i", "em", "u", "s", "strike", "mark", "font", "small", "big"}
_LOST_NAMES = {
    "a": "link targets",
    "table": "table layout",
    "sup": "superscript/subscript marks",
    "sub": "superscript/subscript marks",
    "ul": "list layout",
    "ol": "list layout",
    "audio": "audio",
    "video": "video",
    "iframe": "embedded content",
    "object": "embedded content",
    "embed": "embedded content",
    "math": "maths markup",
    "pre": "preformatted layout",
    "code": "code formatting",
}
_SKIP_CONTENT = {"script", "style"}
_BREAKS = {"p", "br", "div", "li", "tr", "td", "th", "h1", "h2", "h3", "h4", "h5", "h6", "hr"}


@define
class HtmlText:
    """The result of flattening: the text, image sources (with alt text) and what was lost."""

    text: str
    images: list[tuple[str, str]] = field(factory=list)  # (src, alt)
    lost: list[str] = field(factory=list)


class _Flattener(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.images: list[tuple[str, str]] = []
        self.lost: list[str] = []
        self._skipping = 0

    def _lose(self, what: str) -> None:
        if what not in self.lost:
            self.lost.append(what)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP_CONTENT:
            self._skipping += 1
            self._lose("scripts and styles")
        elif tag == "img":
            values = dict(attrs)
            self.images.append((values.get("src") or "", values.get("alt") or ""))
        elif tag in _FORMATTING or (tag == "span" and dict(attrs).get("style")):
            self._lose("formatting (bold, italics, colours)")
        elif tag in _LOST_NAMES:
            self._lose(_LOST_NAMES[tag])
        if tag in _BREAKS:
            self.parts.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP_CONTENT and self._skipping:
            self._skipping -= 1
        if tag in _BREAKS:
            self.parts.append(" ")

    def handle_data(self, data: str) -> None:
        if not self._skipping:
            self.parts.append(data)


def html_to_text(html: str) -> HtmlText:
    """Flatten `html`; plain text without tags comes back unchanged (apart from spaces)."""
    parser = _Flattener()
    parser.feed(html)
    parser.close()
    return HtmlText(clean("".join(parser.parts)), parser.images, parser.lost)
