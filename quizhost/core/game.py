"""The game state machine: commands stamped with the session's time in, events out.

Sans-I/O, like websockets' `Protocol` and h11's `Connection`: `Game` owns no socket, timer or
clock. The session calls `handle(command, now_ms)` and acts on the returned events; when a
question is open it schedules `CloseDue` at `deadline_ms` and reschedules after every call
(pause, resume and add-time move it). `handle` either applies the whole command or raises
`Rejected` and changes nothing. What opening and closing a question does, whichever command
caused it, is in lifecycle.py.

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

from collections.abc import Callable
from typing import Any

from attrs import evolve

from quizhost.bank.models import Bank
from quizhost.core.commands import (
    HOST_COMMANDS,
    AddTime,
    Autoplay,
    CloseDue,
    Command,
    DisconnectAll,
    End,
    ExtraTime,
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
    ExtraTimeSet,
    GameEnded,
    LeaderboardShown,
    LockChanged,
    Paused,
    PlayerForgotten,
    PlayerJoined,
    PlayerKicked,
    PlayerLeft,
    PlayerRejoined,
    PodiumShown,
    Resumed,
    TimeAdded,
)
from quizhost.core.lifecycle import QuestionLifecycle
from quizhost.core.phases import ALLOWED, JOIN_CLOSED, QUESTION_OPEN, Phase
from quizhost.core.players import AnswerRecord, Player
from quizhost.core.settings import (
    DEFAULT_MAX_PLAYERS,
    MAX_ADD_TIME_MS,
    GameSettings,
    check_autoplay_ms,
    check_extra_percent,
)
from quizhost.core.tally import question_points


class Game(QuestionLifecycle):
    """One game of one bank. See the module docstring for the contract."""

    def __init__(
        self,
        bank: Bank,
        *,
        seed: int,
        max_players: int = DEFAULT_MAX_PLAYERS,
        settings: GameSettings | None = None,
    ) -> None:
        super().__init__(bank, seed=seed, max_players=max_players, settings=settings)
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
            ExtraTime: self._extra_time,
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

    # Players.

    def _join(self, command: Join, now: int) -> list[Event]:
        if command.player_id in self._players:
            raise Rejected(ErrorCode.BAD_STATE, "this player id is already in the game")
        self._roster.check_device(command.device)  # whatever the name, the phase, the lock
        if self.phase in JOIN_CLOSED:
            raise Rejected(ErrorCode.GAME_LOCKED, "the game is over")
        if self.locked:
            raise Rejected(ErrorCode.GAME_LOCKED, "the host locked the game")
        if len(self._roster.order) >= self.max_players:
            raise Rejected(ErrorCode.GAME_FULL, f"the game is full ({self.max_players} players)")
        player = self._roster.add(
            command.player_id,
            command.name,
            command.team,
            now,
            check_names=self.check_names,
            device=command.device,
        )
        return [PlayerJoined(player.id, player.name, player.team)]

    def _rejoin(self, command: Rejoin, now: int) -> list[Event]:
        self._roster.check_device(command.device)  # before the token: a kicked phone is told so
        player = self._roster.in_game(command.player_id)
        if player is None:
            raise Rejected(ErrorCode.BAD_TOKEN, "this player is not in the game")
        self._roster.seen(player.id, command.device)
        self._set_connected(player, True)
        return [PlayerRejoined(player.id)]

    def _leave(self, command: Leave, now: int) -> list[Event]:
        player = self._roster.in_game(command.player_id)
        if player is None:
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
        if self._roster.set_connected(player, connected):
            self._tally.reconnected(player.id, connected)

    def _submit(self, command: SubmitAnswer, now: int) -> list[Event]:
        player = self._roster.in_game(command.player_id)
        if player is None:
            raise Rejected(ErrorCode.NOT_JOINED, "join the game first")
        is_open = self.phase in QUESTION_OPEN
        current = -1 if self._current is None else self._current
        if self.phase is Phase.INTRO and command.question == current:
            raise Rejected(ErrorCode.NO_QUESTION, f"question {current} is not open yet")
        if command.question != current or not is_open:
            if command.question < current or (command.question == current and not is_open):
                raise Rejected(ErrorCode.TOO_LATE, f"question {command.question} is closed")
            raise Rejected(ErrorCode.NO_QUESTION, f"question {command.question} is not open")
        if self.player_remaining_ms(player.id, now) == 0:
            raise Rejected(ErrorCode.TOO_LATE, "time is up")
        if player.id in self._tally.answers:
            raise Rejected(ErrorCode.ALREADY_ANSWERED, "you already answered this question")
        played = self._questions[current]
        problem = played.key.problem(command.answer)
        if problem is not None:
            raise Rejected(ErrorCode.BAD_ANSWER, problem)
        limit = self.player_limit_ms(player.id)  # extra time stretches the speed scale too
        assert limit is not None
        elapsed = min(max(self._timer.running_ms(now), 0), limit)
        verdict = played.key.judge(command.answer)
        earned = question_points(played, elapsed, limit, verdict)
        record = AnswerRecord(command.answer, elapsed, verdict.correct, earned, now)
        self._tally.add(player.id, record, played.key, connected=player.connected)
        return [
            AnswerAccepted(player.id, current, command.answer, elapsed, verdict.correct, earned),
            *self._auto_close(now),
        ]

    def _undo_answer(self, command: UndoAnswer, now: int) -> list[Event]:
        if command.question != self._current or self.phase not in QUESTION_OPEN:
            raise Rejected(ErrorCode.BAD_STATE, "the question has closed: its answers stand")
        if command.player_id not in self._tally.answers:
            raise Rejected(ErrorCode.BAD_STATE, "no answer of this player to take back")
        self._drop_answer(command.player_id)
        return [AnswerWithdrawn(command.player_id, command.question)]

    def _forget(self, command: Forget, now: int) -> list[Event]:
        player = self._roster.in_game(command.player_id)
        if player is None or player.id in self._tally.answers:
            raise Rejected(ErrorCode.BAD_STATE, "only a player who has done nothing is forgotten")
        self._set_connected(player, False)
        self._roster.forget(player)
        self._extra.pop(player.id, None)
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
        number = self._pacing.round_starting_at(index)
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
        closes_at = self.closes_at_ms
        if self.phase is Phase.QUESTION and closes_at is not None and now >= closes_at:
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
        self._timer.pause(now)
        self.phase = Phase.PAUSED
        return [Paused(remaining)]

    def _resume(self, command: Resume, now: int) -> list[Event]:
        self._timer.resume(now)
        self.phase = Phase.QUESTION
        deadline, remaining = self.deadline_ms, self.remaining_ms(now)
        assert deadline is not None and remaining is not None
        return [Resumed(deadline, remaining), *self._auto_close(now)]

    def _add_time(self, command: AddTime, now: int) -> list[Event]:
        if type(command.ms) is not int or not 1 <= command.ms <= MAX_ADD_TIME_MS:
            raise Rejected(ErrorCode.BAD_MESSAGE, f"ms must be 1..{MAX_ADD_TIME_MS}")
        if not self.remaining_ms(now):
            raise Rejected(ErrorCode.BAD_STATE, "time is up: the question is closing")
        self._timer.limit_ms += command.ms
        remaining = self.remaining_ms(now)
        assert remaining is not None
        return [TimeAdded(self.deadline_ms, remaining)]

    # Host: players and the lobby.

    def _kick(self, command: Kick, now: int) -> list[Event]:
        player = self._roster.in_game(command.player_id)
        if player is None:
            raise Rejected(ErrorCode.BAD_STATE, "no such player in the game")
        if player.id in self._tally.answers:
            self._drop_answer(player.id)
        self._set_connected(player, False)
        self._roster.kick(player)
        self._extra.pop(player.id, None)
        return [PlayerKicked(player.id), *self._auto_close(now)]

    def _extra_time(self, command: ExtraTime, now: int) -> list[Event]:
        try:
            percent = check_extra_percent(command.percent)
        except ValueError as exc:
            raise Rejected(ErrorCode.BAD_MESSAGE, str(exc)) from None
        player = self._roster.in_game(command.player_id)
        if player is None:
            raise Rejected(ErrorCode.BAD_STATE, "no such player in the game")
        if percent == player.extra_percent:
            return []
        self._players[player.id] = evolve(player, extra_percent=percent)
        if percent:
            self._extra[player.id] = percent
            self._extra_in_play = self._extra_in_play or self.phase in QUESTION_OPEN
        else:
            del self._extra[player.id]
        remaining = None
        if player.id not in self._tally.answers:
            remaining = self.player_remaining_ms(player.id, now)
        return [ExtraTimeSet(player.id, percent, remaining), *self._auto_close(now)]

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

    def _drop_answer(self, player_id: str) -> None:
        """Forget a player's answer to the open question, and what it counted for."""
        assert self._current is not None
        key = self._questions[self._current].key
        self._tally.drop(player_id, key, connected=self._players[player_id].connected)
