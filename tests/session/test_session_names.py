"""The name policy: a blocklist that sees through look-alikes, and friendly names."""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import pytest

from quizhost.bank.models import Bank, ChoiceQuestion
from quizhost.core import ErrorCode, Game, Join, Rejected
from quizhost.session.journal import replay
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


def test_a_journal_replays_names_accepted_under_older_rules() -> None:
    """Names an earlier build accepted (an invisible one, a Cyrillic look-alike of another)
    replay as they were: a stored game must come back whatever the rules are today. Joins
    after the replay meet today's rules again."""
    bank = Bank(
        title="T", questions=(ChoiceQuestion(text="Q", choices=("A", "B"), correct=frozenset({0})),)
    )
    game = Game(bank, seed=1)
    records: list[tuple[int, str, dict[str, Any]]] = [
        (1, "Join", {"player_id": "p1", "name": "Ada"}),
        (2, "Join", {"player_id": "p2", "name": "\u0410da"}),
        (3, "Join", {"player_id": "p3", "name": "\u3164\u3164\u3164"}),
        (4, "Start", {}),
    ]
    assert len(list(replay(game, records))) == 4
    assert set(game.players) == {"p1", "p2", "p3"}
    with pytest.raises(Rejected) as caught:
        game.handle(Join("p4", "\uff21\uff24\uff21"), 5)
    assert caught.value.code is ErrorCode.NAME_TAKEN
