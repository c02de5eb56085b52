"""Team mode: picking or being put in a team, and the team score as the members' mean.

The worked examples here are those of docs/game-rules.md.
"""

from __future__ import annotations

from core_kit import bank, choice

from quizhost.core import (
    ChoiceAnswer,
    ErrorCode,
    Game,
    GameSettings,
    Join,
    Kick,
    Next,
    QuestionClosed,
    Rejected,
    Skip,
    Start,
    SubmitAnswer,
    TeamStanding,
)

TEAMS = GameSettings(teams=("Red", "Blue"))


def close(game: Game, at: int) -> QuestionClosed:
    [closed] = [e for e in game.handle(Skip(), at) if isinstance(e, QuestionClosed)]
    return closed


def right(game: Game, pid: str, question: int, at: int) -> None:
    game.handle(SubmitAnswer(pid, question, ChoiceAnswer(1)), at)


def test_a_pick_is_kept_and_no_pick_goes_to_the_smallest_team() -> None:
    """Ada picks Blue; Bob (a v1 phone, no team) goes to Red, the smaller; Cy then too."""
    game = Game(bank(choice()), seed=1, settings=TEAMS)
    game.handle(Join("a", "Ada", "Blue"), 0)
    game.handle(Join("b", "Bob"), 0)
    game.handle(Join("c", "Cy"), 0)
    assert [p.team for p in game.players.values()] == ["Blue", "Red", "Red"]
    try:
        game.handle(Join("d", "Dee", "Green"), 0)
    except Rejected as rejected:
        assert rejected.code is ErrorCode.BAD_MESSAGE
    else:
        raise AssertionError("an unknown team was accepted")


def test_teams_auto_ignores_the_pick() -> None:
    """--teams-auto: everyone to the smallest team, first of equals."""
    game = Game(
        bank(choice()), seed=1, settings=GameSettings(teams=("Red", "Blue"), teams_auto=True)
    )
    for pid, name in (("a", "Ada"), ("b", "Bob"), ("c", "Cy")):
        game.handle(Join(pid, name, "Blue"), 0)
    assert [p.team for p in game.players.values()] == ["Red", "Blue", "Red"]


def test_the_team_gains_the_mean_of_its_members_present() -> None:
    """Red: Ada 1000 and Bob 0 -> 500. Blue: Cy 1000 alone -> 1000."""
    game = Game(bank(choice()), seed=1, settings=TEAMS)
    game.handle(Join("a", "Ada", "Red"), 0)
    game.handle(Join("b", "Bob", "Red"), 0)
    game.handle(Join("c", "Cy", "Blue"), 0)
    game.handle(Start(), 0)
    right(game, "a", 0, 0)
    right(game, "c", 0, 0)
    closed = close(game, 1)
    assert closed.teams == (
        TeamStanding("Blue", 1000, 1, 1000, 1),
        TeamStanding("Red", 500, 2, 500, 2),
    )


def test_a_late_joiner_counts_from_the_next_question_and_a_kicked_one_no_more() -> None:
    """Question 1: Red is Ada (1000) and Bob (0) -> 500; Dee joins Red mid-question and
    answers (1000): not counted. Question 2: Bob is kicked; Ada 1000 + 100 (streak), Dee 0
    -> 550. Red: 1050."""
    game = Game(bank(choice(), choice()), seed=1, settings=TEAMS)
    game.handle(Join("a", "Ada", "Red"), 0)
    game.handle(Join("b", "Bob", "Red"), 0)
    game.handle(Start(), 0)
    game.handle(Join("d", "Dee", "Red"), 10)
    right(game, "a", 0, 20)
    right(game, "d", 0, 20)
    assert close(game, 30).teams[0] == TeamStanding("Red", 500, 1, 500, 3)
    game.handle(Next(), 40)
    game.handle(Next(), 50)
    game.handle(Kick("b"), 60)
    right(game, "a", 1, 60)
    red = close(game, 70).teams[0]
    assert (red.name, red.score, red.gained, red.members) == ("Red", 1050, 550, 2)


def test_a_game_without_teams_has_no_standings() -> None:
    """No teams: players have none, and reveals carry none."""
    game = Game(bank(choice()), seed=1)
    game.handle(Join("a", "Ada", None), 0)
    game.handle(Start(), 0)
    assert game.players["a"].team is None and close(game, 1).teams == ()
