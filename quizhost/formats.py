"""Numbers and dates as people read them: the one home for every formatter.

- `number_text`: a value as an author writes it in a bank (1969, 0.5), never 1969.0, 1.969e+03,
  or grouped (a year is not "1,969").
- `score_text`: points, grouped the way the player page groups them. The page uses
  `Intl.NumberFormat(language)`; this table gives the same separators (CLDR's) for the
  languages listed, so the console, the results and the phones agree. Another language, or
  none, groups as English does, the page's default.
- `seconds_text`: a response time in seconds to the millisecond ('1.234').
- `date_text`: when a game was played, in local time, to the minute.
- `display_width`: how many terminal columns a text takes ('🦊' and '株' take two).
"""

from __future__ import annotations

from datetime import datetime
from typing import Final

from wcwidth import wcswidth

DEFAULT_LANGUAGE: Final = "en"

# language -> (group separator, minimum grouping digits), from CLDR as browsers apply it.
# A minimum of 2 leaves four-digit numbers whole: Spanish writes 1234 but 12.345.
_GROUPING: Final[dict[str, tuple[str, int]]] = {
    "en": (",", 1),
    "de": (".", 1),
    "es": (".", 2),
    "fr": ("\u202f", 1),  # narrow no-break space
    "it": (".", 2),
    "ja": (",", 1),
    "nl": (".", 1),
    "pl": ("\u00a0", 2),  # no-break space
    "pt": (".", 1),
    "ru": ("\u00a0", 1),
    "sv": ("\u00a0", 1),
    "zh": (",", 1),
}
LANGUAGES: Final = frozenset(_GROUPING)


def score_text(points: int, language: str = DEFAULT_LANGUAGE) -> str:
    """19054 as '19,054' in English, '19 054' in French: what `Intl.NumberFormat` shows."""
    separator, min_grouping = _GROUPING.get(_primary(language), _GROUPING[DEFAULT_LANGUAGE])
    digits = str(abs(points))
    sign = "-" if points < 0 else ""
    if len(digits) < 3 + min_grouping:
        return sign + digits
    head = len(digits) % 3 or 3
    groups = [digits[:head]] + [digits[i : i + 3] for i in range(head, len(digits), 3)]
    return sign + separator.join(groups)


def signed_points(points: int) -> str:
    """Points a question gave: '+850', '−250' (a true minus sign), '' for none."""
    if not points:
        return ""
    return ("+" if points > 0 else "\u2212") + score_text(abs(points))


def _primary(language: str) -> str:
    """'fr-CA' -> 'fr': the table is per language; regions group as their language does."""
    return language.replace("_", "-").split("-", 1)[0].lower()


def number_text(value: float) -> str:
    """A number as an author would write it: 1969, not 1969.0; 0.25, not 2.5e-01."""
    return str(int(value)) if float(value).is_integer() else repr(float(value))


def seconds_text(ms: int | None) -> str:
    """1234 ms as '1.234'; nothing for no time (a question not answered)."""
    return "" if ms is None else f"{ms / 1000:.3f}"


def date_text(ms: int) -> str:
    """Milliseconds since the epoch as local '2026-11-30 09:05'."""
    return datetime.fromtimestamp(ms / 1000).strftime("%Y-%m-%d %H:%M")


def display_width(text: str) -> int:
    """Terminal columns `text` takes: an emoji or a CJK letter takes two, an accent none."""
    width = wcswidth(text)
    return width if width >= 0 else len(text)  # a control character: count code points


def pad(text: str, width: int) -> str:
    """`text` padded with spaces to `width` terminal columns (str.ljust counts code points)."""
    return text + " " * max(0, width - display_width(text))
