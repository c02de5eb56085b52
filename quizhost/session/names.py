"""Name policy on top of the core's nickname rules: a blocklist and friendly-name mode.

The core decides what a valid, unique name is (normalisation, length, case-insensitive
uniqueness). Which words a school does not want to see is configuration, so it is checked here,
before a join reaches the core, and never replayed: a changed blocklist cannot break a resume.
Friendly-name mode is Kahoot's answer to rude nicknames: the server names every player.
"""

from __future__ import annotations

import random
import re
from collections.abc import Awaitable, Callable, Iterable
from pathlib import Path

from quizhost.core import ErrorCode, Rejected
from quizhost.core.nicknames import name_key, normalize_name

ADJECTIVES = (
    "Brave",
    "Bright",
    "Calm",
    "Clever",
    "Cosmic",
    "Curious",
    "Daring",
    "Eager",
    "Fancy",
    "Gentle",
    "Golden",
    "Happy",
    "Jolly",
    "Kind",
    "Lively",
    "Lucky",
    "Mighty",
    "Nimble",
    "Polite",
    "Proud",
    "Quick",
    "Quiet",
    "Rapid",
    "Shiny",
    "Silly",
    "Sunny",
    "Swift",
    "Witty",
    "Zany",
    "Zesty",
)
ANIMALS = (
    "Badger",
    "Beaver",
    "Bison",
    "Camel",
    "Cobra",
    "Crane",
    "Dingo",
    "Dolphin",
    "Eagle",
    "Falcon",
    "Ferret",
    "Gecko",
    "Heron",
    "Koala",
    "Lemur",
    "Lynx",
    "Moose",
    "Narwhal",
    "Otter",
    "Panda",
    "Parrot",
    "Puffin",
    "Quokka",
    "Raven",
    "Salmon",
    "Tiger",
    "Toucan",
    "Walrus",
    "Wombat",
    "Yak",
)

# Digits and symbols people use to dodge a word filter, read as the letters they stand for.
_LOOKALIKES = str.maketrans(
    {
        "0": "o",
        "1": "i",
        "3": "e",
        "4": "a",
        "5": "s",
        "7": "t",
        "@": "a",
        "$": "s",
        "!": "i",
        "|": "l",
    }
)


def _squashed(text: str) -> str:
    """Case-folded, look-alikes read as letters, everything but letters removed."""
    folded = name_key(normalize_name(text)).translate(_LOOKALIKES)
    return re.sub(r"[\W\d_]+", "", folded)


class NamePolicy:
    """What the session checks (or does) about a nickname before the core sees it."""

    def __init__(self, blocked_words: Iterable[str] = (), *, friendly: bool = False) -> None:
        self.blocked = frozenset(w for w in (_squashed(word) for word in blocked_words) if w)
        self.friendly = friendly

    @classmethod
    def from_file(cls, path: Path | None, *, friendly: bool = False) -> NamePolicy:
        """One blocked word per line; blank lines and lines starting with # are skipped."""
        if path is None:
            return cls(friendly=friendly)
        lines = path.read_text(encoding="utf-8").splitlines()
        words = [line.strip() for line in lines if line.strip() and not line.startswith("#")]
        return cls(words, friendly=friendly)

    def check(self, name: str) -> None:
        """Rejected (name_invalid) when the name contains a blocked word."""
        if not self.blocked:  # the usual case: no list, nothing to squash a name for
            return
        squashed = _squashed(name)
        if any(word in squashed for word in self.blocked):
            raise Rejected(ErrorCode.NAME_INVALID, "that name is not allowed here: pick another")

    @staticmethod
    def friendly_name(rng: random.Random) -> str:
        """A two-word nickname such as 'Brave Otter' (the caller retries if it is taken)."""
        return f"{rng.choice(ADJECTIVES)} {rng.choice(ANIMALS)}"


async def join_with_a_friendly_name(
    policy: NamePolicy, rng: random.Random, join: Callable[[str], Awaitable[object]]
) -> None:
    """Friendly-name mode: the server names the player, retrying names already taken (live
    games and assignments alike); `join(name)` raises Rejected when the name is taken."""
    for attempt in range(100):
        name = policy.friendly_name(rng)
        if attempt >= 50:
            name = f"{name} {attempt}"  # the pairs are all taken: number them
        try:
            await join(name)
            return
        except Rejected as exc:
            if exc.code is not ErrorCode.NAME_TAKEN:
                raise
    raise Rejected(ErrorCode.GAME_FULL, "no free friendly name is left")
