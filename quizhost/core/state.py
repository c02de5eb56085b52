"""What a game holds and what it shows: the state `Game` changes, and every read of it.

`QuestionLifecycle` (lifecycle.py) adds how a question opens and closes, and `Game` (game.py)
the commands that change this state; the layers above read a game only through the public
names here (players, the open question, its clock, rankings).
"""

from __future__ import annotations

import random
from collections.abc import Mapping
from types import MappingProxyType

from quizhost.bank.models import Bank
from quizhost.core.clock import QuestionClock
from quizhost.core.events import LeaderboardEntry, QuestionClosed, RoundShown, TeamStanding
from quizhost.core.pacing import Pacing, autoplays
from quizhost.core.phases import QUESTION_OPEN, Phase
from quizhost.core.players import Player, Ranked
from quizhost.core.questions import PlayedQuestion, PublicQuestion, play_order
from quizhost.core.roster import Roster
from quizhost.core.settings import DEFAULT_MAX_PLAYERS, GameSettings
from quizhost.core.spread import AnswerSpread
from quizhost.core.tally import Tally
from quizhost.core.teams import Teams


class GameState:
    """A game's state and its public reads; `Game` is the one that changes it."""

    def __init__(
        self,
        bank: Bank,
        *,
        seed: int,
        max_players: int = DEFAULT_MAX_PLAYERS,
        settings: GameSettings | None = None,
    ) -> None:
        self._seed = seed
        self._questions: tuple[PlayedQuestion, ...] = play_order(bank, random.Random(seed))
        self.settings = settings or GameSettings()
        self._pacing = Pacing(bank.rounds, len(self._questions), self.settings.leaderboard_every)
        self.round_index: int | None = None  # the round being played (None: no rounds)
        self.max_players = max_players
        self._teams = Teams(self.settings.teams, auto=self.settings.teams_auto)
        self._roster = Roster(self._teams)
        self._players = self._roster.players  # the same dict, never rebound
        #: False while a journal is replayed: a name accepted under older rules stays accepted.
        self.check_names = True
        self.phase = Phase.LOBBY
        self.locked = False
        self._clock = 0
        self._current: int | None = None
        self._timer = QuestionClock()
        # Players given extra time (id -> percent), non-kicked, in the order they were marked.
        self._extra: dict[str, int] = {}
        # Whether the open question ever had a marked player: only then can the end of extra
        # time close it inside a command (a game without extra time replays as before).
        self._extra_in_play = False
        self._intro_ends_ms: int | None = None  # while in INTRO
        self._current_next = 0  # the question a round title screen leads to
        self.autoplay_ms = self.settings.autoplay_ms  # 0: off
        self._step_due_ms: int | None = None  # autoplay's next move in REVEAL / LEADERBOARD
        self._tally = Tally()
        # The tally's counts list itself, under the name the game's state has always shown.
        self._counts: list[int] | None = None
        self._gained: dict[str, int] = {}
        self._previous_rank: dict[str, int] = {}
        self._closed_rank: dict[str, int] = {}  # the ranking at the last close (none before)
        self.last_reveal: QuestionClosed | None = None
        self.last_spread: AnswerSpread | None = None  # typed answers or slider values, at close

    @property
    def players(self) -> Mapping[str, Player]:
        """Every player who ever joined, kicked ones included, in join order (read-only)."""
        return MappingProxyType(self._players)

    def use_bank(self, bank: Bank) -> None:
        """Play `bank` instead of the one the game was made with (a bank file edited while
        players wait). Only in the lobby, before any question; ordered with the same seed, so
        a game rebuilt from its stored bank (this one) plays the same order. Raises ValueError
        outside the lobby."""
        if self.phase is not Phase.LOBBY:
            raise ValueError("the bank of a game can only change in the lobby")
        self._questions = play_order(bank, random.Random(self._seed))
        self._pacing = Pacing(bank.rounds, len(self._questions), self.settings.leaderboard_every)

    @property
    def total_questions(self) -> int:
        return len(self._questions)

    @property
    def question_index(self) -> int | None:
        """The open or last opened question's index as played."""
        return self._current

    @property
    def question(self) -> PublicQuestion | None:
        """The open or last opened question as players see it."""
        return None if self._current is None else self._questions[self._current].public

    @property
    def due_ms(self) -> int | None:
        """When the session must send `CloseDue` next (None: nothing is timed now)."""
        if self.phase is Phase.INTRO:
            return self._intro_ends_ms
        if self._step_due_ms is not None:
            return self._step_due_ms
        return self.closes_at_ms

    def _autoplays(self) -> bool:
        return autoplays(self.autoplay_ms, self.phase)

    @property
    def round_title(self) -> str | None:
        """The title of the round being played (None: the bank has no rounds)."""
        return None if self.round_index is None else self._pacing.rounds[self.round_index].title

    @property
    def round_count(self) -> int:
        return len(self._pacing.rounds)

    def round_shown(self) -> RoundShown | None:
        """The round being played as its title screen tells it (None: no rounds)."""
        return None if self.round_index is None else self._pacing.shown(self.round_index)

    def leaderboard_due(self, index: int) -> bool:
        """Whether the leaderboard follows the reveal of question `index` (pacing.py)."""
        return self._pacing.leaderboard_due(index)

    def intro_remaining_ms(self, now_ms: int) -> int | None:
        """Time left before answers open, during a question intro; None otherwise."""
        if self.phase is not Phase.INTRO or self._intro_ends_ms is None:
            return None
        return max(0, self._intro_ends_ms - max(now_ms, self._clock))

    @property
    def deadline_ms(self) -> int | None:
        """The open question's deadline for a player without extra time (the class's); None
        while paused or when no question is open. It closes then, unless `closes_at_ms` is
        later because a player with extra time is still on it."""
        if self.phase is not Phase.QUESTION:
            return None
        return self._timer.deadline_ms

    # Extra time (an accommodation): each marked player has their own limit and deadline.

    @property
    def extra_time(self) -> Mapping[str, int]:
        """The players given extra time (id -> percent), kicked ones dropped (read-only)."""
        return MappingProxyType(self._extra)

    def player_limit_ms(self, player_id: str) -> int | None:
        """The open or last question's time limit as written, stretched by the player's extra
        time: their countdown's length and what their speed points are measured against."""
        if self._current is None:
            return None
        return self._questions[self._current].public.time_limit_ms + self.extra_ms_of(player_id)

    def extra_ms_of(self, player_id: str) -> int:
        """The player's extra time on the open or last question (0: none): their time left is
        the class's plus this while the class still has time."""
        if self._current is None:
            return 0
        written = self._questions[self._current].public.time_limit_ms
        return written * self._extra.get(player_id, 0) // 100

    def player_remaining_ms(self, player_id: str, now_ms: int) -> int | None:
        """Time the player has left on the open (or paused) question; None when none is open."""
        if self.phase not in QUESTION_OPEN:
            return None
        percent = self._extra.get(player_id, 0)
        return self._timer.remaining_with_ms(max(now_ms, self._clock), percent)

    def waiting_for_extra(self, now_ms: int) -> list[str]:
        """After the class's time is up, the players whose extra time keeps the question open
        (connected, not answered, time left), in the order they were marked."""
        if self.phase not in QUESTION_OPEN or self.remaining_ms(now_ms):
            return []
        return [pid for pid in self._holding() if self.player_remaining_ms(pid, now_ms)]

    @property
    def closes_at_ms(self) -> int | None:
        """When the open question closes: the latest deadline among connected players who have
        not answered (the class's deadline at the least); None while paused or none is open."""
        deadline = self.deadline_ms
        if deadline is None or not self._extra:
            return deadline
        return deadline + max(
            (self._timer.extra_ms(self._extra[p]) for p in self._holding()), default=0
        )

    def _holding(self) -> list[str]:
        """Marked players who can still hold the open question: connected, not answered."""
        players, answers = self._players, self._tally.answers
        return [p for p in self._extra if players[p].connected and p not in answers]

    def remaining_ms(self, now_ms: int) -> int | None:
        """Time left on the open (or paused) question, >= 0; None when none is open."""
        if self.phase not in QUESTION_OPEN:
            return None
        return self._timer.remaining_ms(max(now_ms, self._clock))

    @property
    def autoplay_due_ms(self) -> int | None:
        """When autoplay moves on from this reveal or leaderboard (None: it does not)."""
        return self._step_due_ms

    @property
    def connected_count(self) -> int:
        """Players connected now (kicked ones never are)."""
        return self._roster.connected

    @property
    def answered_count(self) -> int:
        """Answers (of non-kicked players) to the open or last question."""
        return len(self._tally.answers)

    @property
    def answer_counts(self) -> tuple[int, ...] | None:
        """Answers per display choice (choice kinds only) to the open or last question."""
        counts = self._tally.counts
        return None if counts is None else tuple(counts)

    def bank_index(self, index: int) -> int:
        """The position in the bank of the question played at `index`."""
        return self._questions[index].bank_index

    def has_answered(self, player_id: str) -> bool:
        """Whether the player answered the open or last question."""
        return player_id in self._tally.answers

    def ranking(self) -> list[Ranked]:
        """Non-kicked players, best first: score, then who got there first, then join order."""
        return self._roster.ranking()

    @property
    def active_count(self) -> int:
        """Players not kicked (connected or not): what the player cap counts."""
        return len(self._roster.order)

    def read_ms_of(self, index: int) -> int:
        """The intro of the question played at `index`: its own read time or the game's."""
        own = self._questions[index].read_ms
        return self.settings.read_ms if own is None else own

    def team_ranking(self) -> tuple[TeamStanding, ...]:
        """Every team, best first (teams.py); () when the game has no teams."""
        return self._teams.ranking()

    def _entries(self) -> tuple[LeaderboardEntry, ...]:
        return self._roster.entries(self._gained, self._previous_rank)
