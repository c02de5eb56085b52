"""Answers: the order of checks, validation per kind, the clock, pause and counts."""

from __future__ import annotations

import math

import pytest

from quizhost.core import (
    MAX_ADD_TIME_MS,
    AddTime,
    Answer,
    AnswerAccepted,
    ChoiceAnswer,
    ChoicesAnswer,
    CloseDue,
    ErrorCode,
    Join,
    Next,
    OrderAnswer,
    Pause,
    Paused,
    Phase,
    QuestionClosed,
    Resume,
    Resumed,
    Skip,
    SubmitAnswer,
    TextAnswer,
    TimeAdded,
    ValueAnswer,
)
from tests.core.core_kit import (
    DEADLINE_MS,
    OPEN_MS,
    assert_rejected,
    bank,
    choice,
    game_in,
    multiple,
    order,
    poll,
    slider,
    started,
    true_false,
    type_answer,
)

RIGHT = ChoiceAnswer(1)


def test_answer_is_accepted_with_its_elapsed_time_and_points() -> None:
    """An answer 5 s into a 20 s question is accepted with elapsed 5000 and 875 points."""
    game = started(bank(choice()), "Ada")
    events = game.handle(SubmitAnswer("p0", 0, RIGHT), OPEN_MS + 5_000)
    assert events == [AnswerAccepted("p0", 0, RIGHT, 5_000, True, 875)]
    assert game.has_answered("p0")
    assert game.answered_count == 1


def test_unknown_player_is_not_joined_before_anything_else() -> None:
    """not_joined comes first, even when there is no question and the answer is bad."""
    game = game_in(Phase.LOBBY)
    assert_rejected(game, SubmitAnswer("ghost", 9, TextAnswer("")), 0, ErrorCode.NOT_JOINED)


def test_answer_in_the_lobby_is_no_question() -> None:
    """With no question opened yet, an answer is no_question."""
    assert_rejected(game_in(Phase.LOBBY), SubmitAnswer("p0", 0, RIGHT), 0, ErrorCode.NO_QUESTION)


def test_answer_to_a_future_question_is_no_question() -> None:
    """An index after the open one is no_question."""
    game = started(bank(choice(), choice()), "Ada")
    assert_rejected(game, SubmitAnswer("p0", 1, RIGHT), OPEN_MS, ErrorCode.NO_QUESTION)


def test_answer_to_an_earlier_question_is_too_late() -> None:
    """An index before the open one is too_late."""
    game = started(bank(choice(), choice()), "Ada")
    game.handle(Skip(), OPEN_MS)
    game.handle(Next(), OPEN_MS)
    game.handle(Next(), OPEN_MS)
    assert_rejected(game, SubmitAnswer("p0", 0, RIGHT), OPEN_MS, ErrorCode.TOO_LATE)


def test_answer_to_the_question_just_closed_is_too_late() -> None:
    """An answer to the question on reveal is too_late (it was open, and is no longer)."""
    game = game_in(Phase.REVEAL)
    assert_rejected(game, SubmitAnswer("p0", 0, RIGHT), OPEN_MS, ErrorCode.TOO_LATE)


def test_answer_at_the_deadline_is_too_late_before_close_due() -> None:
    """At now >= deadline the answer is too_late even if CloseDue has not arrived."""
    game = started(bank(choice()), "Ada")
    assert game.phase is Phase.QUESTION
    assert_rejected(game, SubmitAnswer("p0", 0, RIGHT), DEADLINE_MS, ErrorCode.TOO_LATE)


def test_answer_one_ms_before_the_deadline_is_accepted_at_half_points() -> None:
    """The last millisecond still counts, for about half the points."""
    game = started(bank(choice()), "Ada")
    event = game.handle(SubmitAnswer("p0", 0, RIGHT), DEADLINE_MS - 1)[0]
    assert event == AnswerAccepted("p0", 0, RIGHT, 19_999, True, 500)


