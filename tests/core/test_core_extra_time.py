"""Extra time for a player: their own deadline, countdown and speed scale, and a question that
waits for them (but not for a player who left)."""

from __future__ import annotations

import pytest

from quizhost.core import (
    AddTime,
    AnswerAccepted,
    ChoiceAnswer,
    CloseDue,
    ErrorCode,
    ExtraTime,
    ExtraTimeSet,
    Game,
    GameSettings,
    Kick,
    Leave,
    Next,
    Pause,
    Phase,
    QuestionClosed,
    Rejoin,
    Resume,
    Skip,
    Start,
    SubmitAnswer,
)
from quizhost.core.scoring import answer_points
from tests.core.core_kit import (
    DEADLINE_MS,
    LIMIT_MS,
    OPEN_MS,
    assert_rejected,
    bank,
    choice,
    due,
    lobby,
    phase,
)

RIGHT = ChoiceAnswer(1)
EXTRA_DEADLINE_MS = OPEN_MS + LIMIT_MS * 3 // 2  # +50 %: 30 s instead of 20 s


def marked(percent: int = 50, *, auto_close: bool = False, questions: int = 1) -> Game:
    """Ada (p0) marked for `percent` extra time and Bob (p1), the first question open."""
    settings = GameSettings(auto_close=auto_close)
    game = lobby(bank(*[choice() for _ in range(questions)]), "Ada", "Bob", settings=settings)
    game.handle(ExtraTime("p0", percent), 0)
    game.handle(Start(), OPEN_MS)
    return game


def answer(game: Game, player_id: str, at_ms: int) -> list[object]:
    return list(game.handle(SubmitAnswer(player_id, game.question_index or 0, RIGHT), at_ms))


# Marking a player.


def test_marking_a_player_is_an_event_and_kept_on_the_player() -> None:
    """The mark is on the player and in `extra_time`; a second identical mark changes nothing."""
    game = lobby(bank(), "Ada", "Bob")
    assert game.handle(ExtraTime("p0", 50), 0) == [ExtraTimeSet("p0", 50, None)]
    assert game.players["p0"].extra_percent == 50
    assert dict(game.extra_time) == {"p0": 50}
    assert game.handle(ExtraTime("p0", 50), 1) == []


def test_percent_zero_takes_the_mark_off() -> None:
    """0 removes the extra time: the player is back on the class's clock."""
    game = lobby(bank(), "Ada")
    game.handle(ExtraTime("p0", 100), 0)
    assert game.handle(ExtraTime("p0", 0), 1) == [ExtraTimeSet("p0", 0, None)]
    assert game.players["p0"].extra_percent == 0
    assert dict(game.extra_time) == {}


@pytest.mark.parametrize("percent", [-50, 10, 30, 75, 200, True])
def test_a_percent_not_offered_is_bad_message(percent: int) -> None:
    """Only 25, 50 and 100 (or 0) are offered; anything else is refused, nothing changes."""
    game = lobby(bank(), "Ada")
    rejected = assert_rejected(game, ExtraTime("p0", percent), 0, ErrorCode.BAD_MESSAGE)
    assert "25, 50, 100" in rejected.message


def test_an_unknown_or_kicked_player_cannot_be_marked() -> None:
    """Marking nobody, or a kicked player, is bad_state."""
    game = lobby(bank(), "Ada", "Bob")
    assert_rejected(game, ExtraTime("nobody", 50), 0, ErrorCode.BAD_STATE)
    game.handle(Kick("p1"), 0)
    assert_rejected(game, ExtraTime("p1", 50), 0, ErrorCode.BAD_STATE)


def test_kicking_a_marked_player_drops_the_mark() -> None:
    """A kicked player holds no question open: they leave `extra_time`."""
    game = lobby(bank(), "Ada")
    game.handle(ExtraTime("p0", 25), 0)
    game.handle(Kick("p0"), 0)
    assert dict(game.extra_time) == {}


# Their own deadline.


def test_a_marked_player_answers_after_the_class_deadline() -> None:
    """+50 % on 20 s: Ada answers at 25 s and is accepted; Bob at 20 s is too late."""
    game = marked()
    assert_rejected(game, SubmitAnswer("p1", 0, RIGHT), DEADLINE_MS, ErrorCode.TOO_LATE)
    events = answer(game, "p0", OPEN_MS + 25_000)
    assert isinstance(events[0], AnswerAccepted)


