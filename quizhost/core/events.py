"""Events: what happened, returned by `Game.handle`, for the session to tell the right people.

Small frozen values. Who hears what is the session's business; the comments say who it is for.
"""

from __future__ import annotations

from collections.abc import Mapping

from attrs import frozen

from quizhost.core.answers import Answer
from quizhost.core.questions import PublicQuestion


@frozen
class PlayerJoined:
    """A new player (host; lobby count). `name` is normalised; `team` in a team game."""

    player_id: str
    name: str
    team: str | None = None


@frozen
class PlayerRejoined:
    """A known player reconnected (send them the current state)."""

    player_id: str


@frozen
class PlayerLeft:
    """A player's connection closed; they stay in the game."""

    player_id: str


@frozen
class PlayerKicked:
    """A player is out for good (tell them, close their socket)."""

    player_id: str


@frozen
class AnswerWithdrawn:
    """An accepted answer was taken back because it could not be stored (host counts)."""

    player_id: str
    question: int


@frozen
class PlayerForgotten:
    """A join was taken back because it could not be stored (host; lobby count)."""

    player_id: str


@frozen
class LockChanged:
    """The lobby was locked or unlocked (host)."""

    locked: bool


@frozen
class RoundShown:
    """A round's title screen (everyone): round `index` of `total`, `size` questions."""

    index: int
    total: int
    title: str
    size: int


@frozen
class QuestionIntroduced:
    """A question is shown before answers open (everyone); schedule CloseDue at `opens_at_ms`."""

    question: PublicQuestion
    read_ms: int
    opens_at_ms: int


@frozen
class QuestionOpened:
    """A question opened (everyone); schedule CloseDue at `deadline_ms`."""

    question: PublicQuestion
    deadline_ms: int
    remaining_ms: int


@frozen
class AnswerAccepted:
    """An answer was taken (ack the player once stored; host counts).

    `points` is before the streak bonus; `correct` is None for polls.
    """

    player_id: str
    question: int
    answer: Answer
    elapsed_ms: int
    correct: bool | None
    points: int


@frozen
class PlayerResult:
    """One player's outcome of a question; `points` includes the streak bonus."""

    answered: bool
    correct: bool | None
    points: int
    score: int
    rank: int
    streak: int


@frozen
class TeamStanding:
    """A team's place: `gained` at the last question (the mean of its members present)."""

    name: str
    score: int
    rank: int
    gained: int
    members: int


@frozen
class QuestionClosed:
    """The reveal (everyone): the correct answer in display indices (None for polls)."""

    index: int
    correct: Answer | None
    explanation: str | None
    counts: tuple[int, ...] | None
    results: Mapping[str, PlayerResult]
    teams: tuple[TeamStanding, ...] = ()  # a team game: every team, best first
    math: bool = False  # the explanation may hold `$...$` formulas


@frozen
class LeaderboardEntry:
    """One ranked player; `gained` in the last question, `previous_rank` before it."""

    player_id: str
    name: str
    score: int
    rank: int
    gained: int
    previous_rank: int | None


@frozen
class LeaderboardShown:
    """The leaderboard after a reveal: all ranked players, best first (the server trims)."""

    entries: tuple[LeaderboardEntry, ...]
    teams: tuple[TeamStanding, ...] = ()  # a team game: every team, best first


@frozen
class PodiumShown:
    """The final standings: all ranked players, best first."""

    entries: tuple[LeaderboardEntry, ...]
    teams: tuple[TeamStanding, ...] = ()


@frozen
class Paused:
    """The clock of the open question stopped with `remaining_ms` left."""

    remaining_ms: int


@frozen
class Resumed:
    """The clock runs again; reschedule CloseDue at `deadline_ms`."""

    deadline_ms: int
    remaining_ms: int


@frozen
class TimeAdded:
    """The open question got more time; `deadline_ms` is None while paused."""

    deadline_ms: int | None
    remaining_ms: int


@frozen
class AutoplayChanged:
    """Autoplay was turned on (`ms` > 0) or off (host); `due_ms` is the next automatic move."""

    ms: int
    due_ms: int | None


@frozen
class GameEnded:
    """The game is over."""


Event = (
    PlayerJoined
    | AnswerWithdrawn
    | PlayerForgotten
    | PlayerRejoined
    | PlayerLeft
    | PlayerKicked
    | LockChanged
    | RoundShown
    | QuestionIntroduced
    | QuestionOpened
    | AnswerAccepted
    | QuestionClosed
    | LeaderboardShown
    | PodiumShown
    | Paused
    | Resumed
    | TimeAdded
    | AutoplayChanged
    | GameEnded
)