def test_second_answer_is_already_answered_and_the_first_wins() -> None:
    """A second answer is refused; the first stays."""
    game = started(bank(choice()), "Ada")
    game.handle(SubmitAnswer("p0", 0, ChoiceAnswer(0)), OPEN_MS)
    assert_rejected(game, SubmitAnswer("p0", 0, RIGHT), OPEN_MS, ErrorCode.ALREADY_ANSWERED)
    assert game.answer_counts == (1, 0, 0, 0)


def test_already_answered_comes_before_bad_answer() -> None:
    """A second, malformed answer is already_answered."""
    game = started(bank(choice()), "Ada")
    game.handle(SubmitAnswer("p0", 0, RIGHT), OPEN_MS)
    assert_rejected(game, SubmitAnswer("p0", 0, RIGHT), OPEN_MS, ErrorCode.ALREADY_ANSWERED)
    assert_rejected(
        game, SubmitAnswer("p0", 0, TextAnswer("x")), OPEN_MS, ErrorCode.ALREADY_ANSWERED
    )


BAD_ANSWERS = [
    (choice(), ChoicesAnswer(frozenset({1}))),  # wrong class
    (choice(), ChoiceAnswer(4)),  # out of range
    (choice(), ChoiceAnswer(-1)),
    (choice(), ChoiceAnswer(True)),  # a bool is not an index
    (true_false(), ChoiceAnswer(2)),
    (poll(), ChoiceAnswer(3)),
    (poll(), TextAnswer("red")),
    (multiple(), ChoiceAnswer(0)),
    (multiple(), ChoicesAnswer(frozenset())),  # empty
    (multiple(), ChoicesAnswer(frozenset({0, 4}))),
    (type_answer(), ChoiceAnswer(0)),
    (type_answer(), TextAnswer("   ")),  # empty after normalising
    (type_answer(), TextAnswer("x" * 201)),
    (slider(), ChoiceAnswer(0)),
    (slider(), ValueAnswer(1899.5)),
    (slider(), ValueAnswer(2000.5)),
    (slider(), ValueAnswer(math.nan)),
    (slider(), ValueAnswer(math.inf)),
    (order(), ChoiceAnswer(0)),
    (order(), OrderAnswer((0, 1, 2))),  # not all items
    (order(), OrderAnswer((0, 1, 2, 2))),  # duplicate
    (order(), OrderAnswer((0, 1, 2, 4))),  # out of range
    (order(), OrderAnswer((0, 1, 2, 3, 4))),
]


@pytest.mark.parametrize(("question", "answer"), BAD_ANSWERS)
def test_malformed_answers_are_bad_answer(question: object, answer: Answer) -> None:
    """Wrong class, index out of range, duplicates, non-permutations, out-of-range values."""
    game = started(bank(question), "Ada")  # type: ignore[arg-type]
    assert_rejected(game, SubmitAnswer("p0", 0, answer), OPEN_MS, ErrorCode.BAD_ANSWER)


def test_text_of_exactly_200_characters_is_accepted() -> None:
    """The text limit is inclusive."""
    game = started(bank(type_answer()), "Ada")
    event = game.handle(SubmitAnswer("p0", 0, TextAnswer("x" * 200)), OPEN_MS)[0]
    assert isinstance(event, AnswerAccepted) and event.correct is False


def test_slider_bounds_are_inclusive() -> None:
    """The minimum and maximum themselves are valid values."""
    game = started(bank(slider()), "Ada", "Bob")
    assert game.handle(SubmitAnswer("p0", 0, ValueAnswer(1900)), OPEN_MS)
    assert game.handle(SubmitAnswer("p1", 0, ValueAnswer(2000.0)), OPEN_MS)


def test_answer_counts_per_display_choice() -> None:
    """Counts go per display choice; multiple choice counts each pick."""
    game = started(bank(multiple()), "Ada", "Bob", "Cy")
    game.handle(SubmitAnswer("p0", 0, ChoicesAnswer(frozenset({0, 2}))), OPEN_MS)
    game.handle(SubmitAnswer("p1", 0, ChoicesAnswer(frozenset({0}))), OPEN_MS)
    assert game.answer_counts == (2, 0, 1, 0)
    assert game.answered_count == 2