def test_a_marked_player_is_too_late_after_their_own_deadline() -> None:
    """At open + 30 s the +50 % player is too late too."""
    game = marked()
    assert_rejected(game, SubmitAnswer("p0", 0, RIGHT), EXTRA_DEADLINE_MS, ErrorCode.TOO_LATE)


def test_each_player_sees_their_own_limit_and_time_left() -> None:
    """The player's limit is stretched by their percent; the class's is not."""
    game = marked(100)
    assert game.player_limit_ms("p0") == 2 * LIMIT_MS
    assert game.player_limit_ms("p1") == LIMIT_MS
    assert game.player_remaining_ms("p0", OPEN_MS + 5_000) == 2 * LIMIT_MS - 5_000
    assert game.player_remaining_ms("p1", OPEN_MS + 5_000) == LIMIT_MS - 5_000
    assert game.remaining_ms(OPEN_MS + 5_000) == LIMIT_MS - 5_000


def test_speed_points_follow_the_players_own_limit() -> None:
    """Half of their 30 s scores what half of 20 s scores: 750 each."""
    game = marked()
    bob = answer(game, "p1", OPEN_MS + 10_000)[0]
    ada = answer(game, "p0", OPEN_MS + 15_000)[0]
    assert isinstance(ada, AnswerAccepted) and isinstance(bob, AnswerAccepted)
    assert ada.points == bob.points == 750


# When the question closes.


def test_the_question_closes_at_the_marked_players_deadline() -> None:
    """Due at their deadline; a close_due at the class's deadline does nothing."""
    game = marked()
    answer(game, "p1", OPEN_MS + 1_000)
    assert due(game) == EXTRA_DEADLINE_MS
    assert game.deadline_ms == DEADLINE_MS
    assert game.handle(CloseDue(), DEADLINE_MS) == []
    assert phase(game) is Phase.QUESTION
    assert game.waiting_for_extra(DEADLINE_MS) == ["p0"]
    assert isinstance(game.handle(CloseDue(), EXTRA_DEADLINE_MS)[0], QuestionClosed)


def test_an_answer_in_extra_time_closes_the_question_at_once() -> None:
    """Once the only one the question waited for answers, it closes (auto-close off too)."""
    game = marked()
    events = answer(game, "p0", OPEN_MS + 22_000)
    assert isinstance(events[-1], QuestionClosed)
    assert events[-1].results["p0"].points == answer_points(1000, 22_000, 30_000)


def test_a_marked_player_who_answered_holds_nothing_open() -> None:
    """Answered before the class's deadline: the question closes with the class."""
    game = marked()
    answer(game, "p0", OPEN_MS + 1_000)
    assert due(game) == DEADLINE_MS


def test_a_marked_player_who_disconnects_does_not_hold_the_question() -> None:
    """Gone before the class's deadline: due then; gone after it: closed at once."""
    game = marked()
    game.handle(Leave("p0"), OPEN_MS + 1_000)
    assert due(game) == DEADLINE_MS
    game.handle(Rejoin("p0"), OPEN_MS + 2_000)
    assert due(game) == EXTRA_DEADLINE_MS
    events = game.handle(Leave("p0"), OPEN_MS + 21_000)
    assert isinstance(events[-1], QuestionClosed)


def test_kicking_the_player_waited_for_closes_the_question() -> None:
    """In extra time, kicking the only marked player closes the question."""
    game = marked()
    events = game.handle(Kick("p0"), OPEN_MS + 21_000)
    assert isinstance(events[-1], QuestionClosed)


def test_taking_the_mark_off_in_extra_time_closes_the_question() -> None:
    """Off after the class's deadline: nobody has time left, the question closes."""
    game = marked()
    events = game.handle(ExtraTime("p0", 0), OPEN_MS + 21_000)
    assert events[0] == ExtraTimeSet("p0", 0, 0)
    assert isinstance(events[-1], QuestionClosed)


def test_auto_close_still_closes_when_everyone_answered() -> None:
    """With auto-close on, the last answer closes the question before any deadline."""
    game = marked(auto_close=True)
    answer(game, "p1", OPEN_MS + 1_000)
    events = answer(game, "p0", OPEN_MS + 2_000)
    assert isinstance(events[-1], QuestionClosed)


