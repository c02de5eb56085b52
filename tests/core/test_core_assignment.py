"""The self-paced assignment: each student on their own clock, scored like a live game."""

from __future__ import annotations

from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from quizhost.bank.models import Bank, ScoringMode
from quizhost.core import (
    AnswerAccepted,
    ChoiceAnswer,
    End,
    ErrorCode,
    GameEnded,
    GameSettings,
    Join,
    Kick,
    Leave,
    PlayerRejoined,
    Rejected,
    Rejoin,
    SubmitAnswer,
)
from quizhost.core.assignment import (
    Advance,
    Assignment,
    AssignmentCommand,
    Mark,
    OutageGivenBack,
    ServerBack,
    Step,
    StudentFinished,
    StudentQuestion,
    StudentResult,
    TimeUp,
)
from tests.core.core_kit import LIMIT_MS, bank, choice, order, poll, true_false

TWO = bank(choice(correct=1), true_false(answer=True))
RIGHT = ChoiceAnswer(1)


def assignment(the_bank: Bank = TWO, **rules: Any) -> Assignment:
    """An assignment of `the_bank` with Ada (s1) joined at 0 ms, under `rules`."""
    work = Assignment(the_bank, seed=3, settings=GameSettings(self_paced=True, **rules))
    work.handle(Join("s1", "Ada"), 0)
    return work


def rejected(work: Assignment, command: AssignmentCommand, now: int, code: ErrorCode) -> None:
    before = work.state()
    with pytest.raises(Rejected) as caught:
        work.handle(command, now)
    assert caught.value.code is code, caught.value.message
    assert work.state() == before


def test_nothing_runs_until_the_student_asks_for_the_first_question() -> None:
    """Joining opens no question: the timer starts with Advance."""
    work = assignment()
    assert work.runs["s1"].step is Step.READY
    assert work.due_ms("s1") is None
    [opened] = work.handle(Advance("s1", -1), 60_000)
    assert isinstance(opened, StudentQuestion)
    assert opened == StudentQuestion("s1", opened.question, 60_000 + LIMIT_MS, LIMIT_MS)
    assert work.due_ms("s1") == 60_000 + LIMIT_MS


def test_an_answer_is_scored_from_the_students_own_clock_and_settled_at_once() -> None:
    """5 s into their own question: 875 points, and the result comes with the answer."""
    work = assignment()
    work.handle(Advance("s1", -1), 100_000)
    accepted, result = work.handle(SubmitAnswer("s1", 0, RIGHT), 105_000)
    assert accepted == AnswerAccepted("s1", 0, RIGHT, 5_000, True, 875)
    assert isinstance(result, StudentResult)
    assert (result.answered, result.correct, result.points, result.score) == (True, True, 875, 875)
    assert result.reveal == RIGHT
    assert result.explanation == "Canberra was built as a compromise."
    assert not result.last
    assert work.runs["s1"].marks[0] == Mark.RIGHT


def test_two_students_keep_separate_clocks() -> None:
    """Bob starts later than Ada; each is scored from their own start."""
    work = assignment()
    work.handle(Join("s2", "Bob"), 0)
    work.handle(Advance("s1", -1), 1_000)
    a, _ = work.handle(SubmitAnswer("s1", 0, RIGHT), 11_000)
    work.handle(Advance("s2", -1), 50_000)
    b, _ = work.handle(SubmitAnswer("s2", 0, RIGHT), 50_000)
    assert isinstance(a, AnswerAccepted) and isinstance(b, AnswerAccepted)
    assert (a.points, b.points) == (750, 1000)
    assert [run.player.name for run, _ in work.ranking()] == ["Bob", "Ada"]


def test_streaks_run_per_student() -> None:
    """A second right answer in a row earns the streak bonus."""
    work = assignment()
    work.handle(Advance("s1", -1), 0)
    work.handle(SubmitAnswer("s1", 0, RIGHT), 0)
    work.handle(Advance("s1", 0), 1_000)
    _, result = work.handle(SubmitAnswer("s1", 1, ChoiceAnswer(0)), 1_000)
    assert isinstance(result, StudentResult)
    assert (result.points, result.streak, result.last) == (1100, 2, True)


def test_the_result_moves_on_by_itself_only_while_the_student_is_there() -> None:
    """Auto-advance is due auto_next_ms after the result, and not while disconnected."""
    work = assignment(auto_next_ms=4_000)
    work.handle(Advance("s1", -1), 0)
    work.handle(SubmitAnswer("s1", 0, RIGHT), 2_000)
    assert work.due_ms("s1") == 6_000
    work.handle(Leave("s1"), 3_000)
    assert work.due_ms("s1") is None
    work.handle(Rejoin("s1"), 90_000)
    assert work.due_ms("s1") == 94_000


def test_a_double_tap_on_next_never_skips_a_question() -> None:
    """Advance names the question moved on from: the second tap no longer fits."""
    work = assignment()
    work.handle(Advance("s1", -1), 0)
    rejected(work, Advance("s1", -1), 10, ErrorCode.BAD_STATE)
    assert work.runs["s1"].position == 0