def test_counts_are_none_for_kinds_without_choices() -> None:
    """Type answer, slider and order have no per-choice counts."""
    assert started(bank(type_answer()), "Ada").answer_counts is None
    assert started(bank(slider()), "Ada").answer_counts is None
    assert started(bank(order()), "Ada").answer_counts is None


def test_poll_and_true_false_count_choices() -> None:
    """Polls and true/false have one count per choice."""
    game = started(bank(poll()), "Ada")
    game.handle(SubmitAnswer("p0", 0, ChoiceAnswer(2)), OPEN_MS)
    assert game.answer_counts == (0, 0, 1)
    assert started(bank(true_false()), "Ada").answer_counts == (0, 0)


def test_late_joiner_can_answer_the_open_question() -> None:
    """Someone who joins mid-question may still answer it."""
    game = started(bank(choice()), "Ada")
    game.handle(Join("late", "Late"), OPEN_MS + 1_000)
    assert game.handle(SubmitAnswer("late", 0, RIGHT), OPEN_MS + 2_000)


# The clock: deadline, pause, resume, add time.


def test_open_question_has_a_deadline_and_remaining_time() -> None:
    """Deadline = open time + limit; remaining counts down and clamps at 0."""
    game = started(bank(choice()), "Ada")
    assert game.deadline_ms == DEADLINE_MS
    assert game.remaining_ms(OPEN_MS + 5_000) == 15_000
    assert game.remaining_ms(DEADLINE_MS + 99) == 0


def test_no_deadline_or_remaining_outside_a_question() -> None:
    """In the lobby and on the reveal there is no deadline and no remaining time."""
    for phase in (Phase.LOBBY, Phase.REVEAL):
        game = game_in(phase)
        assert (game.deadline_ms, game.remaining_ms(OPEN_MS)) == (None, None)


def test_close_due_before_the_deadline_does_nothing() -> None:
    """An early timer leaves the question open."""
    game = started(bank(choice()), "Ada")
    assert game.handle(CloseDue(), DEADLINE_MS - 1) == []
    assert game.phase is Phase.QUESTION


def test_close_due_at_the_deadline_reveals() -> None:
    """A timer at the deadline closes the question."""
    game = started(bank(choice()), "Ada")
    assert isinstance(game.handle(CloseDue(), DEADLINE_MS)[0], QuestionClosed)
    assert game.phase is Phase.REVEAL


def test_pause_freezes_remaining_and_clears_the_deadline() -> None:
    """Paused: no deadline, remaining frozen, CloseDue does nothing even long after."""
    game = started(bank(choice()), "Ada")
    assert game.handle(Pause(), OPEN_MS + 4_000) == [Paused(16_000)]
    assert game.deadline_ms is None
    assert game.remaining_ms(OPEN_MS + 60_000) == 16_000
    assert game.handle(CloseDue(), OPEN_MS + 60_000) == []


def test_resume_moves_the_deadline_by_the_pause() -> None:
    """After a 10 s pause the deadline is 10 s later, remaining as at the pause."""
    game = started(bank(choice()), "Ada")
    game.handle(Pause(), OPEN_MS + 4_000)
    assert game.handle(Resume(), OPEN_MS + 14_000) == [Resumed(DEADLINE_MS + 10_000, 16_000)]
    assert game.deadline_ms == DEADLINE_MS + 10_000


def test_answer_while_paused_is_accepted_with_elapsed_frozen() -> None:
    """Pause stops the clock: an answer while paused has the elapsed time of the pause."""
    game = started(bank(choice()), "Ada")
    game.handle(Pause(), OPEN_MS + 4_000)
    event = game.handle(SubmitAnswer("p0", 0, RIGHT), OPEN_MS + 50_000)[0]
    assert event == AnswerAccepted("p0", 0, RIGHT, 4_000, True, 900)


