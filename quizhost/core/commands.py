"""Commands: everything that can happen to a game, as small frozen values.

The session builds one per player frame, host action or timer and passes it to
`Game.handle(command, now_ms)`. Commands carry no time: the caller stamps them, so a stored
list of `(command, now_ms)` replays to the same game.
"""

from __future__ import annotations

from typing import Any

from attrs import frozen

from quizhost.core.answers import Answer

# Player commands: validated by their own rules, each with its own error code.


@frozen
class Join:
    """A new player; the session makes the (random) id, the core checks the name.

    `team`: the team picked in a team game (None: the smallest team). `device`: the id the
    phone keeps for this game (None from a client that sends none); a kicked one is refused.
    """

    player_id: str
    name: str
    team: str | None = None
    device: str | None = None


@frozen
class Rejoin:
    """A player whose token the session verified reconnects (from `device`, if it says).

    The device never picks the player (the token does): it can only be refused, or be
    remembered with the player so that kicking them refuses it too.
    """

    player_id: str
    device: str | None = None


@frozen
class Leave:
    """A player's socket closed; the player stays in the game, disconnected."""

    player_id: str


@frozen
class SubmitAnswer:
    """A player's answer to question `question` (index as played), in display indices."""

    player_id: str
    question: int
    answer: Answer


# Undoing a player command the session could not store (the player is told, and may retry).
# Never journaled: the command they undo never reached the journal either.


@frozen
class UndoAnswer:
    """Take back the player's answer to the open question (its write failed)."""

    player_id: str
    question: int


@frozen
class Forget:
    """Take back a join whose write failed: the player and the name are gone."""

    player_id: str


# Host commands: allowed or not by phase, see `phases.ALLOWED`.


@frozen
class Start:
    """Open the first question."""


@frozen
class Next:
    """Move on: reveal -> leaderboard -> next question (or podium after the last) -> ended."""


@frozen
class Skip:
    """Close the open question now."""


@frozen
class Pause:
    """Stop the clock of the open question."""


@frozen
class Resume:
    """Restart the clock of the paused question."""


@frozen
class AddTime:
    """Give the open (or paused) question `ms` more milliseconds (1..MAX_ADD_TIME_MS)."""

    ms: int


@frozen
class Kick:
    """Remove a player for good."""

    player_id: str


@frozen
class Lock:
    """Refuse new players."""


@frozen
class Unlock:
    """Accept new players again."""


@frozen
class End:
    """End the game now (closing the open question first)."""


@frozen
class Autoplay:
    """Turn autoplay on (reveal and leaderboard each shown `ms`, then next) or off (0)."""

    ms: int


@frozen
class CloseDue:
    """The session's timer fired (at `Game.due_ms`): whatever is due by now happens.

    The intro ends and answers open, or the open question closes when its time is up. The
    name is older than the intro; it is kept because it is stored in every journal.
    """


@frozen
class DisconnectAll:
    """The server restarted: every socket died with it, so every player is disconnected.

    Journaled, so a replay sees the same players connected as the game did (auto-close
    depends on who is connected).
    """


PlayerCommand = Join | Rejoin | Leave | SubmitAnswer | UndoAnswer | Forget
HostCommand = (
    Start
    | Next
    | Skip
    | Pause
    | Resume
    | AddTime
    | Kick
    | Lock
    | Unlock
    | End
    | Autoplay
    | CloseDue
    | DisconnectAll
)
Command = PlayerCommand | HostCommand

PLAYER_COMMANDS: tuple[type[PlayerCommand], ...] = (
    Join,
    Rejoin,
    Leave,
    SubmitAnswer,
    UndoAnswer,
    Forget,
)
HOST_COMMANDS: tuple[type[HostCommand], ...] = (
    Start,
    Next,
    Skip,
    Pause,
    Resume,
    AddTime,
    Kick,
    Lock,
    Unlock,
    End,
    Autoplay,
    CloseDue,
    DisconnectAll,
)


def command_name(command_type: type[Any]) -> str:
    """The protocol-style name of a command class: AddTime -> add_time."""
    name = command_type.__name__
    return "".join(f"_{ch.lower()}" if ch.isupper() else ch for ch in name).lstrip("_")
