"""Players: joining, nicknames, rejoining, leaving and kicking."""

from __future__ import annotations

import pytest

from quizhost.core import (
    ChoiceAnswer,
    ErrorCode,
    Join,
    Kick,
    Leave,
    Lock,
    Phase,
    PlayerJoined,
    PlayerKicked,
    PlayerLeft,
    PlayerRejoined,
    Ranked,
    Rejoin,
    Skip,
    SubmitAnswer,
    normalize_name,
)
from tests.core.core_kit import OPEN_MS, assert_rejected, bank, choice, game_in, lobby, started


def test_join_adds_a_connected_player_with_no_score() -> None:
    """A join in the lobby is announced and the player starts at 0, connected."""
    game = lobby()
    assert game.handle(Join("id1", "Ada"), 5) == [PlayerJoined("id1", "Ada")]
    player = game.players["id1"]
    assert (player.name, player.score, player.streak, player.connected, player.kicked) == (
        "Ada",
        0,
        0,
        True,
        False,
    )
    assert player.joined_at_ms == 5


@pytest.mark.parametrize("phase", [Phase.QUESTION, Phase.PAUSED, Phase.REVEAL, Phase.LEADERBOARD])
def test_late_join_is_accepted_before_the_podium(phase: Phase) -> None:
    """Joining works in every phase before the podium."""
    game = game_in(phase)
    assert game.handle(Join("late", "Late"), OPEN_MS) == [PlayerJoined("late", "Late")]
    assert game.ranking()[-1] == Ranked("late", "Late", 0, 3)


@pytest.mark.parametrize("phase", [Phase.PODIUM, Phase.ENDED])
def test_join_after_the_game_is_game_locked(phase: Phase) -> None:
    """Once the podium is shown nobody can join: game_locked."""
    assert_rejected(game_in(phase), Join("late", "Late"), OPEN_MS, ErrorCode.GAME_LOCKED)


def test_join_when_locked_is_game_locked() -> None:
    """The host's lock refuses new players."""
    game = lobby(None, "Ada")
    game.handle(Lock(), 0)
    assert_rejected(game, Join("id", "Bob"), 0, ErrorCode.GAME_LOCKED)


def test_join_when_full_is_game_full() -> None:
    """max_players non-kicked players fill the game."""
    game = lobby(None, "Ada", "Bob", max_players=2)
    assert_rejected(game, Join("id", "Cy"), 0, ErrorCode.GAME_FULL)


def test_kicking_frees_a_place() -> None:
    """Kicked players do not count towards the cap."""
    game = lobby(None, "Ada", "Bob", max_players=2)
    game.handle(Kick("p0"), 0)
    assert game.handle(Join("id", "Cy"), 0) == [PlayerJoined("id", "Cy")]


def test_duplicate_player_id_is_bad_state() -> None:
    """The same id twice is a session bug: bad_state."""
    assert_rejected(lobby(None, "Ada"), Join("p0", "Other"), 0, ErrorCode.BAD_STATE)


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("  Ada  ", "Ada"),
        ("Ａｄａ", "Ada"),  # full-width letters: NFKC
        ("A\u200bd\u200da", "Ada"),  # zero-width space and joiner: Cf
        ("\u202eAda\u202c", "Ada"),  # bidi override: Cf
        ("\ufeffAda", "Ada"),  # BOM
        ("Ada\x00\x07", "Ada"),  # controls: Cc
        ("Ada \t\n  Lovelace", "Ada Lovelace"),  # whitespace runs collapse
        ("ﬁ", "fi"),  # ligature: NFKC
        ("x" * 20, "x" * 20),
        ("é" * 20, "é" * 20),  # code points, not bytes
    ],
)
def test_names_are_normalised(raw: str, shown: str) -> None:
    """Names are NFKC, stripped of control/format characters, whitespace collapsed and trimmed."""
    game = lobby()
    assert game.handle(Join("id", raw), 0) == [PlayerJoined("id", shown)]
    assert normalize_name(raw) == shown


@pytest.mark.parametrize("raw", ["", "   ", "\u200b\u200b", "\x00", "x" * 21, "\ud800"])
def test_empty_or_long_names_are_name_invalid(raw: str) -> None:
    """A name empty after normalising, or over 20 code points, is name_invalid."""
    assert_rejected(lobby(), Join("id", raw), 0, ErrorCode.NAME_INVALID)


@pytest.mark.parametrize("raw", ["ada", "ADA", " Ada ", "Ａｄａ", "A\u200bda"])
def test_names_are_unique_case_insensitively(raw: str) -> None:
    """A name equal to a taken one after normalising and case folding is name_taken."""
    assert_rejected(lobby(None, "Ada"), Join("id", raw), 0, ErrorCode.NAME_TAKEN)


def test_casefold_catches_german_sharp_s() -> None:
    """Case folding, not lower(): STRASSE clashes with straße."""
    assert_rejected(lobby(None, "straße"), Join("id", "STRASSE"), 0, ErrorCode.NAME_TAKEN)


