"""The name policy: a blocklist that sees through look-alikes, and friendly names."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from quizhost.core import ErrorCode, Rejected
from quizhost.session.names import ADJECTIVES, ANIMALS, NamePolicy

POLICY = NamePolicy(["poop", "Dumb"])


@pytest.mark.parametrize(
    "name", ["poop", "POOP", "p00p", "Big Poop", "p.o.o.p", "ｐｏｏｐ", "du\u200bmb", "DUMB123"]
)
def test_blocked_words_are_found_in_disguise(name: str) -> None:
    """Case, digits for letters, punctuation, full-width and zero-width do not hide a word."""
    with pytest.raises(Rejected) as caught:
        POLICY.check(name)
    assert caught.value.code is ErrorCode.NAME_INVALID


@pytest.mark.parametrize("name", ["Ada", "Poppy", "Numb", "[bold]x", "<img>"])
def test_other_names_pass(name: str) -> None:
    """Names without a blocked word are left to the core's rules."""
    POLICY.check(name)


def test_blocklist_file_skips_comments_and_blank_lines(tmp_path: Path) -> None:
    """One word per line; '#' comments and blank lines are ignored."""
    path = tmp_path / "blocked.txt"
    path.write_text("# words we do not want\n\nbanana\n  kiwi  \n", encoding="utf-8")
    policy = NamePolicy.from_file(path)
    assert policy.blocked == {"banana", "kiwi"}
    assert NamePolicy.from_file(None).blocked == frozenset()


def test_friendly_names_are_two_words_from_the_lists() -> None:
    """'Adjective Animal', seeded for reproducibility."""
    first, second = NamePolicy.friendly_name(random.Random(1)).split()
    assert first in ADJECTIVES and second in ANIMALS
    assert len(f"{max(ADJECTIVES, key=len)} {max(ANIMALS, key=len)}") <= 20
