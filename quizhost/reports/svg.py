"""Charts as inline SVG, drawn here: no script, no font or file from anywhere else.

Every chart is an `<svg role="img">` with a `<title>` that says what it shows, and prints its
numbers beside the bars, so it reads the same in black and white and to a screen reader.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape
from typing import Final

from attrs import frozen

FONT: Final = 'font-family="system-ui, sans-serif" font-size="12"'
ROW_HEIGHT: Final = 22
LABEL_CHARS: Final = 38  # longer labels are cut with an ellipsis (the full text is in a <title>)


@frozen
class Bar:
    """One bar: its label, its length as a share of the longest possible (0..1), the text
    written after it, and whether it is the highlighted kind (a right answer)."""

    label: str
    share: float
    value: str
    marked: bool = False


def _cut(text: str, limit: int = LABEL_CHARS) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def bar_chart(title: str, bars: Sequence[Bar], *, width: int = 900, css: str = "bars") -> str:
    """Horizontal bars, one per row, label on the left and the value after the bar."""
    label_w, value_w = 300, 110
    track = width - label_w - value_w
    height = ROW_HEIGHT * len(bars) + 6
    parts = [
        f'<svg class="chart {css}" role="img" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" xmlns="http://www.w3.org/2000/svg" {FONT}>',
        f"<title>{escape(title)}</title>",
    ]
    for i, bar in enumerate(bars):
        y = 3 + i * ROW_HEIGHT
        length = round(max(0.0, min(1.0, bar.share)) * track, 1)
        kind = "bar marked" if bar.marked else "bar"
        parts += [
            f'<g class="row"><title>{escape(bar.label)}: {escape(bar.value)}</title>',
            f'<text x="{label_w - 8}" y="{y + 15}" text-anchor="end">{escape(_cut(bar.label))}'
            "</text>",
            f'<rect class="track" x="{label_w}" y="{y + 2}" width="{track}" height="16"/>',
            f'<rect class="{kind}" x="{label_w}" y="{y + 2}" width="{length}" height="16"/>',
            f'<text x="{label_w + track + 6}" y="{y + 15}">{escape(bar.value)}</text></g>',
        ]
    parts.append("</svg>")
    return "".join(parts)


def column_chart(
    title: str, columns: Sequence[tuple[str, int]], *, width: int = 900, height: int = 220
) -> str:
    """Vertical bars (a histogram): a label under each, its count above it."""
    top, bottom, left = 18, 36, 8
    plot_h = height - top - bottom
    slot = (width - 2 * left) / max(1, len(columns))
    peak = max((count for _label, count in columns), default=0) or 1
    parts = [
        f'<svg class="chart columns" role="img" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" xmlns="http://www.w3.org/2000/svg" {FONT}>',
        f"<title>{escape(title)}</title>",
        f'<line class="axis" x1="{left}" y1="{top + plot_h}" x2="{width - left}" '
        f'y2="{top + plot_h}"/>',
    ]
    for i, (label, count) in enumerate(columns):
        x = left + i * slot
        h = round(plot_h * count / peak, 1)
        middle = round(x + slot / 2, 1)
        parts += [
            f'<g class="column"><title>{escape(label)}: {count}</title>',
            f'<rect class="bar" x="{round(x + 3, 1)}" y="{round(top + plot_h - h, 1)}" '
            f'width="{round(slot - 6, 1)}" height="{h}"/>',
            f'<text x="{middle}" y="{round(top + plot_h - h - 4, 1)}" '
            f'text-anchor="middle">{count}</text>',
            f'<text class="tick" x="{middle}" y="{top + plot_h + 14}" text-anchor="middle" '
            f'font-size="10">{escape(label)}</text></g>',
        ]
    parts.append("</svg>")
    return "".join(parts)
