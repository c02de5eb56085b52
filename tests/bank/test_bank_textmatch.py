"""Typed-answer matching: case, accents and spaces never matter."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from quizhost.bank.textmatch import matches, normalize_answer


@pytest.mark.parametrize(
    ("text", "normal"),
    [
        ("Canberra", "canberra"),
        ("  São   Paulo  ", "sao paulo"),
        ("ZÜRICH", "zurich"),
        ("Straße", "strasse"),
        ("Ｈ２Ｏ", "h2o"),  # full-width letters from phone keyboards
        ("a\u00a0b\tc", "a b c"),  # no-break space and tab
        ("", ""),
    ],
)
def test_normalize_answer(text: str, normal: str) -> None:
    """Casefold, accents dropped, spaces trimmed and collapsed."""
    assert normalize_answer(text) == normal


def test_matches_any_accepted_spelling() -> None:
    """One accepted spelling is enough; a wrong one is not."""
    assert matches(" canberra", ["Sydney", "Canberra"])
    assert matches("Mitochondrion", ["mitochondria", "mitochondrion"])
    assert not matches("Canbera", ["Canberra"])


def test_blank_never_matches() -> None:
    """An empty or blank answer never matches, even a blank accepted spelling."""
    assert not matches("   ", ["   ", ""])
    assert not matches("", [""])


@settings(max_examples=200)
@given(st.text())
def test_normalize_is_idempotent(text: str) -> None:
    """Normalising twice changes nothing."""
    once = normalize_answer(text)
    assert normalize_answer(once) == once


@settings(max_examples=200)
@given(st.text(alphabet="abcdeéèêëàçñøuüAÉÇ xyz\t", min_size=1))
def test_case_accents_and_spaces_do_not_matter(text: str) -> None:
    """Upper case, accents and extra spaces still match the original spelling."""
    if not normalize_answer(text):
        return
    assert matches(f"  {text.upper()}  ", [text])
    assert matches(text.replace(" ", "   "), [text])
