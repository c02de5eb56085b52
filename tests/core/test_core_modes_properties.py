"""Property tests of a game with every mode (intro, auto-close, autoplay, rounds, pacing,
teams): replay gives the same game, auto-close waits for everyone connected, a timed move
never comes early, a team gains the mean of its members present at every reveal."""

from __future__ import annotations

from fractions import Fraction
from typing import Any

import attrs
from core_kit import bank, choice, multiple, poll, true_false
from hypothesis import given, settings
from hypothesis import strategies as st

from quizhost.bank.models import Round
from quizhost.core import (
    AddTime,
    Autoplay,
    ChoiceAnswer,
    ChoicesAnswer,
    CloseDue,
    Command,
    DisconnectAll,
    End,
    Game,
    GameSettings,
    Join,
    Kick,
    Leave,
    Next,
    Pause,
    Phase,
    QuestionClosed,
    QuestionOpened,
    Rejected,
    Rejoin,
    Resume,
    Skip,
    Start,
    SubmitAnswer,
)
from quizhost.core.scoring import round_half_up

BANK = attrs.evolve(
    bank(
        attrs.evolve(choice(shuffle=True), read_time_ms=0),
        multiple(),
        attrs.evolve(true_false(), read_time_ms=5_000),
        poll(),
        shuffle_questions=True,
    ),
    rounds=(Round(title="One", size=1), Round(title="Two", size=3)),
)
MODES = GameSettings(
    read_ms=2_000, auto_close=True, autoplay_ms=3_000, leaderboard_every=2, teams=("Red", "Blue")
)
PLAYERS = ["a", "b", "c", "d"]

player_ids = st.sampled_from(PLAYERS)
answers = st.one_of(
    st.builds(ChoiceAnswer, st.integers(0, 3)),
    st.builds(ChoicesAnswer, st.frozensets(st.integers(0, 3), min_size=1, max_size=3)),
)
commands: st.SearchStrategy[Command] = st.one_of(
    st.builds(
        Join,
        player_ids,
        st.sampled_from(["Ada", "Bob", "Cy", "Dee"]),
        st.sampled_from([None, "Red", "Blue"]),
    ),
    st.builds(Rejoin, player_ids),
    st.builds(Leave, player_ids),
    st.builds(SubmitAnswer, player_ids, st.integers(0, 3), answers),
    st.builds(SubmitAnswer, player_ids, st.integers(0, 3), answers),
    st.builds(SubmitAnswer, player_ids, st.integers(0, 3), answers),
    st.sampled_from([Start(), Next(), Next(), Skip(), Pause(), Resume(), End()]),
    st.sampled_from([CloseDue(), CloseDue(), DisconnectAll()]),
    st.builds(AddTime, st.integers(1, 5_000)),
    st.builds(Autoplay, st.sampled_from([0, 1_000, 5_000])),
    st.builds(Kick, player_ids),
)
steps = st.lists(st.tuples(commands, st.integers(0, 6_000)), max_size=80)


def play(game: Game, the_steps: list[tuple[Command, int]]) -> list[Any]:
    """Play the steps, checking auto-close after each; return every outcome."""
    outcomes: list[Any] = []
    now = 0
    present: dict[str, list[str]] = {}
    for command, delay in the_steps:
        now += delay
        due = game.due_ms
        phase = game.phase
        try:
            events = game.handle(command, now)
        except Rejected as rejected:
            outcomes.append(rejected.code)
            continue
        outcomes.append(events)
        for event in events:
            if isinstance(event, QuestionOpened):
                present = {team: [] for team in MODES.teams}
                for pid, player in game.players.items():
                    if not player.kicked and player.team is not None:
                        present[player.team].append(pid)
            if isinstance(event, QuestionClosed):
                check_team_means(game, event, present)
        if isinstance(command, CloseDue) and game.phase is not phase:
            assert due is not None and now >= due, "a timed move came early"
        if any(isinstance(e, QuestionClosed) for e in events) and isinstance(
            command, SubmitAnswer | Leave | Kick | Resume
        ):
            # Closed by auto-close: nobody connected could still have answered.
            waiting = [
                p.id
                for p in game.players.values()
                if p.connected and not p.kicked and not game.has_answered(p.id)
            ]
            assert waiting == [], f"closed while {waiting} could still answer"
            assert game.connected_count > 0
        # An answer, a leave, a kick or a resume that completes the class closes the question.
        # (A rejoin does not: after a restart the others may be on their way back.)
        closing = SubmitAnswer | Leave | Kick | Resume
        if game.phase is Phase.QUESTION and isinstance(command, closing):
            connected = [p for p in game.players.values() if p.connected and not p.kicked]
            everyone = connected and all(game.has_answered(p.id) for p in connected)
            assert not everyone, "everyone connected answered but the question is open"
    return outcomes


def check_team_means(game: Game, closed: QuestionClosed, present: dict[str, list[str]]) -> None:
    """Each team gained the mean of its present, not kicked members' points (rounded)."""
    for standing in closed.teams:
        still = [pid for pid in present[standing.name] if not game.players[pid].kicked]
        points = [closed.results[pid].points for pid in still]
        mean = round_half_up(Fraction(sum(points), len(points))) if points else 0
        assert standing.gained == mean, (standing, points)
    assert [s.rank for s in closed.teams] == list(range(1, len(closed.teams) + 1))


@settings(max_examples=200, deadline=None)
@given(steps, st.integers(0, 3))
def test_a_game_with_modes_replays_to_the_same_state(
    the_steps: list[tuple[Command, int]], seed: int
) -> None:
    """The journal (the same commands at the same times) rebuilds the same game."""
    live, replayed = Game(BANK, seed=seed, settings=MODES), Game(BANK, seed=seed, settings=MODES)
    assert play(live, the_steps) == play(replayed, the_steps)
    assert dict(live.players) == dict(replayed.players)
    assert live.ranking() == replayed.ranking()
    assert (live.phase, live.question_index, live.due_ms) == (
        replayed.phase,
        replayed.question_index,
        replayed.due_ms,
    )
    assert live.connected_count == sum(
        1 for p in live.players.values() if p.connected and not p.kicked
    )
