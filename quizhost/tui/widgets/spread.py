"""What players answered where there are no choices to count: the answers typed, with
counts, and where slider values fell (a small histogram with the margin marked).

Both come bounded in size from the core (`quizhost.core.spread`), so drawing them costs the
same for five players or five thousand.
"""

from __future__ import annotations

from rich.cells import cell_len
from rich.text import Text

from quizhost.core.spread import AnswerSpread, SliderBin
from quizhost.tui.text import clean
from quizhost.tui.widgets.bars import fit

RIGHT_STYLE = "bold #26890c"
TYPED_LABEL_MAX = 30
TYPED_BAR = 30
HEIGHT = 4  # rows of the histogram; eight levels a row
LEVELS = " ▁▂▃▄▅▆▇█"
BIN_WIDTH = 2  # cells of a bin's bar, then one blank


def number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


def typed_text(spread: AnswerSpread) -> Text:
    """One line per answer typed, most typed first: ✓ or ✗, the answer, a bar, the count."""
    text = Text(end="")
    if not spread.typed:
        text.append("Nobody typed an answer.", style="italic")
        return text
    text.append("What players typed", style="bold")
    top = max(t.count for t in spread.typed)
    label_width = min(TYPED_LABEL_MAX, max(cell_len(clean(t.text)) for t in spread.typed))
    for typed in spread.typed:
        style = RIGHT_STYLE if typed.correct else ""
        text.append("\n")
        text.append("✓ " if typed.correct else "✗ ", style=style or "bold")
        text.append(fit(clean(typed.text), label_width), style="bold" if typed.correct else "")
        length = max(1, round(TYPED_BAR * typed.count / top))
        text.append(" " + "█" * length, style=style or "dim")
        text.append(f" {typed.count}", style="bold")
    if spread.other_typed:
        others = spread.other_typed
        text.append(f"\n  and {others} other answer{'s' if others != 1 else ''}", style="italic")
    return text


def histogram_lines(bins: tuple[SliderBin, ...], answer: float) -> list[Text]:
    """Columns of counts per bin (bins within the margin in green), an axis marking the
    margin, and the minimum, the answer and the maximum under it."""
    top = max((b.count for b in bins), default=0)
    heights = [
        (max(1, round(HEIGHT * 8 * b.count / top)) if b.count else 0) if top else 0 for b in bins
    ]
    lines: list[Text] = []
    for row in range(HEIGHT):
        floor = (HEIGHT - 1 - row) * 8
        line = Text(end="")
        for height, bin_ in zip(heights, bins, strict=True):
            level = LEVELS[max(0, min(8, height - floor))]
            line.append(level * BIN_WIDTH, style=RIGHT_STYLE if bin_.correct else "")
            line.append(" ")
        line.rstrip()
        lines.append(line)
    axis = Text(end="")
    for index, bin_ in enumerate(bins):
        cells = BIN_WIDTH + (1 if index < len(bins) - 1 else 0)
        axis.append(("━" if bin_.correct else "─") * cells, RIGHT_STYLE if bin_.correct else "dim")
    lines.append(axis)
    lines.append(_labels(bins, answer))
    return lines


def _labels(bins: tuple[SliderBin, ...], answer: float) -> Text:
    """'1950      1969      2000': each label starts under its bin unless it would overlap."""
    if not bins:
        return Text(end="")
    width = len(bins) * (BIN_WIDTH + 1) - 1
    cells = [" "] * width
    where = next((i for i, b in enumerate(bins) if b.low <= answer <= b.high), None)
    low, high = number(bins[0].low), number(bins[-1].high)
    placed = [(0, low), (max(0, width - len(high)), high)]
    if where is not None:
        label = number(answer)
        start = max(0, min(width - len(label), where * (BIN_WIDTH + 1)))
        if start > len(low) and start + len(label) < width - len(high):
            placed.append((start, label))
    for start, label in placed:
        cells[start : start + len(label)] = list(label)
    return Text("".join(cells).rstrip(), style="bold", end="")


def histogram_text(spread: AnswerSpread, answer: float) -> Text:
    """The histogram with its title: where the values fell, the margin in green."""
    text = Text("Where the values fell", style="bold", end="")
    text.append(f" (━━ within ±{number(spread.margin or 0)} of the answer)", style="italic")
    for line in histogram_lines(spread.bins, answer):
        text.append("\n")
        text.append_text(line)
    return text
