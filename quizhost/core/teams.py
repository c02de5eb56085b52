"""A team game's standings: who plays in which team, and what each question gives a team.

`Game` tells the teams when a player joins or leaves a team, when answers open (the members
present then are the ones a question counts for) and when a question closes; the rules of a
team's points live here, apart from the state machine's flow.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from fractions import Fraction

from attrs import Factory, define, field

from quizhost.core.errors import ErrorCode, Rejected
from quizhost.core.events import TeamStanding
from quizhost.core.players import Player
from quizhost.core.scoring import round_half_up


@define
class Teams:
    """The teams of one game (none: every method is a no-op and the ranking is empty).
    Compared by value, as the tests compare a game's state before and after a command."""

    _names: tuple[str, ...]
    _auto: bool = field(kw_only=True)
    _size: dict[str, int] = field(  # members now (not kicked)
        init=False, default=Factory(lambda self: dict.fromkeys(self._names, 0), takes_self=True)
    )
    _present: dict[str, tuple[str, ...]] = field(init=False, factory=dict)  # when answers opened
    _score: dict[str, int] = field(
        init=False, default=Factory(lambda self: dict.fromkeys(self._names, 0), takes_self=True)
    )
    _gained: dict[str, int] = field(  # what the last question gave
        init=False, default=Factory(lambda self: dict.fromkeys(self._names, 0), takes_self=True)
    )

    def pick(self, picked: str | None) -> str | None:
        """The team a newcomer plays in: the one picked, else (or with teams_auto) the
        smallest, the first of equals. None when the game has no teams."""
        if not self._names:
            return None
        if picked is not None and not self._auto:
            if picked not in self._size:
                raise Rejected(ErrorCode.BAD_MESSAGE, f"there is no team {picked!r}")
            return picked
        return min(self._names, key=lambda team: self._size[team])

    def joined(self, team: str | None) -> None:
        if team is not None:
            self._size[team] += 1

    def left(self, team: str | None) -> None:
        """A member was kicked or forgotten."""
        if team is not None:
            self._size[team] -= 1

    def open(self, players: Iterable[Player]) -> None:
        """Answers open: the (non-kicked) `players` are the members this question counts."""
        self._present = {team: () for team in self._names}
        for player in players:
            if player.team is not None:
                self._present[player.team] += (player.id,)

    def settle(self, players: Mapping[str, Player], gained: Mapping[str, int]) -> None:
        """Each team gains the mean of the points of its members present when the question
        opened and not kicked since (a late joiner counts from the next question on); a
        team's total never goes below 0."""
        for team, members in self._present.items():
            still = [pid for pid in members if not players[pid].kicked]
            points = 0
            if still:
                total = sum(gained.get(pid, 0) for pid in still)
                points = round_half_up(Fraction(total, len(still)))
            self._gained[team] = points
            self._score[team] = max(0, self._score[team] + points)

    def ranking(self) -> tuple[TeamStanding, ...]:
        """Every team, best first (equal scores in the order the teams were named); () when
        the game has no teams."""
        teams = sorted(self._names, key=lambda team: -self._score[team])
        return tuple(
            TeamStanding(team, self._score[team], rank, self._gained[team], self._size[team])
            for rank, team in enumerate(teams, start=1)
        )
