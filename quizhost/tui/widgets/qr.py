"""The join QR code, drawn with half blocks in fixed black on white.

The colours are explicit truecolour, not theme variables: a dark theme (or a terminal palette
that makes "white" grey) must never invert or wash out the code, or phones cannot read it.
The standard 4-module quiet zone is part of the drawing.
"""

from __future__ import annotations

from rich.style import Style
from rich.text import Text
from textual.geometry import Size
from textual.widget import Widget

from quizhost.qr import qr_halfblocks

QR_STYLE = Style(color="#000000", bgcolor="#ffffff")


class QrCode(Widget):
    """A QR code of `url`; its size is the code's own (one column and half a row a module)."""

    DEFAULT_CSS = """
    QrCode { width: auto; height: auto; }
    """

    def __init__(self, url: str = "", *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._lines: list[str] = []
        self.url = ""
        self.show(url)

    def show(self, url: str) -> None:
        if url == self.url:
            return
        self.url = url
        self._lines = qr_halfblocks(url) if url else []
        self.refresh(layout=True)

    @property
    def lines(self) -> list[str]:
        return list(self._lines)

    def get_content_width(self, container: Size, viewport: Size) -> int:
        return len(self._lines[0]) if self._lines else 0

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self._lines)

    def render(self) -> Text:
        return Text("\n".join(self._lines), style=QR_STYLE, no_wrap=True, end="")
