"""Answer counts per choice as horizontal bars, with each answer's shape and colour.

The shapes and colours are the phones' own (`quizhost.answer_styles`), True included. Shapes
as well as colours, so colour-blind players and a washed-out projector still tell the
choices apart. At the reveal the correct choices get a check mark and the others are dimmed.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.cells import cell_len
from rich.text import Text
from textual.geometry import Size
from textual.widget import Widget

from quizhost.answer_styles import style_of
from quizhost.tui.text import clean

LABEL_MAX = 34
COUNT_WIDTH = 5


def marker(index: int, kind: str = "choice") -> tuple[str, str]:
    """The shape and colour of choice `index` of a question of `kind`, as on the phones."""
    style = style_of(kind, index)
    return style.glyph, style.colour


def fit(value: str, width: int) -> str:
    """`value` cut to `width` cells with an ellipsis, padded to exactly `width`."""
    if cell_len(value) > width:
        while value and cell_len(value) > width - 1:
            value = value[:-1]
        value += "…"
    return value + " " * max(0, width - cell_len(value))


class AnswerBars(Widget):
    """One line per choice: shape, choice text, a bar as long as its share, the count."""

    DEFAULT_CSS = """
    AnswerBars { height: auto; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.choices: tuple[str, ...] = ()
        self.counts: tuple[int, ...] = ()
        self.correct: frozenset[int] | None = None
        self.kind = "choice"

    def show(
        self,
        choices: Sequence[str],
        counts: Sequence[int] | None,
        correct: frozenset[int] | None = None,
        *,
        kind: str = "choice",
    ) -> None:
        """Draw `counts` for `choices`; mark `correct` when given (the reveal). `kind` picks
        the markers (true/false has its own)."""
        self.kind = kind
        self.choices = tuple(clean(choice) for choice in choices)
        self.counts = tuple(counts) if counts is not None else (0,) * len(self.choices)
        self.correct = correct
        self.refresh(layout=True)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self.choices)

    def render(self) -> Text:
        width = self.size.width or 60
        label_width = min(LABEL_MAX, max((cell_len(c) for c in self.choices), default=1))
        label_width = max(4, min(label_width, width // 2 - 4))
        bar_room = max(1, width - label_width - 4 - 2 - COUNT_WIDTH)
        top = max(self.counts, default=0)
        text = Text(no_wrap=True, end="")
        for index, choice in enumerate(self.choices):
            shape, colour = marker(index, self.kind)
            count = self.counts[index] if index < len(self.counts) else 0
            revealed = self.correct is not None
            right = revealed and self.correct is not None and index in self.correct
            dim = " dim" if revealed and not right else ""
            if index:
                text.append("\n")
            text.append(f"{shape} ", style=f"bold {colour}")
            text.append("✓ " if right else "  ", style="bold")
            text.append(fit(choice, label_width), style=("bold" if right else "") + dim)
            text.append(" ")
            length = round(bar_room * count / top) if top else 0
            text.append("█" * length, style=colour + dim)
            text.append(" " * (bar_room - length))
            text.append(f"{count:>{COUNT_WIDTH}}", style="bold" + dim)
        return text
