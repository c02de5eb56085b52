"""The phase table: every host command outside ALLOWED is bad_state, and the moves it allows."""

from __future__ import annotations

import pytest

from quizhost.core import (
    ALLOWED,
    HOST_COMMANDS,
    IN_PROGRESS,
    QUESTION_OPEN,
    AddTime,
    Autoplay,
    CloseDue,
    DisconnectAll,
    End,
    ErrorCode,
    ExtraTime,
    GameEnded,
    HostCommand,
    Kick,
    LeaderboardShown,
    Lock,
    LockChanged,
    Next,
    Pause,
    Phase,
    PodiumShown,
    QuestionClosed,
    QuestionOpened,
    Resume,
    Skip,
    Start,
    Unlock,
)
from quizhost.core.phases import TRANSITIONS
from tests.core.core_kit import OPEN_MS, assert_rejected, bank, choice, game_in, lobby

EXAMPLES: dict[type[HostCommand], HostCommand] = {
    Start: Start(),
    Next: Next(),
    Skip: Skip(),
    Pause: Pause(),
    Resume: Resume(),
    AddTime: AddTime(5_000),
    Kick: Kick("p0"),
    Lock: Lock(),
    Unlock: Unlock(),
    End: End(),
    CloseDue: CloseDue(),
    Autoplay: Autoplay(5_000),
    ExtraTime: ExtraTime("p0", 50),
    DisconnectAll: DisconnectAll(),
}

FORBIDDEN = [
    (phase, command_type)
    for phase in Phase
    for command_type in HOST_COMMANDS
    if command_type not in ALLOWED[phase]
]
PERMITTED = [
    (phase, command_type)
    for phase in Phase
    for command_type in HOST_COMMANDS
    if command_type in ALLOWED[phase]
]


def test_table_covers_every_phase_and_only_host_commands() -> None:
    """ALLOWED names every phase and nothing but host commands."""
    assert set(ALLOWED) == set(Phase)
    assert all(allowed <= set(HOST_COMMANDS) for allowed in ALLOWED.values())


@pytest.mark.parametrize(("phase", "command_type"), FORBIDDEN)
def test_command_outside_the_table_is_bad_state(
    phase: Phase, command_type: type[HostCommand]
) -> None:
    """A host command its phase does not allow is bad_state, names the phase, changes nothing."""
    rejected = assert_rejected(game_in(phase), EXAMPLES[command_type], OPEN_MS, ErrorCode.BAD_STATE)
    assert str(phase) in rejected.message


@pytest.mark.parametrize(("phase", "command_type"), PERMITTED)
def test_command_in_the_table_is_accepted(phase: Phase, command_type: type[HostCommand]) -> None:
    """Every allowed (phase, command) is accepted and lands in a phase TRANSITIONS permits."""
    game = game_in(phase)
    game.handle(EXAMPLES[command_type], OPEN_MS)
    expected = TRANSITIONS.get((phase, command_type), frozenset({phase}))
    assert game.phase in expected


def test_whole_flow_follows_the_protocol_order() -> None:
    """Start, then next goes reveal -> leaderboard -> next question ... -> podium -> ended."""
    game = lobby(bank(choice(), choice()), "Ada")
    assert isinstance(game.handle(Start(), 0)[0], QuestionOpened)
    assert isinstance(game.handle(Skip(), 1)[0], QuestionClosed)
    # Each phase read into its own name: checking game.phase itself would fix its type for
    # mypy, which cannot know that handle() changes it.
    at_reveal = game.phase
    assert at_reveal is Phase.REVEAL
    assert isinstance(game.handle(Next(), 2)[0], LeaderboardShown)
    at_leaderboard = game.phase
    assert at_leaderboard is Phase.LEADERBOARD
    assert game.handle(Next(), 3)[0] == QuestionOpened(game.question, 3 + 20_000, 20_000)  # type: ignore[arg-type]
    assert game.question_index == 1
    game.handle(Skip(), 4)
    game.handle(Next(), 5)
    assert isinstance(game.handle(Next(), 6)[0], PodiumShown)
    at_podium = game.phase
    assert at_podium is Phase.PODIUM
    assert game.handle(Next(), 7) == [GameEnded()]
    assert game.phase is Phase.ENDED


def test_end_during_a_question_closes_it_first() -> None:
    """End while a question is open reveals it (answers given still count), then ends."""
    game = game_in(Phase.QUESTION)
    events = game.handle(End(), OPEN_MS + 1)
    assert [type(event) for event in events] == [QuestionClosed, GameEnded]
    assert game.phase is Phase.ENDED


def test_end_while_paused_closes_the_question_first() -> None:
    """End while paused also reveals the question before ending."""
    game = game_in(Phase.PAUSED)
    assert [type(event) for event in game.handle(End(), OPEN_MS)] == [QuestionClosed, GameEnded]


def test_end_in_the_lobby_just_ends() -> None:
    """End in the lobby ends the game with no reveal."""
    assert game_in(Phase.LOBBY).handle(End(), 0) == [GameEnded()]


def test_start_with_an_empty_bank_is_bad_state() -> None:
    """A bank without questions cannot start."""
    game = lobby(bank(), "Ada")
    object.__setattr__(game, "_questions", ())
    assert_rejected(game, Start(), 0, ErrorCode.BAD_STATE)


def test_lock_and_unlock_report_only_changes() -> None:
    """Lock/Unlock emit LockChanged when the lock flips, nothing when it is already so."""
    game = game_in(Phase.LOBBY)
    assert game.handle(Lock(), 0) == [LockChanged(True)]
    assert game.handle(Lock(), 0) == []
    assert game.locked
    assert game.handle(Unlock(), 0) == [LockChanged(False)]
    assert game.handle(Unlock(), 0) == []
    assert not game.locked


def test_close_due_outside_a_question_does_nothing() -> None:
    """A timer that fires late (after skip, in the lobby or at the end) is harmless."""
    assert game_in(Phase.REVEAL).handle(CloseDue(), 10**9) == []
    assert game_in(Phase.ENDED).handle(CloseDue(), 10**9) == []


def test_in_progress_is_every_phase_a_started_game_passes_before_it_ends() -> None:
    """IN_PROGRESS is what Start leads to, step by step, short of the end."""
    reached: set[Phase] = set()
    frontier = {Phase.LOBBY}
    while frontier:
        phase = frontier.pop()
        for (start, _command), ends in TRANSITIONS.items():
            if start is phase:
                frontier |= ends - reached
                reached |= ends
    assert reached - {Phase.ENDED} == IN_PROGRESS
    assert Phase.LOBBY not in IN_PROGRESS and Phase.ENDED not in IN_PROGRESS


def test_a_question_is_open_exactly_where_time_can_be_added() -> None:
    """QUESTION_OPEN agrees with the command table: add time only to an open question."""
    assert {phase for phase in Phase if AddTime in ALLOWED[phase]} == QUESTION_OPEN
