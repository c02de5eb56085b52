"""Auto-close: the question closes once every connected, non-kicked player has answered."""

from __future__ import annotations

from core_kit import OPEN_MS, bank, choice

from quizhost.core import (
    AnswerAccepted,
    ChoiceAnswer,
    DisconnectAll,
    Game,
    GameSettings,
    Join,
    Kick,
    Leave,
    Pause,
    Phase,
    PlayerLeft,
    QuestionClosed,
    Rejoin,
    Resume,
    Start,
    SubmitAnswer,
)

ON = GameSettings(auto_close=True)


def playing(*names: str, settings: GameSettings = ON) -> Game:
    game = Game(bank(choice(), choice()), seed=1, settings=settings)
    for number, name in enumerate(names):
        game.handle(Join(f"p{number}", name), 0)
    game.handle(Start(), OPEN_MS)
    return game


def answer(game: Game, player: str, at: int = OPEN_MS + 100) -> list[object]:
    return list(game.handle(SubmitAnswer(player, 0, ChoiceAnswer(1)), at))


def test_the_last_answer_closes_the_question() -> None:
    """The answer that completes the class comes with the reveal."""
    game = playing("Ada", "Bob")
    assert [type(e) for e in answer(game, "p0")] == [AnswerAccepted]
    assert [type(e) for e in answer(game, "p1")] == [AnswerAccepted, QuestionClosed]
    assert game.phase is Phase.REVEAL


def test_off_by_default_for_stored_games() -> None:
    """Without the setting (games stored before it), everyone answering closes nothing."""
    game = playing("Ada", settings=GameSettings())
    assert [type(e) for e in answer(game, "p0")] == [AnswerAccepted]
    assert game.phase is Phase.QUESTION


def test_a_disconnected_player_no_longer_holds_the_question_open() -> None:
    """Ada answered, Bob's phone went away: his leaving closes the question."""
    game = playing("Ada", "Bob")
    answer(game, "p0")
    events = game.handle(Leave("p1"), OPEN_MS + 200)
    assert [type(e) for e in events] == [PlayerLeft, QuestionClosed]


def test_kicking_the_last_one_who_has_not_answered_closes_it() -> None:
    """A kick counts like a disconnect."""
    game = playing("Ada", "Bob")
    answer(game, "p0")
    assert isinstance(game.handle(Kick("p1"), OPEN_MS + 200)[-1], QuestionClosed)


def test_an_answer_then_a_disconnect_still_counts_as_answered() -> None:
    """Ada answered and left; Bob's answer closes it (Ada holds nothing open)."""
    game = playing("Ada", "Bob")
    answer(game, "p0")
    game.handle(Leave("p0"), OPEN_MS + 150)
    assert game.phase is Phase.QUESTION
    assert isinstance(answer(game, "p1")[-1], QuestionClosed)


def test_nobody_connected_closes_nothing() -> None:
    """After a restart every phone is away: the question waits for them (or its deadline)."""
    game = playing("Ada", "Bob")
    answer(game, "p0")
    events = game.handle(DisconnectAll(), OPEN_MS + 150)
    assert [type(e) for e in events] == [PlayerLeft, PlayerLeft]
    assert game.phase is Phase.QUESTION and game.connected_count == 0
    game.handle(Rejoin("p1"), OPEN_MS + 160)
    assert isinstance(answer(game, "p1")[-1], QuestionClosed)


def test_a_rejoining_player_who_has_not_answered_keeps_it_open() -> None:
    """Bob left and came back: he may still answer, so Ada's answer alone does not close."""
    game = playing("Ada", "Bob")
    game.handle(Leave("p1"), OPEN_MS + 50)
    game.handle(Rejoin("p1"), OPEN_MS + 60)
    answer(game, "p0")
    assert game.phase is Phase.QUESTION


def test_a_paused_question_stays_paused_until_resumed() -> None:
    """Everyone answering while paused waits for the host; resume then closes it."""
    game = playing("Ada")
    game.handle(Pause(), OPEN_MS + 50)
    assert [type(e) for e in answer(game, "p0", OPEN_MS + 60)] == [AnswerAccepted]
    assert game.phase is Phase.PAUSED
    assert isinstance(game.handle(Resume(), OPEN_MS + 70)[-1], QuestionClosed)
