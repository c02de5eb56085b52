"""Two themes for a projector: high contrast, no mid-grey text, saturated accents.

Projectors wash out dark greys and pale colours; both themes keep text near black or white on
a plain background and use the Kahoot-like purple only for accents.
"""

from __future__ import annotations

from textual.theme import Theme

DARK = Theme(
    name="quizhost-dark",
    primary="#8f6cf0",
    secondary="#1368ce",
    accent="#ffb000",
    foreground="#f5f5f5",
    background="#101014",
    surface="#1c1c24",
    panel="#2a2540",
    success="#3fbf3f",
    warning="#ffb000",
    error="#ff4d5e",
    dark=True,
)

LIGHT = Theme(
    name="quizhost-light",
    primary="#46178f",
    secondary="#1368ce",
    accent="#b35c00",
    foreground="#0a0a0a",
    background="#ffffff",
    surface="#f0eef6",
    panel="#e2dcf2",
    success="#1d7a1d",
    warning="#b35c00",
    error="#c01530",
    dark=False,
)

THEMES = (DARK, LIGHT)
