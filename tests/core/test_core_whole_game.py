"""A whole game with every kind of question and several players, start to end."""

from __future__ import annotations

from quizhost.core import (
    Answer,
    ChoiceAnswer,
    ChoicesAnswer,
    CloseDue,
    End,
    GameEnded,
    LeaderboardShown,
    Next,
    OrderAnswer,
    Phase,
    PodiumShown,
    QuestionClosed,
    QuestionOpened,
    Start,
    SubmitAnswer,
    TextAnswer,
    ValueAnswer,
)
from tests.core.core_kit import (
    bank,
    choice,
    lobby,
    multiple,
    order,
    poll,
    slider,
    true_false,
    type_answer,
)

KINDS = bank(choice(), multiple(), true_false(), type_answer(), slider(), order(), poll())


def test_every_kind_in_one_game() -> None:
    """Ada always right and fast, Bob partly right and slow, Cy never answers: scores add up."""
    game = lobby(KINDS, "Ada", "Bob", "Cy")
    opened = game.handle(Start(), 0)[0]
    assert isinstance(opened, QuestionOpened)
    right: list[Answer] = [
        ChoiceAnswer(1),
        ChoicesAnswer(frozenset({0, 2})),
        ChoiceAnswer(0),
        TextAnswer("vienna"),
        ValueAnswer(1970),
        OrderAnswer(game._questions[5].key.reveal().order),  # type: ignore[union-attr]
        ChoiceAnswer(2),
    ]
    bobs: list[Answer] = [
        ChoiceAnswer(0),
        ChoicesAnswer(frozenset({0})),
        ChoiceAnswer(0),
        TextAnswer("Rome"),
        ValueAnswer(1969),
        OrderAnswer(tuple(reversed(right[5].order))),  # type: ignore[union-attr]
        ChoiceAnswer(2),
    ]
    ada_gains, bob_gains = [], []
    now = 0
    for index in range(7):
        start = now
        game.handle(SubmitAnswer("p0", index, right[index]), start)
        game.handle(SubmitAnswer("p1", index, bobs[index]), start + 10_000)
        closed = game.handle(CloseDue(), start + 20_000)[0]
        assert isinstance(closed, QuestionClosed) and closed.index == index
        ada_gains.append(closed.results["p0"].points)
        bob_gains.append(closed.results["p1"].points)
        assert closed.results["p2"].answered is False
        assert isinstance(game.handle(Next(), start + 21_000)[0], LeaderboardShown)
        now = start + 22_000
        last = game.handle(Next(), now)[0]
    # Ada: 1000, then streak bonuses +100..+400, poll keeps streak and scores 0.
    assert ada_gains == [1000, 1100, 1200, 1300, 1400, 1500, 0]
    # Bob at 10 s (750 for a full answer): wrong, half, right, wrong, right, 0 of 4 in place, poll.
    assert bob_gains == [0, 375, 750, 0, 750, 0, 0]
    assert isinstance(last, PodiumShown)
    assert [(e.name, e.score, e.rank) for e in last.entries] == [
        ("Ada", 7500, 1),
        ("Bob", 1875, 2),
        ("Cy", 0, 3),
    ]
    podium = game.phase  # a copy, so the check below does not fix game.phase's type
    assert podium is Phase.PODIUM
    assert game.handle(End(), now) == [GameEnded()]
    assert game.phase is Phase.ENDED