def test_elapsed_after_resume_excludes_the_pause() -> None:
    """Time spent paused does not count against the player."""
    game = started(bank(choice()), "Ada")
    game.handle(Pause(), OPEN_MS + 2_000)
    game.handle(Resume(), OPEN_MS + 32_000)
    event = game.handle(SubmitAnswer("p0", 0, RIGHT), OPEN_MS + 34_000)[0]
    assert isinstance(event, AnswerAccepted) and event.elapsed_ms == 4_000


def test_pause_when_time_is_up_is_bad_state() -> None:
    """A question whose deadline passed cannot be paused: it is closing."""
    game = started(bank(choice()), "Ada")
    assert_rejected(game, Pause(), DEADLINE_MS, ErrorCode.BAD_STATE)


def test_add_time_moves_the_deadline() -> None:
    """AddTime pushes the deadline and the remaining time."""
    game = started(bank(choice()), "Ada")
    events = game.handle(AddTime(10_000), OPEN_MS + 5_000)
    assert events == [TimeAdded(DEADLINE_MS + 10_000, 25_000)]
    assert game.handle(CloseDue(), DEADLINE_MS) == []


def test_add_time_while_paused_adds_to_the_frozen_remaining() -> None:
    """Paused questions get the time too; the deadline stays None until resume."""
    game = started(bank(choice()), "Ada")
    game.handle(Pause(), OPEN_MS + 5_000)
    assert game.handle(AddTime(1_000), OPEN_MS + 9_000) == [TimeAdded(None, 16_000)]
    assert game.handle(Resume(), OPEN_MS + 10_000) == [Resumed(OPEN_MS + 26_000, 16_000)]


def test_answer_in_added_time_scores_half() -> None:
    """Elapsed is clamped to the written limit: added time never gives less than half."""
    game = started(bank(choice()), "Ada")
    game.handle(AddTime(10_000), OPEN_MS)
    event = game.handle(SubmitAnswer("p0", 0, RIGHT), DEADLINE_MS + 5_000)[0]
    assert event == AnswerAccepted("p0", 0, RIGHT, 20_000, True, 500)


@pytest.mark.parametrize("ms", [0, -5, MAX_ADD_TIME_MS + 1, True])
def test_add_time_out_of_range_is_bad_message(ms: int) -> None:
    """AddTime needs 1..300000 ms; anything else is bad_message and changes nothing."""
    game = started(bank(choice()), "Ada")
    assert_rejected(game, AddTime(ms), OPEN_MS, ErrorCode.BAD_MESSAGE)


def test_add_time_at_the_limits_is_accepted() -> None:
    """1 ms and 300000 ms are both fine."""
    game = started(bank(choice()), "Ada")
    assert game.handle(AddTime(1), OPEN_MS)
    assert game.handle(AddTime(MAX_ADD_TIME_MS), OPEN_MS)
    assert game.deadline_ms == DEADLINE_MS + 1 + MAX_ADD_TIME_MS


def test_add_time_after_the_deadline_is_bad_state() -> None:
    """A question that has run out cannot be revived with AddTime."""
    game = started(bank(choice()), "Ada")
    assert_rejected(game, AddTime(5_000), DEADLINE_MS, ErrorCode.BAD_STATE)


def test_skip_while_paused_reveals() -> None:
    """Skip closes a paused question too."""
    game = started(bank(choice()), "Ada")
    game.handle(Pause(), OPEN_MS)
    assert isinstance(game.handle(Skip(), OPEN_MS)[0], QuestionClosed)
    assert game.phase is Phase.REVEAL


def test_a_clock_going_backwards_counts_as_standing_still() -> None:
    """now_ms earlier than one already seen is taken as that one (elapsed never negative)."""
    game = started(bank(choice()), "Ada")
    event = game.handle(SubmitAnswer("p0", 0, RIGHT), 0)[0]
    assert event == AnswerAccepted("p0", 0, RIGHT, 0, True, 1000)
