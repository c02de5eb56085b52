"""Text from players and banks, made safe to show: literal, no markup, no control codes.

Nicknames and bank text are untrusted. `literal()` wraps them in a rich `Text`, which Textual
never parses as markup, after `clean()` removed every control (C0, DEL, C1, so also ESC and
the CSI that start terminal escape sequences) and format character (zero-width, bidi
overrides) that could move the cursor or reorder the line.
"""

from __future__ import annotations

import unicodedata

from rich.style import Style
from rich.text import Text

_SPACES = {"\t": " ", "\n": " ", "\r": " "}


def clean(value: str) -> str:
    """`value` without control or format characters (tabs and newlines become spaces)."""
    out: list[str] = []
    for char in value:
        if char in _SPACES:
            out.append(_SPACES[char])
        elif unicodedata.category(char) not in ("Cc", "Cf"):
            out.append(char)
    return "".join(out)


def literal(value: str, style: str | Style = "") -> Text:
    """`value` as text shown exactly as written (after `clean`), in `style`."""
    return Text(clean(value), style=style, no_wrap=False)
