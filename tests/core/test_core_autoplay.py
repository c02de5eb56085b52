"""Autoplay: reveal -> leaderboard -> next question, each after the chosen time."""

from __future__ import annotations

from core_kit import OPEN_MS, assert_rejected, bank, choice, lobby

from quizhost.core import (
    Autoplay,
    AutoplayChanged,
    CloseDue,
    ErrorCode,
    GameSettings,
    LeaderboardShown,
    Next,
    Phase,
    PodiumShown,
    QuestionOpened,
    Skip,
    Start,
)

STEP_MS = 8_000


def test_reveal_then_leaderboard_then_the_next_question_by_the_clock() -> None:
    """Each step is due STEP_MS after the last; an early timer does nothing."""
    game = lobby(bank(choice(), choice()), "Ada", settings=GameSettings(autoplay_ms=STEP_MS))
    game.handle(Start(), OPEN_MS)
    assert game.due_ms == game.deadline_ms  # the question itself closes on its own clock
    game.handle(Skip(), 5_000)
    assert game.phase is Phase.REVEAL and game.due_ms == 5_000 + STEP_MS
    assert game.handle(CloseDue(), 5_000 + STEP_MS - 1) == []
    [shown] = game.handle(CloseDue(), 5_000 + STEP_MS)
    assert isinstance(shown, LeaderboardShown)
    assert game.due_ms == 5_000 + 2 * STEP_MS
    [opened] = game.handle(CloseDue(), 5_000 + 2 * STEP_MS + 30)
    assert isinstance(opened, QuestionOpened) and game.question_index == 1


def test_after_the_last_leaderboard_the_podium_stays() -> None:
    """Autoplay reaches the podium and stops there: the teacher ends the game."""
    game = lobby(bank(choice()), "Ada", settings=GameSettings(autoplay_ms=STEP_MS))
    game.handle(Start(), 0)
    game.handle(Skip(), 0)
    game.handle(CloseDue(), STEP_MS)
    [podium] = game.handle(CloseDue(), 2 * STEP_MS)
    assert isinstance(podium, PodiumShown)
    assert game.due_ms is None
    assert game.handle(CloseDue(), 10 * STEP_MS) == []


def test_the_host_steps_in_and_the_clock_restarts_from_there() -> None:
    """next during a reveal moves on now; the leaderboard then gets its whole time."""
    game = lobby(bank(choice(), choice()), "Ada", settings=GameSettings(autoplay_ms=STEP_MS))
    game.handle(Start(), 0)
    game.handle(Skip(), 1_000)
    game.handle(Next(), 2_000)
    assert game.phase is Phase.LEADERBOARD and game.due_ms == 2_000 + STEP_MS


def test_turned_on_mid_reveal_and_off_again() -> None:
    """On: the reveal moves on STEP_MS from now. Off: nothing is due any more."""
    game = lobby(bank(choice(), choice()), "Ada")
    game.handle(Start(), 0)
    game.handle(Skip(), 1_000)
    assert game.due_ms is None
    assert game.handle(Autoplay(STEP_MS), 3_000) == [AutoplayChanged(STEP_MS, 3_000 + STEP_MS)]
    assert game.due_ms == 3_000 + STEP_MS
    assert game.handle(Autoplay(0), 4_000) == [AutoplayChanged(0, None)]
    assert game.due_ms is None and game.handle(CloseDue(), 100_000) == []
    assert game.handle(Autoplay(0), 4_500) == []  # no change, no event


def test_bad_autoplay_times_are_bad_message() -> None:
    """0 or 1 s..10 min; anything else changes nothing."""
    game = lobby(bank(choice()), "Ada")
    for bad in (-1, 999, 600_001):
        assert_rejected(game, Autoplay(bad), OPEN_MS, ErrorCode.BAD_MESSAGE)
