"""Pacing: the rounds a game is played in, when the leaderboard shows, and autoplay.

Pure decisions about where the game goes after a reveal, kept apart from the state machine
that carries them out (`Game._advance` and `Game._next`).
"""

from __future__ import annotations

from attrs import define, field

from quizhost.bank.models import Round
from quizhost.core.events import RoundShown
from quizhost.core.phases import Phase

# Where autoplay moves the game on by itself (as the host's `Next` would).
AUTOPLAY_PHASES = (Phase.ROUND, Phase.REVEAL, Phase.LEADERBOARD)


def autoplays(autoplay_ms: int, phase: Phase) -> bool:
    """Autoplay is on and the game is where it moves on by itself."""
    return autoplay_ms > 0 and phase in AUTOPLAY_PHASES


@define
class Pacing:
    """The rounds of a bank over its played questions, and the leaderboard's pacing."""

    rounds: tuple[Round, ...]
    _total: int
    _every: int  # leaderboard_every
    # Rounds by the index of their first question; the indices that end one.
    _starts: dict[int, int] = field(init=False, factory=dict)
    _ends: set[int] = field(init=False, factory=set)

    def __attrs_post_init__(self) -> None:
        first = 0
        for number, part in enumerate(self.rounds):
            self._starts[first] = number
            first += part.size
            self._ends.add(first - 1)

    def round_starting_at(self, index: int) -> int | None:
        """The round whose first question is `index` (None: it starts none)."""
        return self._starts.get(index)

    def shown(self, number: int) -> RoundShown:
        """Round `number` as its title screen tells it."""
        part = self.rounds[number]
        return RoundShown(number, len(self.rounds), part.title, part.size)

    def leaderboard_due(self, index: int) -> bool:
        """Whether the leaderboard follows the reveal of question `index`: at a round's end,
        and every `leaderboard_every` questions (0: at the end of the game only)."""
        every = self._every
        last = index == self._total - 1
        paced = (every > 0 and (index + 1) % every == 0) or (every == 0 and last)
        return paced or index in self._ends
