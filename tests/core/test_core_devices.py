"""Devices: a kick refuses the phone it came from, on any later join or rejoin, whatever name.

A device id only ever refuses; it never picks a player (the token does)."""

from __future__ import annotations

import pytest

from quizhost.core import (
    ErrorCode,
    Forget,
    Game,
    Join,
    Kick,
    Lock,
    Phase,
    PlayerJoined,
    PlayerKicked,
    PlayerRejoined,
    Rejoin,
)
from tests.core.core_kit import OPEN_MS, assert_rejected, game_in, lobby

PHONE = "d-phone-0123456789abcdef"
OTHER = "d-other-0123456789abcdef"


def kicked_from(phone: str = PHONE) -> Game:
    """A lobby where Ada joined from `phone` and the host kicked her; Bob joined from OTHER."""
    game = lobby()
    game.handle(Join("ada", "Ada", device=phone), 0)
    game.handle(Join("bob", "Bob", device=OTHER), 0)
    game.handle(Kick("ada"), 1)
    return game


def test_a_kicked_device_is_refused_under_any_new_name() -> None:
    """Ada is kicked; her phone joins again as "Eve": kicked, and nothing changes."""
    game = kicked_from()
    assert_rejected(game, Join("eve", "Eve", device=PHONE), 2, ErrorCode.KICKED)


def test_another_device_still_joins_after_a_kick() -> None:
    """Only the kicked phone is refused: a new phone joins as usual."""
    game = kicked_from()
    assert game.handle(Join("eve", "Eve", device="a-third-phone-000000"), 2) == [
        PlayerJoined("eve", "Eve")
    ]


def test_a_join_without_a_device_is_never_refused_by_one() -> None:
    """A v1 client sends no device: it cannot be held off this way (nor is it refused)."""
    game = kicked_from()
    assert game.handle(Join("eve", "Eve"), 2) == [PlayerJoined("eve", "Eve")]


def test_the_kicked_device_comes_before_the_lock_and_the_phase() -> None:
    """A locked or finished game still tells a kicked phone that it was kicked."""
    game = lobby()
    game.handle(Join("ada", "Ada", device=PHONE), 0)
    game.handle(Kick("ada"), 1)
    game.handle(Lock(), 2)
    assert_rejected(game, Join("eve", "Eve", device=PHONE), 3, ErrorCode.KICKED)


@pytest.mark.parametrize("phase", [Phase.QUESTION, Phase.REVEAL, Phase.PODIUM])
def test_a_kick_in_any_phase_refuses_the_device(phase: Phase) -> None:
    """Ada (p0) rejoins from her phone, is kicked mid-game, and the phone cannot come back."""
    game = game_in(phase)
    game.handle(Rejoin("p0", device=PHONE), OPEN_MS)
    game.handle(Kick("p0"), OPEN_MS)
    assert_rejected(game, Join("eve", "Eve", device=PHONE), OPEN_MS, ErrorCode.KICKED)


def test_a_rejoin_from_a_kicked_device_is_kicked_whoever_the_token_names() -> None:
    """Bob's token resumed on Ada's kicked phone: kicked, and Bob stays as he was."""
    game = kicked_from()
    assert_rejected(game, Rejoin("bob", device=PHONE), 2, ErrorCode.KICKED)


def test_the_kicked_players_own_rejoin_is_kicked_from_the_device_else_bad_token() -> None:
    """The kicked player's token: `kicked` from the kicked phone, `bad_token` from anywhere."""
    game = kicked_from()
    assert_rejected(game, Rejoin("ada", device=PHONE), 2, ErrorCode.KICKED)
    assert_rejected(game, Rejoin("ada"), 2, ErrorCode.BAD_TOKEN)


def test_a_device_seen_on_a_rejoin_is_refused_after_the_kick() -> None:
    """Ada joined with no device, came back from PHONE: kicking her refuses PHONE."""
    game = lobby(None, "Ada")
    assert game.handle(Rejoin("p0", device=PHONE), 1) == [PlayerRejoined("p0")]
    assert game.handle(Kick("p0"), 2) == [PlayerKicked("p0")]
    assert_rejected(game, Join("eve", "Eve", device=PHONE), 3, ErrorCode.KICKED)


def test_every_device_of_a_kicked_player_is_refused() -> None:
    """Ada joined from PHONE and resumed from OTHER: both are refused once she is kicked."""
    game = lobby()
    game.handle(Join("ada", "Ada", device=PHONE), 0)
    game.handle(Rejoin("ada", device=OTHER), 1)
    game.handle(Kick("ada"), 2)
    assert_rejected(game, Join("eve", "Eve", device=PHONE), 3, ErrorCode.KICKED)
    assert_rejected(game, Join("zoe", "Zoe", device=OTHER), 3, ErrorCode.KICKED)


def test_a_device_never_takes_over_a_seat() -> None:
    """Joining with the device of a player in the game makes a new player, never theirs."""
    game = lobby()
    game.handle(Join("ada", "Ada", device=PHONE), 0)
    assert game.handle(Join("eve", "Eve", device=PHONE), 1) == [PlayerJoined("eve", "Eve")]
    assert game.players["ada"].name == "Ada" and game.players["eve"].name == "Eve"
    assert game.players["ada"].connected and game.players["eve"].connected


def test_kicking_one_player_refuses_only_their_devices() -> None:
    """Bob's phone is not Ada's: kicking Ada leaves Bob free to rejoin from it."""
    game = kicked_from()
    assert game.handle(Rejoin("bob", device=OTHER), 2) == [PlayerRejoined("bob")]


def test_a_forgotten_join_leaves_its_device_unrefused() -> None:
    """A join whose write failed is forgotten: its device is nobody's, and a kick of a
    later player does not reach it."""
    game = lobby()
    game.handle(Join("ada", "Ada", device=PHONE), 0)
    game.handle(Forget("ada"), 1)
    game.handle(Join("bob", "Bob", device=OTHER), 2)
    game.handle(Kick("bob"), 3)
    assert game.handle(Join("ada2", "Ada", device=PHONE), 4) == [PlayerJoined("ada2", "Ada")]
