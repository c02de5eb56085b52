"""Taking back a join or an answer the session could not store."""

from __future__ import annotations

from quizhost.core import (
    AnswerWithdrawn,
    ChoiceAnswer,
    ErrorCode,
    Forget,
    Join,
    PlayerForgotten,
    Skip,
    SubmitAnswer,
    UndoAnswer,
)
from tests.core.core_kit import OPEN_MS, assert_rejected, bank, choice, lobby, started, state


def test_undo_answer_takes_it_out_of_counts_and_lets_the_player_answer_again() -> None:
    """An undone answer is as if never given: counts drop, a new answer is accepted."""
    game = started(bank(choice()), "Ada")
    before = state(game)
    game.handle(SubmitAnswer("p0", 0, ChoiceAnswer(1)), OPEN_MS + 100)
    assert game.answered_count == 1
    assert game.handle(UndoAnswer("p0", 0), OPEN_MS + 200) == [AnswerWithdrawn("p0", 0)]
    assert game.answered_count == 0 and not game.has_answered("p0")
    assert list(game.answer_counts or ()) == before["_counts"] == [0, 0, 0, 0]
    game.handle(SubmitAnswer("p0", 0, ChoiceAnswer(0)), OPEN_MS + 300)
    assert game.has_answered("p0")


def test_undo_answer_after_the_close_is_refused() -> None:
    """Once a question closed, its answers stand (the reveal was computed with them)."""
    game = started(bank(choice()), "Ada")
    game.handle(SubmitAnswer("p0", 0, ChoiceAnswer(1)), OPEN_MS + 100)
    game.handle(Skip(), OPEN_MS + 200)
    assert_rejected(game, UndoAnswer("p0", 0), OPEN_MS + 300, ErrorCode.BAD_STATE)


def test_undo_without_an_answer_is_refused() -> None:
    """Nothing to take back: bad_state, nothing changes."""
    game = started(bank(choice()), "Ada")
    assert_rejected(game, UndoAnswer("p0", 0), OPEN_MS + 300, ErrorCode.BAD_STATE)


def test_forget_frees_the_name_and_the_place() -> None:
    """A forgotten join leaves no player, no taken name and no place in the ranking."""
    game = lobby(bank(), "Ada", max_players=2)
    game.handle(Join("p1", "Bob"), 10)
    assert game.handle(Forget("p1"), 20) == [PlayerForgotten("p1")]
    assert "p1" not in game.players and game.active_count == 1
    assert [r.name for r in game.ranking()] == ["Ada"]
    game.handle(Join("p2", "bob"), 30)  # the name and the place are free again
    assert game.players["p2"].join_seq == 2  # never a repeat of a join order


def test_forget_refuses_a_player_with_an_answer() -> None:
    """Only a player who has done nothing can be forgotten."""
    game = started(bank(choice()), "Ada")
    game.handle(SubmitAnswer("p0", 0, ChoiceAnswer(1)), OPEN_MS + 100)
    assert_rejected(game, Forget("p0"), OPEN_MS + 200, ErrorCode.BAD_STATE)
    assert_rejected(game, Forget("nobody"), OPEN_MS + 200, ErrorCode.BAD_STATE)
