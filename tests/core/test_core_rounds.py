"""Rounds (a title screen before each, a leaderboard after each) and leaderboard pacing."""

from __future__ import annotations

import attrs
from core_kit import bank, choice, lobby

from quizhost.bank.models import Bank, Round
from quizhost.core import (
    CloseDue,
    Event,
    Game,
    GameSettings,
    LeaderboardShown,
    Next,
    Phase,
    QuestionOpened,
    RoundShown,
    Skip,
    Start,
)


def rounds_bank(*sizes: int, shuffle: bool = False) -> Bank:
    questions = tuple(attrs.evolve(choice(), text=f"Q{i}") for i in range(sum(sizes)))
    parts = tuple(Round(title=f"Round {n + 1}", size=size) for n, size in enumerate(sizes))
    return attrs.evolve(bank(*questions, shuffle_questions=shuffle), rounds=parts)


def kinds(events: list[Event]) -> list[str]:
    return [type(event).__name__ for event in events]


def play_through(game: Game) -> list[str]:
    """Start, then skip every question and press next: the names of what happened, in order."""
    seen = kinds(game.handle(Start(), 0))
    now = 0
    while game.phase is not Phase.PODIUM:
        now += 1
        command = Skip() if game.phase is Phase.QUESTION else Next()
        seen += kinds(game.handle(command, now))
    return seen


def test_a_title_before_each_round_and_a_leaderboard_after_each() -> None:
    """Round 1 (2 questions), round 2 (1): titles, and leaderboards at both round ends."""
    game = lobby(rounds_bank(2, 1), "Ada", settings=GameSettings(leaderboard_every=0))
    [title] = game.handle(Start(), 0)
    assert title == RoundShown(0, 2, "Round 1", 2)
    assert game.phase is Phase.ROUND and game.round_title == "Round 1"
    game.handle(Next(), 1)
    assert game.phase is Phase.QUESTION and game.question_index == 0
    game.handle(Skip(), 2)
    assert isinstance(game.handle(Next(), 3)[0], QuestionOpened)  # not a round end: no ranking
    game.handle(Skip(), 4)
    assert isinstance(game.handle(Next(), 5)[0], LeaderboardShown)  # the end of round 1
    assert game.handle(Next(), 6) == [RoundShown(1, 2, "Round 2", 1)]
    assert game.round_index == 1


def test_pacing_every_question_is_as_before() -> None:
    """The default: a leaderboard after every reveal, then the podium."""
    game = lobby(bank(choice(), choice()), "Ada")
    assert play_through(game) == [
        "QuestionOpened", "QuestionClosed", "LeaderboardShown",
        "QuestionOpened", "QuestionClosed", "LeaderboardShown", "PodiumShown",
    ]  # fmt: skip


def test_pacing_every_two_questions() -> None:
    """every 2 of 3: after the second only; after the last (not a multiple) the podium."""
    game = lobby(
        bank(choice(), choice(), choice()), "Ada", settings=GameSettings(leaderboard_every=2)
    )
    assert play_through(game) == [
        "QuestionOpened", "QuestionClosed",
        "QuestionOpened", "QuestionClosed", "LeaderboardShown",
        "QuestionOpened", "QuestionClosed", "PodiumShown",
    ]  # fmt: skip


def test_pacing_end_only_shows_one_leaderboard_before_the_podium() -> None:
    """end_only: reveal after reveal, then the leaderboard, then the podium."""
    game = lobby(bank(choice(), choice()), "Ada", settings=GameSettings(leaderboard_every=0))
    assert play_through(game) == [
        "QuestionOpened", "QuestionClosed",
        "QuestionOpened", "QuestionClosed", "LeaderboardShown", "PodiumShown",
    ]  # fmt: skip


def test_shuffling_keeps_each_question_in_its_round() -> None:
    """Shuffled questions stay within their round."""
    for seed in range(20):
        game = Game(rounds_bank(3, 3, shuffle=True), seed=seed)
        first = {game.bank_index(i) for i in range(3)}
        assert first == {0, 1, 2}


def test_autoplay_moves_on_from_a_round_title() -> None:
    """With autoplay, the title screen shows its time and then the question comes."""
    game = lobby(rounds_bank(1), "Ada", settings=GameSettings(autoplay_ms=4_000))
    game.handle(Start(), 0)
    assert game.due_ms == 4_000
    assert isinstance(game.handle(CloseDue(), 4_000)[0], QuestionOpened)


def test_a_bank_without_rounds_plays_as_before() -> None:
    """No title screens, no round."""
    game = lobby(bank(choice()), "Ada")
    assert isinstance(game.handle(Start(), 0)[0], QuestionOpened)
    assert game.round_title is None and game.round_shown() is None
