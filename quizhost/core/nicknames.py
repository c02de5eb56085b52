"""Nickname rules: what a player may be called, and when two names are the same.

Normalisation (in this order): Unicode NFKC (full-width and styled letters become plain), then
remove control (Cc), format (Cf: zero-width joiners/spaces, bidi marks and isolates, BOM) and
lone surrogate (Cs) characters, collapse every run of whitespace to one space and strip. The
result must have 1..20 code points. Two names clash when their case-folded forms are equal.
"""

from __future__ import annotations

import unicodedata

MAX_NAME_LENGTH = 20
_REMOVED_CATEGORIES = frozenset({"Cc", "Cf", "Cs"})


def normalize_name(name: str) -> str:
    """The name as it will be shown; may be empty or too long (see `check_name`)."""
    text = unicodedata.normalize("NFKC", name)
    text = "".join(ch for ch in text if unicodedata.category(ch) not in _REMOVED_CATEGORIES)
    return " ".join(text.split())


def check_name(name: str) -> str | None:
    """The normalised name, or None when it is empty or longer than MAX_NAME_LENGTH."""
    normal = normalize_name(name)
    return normal if 1 <= len(normal) <= MAX_NAME_LENGTH else None


def name_key(normal_name: str) -> str:
    """What two names are compared by: case-insensitive (casefold), normalised again."""
    return unicodedata.normalize("NFKC", normal_name.casefold())
