"""Matching typed answers: the rule for type-the-answer questions, pure and tiny.

Players type on phones, so an answer counts when it equals an accepted spelling after
ignoring case, accents, surrounding spaces and repeated inner spaces. The game core and the
bank loader (which rejects accepted spellings that collide) both use this one rule.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable


def normalize_answer(text: str) -> str:
    """Fold `text` to the form answers are compared in (idempotent)."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    without_marks = "".join(char for char in decomposed if not unicodedata.combining(char))
    # Casefolding again catches the few letters that only fold once their accent is gone.
    folded = unicodedata.normalize("NFKD", without_marks.casefold())
    folded = "".join(char for char in folded if not unicodedata.combining(char))
    return " ".join(folded.split())


def matches(given: str, accepted: Iterable[str]) -> bool:
    """Whether a typed answer equals one of the accepted spellings; blank never matches."""
    answer = normalize_answer(given)
    if not answer:
        return False
    return any(answer == normalize_answer(spelling) for spelling in accepted)
