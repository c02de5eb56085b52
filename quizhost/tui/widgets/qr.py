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

from quizhost.qr import qr_halfblocks, qr_matrix

QR_STYLE = Style(color="#000000", bgcolor="#ffffff")


def full_blocks(url: str) -> list[str]:
    """The code at twice the size: two columns and one row a module (for big terminals)."""
    return ["".join("██" if dark else "  " for dark in row) for row in qr_matrix(url)]


class QrCode(Widget):
    """A QR code of `url`, one column and half a row a module (square in a terminal cell);
    `big` doubles that where there is room, which a phone reads from further away."""

    DEFAULT_CSS = """
    QrCode { width: auto; height: auto; }
    """

    def __init__(self, url: str = "", *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._lines: list[str] = []
        self.url = ""
        self.big = False
        self.show(url)

    def show(self, url: str, *, big: bool | None = None) -> None:
        big = self.big if big is None else big
        if url == self.url and big == self.big:
            return
        self.url, self.big = url, big
        if not url:
            self._lines = []
        else:
            self._lines = full_blocks(url) if big else qr_halfblocks(url)
        self.refresh(layout=True)

    def modules(self) -> int:
        """The side of the code in modules, quiet zone included."""
        return len(qr_matrix(self.url)) if self.url else 0

    @property
    def lines(self) -> list[str]:
        return list(self._lines)

    def get_content_width(self, container: Size, viewport: Size) -> int:
        return len(self._lines[0]) if self._lines else 0

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self._lines)

    def render(self) -> Text:
        return Text("\n".join(self._lines), style=QR_STYLE, no_wrap=True, end="")