def test_a_kicked_players_name_stays_taken() -> None:
    """A kicked prankster cannot come back under the same name."""
    game = lobby(None, "Prankster")
    game.handle(Kick("p0"), 0)
    assert_rejected(game, Join("id", "prankster"), 0, ErrorCode.NAME_TAKEN)


def test_leave_marks_the_player_disconnected_but_keeps_them() -> None:
    """A closed socket keeps the player, score and place; it only flips connected."""
    game = lobby(None, "Ada")
    assert game.handle(Leave("p0"), 1) == [PlayerLeft("p0")]
    assert not game.players["p0"].connected
    assert [ranked.player_id for ranked in game.ranking()] == ["p0"]


def test_leave_twice_says_nothing_the_second_time() -> None:
    """Leaving an already disconnected player is a no-op."""
    game = lobby(None, "Ada")
    game.handle(Leave("p0"), 1)
    assert game.handle(Leave("p0"), 2) == []


def test_leave_of_an_unknown_player_is_not_joined() -> None:
    """Leave for an id the game never saw is not_joined."""
    assert_rejected(lobby(), Leave("ghost"), 0, ErrorCode.NOT_JOINED)


def test_leave_of_a_kicked_player_is_not_joined() -> None:
    """A kicked player's socket closing is not a leave."""
    game = lobby(None, "Ada")
    game.handle(Kick("p0"), 0)
    assert_rejected(game, Leave("p0"), 0, ErrorCode.NOT_JOINED)


def test_rejoin_reconnects_with_score_intact() -> None:
    """A rejoining player is connected again, same score."""
    game = started(bank(choice()), "Ada")
    game.handle(SubmitAnswer("p0", 0, ChoiceAnswer(1)), OPEN_MS)
    game.handle(Skip(), OPEN_MS)
    game.handle(Leave("p0"), OPEN_MS)
    assert game.handle(Rejoin("p0"), OPEN_MS + 5) == [PlayerRejoined("p0")]
    assert game.players["p0"].connected
    assert game.players["p0"].score == 1000


def test_rejoin_works_after_the_game_ended() -> None:
    """A phone that reconnects at the end can still see the final state."""
    game = game_in(Phase.ENDED)
    assert game.handle(Rejoin("p1"), OPEN_MS) == [PlayerRejoined("p1")]


def test_rejoin_of_unknown_player_is_bad_token() -> None:
    """A token for a player this game does not know is bad_token."""
    assert_rejected(lobby(), Rejoin("ghost"), 0, ErrorCode.BAD_TOKEN)


def test_rejoin_of_kicked_player_is_bad_token() -> None:
    """Kicked players are out for good: their token is refused."""
    game = lobby(None, "Ada")
    game.handle(Kick("p0"), 0)
    assert_rejected(game, Rejoin("p0"), 0, ErrorCode.BAD_TOKEN)


def test_kick_removes_from_ranking_and_marks_kicked() -> None:
    """A kicked player leaves the ranking but stays in players, kicked and disconnected."""
    game = lobby(None, "Ada", "Bob")
    assert game.handle(Kick("p0"), 0) == [PlayerKicked("p0")]
    assert [ranked.player_id for ranked in game.ranking()] == ["p1"]
    assert game.players["p0"].kicked
    assert not game.players["p0"].connected
    assert game.active_count == 1


def test_kicked_player_cannot_answer() -> None:
    """A kicked player's answer is not_joined."""
    game = started(bank(choice()), "Ada")
    game.handle(Kick("p0"), OPEN_MS)
    assert_rejected(game, SubmitAnswer("p0", 0, ChoiceAnswer(1)), OPEN_MS, ErrorCode.NOT_JOINED)


def test_kick_removes_the_answer_from_the_counts() -> None:
    """Kicking a player who answered takes their answer out of answered and counts."""
    game = started(bank(choice()), "Ada", "Bob")
    game.handle(SubmitAnswer("p0", 0, ChoiceAnswer(2)), OPEN_MS)
    game.handle(SubmitAnswer("p1", 0, ChoiceAnswer(1)), OPEN_MS)
    game.handle(Kick("p0"), OPEN_MS)
    assert game.answered_count == 1
    assert game.answer_counts == (0, 1, 0, 0)
    assert not game.has_answered("p0")
    closed = game.handle(Skip(), OPEN_MS)[0]
    assert "p0" not in closed.results  # type: ignore[union-attr]


def test_kick_unknown_or_twice_is_bad_state() -> None:
    """Kicking someone not in the game (or already kicked) is bad_state."""
    game = lobby(None, "Ada")
    assert_rejected(game, Kick("ghost"), 0, ErrorCode.BAD_STATE)
    game.handle(Kick("p0"), 0)
    assert_rejected(game, Kick("p0"), 0, ErrorCode.BAD_STATE)
