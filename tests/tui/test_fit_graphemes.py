"""Names cut to a column width are cut between characters as a reader sees them."""

from __future__ import annotations

from rich.cells import cell_len

from quizhost.core.nicknames import graphemes
from quizhost.tui.widgets.bars import fit

FAMILY = "\U0001f468\u200d\U0001f469\u200d\U0001f467"


def test_fit_never_splits_an_emoji_or_an_accent() -> None:
    """A ZWJ family emoji or a letter with a combining accent is kept whole or dropped whole."""
    for name in (f"Kim {FAMILY}{FAMILY}", "Zoe\u0308 Zoe\u0308 Zoe\u0308"):
        for width in range(2, 12):
            cut = fit(name, width)
            kept = cut.rstrip(" ").removesuffix("…")
            assert name.startswith(kept)
            assert graphemes(name)[: len(graphemes(kept))] == graphemes(kept), (name, width)
            assert not kept.endswith("\u200d")
            assert cell_len(cut) <= width