def test_a_question_that_ran_out_while_away_counts_as_unanswered() -> None:
    """Closing the page is not a pause; coming back after the deadline gives the result."""
    work = assignment()
    work.handle(Advance("s1", -1), 0)
    work.handle(Leave("s1"), 1_000)
    rejoined, result = work.handle(Rejoin("s1"), LIMIT_MS + 5_000)
    assert rejoined == PlayerRejoined("s1")
    assert isinstance(result, StudentResult)
    assert (result.answered, result.correct, result.points) == (False, False, 0)
    assert work.runs["s1"].marks[0] == Mark.MISSED


def test_a_reconnect_in_time_keeps_the_question_and_its_clock() -> None:
    """Back within the limit: the same question, the same deadline."""
    work = assignment()
    work.handle(Advance("s1", -1), 0)
    work.handle(Leave("s1"), 1_000)
    assert work.handle(Rejoin("s1"), 5_000) == [PlayerRejoined("s1")]
    assert work.runs["s1"].step is Step.QUESTION
    assert work.due_ms("s1") == LIMIT_MS


def test_time_up_settles_the_question_unanswered_and_is_never_rejected() -> None:
    """The session's timer: early or repeated it does nothing."""
    work = assignment()
    work.handle(Advance("s1", -1), 0)
    assert work.handle(TimeUp("s1"), LIMIT_MS - 1) == []
    [result] = work.handle(TimeUp("s1"), LIMIT_MS)
    assert isinstance(result, StudentResult) and not result.answered
    assert work.handle(TimeUp("s1"), LIMIT_MS + 1) == []
    rejected(work, SubmitAnswer("s1", 0, RIGHT), LIMIT_MS + 2, ErrorCode.TOO_LATE)


def test_time_the_server_was_down_never_counts_against_a_student() -> None:
    """Down from 5 s to 65 s: the deadline moves 60 s on, and elapsed time excludes it."""
    work = assignment()
    work.handle(Advance("s1", -1), 0)
    assert work.handle(ServerBack(since_ms=5_000), 65_000) == [OutageGivenBack(60_000)]
    assert work.due_ms("s1") == LIMIT_MS + 60_000
    accepted, _ = work.handle(SubmitAnswer("s1", 0, RIGHT), 70_000)
    assert isinstance(accepted, AnswerAccepted) and accepted.elapsed_ms == 10_000


def test_after_until_nobody_joins_and_no_question_opens_but_an_open_one_may_be_finished() -> None:
    """until at 30 s: the question opened at 25 s may be answered at 40 s; then it's over."""
    work = assignment(until_ms=30_000)
    work.handle(Advance("s1", -1), 25_000)
    rejected(work, Join("s2", "Bob"), 30_000, ErrorCode.GAME_LOCKED)
    assert work.ends_ms() == 25_000 + LIMIT_MS
    work.handle(SubmitAnswer("s1", 0, RIGHT), 40_000)
    assert work.handle(Advance("s1", 0), 41_000) == [StudentFinished("s1", 625)]
    assert work.ends_ms() == 30_000


def test_end_settles_open_questions_and_finishes_everyone() -> None:
    """The teacher ends it: open questions count as unanswered, all students are done."""
    work = assignment()
    work.handle(Join("s2", "Bob"), 0)
    work.handle(Advance("s1", -1), 0)
    events = work.handle(End(), 1_000)
    assert isinstance(events[0], StudentResult) and not events[0].answered
    assert events[1:] == [StudentFinished("s1", 0), StudentFinished("s2", 0), GameEnded()]
    rejected(work, Advance("s1", 0), 2_000, ErrorCode.GAME_LOCKED)


def test_answers_out_of_turn_get_the_live_games_codes() -> None:
    """Not started: no_question; answered: already_answered; a later one: no_question."""
    work = assignment()
    rejected(work, SubmitAnswer("s1", 0, RIGHT), 0, ErrorCode.NO_QUESTION)
    work.handle(Advance("s1", -1), 0)
    rejected(work, SubmitAnswer("s1", 0, ChoiceAnswer(9)), 0, ErrorCode.BAD_ANSWER)
    work.handle(SubmitAnswer("s1", 0, RIGHT), 0)
    rejected(work, SubmitAnswer("s1", 0, RIGHT), 0, ErrorCode.ALREADY_ANSWERED)
    rejected(work, SubmitAnswer("s1", 1, RIGHT), 0, ErrorCode.NO_QUESTION)
    rejected(work, SubmitAnswer("ghost", 0, RIGHT), 0, ErrorCode.NOT_JOINED)
    work.handle(Kick("s1"), 0)
    rejected(work, Advance("s1", 0), 0, ErrorCode.NOT_JOINED)
    assert work.active_count == 0


