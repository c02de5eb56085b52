"""A game's bank can change in the lobby (a file edited before the start), never after."""

from __future__ import annotations

import pytest

from quizhost.core import Start
from tests.core.core_kit import OPEN_MS, bank, choice, lobby, order, slider, started, true_false


def test_a_new_bank_in_the_lobby_is_the_one_played_players_kept() -> None:
    """Ada stays; the game asks the new bank's questions in the order a new game would."""
    new = bank(true_false(), slider(), order(), choice(), shuffle_questions=True)
    game = lobby(bank(choice()), "Ada")
    game.use_bank(new)
    assert game.total_questions == 4
    assert [p.name for p in game.players.values()] == ["Ada"]
    fresh = lobby(new, "Ada")  # what --resume builds from the stored (new) bank
    for played in (game, fresh):
        played.handle(Start(), OPEN_MS)
    assert [game.bank_index(i) for i in range(4)] == [fresh.bank_index(i) for i in range(4)]


def test_the_bank_cannot_change_once_the_game_started() -> None:
    """After the start the question order is fixed: use_bank refuses, nothing changes."""
    game = started(bank(choice()), "Ada")
    with pytest.raises(ValueError, match="only change in the lobby"):
        game.use_bank(bank(true_false(), slider()))
    assert game.total_questions == 1
