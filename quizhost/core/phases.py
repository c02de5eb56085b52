"""The phases of a game and which host command each allows: the rules as data (like h11).

`ALLOWED` is the single source: `Game.handle` rejects a host command missing from its phase's
set with `bad_state`, the tests walk it, and docs/game-rules.md shows it (a test checks the
doc's table against it). Player commands (join, rejoin, leave, answer) have their own rules and
error codes and are not in this table.
"""

from __future__ import annotations

import enum

from quizhost.core.commands import (
    AddTime,
    Autoplay,
    CloseDue,
    DisconnectAll,
    End,
    ExtraTime,
    HostCommand,
    Kick,
    Lock,
    Next,
    Pause,
    Resume,
    Skip,
    Start,
    Unlock,
)


class Phase(enum.StrEnum):
    """Where the game is; the values are the protocol's `state` names."""

    LOBBY = "lobby"
    ROUND = "round"  # a round's title screen, before its first question
    INTRO = "intro"  # the question is shown, answers not yet open (its read time)
    QUESTION = "question"
    PAUSED = "paused"
    REVEAL = "reveal"
    LEADERBOARD = "leaderboard"
    PODIUM = "podium"
    ENDED = "ended"


# A late timer is harmless; a restart can happen in any phase.
_ALWAYS: frozenset[type[HostCommand]] = frozenset({CloseDue, DisconnectAll})
_RUNNING: frozenset[type[HostCommand]] = _ALWAYS | {
    Kick,
    Lock,
    Unlock,
    End,
    Autoplay,
    ExtraTime,
}

ALLOWED: dict[Phase, frozenset[type[HostCommand]]] = {
    Phase.LOBBY: _RUNNING | {Start},
    Phase.ROUND: _RUNNING | {Next},
    Phase.INTRO: _RUNNING | {Next},
    Phase.QUESTION: _RUNNING | {Skip, Pause, AddTime},
    Phase.PAUSED: _RUNNING | {Skip, Resume, AddTime},
    Phase.REVEAL: _RUNNING | {Next},
    Phase.LEADERBOARD: _RUNNING | {Next},
    Phase.PODIUM: _ALWAYS | {Next, Kick, End, Autoplay, ExtraTime},
    Phase.ENDED: _ALWAYS,
}

# Where each allowed move can lead (documentation and tests; the Game makes the moves).
TRANSITIONS: dict[tuple[Phase, type[HostCommand]], frozenset[Phase]] = {
    # A round title first if the bank has rounds; then the intro if there is a read time.
    (Phase.LOBBY, Start): frozenset({Phase.ROUND, Phase.INTRO, Phase.QUESTION}),
    (Phase.ROUND, Next): frozenset({Phase.INTRO, Phase.QUESTION}),
    (Phase.ROUND, CloseDue): frozenset({Phase.ROUND, Phase.INTRO, Phase.QUESTION}),  # autoplay
    (Phase.INTRO, Next): frozenset({Phase.QUESTION}),
    (Phase.INTRO, CloseDue): frozenset({Phase.INTRO, Phase.QUESTION}),  # iff the intro is over
    # Autoplay: when the step is due, close_due makes the move `next` would.
    (Phase.REVEAL, CloseDue): frozenset(
        {Phase.REVEAL, Phase.LEADERBOARD, Phase.ROUND, Phase.INTRO, Phase.QUESTION, Phase.PODIUM}
    ),
    (Phase.LEADERBOARD, CloseDue): frozenset(
        {Phase.LEADERBOARD, Phase.ROUND, Phase.INTRO, Phase.QUESTION, Phase.PODIUM}
    ),
    (Phase.QUESTION, Skip): frozenset({Phase.REVEAL}),
    (Phase.QUESTION, CloseDue): frozenset({Phase.QUESTION, Phase.REVEAL}),  # iff due
    (Phase.QUESTION, Pause): frozenset({Phase.PAUSED}),
    (Phase.PAUSED, Skip): frozenset({Phase.REVEAL}),
    (Phase.PAUSED, Resume): frozenset({Phase.QUESTION}),
    # The leaderboard when it is due (pacing, a round's end), else straight on.
    (Phase.REVEAL, Next): frozenset(
        {Phase.LEADERBOARD, Phase.ROUND, Phase.INTRO, Phase.QUESTION, Phase.PODIUM}
    ),
    (Phase.LEADERBOARD, Next): frozenset({Phase.ROUND, Phase.INTRO, Phase.QUESTION, Phase.PODIUM}),
    (Phase.PODIUM, Next): frozenset({Phase.ENDED}),
    **{(phase, End): frozenset({Phase.ENDED}) for phase in Phase if End in ALLOWED[phase]},
}

# Joining is possible before these phases (unless locked or full).
JOIN_CLOSED: frozenset[Phase] = frozenset({Phase.PODIUM, Phase.ENDED})

# A question is open to answers (a paused one too: its answers are kept, its clock stopped).
QUESTION_OPEN: frozenset[Phase] = frozenset({Phase.QUESTION, Phase.PAUSED})

# Started and not over: quitting now leaves players mid-game (the console asks first, and
# says how to resume).
IN_PROGRESS: frozenset[Phase] = frozenset(Phase) - {Phase.LOBBY, Phase.ENDED}
