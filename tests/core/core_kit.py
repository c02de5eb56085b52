"""Test kit for the game core: banks built in code from the models, helpers to drive a Game."""

from __future__ import annotations

import copy
from typing import Any

import attrs
import pytest

from quizhost.bank.models import (
    AnyQuestion,
    Bank,
    ChoiceQuestion,
    OrderQuestion,
    PointsMode,
    PollQuestion,
    Round,
    SliderQuestion,
    TrueFalseQuestion,
    TypeAnswerQuestion,
)
from quizhost.core import (
    Command,
    End,
    ErrorCode,
    Game,
    GameSettings,
    Join,
    Next,
    Pause,
    Phase,
    Rejected,
    Skip,
    Start,
)

OPEN_MS = 1_000  # when helpers open the first question
LIMIT_MS = 20_000
DEADLINE_MS = OPEN_MS + LIMIT_MS


def choice(
    correct: int = 1,
    *,
    choices: tuple[str, ...] = ("Paris", "Canberra", "Vienna", "Ottawa"),
    shuffle: bool = False,
    points: PointsMode = PointsMode.STANDARD,
    time_limit_ms: int = LIMIT_MS,
) -> ChoiceQuestion:
    return ChoiceQuestion(
        text="Capital of Australia?",
        choices=choices,
        correct=frozenset({correct}),
        shuffle=shuffle,
        points=points,
        time_limit_ms=time_limit_ms,
        explanation="Canberra was built as a compromise.",
    )


def multiple(
    correct: frozenset[int] = frozenset({0, 2}), *, shuffle: bool = False
) -> ChoiceQuestion:
    return ChoiceQuestion(
        text="Which are prime?",
        choices=("2", "4", "5", "9"),
        correct=correct,
        multiple=True,
        shuffle=shuffle,
        time_limit_ms=LIMIT_MS,
    )


def true_false(answer: bool = True) -> TrueFalseQuestion:
    return TrueFalseQuestion(text="Water boils at 100 °C at sea level.", answer=answer)


def type_answer() -> TypeAnswerQuestion:
    return TypeAnswerQuestion(text="Capital of Austria?", accepted=("Wien", "Vienna"))


def slider(margin: float = 5) -> SliderQuestion:
    return SliderQuestion(
        text="Moon landing year?", minimum=1900, maximum=2000, step=1, answer=1969, margin=margin
    )


def order(items: tuple[str, ...] = ("one", "two", "three", "four")) -> OrderQuestion:
    return OrderQuestion(text="Put in order", items=items)


def poll(shuffle: bool = False) -> PollQuestion:
    return PollQuestion(text="Favourite colour?", choices=("red", "green", "blue"), shuffle=shuffle)


def bank(*questions: AnyQuestion, shuffle_questions: bool = False) -> Bank:
    return Bank(
        title="Test", questions=questions or (choice(),), shuffle_questions=shuffle_questions
    )


def lobby(
    the_bank: Bank | None = None,
    *names: str,
    seed: int = 7,
    max_players: int = 2000,
    settings: GameSettings | None = None,
) -> Game:
    """A game in the lobby with players p0, p1 ... named `names`, joined at 0 ms."""
    game = Game(the_bank or bank(), seed=seed, max_players=max_players, settings=settings)
    for number, name in enumerate(names):
        game.handle(Join(f"p{number}", name), 0)
    return game


def started(the_bank: Bank | None = None, *names: str, seed: int = 7) -> Game:
    """Like `lobby`, with the first question opened at OPEN_MS."""
    game = lobby(the_bank, *names, seed=seed)
    game.handle(Start(), OPEN_MS)
    return game


def game_in(phase: Phase) -> Game:
    """A one-question game with Ada and Bob, driven to `phase` (the intro: a 3 s read time)."""
    settings = GameSettings(read_ms=3_000) if phase is Phase.INTRO else None
    the_bank = bank(choice())
    if phase is Phase.ROUND:
        the_bank = attrs.evolve(the_bank, rounds=(Round(title="Warm-up", size=1),))
    game = lobby(the_bank, "Ada", "Bob", settings=settings)
    steps: dict[Phase, list[Command]] = {
        Phase.LOBBY: [],
        Phase.INTRO: [Start()],
        Phase.ROUND: [Start()],
        Phase.QUESTION: [Start()],
        Phase.PAUSED: [Start(), Pause()],
        Phase.REVEAL: [Start(), Skip()],
        Phase.LEADERBOARD: [Start(), Skip(), Next()],
        Phase.PODIUM: [Start(), Skip(), Next(), Next()],
        Phase.ENDED: [End()],
    }
    for command in steps[phase]:
        game.handle(command, OPEN_MS)
    assert game.phase is phase
    return game


def state(game: Game) -> dict[str, Any]:
    """Everything a Game holds (but its bound handlers), deep-copied to compare later."""
    return copy.deepcopy({k: v for k, v in vars(game).items() if k != "_handlers"})


def assert_rejected(game: Game, command: Command, now_ms: int, code: ErrorCode) -> Rejected:
    """`command` raises Rejected with `code` and leaves the game exactly as it was."""
    before = state(game)
    with pytest.raises(Rejected) as caught:
        game.handle(command, now_ms)
    assert caught.value.code is code, caught.value.message
    assert state(game) == before
    return caught.value