def test_each_student_gets_their_own_order_when_the_bank_shuffles() -> None:
    """Shuffled banks: orders differ between students, and a seed always gives the same."""
    many = bank(*(choice(correct=i % 4) for i in range(8)), shuffle_questions=True)
    orders = []
    for _ in range(2):
        work = Assignment(many, seed=11)
        for n in range(3):
            work.handle(Join(f"s{n}", f"S{n}"), 0)
        orders.append([tuple(q.bank_index for q in r.questions) for r in work.runs.values()])
    assert orders[0] == orders[1]
    assert len(set(orders[0])) > 1


def test_students_share_one_order_when_the_bank_shuffles_nothing() -> None:
    """No shuffling asked: one tuple of questions for all (memory per student stays small)."""
    work = assignment()
    work.handle(Join("s2", "Bob"), 0)
    a, b = work.runs.values()
    assert a.questions is b.questions


def test_question_success_counts_right_over_settled_by_bank_question() -> None:
    """The teacher's hardest questions: right answers out of settled ones."""
    work = assignment(bank(choice(correct=1), poll(), order()))
    work.handle(Join("s2", "Bob"), 0)
    for sid, answer in (("s1", RIGHT), ("s2", ChoiceAnswer(0))):
        work.handle(Advance(sid, -1), 0)
        work.handle(SubmitAnswer(sid, 0, answer), 0)
    assert work.question_success()[0] == (0, 1, 2)


# Replay: the journal's commands, fed again, give the same state.

STUDENTS = ["s1", "s2", "s3"]
commands = st.one_of(
    st.builds(Join, st.sampled_from(STUDENTS), st.sampled_from(["Ada", "Bob", "Cy", ""])),
    st.builds(Rejoin, st.sampled_from(STUDENTS)),
    st.builds(Leave, st.sampled_from(STUDENTS)),
    st.builds(Kick, st.sampled_from(STUDENTS)),
    st.builds(Advance, st.sampled_from(STUDENTS), st.integers(-1, 3)),
    st.builds(TimeUp, st.sampled_from(STUDENTS)),
    st.builds(
        SubmitAnswer,
        st.sampled_from(STUDENTS),
        st.integers(0, 3),
        st.builds(ChoiceAnswer, st.integers(0, 3)),
    ),
    st.builds(ServerBack, st.integers(0, 200_000)),
    st.just(End()),
)
SHUFFLED = bank(
    choice(correct=1, shuffle=True), true_false(), choice(correct=2), shuffle_questions=True
)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(commands, st.integers(0, 8_000)), max_size=40), st.booleans())
def test_replaying_the_accepted_commands_gives_the_same_state(
    steps: list[tuple[AssignmentCommand, int]], shuffled: bool
) -> None:
    """Whatever the students do, the journal of accepted commands rebuilds the assignment."""
    the_bank = SHUFFLED if shuffled else TWO
    live = Assignment(the_bank, seed=5, settings=GameSettings(self_paced=True, until_ms=150_000))
    journal: list[tuple[AssignmentCommand, int]] = []
    now = 0
    for command, wait in steps:
        now += wait
        try:
            live.handle(command, now)
        except Rejected:
            continue
        journal.append((command, now))
    replayed = Assignment(the_bank, seed=5, settings=live.settings)
    for command, at in journal:
        replayed.handle(command, at)
    assert replayed.state() == live.state()
    for run in live.runs.values():
        assert 0 <= run.right <= run.answered <= run.done_count <= len(run.questions)
        assert run.player.score >= 0


def test_accuracy_scoring_gives_the_whole_points_at_any_time_in_an_assignment() -> None:
    """`scoring: accuracy` in a self-paced run: 15 s into a 20 s question still 1000."""
    question = attrs.evolve(choice(correct=1), scoring=ScoringMode.ACCURACY)
    work = assignment(bank(question, question))
    work.handle(Advance("s1", -1), 100_000)
    accepted, result = work.handle(SubmitAnswer("s1", 0, RIGHT), 115_000)
    assert isinstance(accepted, AnswerAccepted) and accepted.points == 1000
    assert isinstance(result, StudentResult) and result.score == 1000


def test_negative_marking_in_an_assignment_never_takes_a_total_below_zero() -> None:
    """wrong: -250: a wrong first answer costs nothing below 0; after a right one, 250."""
    question = attrs.evolve(choice(correct=1), scoring=ScoringMode.ACCURACY, wrong_points=-250)
    work = assignment(bank(question, question, question))
    work.handle(Advance("s1", -1), 0)
    _, first = work.handle(SubmitAnswer("s1", 0, ChoiceAnswer(0)), 1_000)
    assert isinstance(first, StudentResult) and (first.points, first.score) == (-250, 0)
    work.handle(Advance("s1", 0), 2_000)
    work.handle(SubmitAnswer("s1", 1, RIGHT), 3_000)
    work.handle(Advance("s1", 1), 4_000)
    _, third = work.handle(SubmitAnswer("s1", 2, ChoiceAnswer(0)), 5_000)
    assert isinstance(third, StudentResult) and third.score == 1000 - 250