def test_marking_during_a_question_counts_at_once() -> None:
    """Marked while the question runs: the event says their time left, the close moves."""
    game = lobby(bank(), "Ada", "Bob")
    game.handle(Start(), OPEN_MS)
    events = game.handle(ExtraTime("p0", 100), OPEN_MS + 5_000)
    assert events == [ExtraTimeSet("p0", 100, 2 * LIMIT_MS - 5_000)]
    assert due(game) == OPEN_MS + 2 * LIMIT_MS


def test_marking_a_player_who_answered_tells_no_time_left() -> None:
    """The answer stands; the event carries no countdown for them."""
    game = lobby(bank(), "Ada")
    game.handle(Start(), OPEN_MS)
    answer(game, "p0", OPEN_MS + 1_000)
    assert game.handle(ExtraTime("p0", 50), OPEN_MS + 2_000) == [ExtraTimeSet("p0", 50, None)]


# With the host's clock moves.


def test_pause_and_added_time_move_the_marked_deadline_too() -> None:
    """A 4 s pause and 5 s added time: the marked deadline moves by 9 s like the class's."""
    game = marked()
    game.handle(Pause(), OPEN_MS + 1_000)
    game.handle(Resume(), OPEN_MS + 5_000)
    game.handle(AddTime(5_000), OPEN_MS + 6_000)
    assert game.deadline_ms == DEADLINE_MS + 9_000
    assert due(game) == EXTRA_DEADLINE_MS + 9_000


def test_added_time_does_not_stretch_the_speed_scale() -> None:
    """As for everyone, an answer in added time scores half: limit as written plus percent."""
    game = marked()
    game.handle(AddTime(10_000), OPEN_MS + 1_000)
    accepted = answer(game, "p0", OPEN_MS + 35_000)[0]
    assert isinstance(accepted, AnswerAccepted)
    assert accepted.points == 500


def test_the_class_time_up_refuses_pause_even_in_extra_time() -> None:
    """Pause and add time act on the class's clock: once it is up they are bad_state."""
    game = marked()
    assert_rejected(game, Pause(), OPEN_MS + 21_000, ErrorCode.BAD_STATE)
    assert_rejected(game, AddTime(5_000), OPEN_MS + 21_000, ErrorCode.BAD_STATE)


def test_skip_closes_even_while_extra_time_runs() -> None:
    """The host can always close the question."""
    game = marked()
    assert isinstance(game.handle(Skip(), OPEN_MS + 21_000)[0], QuestionClosed)


def test_the_mark_lasts_for_the_whole_game() -> None:
    """The second question waits for the marked player too."""
    game = marked(questions=2)
    game.handle(Skip(), OPEN_MS + 1_000)
    game.handle(Next(), OPEN_MS + 2_000)
    game.handle(Next(), OPEN_MS + 3_000)
    assert phase(game) is Phase.QUESTION and game.question_index == 1
    assert due(game) == OPEN_MS + 3_000 + LIMIT_MS * 3 // 2


def test_without_a_mark_the_close_is_the_class_deadline() -> None:
    """No extra time anywhere: due is the deadline, as before the rule existed."""
    game = lobby(bank(), "Ada")
    game.handle(Start(), OPEN_MS)
    assert due(game) == game.deadline_ms == DEADLINE_MS
    assert game.waiting_for_extra(DEADLINE_MS) == []


def test_the_worked_example_of_the_rules() -> None:
    """docs/game-rules.md: +50 % on 20 s, Sam answers at 25 s: 583 points."""
    game = marked()
    accepted = answer(game, "p0", OPEN_MS + 25_000)[0]
    assert isinstance(accepted, AnswerAccepted) and accepted.points == 583


def test_before_any_question_there_is_no_own_clock() -> None:
    """In the lobby: no limit, no extra milliseconds, no time left, nobody waited for."""
    game = lobby(bank(), "Ada")
    game.handle(ExtraTime("p0", 50), 0)
    assert game.player_limit_ms("p0") is None
    assert game.extra_ms_of("p0") == 0
    assert game.player_remaining_ms("p0", 0) is None
    assert game.waiting_for_extra(0) == []
