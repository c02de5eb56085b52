"""The game state machine: commands stamped with the session's time in, events out.

Sans-I/O, like websockets' `Protocol` and h11's `Connection`: `Game` owns no socket, timer or
clock. The session calls `handle(command, now_ms)` and acts on the returned events; when a
question is open it schedules `CloseDue` at `deadline_ms` and reschedules after every call
(pause, resume and add-time move it). `handle` either applies the whole command or raises
`Rejected` and changes nothing.

Determinism: the only randomness is a `random.Random(seed)` used once, at construction, to
shuffle (see questions.py); every collection is iterated in insertion (join) or sorted order.
The same bank, seed and `(command, now_ms)` list give the same events and state, which is how
the session rebuilds a game after a crash. The clock never goes backwards: a `now_ms` earlier
than one already seen counts as that one.

Timed moves: whenever `due_ms` is not None the session sends `CloseDue` at that time, and
whatever is due by then happens (a question intro ends and answers open; a question whose
time is up closes; with autoplay on, a reveal or leaderboard shown long enough moves on as
`Next` would). Moves that depend on nobody's clock (auto-close when every connected
player answered) happen inside the command that caused them.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Mapping
from fractions import Fraction
from types import MappingProxyType
from typing import Any

from attrs import evolve

from quizhost.bank.models import Bank, Kind
from quizhost.core.answers import PollKey, Verdict
from quizhost.core.commands import (
    HOST_COMMANDS,
    AddTime,
    Autoplay,
    CloseDue,
    Command,
    DisconnectAll,
    End,
    Forget,
    Join,
    Kick,
    Leave,
    Lock,
    Next,
    Pause,
    Rejoin,
    Resume,
    Skip,
    Start,
    SubmitAnswer,
    UndoAnswer,
    Unlock,
    command_name,
)
from quizhost.core.errors import ErrorCode, Rejected
from quizhost.core.events import (
    AnswerAccepted,
    AnswerWithdrawn,
    AutoplayChanged,
    Event,
    GameEnded,
    LeaderboardEntry,
    LeaderboardShown,
    LockChanged,
    Paused,
    PlayerForgotten,
    PlayerJoined,
    PlayerKicked,
    PlayerLeft,
    PlayerRejoined,
    PlayerResult,
    PodiumShown,
    QuestionClosed,
    QuestionIntroduced,
    QuestionOpened,
    Resumed,
    RoundShown,
    TeamStanding,
    TimeAdded,
)
from quizhost.core.nicknames import name_key, name_problem, normalize_name
from quizhost.core.phases import ALLOWED, JOIN_CLOSED, QUESTION_OPEN, Phase
from quizhost.core.players import AnswerRecord, Player, Ranked, rank_key, settle
from quizhost.core.questions import PlayedQuestion, PublicQuestion, play_order
from quizhost.core.scoring import accuracy_points, answer_points, round_half_up
from quizhost.core.settings import (
    DEFAULT_MAX_PLAYERS,
    MAX_ADD_TIME_MS,
    GameSettings,
    check_autoplay_ms,
)
from quizhost.core.spread import AnswerSpread, answer_spread


def question_points(played: PlayedQuestion, elapsed: int, limit: int, verdict: Verdict) -> int:
    """An answer's points before the streak bonus: by speed or accuracy, and the author's
    negative marking for an answer that earns nothing (scoring.py)."""
    if played.accuracy:
        points = accuracy_points(played.base, verdict.fraction)
    else:
        points = answer_points(played.base, elapsed, limit, verdict.fraction)
    if points == 0 and verdict.correct is False:
        points = played.wrong_points
    return points


class Game:
    """One game of one bank. See the module docstring for the contract."""

    def __init__(
        self,
        bank: Bank,
        *,
        seed: int,
        max_players: int = DEFAULT_MAX_PLAYERS,
        settings: GameSettings | None = None,
    ) -> None:
        self._questions: tuple[PlayedQuestion, ...] = play_order(bank, random.Random(seed))
        # Rounds by the index of their first question; the indices that end one.
        self._round_starts: dict[int, int] = {}
        self._round_ends: set[int] = set()
        self._rounds = bank.rounds
        first = 0
        for number, part in enumerate(bank.rounds):
            self._round_starts[first] = number
            first += part.size
            self._round_ends.add(first - 1)
        self.round_index: int | None = None  # the round being played (None: no rounds)
        self.settings = settings or GameSettings()
        self.max_players = max_players
        # Teams (a team game): members now, members present when the open question opened,
        # scores, and what the last question gave each.
        self._team_size: dict[str, int] = dict.fromkeys(self.settings.teams, 0)
        self._present: dict[str, tuple[str, ...]] = {}
        self._team_score: dict[str, int] = dict.fromkeys(self.settings.teams, 0)
        self._team_gained: dict[str, int] = dict.fromkeys(self.settings.teams, 0)
        #: False while a journal is replayed: a name accepted under older rules stays accepted.
        self.check_names = True
        self.phase = Phase.LOBBY
        self.locked = False
        self._players: dict[str, Player] = {}
        self._joins = 0  # join_seq of the next player (Forget leaves a gap, never a repeat)
        self._names: dict[str, str] = {}  # name key -> player id; kicked names stay taken
        self._order: list[str] = []  # non-kicked ids, best first (sorted once per close)
        self._clock = 0
        self._current: int | None = None
        self._opened_ms = 0
        self._limit_ms = 0  # time limit plus added time
        self._paused_total_ms = 0
        self._paused_at_ms: int | None = None
        self._intro_ends_ms: int | None = None  # while in INTRO
        self._current_next = 0  # the question a round title screen leads to
        self.autoplay_ms = self.settings.autoplay_ms  # 0: off
        self._step_due_ms: int | None = None  # autoplay's next move in REVEAL / LEADERBOARD
        self._answers: dict[str, AnswerRecord] = {}
        self._connected = 0  # connected, non-kicked players
        self._connected_answered = 0  # of them, those who answered the open question
        self._counts: list[int] | None = None
        self._gained: dict[str, int] = {}
        self._previous_rank: dict[str, int] = {}
        self._closed_rank: dict[str, int] = {}  # the ranking at the last close (none before)
        self.last_reveal: QuestionClosed | None = None
        self.last_spread: AnswerSpread | None = None  # typed answers or slider values, at close
        self._handlers: dict[type[Any], Callable[[Any, int], list[Event]]] = {
            Join: self._join,
            Rejoin: self._rejoin,
            Leave: self._leave,
            SubmitAnswer: self._submit,
            UndoAnswer: self._undo_answer,
            Forget: self._forget,
            Start: self._start,
            Next: self._next,
            Skip: self._skip,
            CloseDue: self._close_due,
            Autoplay: self._autoplay,
            DisconnectAll: self._disconnect_all,
            Pause: self._pause,
            Resume: self._resume,
            AddTime: self._add_time,
            Kick: self._kick,
            Lock: self._lock,
            Unlock: self._unlock,
            End: self._end,
        }

    # Public methods for handling commands.

    def handle(self, command: Command, now_ms: int) -> list[Event]:
        """Apply `command` at `now_ms`; return what happened, or raise Rejected (no change)."""
        now = max(now_ms, self._clock)
        kind = type(command)
        if kind in HOST_COMMANDS and kind not in ALLOWED[self.phase]:
            raise Rejected(
                ErrorCode.BAD_STATE, f"{command_name(kind)} is not allowed in phase {self.phase}"
            )
        before = self.phase
        events = self._handlers[kind](command, now)
        if self.phase is not before:
            self._step_due_ms = now + self.autoplay_ms if self._autoplays() else None
        self._clock = now
        return events

    # Public state.

    @property
    def players(self) -> Mapping[str, Player]:
        """Every player who ever joined, kicked ones included, in join order (read-only)."""
        return MappingProxyType(self._players)

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
        return self.deadline_ms

    def _autoplays(self) -> bool:
        """Autoplay is on and the game is where it moves on by itself."""
        return self.autoplay_ms > 0 and self.phase in (Phase.ROUND, Phase.REVEAL, Phase.LEADERBOARD)

    @property
    def round_title(self) -> str | None:
        """The title of the round being played (None: the bank has no rounds)."""
        return None if self.round_index is None else self._rounds[self.round_index].title

    @property
    def round_count(self) -> int:
        return len(self._rounds)

    def round_shown(self) -> RoundShown | None:
        """The round being played as its title screen tells it (None: no rounds)."""
        if self.round_index is None:
            return None
        part = self._rounds[self.round_index]
        return RoundShown(self.round_index, len(self._rounds), part.title, part.size)

    def leaderboard_due(self, index: int) -> bool:
        """Whether the leaderboard follows the reveal of question `index`: at a round's end,
        and every `leaderboard_every` questions (0: at the end of the game only)."""
        every = self.settings.leaderboard_every
        last = index == len(self._questions) - 1
        paced = (every > 0 and (index + 1) % every == 0) or (every == 0 and last)
        return paced or index in self._round_ends

    def intro_remaining_ms(self, now_ms: int) -> int | None:
        """Time left before answers open, during a question intro; None otherwise."""
        if self.phase is not Phase.INTRO or self._intro_ends_ms is None:
            return None
        return max(0, self._intro_ends_ms - max(now_ms, self._clock))

    @property
    def deadline_ms(self) -> int | None:
        """When the open question closes; None while paused or when no question is open."""
        if self.phase is not Phase.QUESTION:
            return None
        return self._opened_ms + self._paused_total_ms + self._limit_ms

    def remaining_ms(self, now_ms: int) -> int | None:
        """Time left on the open (or paused) question, >= 0; None when none is open."""
        if self.phase not in QUESTION_OPEN:
            return None
        return max(0, self._limit_ms - self._running_ms(max(now_ms, self._clock)))

    @property
    def autoplay_due_ms(self) -> int | None:
        """When autoplay moves on from this reveal or leaderboard (None: it does not)."""
        return self._step_due_ms

    @property
    def connected_count(self) -> int:
        """Players connected now (kicked ones never are)."""
        return self._connected

    @property
    def answered_count(self) -> int:
        """Answers (of non-kicked players) to the open or last question."""
        return len(self._answers)

    @property
    def answer_counts(self) -> tuple[int, ...] | None:
        """Answers per display choice (choice kinds only) to the open or last question."""
        return None if self._counts is None else tuple(self._counts)

    def bank_index(self, index: int) -> int:
        """The position in the bank of the question played at `index`."""
        return self._questions[index].bank_index

    def has_answered(self, player_id: str) -> bool:
        """Whether the player answered the open or last question."""
        return player_id in self._answers

    def ranking(self) -> list[Ranked]:
        """Non-kicked players, best first: score, then who got there first, then join order."""
        return [
            Ranked(pid, self._players[pid].name, self._players[pid].score, rank)
            for rank, pid in enumerate(self._order, start=1)
        ]

    @property
    def active_count(self) -> int:
        """Players not kicked (connected or not): what the player cap counts."""
        return len(self._order)

    # Players.

    def _join(self, command: Join, now: int) -> list[Event]:
        if command.player_id in self._players:
            raise Rejected(ErrorCode.BAD_STATE, "this player id is already in the game")
        if self.phase in JOIN_CLOSED:
            raise Rejected(ErrorCode.GAME_LOCKED, "the game is over")
        if self.locked:
            raise Rejected(ErrorCode.GAME_LOCKED, "the host locked the game")
        if len(self._order) >= self.max_players:
            raise Rejected(ErrorCode.GAME_FULL, f"the game is full ({self.max_players} players)")
        name = normalize_name(command.name)
        problem = name_problem(name)
        if problem is not None and self.check_names:
            raise Rejected(ErrorCode.NAME_INVALID, problem)
        key = name_key(name)
        if key in self._names and self.check_names:
            raise Rejected(ErrorCode.NAME_TAKEN, f"the name {name!r} is taken")
        team = self._team_for(command.team)
        self._players[command.player_id] = Player(
            command.player_id, name, joined_at_ms=now, join_seq=self._joins, team=team
        )
        if team is not None:
            self._team_size[team] += 1
        self._names[key] = command.player_id
        self._joins += 1
        self._connected += 1
        # A newcomer has 0 points since the dawn of time and joined last: last in the ranking.
        self._order.append(command.player_id)
        return [PlayerJoined(command.player_id, name, team)]

    def _team_for(self, picked: str | None) -> str | None:
        """The team a newcomer plays in: the one picked, else (or with teams_auto) the
        smallest, the first of equals. None when the game has no teams."""
        teams = self.settings.teams
        if not teams:
            return None
        if picked is not None and not self.settings.teams_auto:
            if picked not in self._team_size:
                raise Rejected(ErrorCode.BAD_MESSAGE, f"there is no team {picked!r}")
            return picked
        return min(teams, key=lambda team: self._team_size[team])

    def _rejoin(self, command: Rejoin, now: int) -> list[Event]:
        player = self._players.get(command.player_id)
        if player is None or player.kicked:
            raise Rejected(ErrorCode.BAD_TOKEN, "this player is not in the game")
        self._set_connected(player, True)
        return [PlayerRejoined(player.id)]

    def _leave(self, command: Leave, now: int) -> list[Event]:
        player = self._players.get(command.player_id)
        if player is None or player.kicked:
            raise Rejected(ErrorCode.NOT_JOINED, "this player is not in the game")
        if not player.connected:
            return []
        self._set_connected(player, False)
        return [PlayerLeft(player.id), *self._auto_close(now)]

    def _disconnect_all(self, command: DisconnectAll, now: int) -> list[Event]:
        events: list[Event] = []
        for player in list(self._players.values()):
            if player.connected:
                self._set_connected(player, False)
                events.append(PlayerLeft(player.id))
        return events  # nobody is connected: auto-close waits for someone to come back

    def _set_connected(self, player: Player, connected: bool) -> None:
        """Mark a non-kicked player (dis)connected, keeping the auto-close counts true."""
        if player.connected is connected:
            return
        self._players[player.id] = evolve(player, connected=connected)
        step = 1 if connected else -1
        self._connected += step
        if player.id in self._answers:
            self._connected_answered += step

    def _submit(self, command: SubmitAnswer, now: int) -> list[Event]:
        player = self._players.get(command.player_id)
        if player is None or player.kicked:
            raise Rejected(ErrorCode.NOT_JOINED, "join the game first")
        is_open = self.phase in QUESTION_OPEN
        current = -1 if self._current is None else self._current
        if self.phase is Phase.INTRO and command.question == current:
            raise Rejected(ErrorCode.NO_QUESTION, f"question {current} is not open yet")
        if command.question != current or not is_open:
            if command.question < current or (command.question == current and not is_open):
                raise Rejected(ErrorCode.TOO_LATE, f"question {command.question} is closed")
            raise Rejected(ErrorCode.NO_QUESTION, f"question {command.question} is not open")
        if self.remaining_ms(now) == 0:
            raise Rejected(ErrorCode.TOO_LATE, "time is up")
        if player.id in self._answers:
            raise Rejected(ErrorCode.ALREADY_ANSWERED, "you already answered this question")
        played = self._questions[current]
        problem = played.key.problem(command.answer)
        if problem is not None:
            raise Rejected(ErrorCode.BAD_ANSWER, problem)
        limit = played.public.time_limit_ms
        elapsed = min(max(self._running_ms(now), 0), limit)
        verdict = played.key.judge(command.answer)
        points = question_points(played, elapsed, limit, verdict)
        self._answers[player.id] = AnswerRecord(
            command.answer, elapsed, verdict.correct, points, now
        )
        if self._counts is not None:
            for choice in played.key.counted(command.answer):
                self._counts[choice] += 1
        if player.connected:
            self._connected_answered += 1
        return [
            AnswerAccepted(player.id, current, command.answer, elapsed, verdict.correct, points),
            *self._auto_close(now),
        ]

    def _undo_answer(self, command: UndoAnswer, now: int) -> list[Event]:
        if command.question != self._current or self.phase not in QUESTION_OPEN:
            raise Rejected(ErrorCode.BAD_STATE, "the question has closed: its answers stand")
        record = self._answers.get(command.player_id)
        if record is None:
            raise Rejected(ErrorCode.BAD_STATE, "no answer of this player to take back")
        self._drop_answer(command.player_id)
        return [AnswerWithdrawn(command.player_id, command.question)]

    def _forget(self, command: Forget, now: int) -> list[Event]:
        player = self._players.get(command.player_id)
        if player is None or player.kicked or player.id in self._answers:
            raise Rejected(ErrorCode.BAD_STATE, "only a player who has done nothing is forgotten")
        self._set_connected(player, False)
        if player.team is not None:
            self._team_size[player.team] -= 1
        del self._players[player.id]
        del self._names[name_key(player.name)]
        self._order.remove(player.id)
        return [PlayerForgotten(player.id)]

    # Host: the flow of questions.

    def _start(self, command: Start, now: int) -> list[Event]:
        if not self._questions:
            raise Rejected(ErrorCode.BAD_STATE, "the bank has no questions")
        return self._advance(0, now)

    def _advance(self, index: int, now: int) -> list[Event]:
        """Go on to question `index`: its round's title first if it starts one; the podium
        after the last question."""
        if index >= len(self._questions):
            self.phase = Phase.PODIUM
            return [PodiumShown(self._entries(), self.team_ranking())]
        number = self._round_starts.get(index)
        if number is not None and self.phase is not Phase.ROUND:
            self.round_index = number
            self._current_next = index
            self.phase = Phase.ROUND
            shown = self.round_shown()
            assert shown is not None
            return [shown]
        return [self._introduce(index, now)]

    def _next(self, command: Next, now: int) -> list[Event]:
        if self.phase is Phase.INTRO:  # the host opens answers before the read time is over
            assert self._current is not None
            return [self._open(self._current, now)]
        if self.phase is Phase.ROUND:
            return self._advance(self._current_next, now)
        if self.phase is Phase.REVEAL:
            assert self._current is not None
            if self.leaderboard_due(self._current):
                self.phase = Phase.LEADERBOARD
                return [LeaderboardShown(self._entries(), self.team_ranking())]
            return self._advance(self._current + 1, now)
        if self.phase is Phase.LEADERBOARD:
            assert self._current is not None
            return self._advance(self._current + 1, now)
        self.phase = Phase.ENDED  # from the podium
        return [GameEnded()]

    def _skip(self, command: Skip, now: int) -> list[Event]:
        return [self._close(now)]

    def _close_due(self, command: CloseDue, now: int) -> list[Event]:
        if self.phase is Phase.INTRO and self.intro_remaining_ms(now) == 0:
            assert self._current is not None
            return [self._open(self._current, now)]
        if self.phase is Phase.QUESTION and self.remaining_ms(now) == 0:
            return [self._close(now)]
        if self._step_due_ms is not None and now >= self._step_due_ms:
            return self._next(Next(), now)  # autoplay: the host's next, by the clock
        return []

    def _autoplay(self, command: Autoplay, now: int) -> list[Event]:
        try:
            ms = check_autoplay_ms(command.ms)
        except ValueError as exc:
            raise Rejected(ErrorCode.BAD_MESSAGE, str(exc)) from None
        if ms == self.autoplay_ms:
            return []
        self.autoplay_ms = ms
        self._step_due_ms = now + ms if self._autoplays() else None
        return [AutoplayChanged(ms, self._step_due_ms)]

    def _end(self, command: End, now: int) -> list[Event]:
        events: list[Event] = []
        if self.phase in QUESTION_OPEN:
            events.append(self._close(now))  # answers already given still count
        self.phase = Phase.ENDED
        events.append(GameEnded())
        return events

    # Host: the clock.

    def _pause(self, command: Pause, now: int) -> list[Event]:
        remaining = self.remaining_ms(now)
        if not remaining:
            raise Rejected(ErrorCode.BAD_STATE, "time is up: the question is closing")
        self._paused_at_ms = now
        self.phase = Phase.PAUSED
        return [Paused(remaining)]

    def _resume(self, command: Resume, now: int) -> list[Event]:
        assert self._paused_at_ms is not None
        self._paused_total_ms += now - self._paused_at_ms
        self._paused_at_ms = None
        self.phase = Phase.QUESTION
        deadline, remaining = self.deadline_ms, self.remaining_ms(now)
        assert deadline is not None and remaining is not None
        return [Resumed(deadline, remaining), *self._auto_close(now)]

    def _add_time(self, command: AddTime, now: int) -> list[Event]:
        if type(command.ms) is not int or not 1 <= command.ms <= MAX_ADD_TIME_MS:
            raise Rejected(ErrorCode.BAD_MESSAGE, f"ms must be 1..{MAX_ADD_TIME_MS}")
        if not self.remaining_ms(now):
            raise Rejected(ErrorCode.BAD_STATE, "time is up: the question is closing")
        self._limit_ms += command.ms
        remaining = self.remaining_ms(now)
        assert remaining is not None
        return [TimeAdded(self.deadline_ms, remaining)]

    # Host: players and the lobby.

    def _kick(self, command: Kick, now: int) -> list[Event]:
        player = self._players.get(command.player_id)
        if player is None or player.kicked:
            raise Rejected(ErrorCode.BAD_STATE, "no such player in the game")
        if player.id in self._answers:
            self._drop_answer(player.id)
        self._set_connected(player, False)
        self._players[player.id] = evolve(self._players[player.id], kicked=True)
        self._order.remove(player.id)
        if player.team is not None:
            self._team_size[player.team] -= 1
        return [PlayerKicked(player.id), *self._auto_close(now)]

    def _lock(self, command: Lock, now: int) -> list[Event]:
        return self._set_locked(True)

    def _unlock(self, command: Unlock, now: int) -> list[Event]:
        return self._set_locked(False)

    def _set_locked(self, locked: bool) -> list[Event]:
        if self.locked is locked:
            return []
        self.locked = locked
        return [LockChanged(locked)]

    # Internals.

    def _running_ms(self, now: int) -> int:
        """How long the current question has run, pauses excluded (may exceed the limit)."""
        until = now if self._paused_at_ms is None else self._paused_at_ms
        return until - self._opened_ms - self._paused_total_ms

    def _drop_answer(self, player_id: str) -> None:
        """Forget a player's answer to the open question, and what it counted for."""
        record = self._answers.pop(player_id)
        if self._players[player_id].connected:
            self._connected_answered -= 1
        if self._counts is not None:
            assert self._current is not None
            for choice in self._questions[self._current].key.counted(record.answer):
                self._counts[choice] -= 1

    def _auto_close(self, now: int) -> list[Event]:
        """Close the open question if auto-close is on and every connected player answered.

        Nobody connected closes nothing (a restarted server waits for the phones); a paused
        question stays paused (the host paused it on purpose).
        """
        if (
            self.settings.auto_close
            and self.phase is Phase.QUESTION
            and self._connected > 0
            and self._connected_answered == self._connected
        ):
            return [self._close(now)]
        return []

    def read_ms_of(self, index: int) -> int:
        """The intro of the question played at `index`: its own read time or the game's."""
        own = self._questions[index].read_ms
        return self.settings.read_ms if own is None else own

    def _introduce(self, index: int, now: int) -> QuestionIntroduced | QuestionOpened:
        """Show question `index`: its intro if it has a read time, else open it at once."""
        read_ms = self.read_ms_of(index)
        if read_ms <= 0:
            return self._open(index, now)
        self._current = index
        self._intro_ends_ms = now + read_ms
        self._answers = {}
        self._connected_answered = 0
        self._counts = None
        self.phase = Phase.INTRO
        return QuestionIntroduced(self._questions[index].public, read_ms, now + read_ms)

    def _open(self, index: int, now: int) -> QuestionOpened:
        played = self._questions[index]
        self._intro_ends_ms = None
        self._current = index
        self._opened_ms = now
        self._limit_ms = played.public.time_limit_ms
        self._paused_total_ms = 0
        self._paused_at_ms = None
        self._answers = {}
        self._connected_answered = 0
        self._present = {team: () for team in self.settings.teams}
        for pid in self._order:  # non-kicked players, present as answers open
            team = self._players[pid].team
            if team is not None:
                self._present[team] += (pid,)
        count = played.choice_count
        self._counts = None if count is None else [0] * count
        self.phase = Phase.QUESTION
        return QuestionOpened(played.public, now + self._limit_ms, self._limit_ms)

    def _close(self, now: int) -> QuestionClosed:
        assert self._current is not None
        played = self._questions[self._current]
        keeps_streak = played.base == 0 or isinstance(played.key, PollKey)
        # Moves are measured against the last ranking shown; before question 1 there is none
        # (join order is no ranking), and a player who joined since has no previous rank.
        self._previous_rank = self._closed_rank
        self._gained = {}
        for pid in self._order:
            self._players[pid], self._gained[pid] = settle(
                self._players[pid], self._answers.get(pid), self._current, keeps_streak
            )
        self._order.sort(key=lambda pid: rank_key(self._players[pid]))
        self._closed_rank = {pid: rank for rank, pid in enumerate(self._order, start=1)}
        results: dict[str, PlayerResult] = {}
        for rank, pid in enumerate(self._order, start=1):
            player = self._players[pid]
            record = self._answers.get(pid)
            correct = None if played.public.kind is Kind.POLL else bool(record and record.correct)
            results[pid] = PlayerResult(
                record is not None, correct, self._gained[pid], player.score, rank, player.streak
            )
        self._settle_teams()
        self.phase = Phase.REVEAL
        self._paused_at_ms = None
        self.last_spread = answer_spread(
            played.key, (record.answer for record in self._answers.values()), played.public.step
        )
        self.last_reveal = QuestionClosed(
            self._current,
            played.key.reveal(),
            played.explanation,
            self.answer_counts,
            results,
            self.team_ranking(),
        )
        return self.last_reveal

    def _settle_teams(self) -> None:
        """Each team gains the mean of the points of its members present when the question
        opened and not kicked since (a late joiner counts from the next question on); a
        team's total never goes below 0."""
        for team, members in self._present.items():
            still = [pid for pid in members if not self._players[pid].kicked]
            gained = 0
            if still:
                total = sum(self._gained.get(pid, 0) for pid in still)
                gained = round_half_up(Fraction(total, len(still)))
            self._team_gained[team] = gained
            self._team_score[team] = max(0, self._team_score[team] + gained)

    def team_ranking(self) -> tuple[TeamStanding, ...]:
        """Every team, best first (equal scores in the order the teams were named); () when
        the game has no teams."""
        teams = sorted(self.settings.teams, key=lambda team: -self._team_score[team])
        return tuple(
            TeamStanding(
                team,
                self._team_score[team],
                rank,
                self._team_gained[team],
                self._team_size[team],
            )
            for rank, team in enumerate(teams, start=1)
        )

    def _entries(self) -> tuple[LeaderboardEntry, ...]:
        return tuple(
            LeaderboardEntry(
                pid,
                self._players[pid].name,
                self._players[pid].score,
                rank,
                self._gained.get(pid, 0),
                self._previous_rank.get(pid),
            )
            for rank, pid in enumerate(self._order, start=1)
        )
