"""The question intro: the question shown for its read time before answers open."""

from __future__ import annotations

import attrs
from core_kit import LIMIT_MS, OPEN_MS, assert_rejected, bank, choice, lobby

from quizhost.core import (
    ChoiceAnswer,
    CloseDue,
    ErrorCode,
    GameSettings,
    Next,
    Phase,
    QuestionIntroduced,
    QuestionOpened,
    Skip,
    Start,
    SubmitAnswer,
)

READ_MS = 3_000


def test_start_shows_the_intro_and_answers_open_when_it_is_over() -> None:
    """With a read time, start shows the question, and close_due at its end opens answers."""
    game = lobby(bank(choice()), "Ada", settings=GameSettings(read_ms=READ_MS))
    [intro] = game.handle(Start(), OPEN_MS)
    assert isinstance(intro, QuestionIntroduced)
    assert (intro.read_ms, intro.opens_at_ms) == (READ_MS, OPEN_MS + READ_MS)
    assert intro.question == game.question and game.question_index == 0
    assert game.phase is Phase.INTRO
    assert game.due_ms == OPEN_MS + READ_MS and game.deadline_ms is None
    assert game.intro_remaining_ms(OPEN_MS + 1_000) == 2_000
    assert game.handle(CloseDue(), OPEN_MS + READ_MS - 1) == []  # early timer: nothing
    [opened] = game.handle(CloseDue(), OPEN_MS + READ_MS + 40)
    assert isinstance(opened, QuestionOpened)
    assert game.phase is Phase.QUESTION


def test_the_clock_starts_when_answers_open_not_at_the_intro() -> None:
    """The time limit is counted from the opening: an instant answer scores full points."""
    game = lobby(bank(choice()), "Ada", settings=GameSettings(read_ms=READ_MS))
    game.handle(Start(), OPEN_MS)
    opens = OPEN_MS + READ_MS
    [opened] = game.handle(CloseDue(), opens)
    assert isinstance(opened, QuestionOpened)
    assert opened.deadline_ms == opens + LIMIT_MS and opened.remaining_ms == LIMIT_MS
    [accepted] = game.handle(SubmitAnswer("p0", 0, ChoiceAnswer(1)), opens)
    assert accepted.points == 1000  # type: ignore[union-attr]


def test_an_answer_during_the_intro_is_no_question() -> None:
    """Answers are not open yet: no_question, and nothing changes."""
    game = lobby(bank(choice()), "Ada", settings=GameSettings(read_ms=READ_MS))
    game.handle(Start(), OPEN_MS)
    assert_rejected(
        game, SubmitAnswer("p0", 0, ChoiceAnswer(1)), OPEN_MS + 1, ErrorCode.NO_QUESTION
    )


def test_next_opens_answers_before_the_read_time_is_over() -> None:
    """The host steps in: next during the intro opens the question now."""
    game = lobby(bank(choice()), "Ada", settings=GameSettings(read_ms=READ_MS))
    game.handle(Start(), OPEN_MS)
    [opened] = game.handle(Next(), OPEN_MS + 500)
    assert isinstance(opened, QuestionOpened)
    assert opened.deadline_ms == OPEN_MS + 500 + LIMIT_MS
    assert_rejected(game, Next(), OPEN_MS + 600, ErrorCode.BAD_STATE)


def test_skip_is_not_allowed_during_the_intro() -> None:
    """Skip closes an open question; during the intro nothing is open."""
    game = lobby(bank(choice()), "Ada", settings=GameSettings(read_ms=READ_MS))
    game.handle(Start(), OPEN_MS)
    assert_rejected(game, Skip(), OPEN_MS, ErrorCode.BAD_STATE)


def test_a_question_read_time_overrides_the_game_and_zero_turns_it_off() -> None:
    """read_time on a question wins over the game's setting, both ways."""
    quick = attrs.evolve(choice(), read_time_ms=0)
    slow = attrs.evolve(choice(), read_time_ms=5_000)
    game = lobby(bank(quick, slow), "Ada", settings=GameSettings(read_ms=READ_MS))
    assert isinstance(game.handle(Start(), OPEN_MS)[0], QuestionOpened)
    game.handle(Skip(), OPEN_MS + 1)
    game.handle(Next(), OPEN_MS + 2)
    [intro] = game.handle(Next(), OPEN_MS + 3)
    assert isinstance(intro, QuestionIntroduced) and intro.read_ms == 5_000


def test_games_stored_before_the_intro_have_none() -> None:
    """The default settings (those of a game stored without any) open questions at once."""
    assert GameSettings().read_ms == 0
    game = lobby(bank(choice()), "Ada")
    assert isinstance(game.handle(Start(), OPEN_MS)[0], QuestionOpened)


def test_answer_counts_of_the_last_question_are_gone_during_the_intro() -> None:
    """The intro of the next question starts with nobody answered."""
    game = lobby(bank(choice(), choice()), "Ada", settings=GameSettings(read_ms=READ_MS))
    game.handle(Start(), 0)
    game.handle(Next(), 0)
    game.handle(SubmitAnswer("p0", 0, ChoiceAnswer(1)), 10)
    game.handle(Skip(), 20)
    game.handle(Next(), 30)
    game.handle(Next(), 40)
    assert game.phase is Phase.INTRO and game.question_index == 1
    assert game.answered_count == 0 and not game.has_answered("p0")
