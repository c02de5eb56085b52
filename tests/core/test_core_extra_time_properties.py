"""Property tests of extra time: the same share of one's own time scores the same, a replay
gives the same game, and a question never closes on a connected player who still has time."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from quizhost.core import (
    EXTRA_TIME_PERCENTS,
    AddTime,
    AnswerAccepted,
    ChoiceAnswer,
    CloseDue,
    Command,
    DisconnectAll,
    ExtraTime,
    Game,
    GameSettings,
    Join,
    Kick,
    Leave,
    Next,
    Pause,
    Phase,
    QuestionClosed,
    Rejected,
    Rejoin,
    Resume,
    Skip,
    Start,
    SubmitAnswer,
)
from tests.core.core_kit import LIMIT_MS, OPEN_MS, bank, choice, lobby, true_false

BANK = bank(choice(), true_false(), choice(shuffle=True))
PLAYERS = ["a", "b", "c"]
NAMES = ["Ada", "Bob", "Cy"]
player_ids = st.sampled_from(PLAYERS)
percents = st.sampled_from([0, *EXTRA_TIME_PERCENTS])
commands: st.SearchStrategy[Command] = st.one_of(
    st.builds(Join, player_ids, st.sampled_from(["Ada", "Bob", "Cy"])),
    st.builds(Rejoin, player_ids),
    st.builds(Leave, player_ids),
    st.builds(SubmitAnswer, player_ids, st.just(0), st.builds(ChoiceAnswer, st.integers(0, 3))),
    st.builds(
        SubmitAnswer, player_ids, st.integers(0, 2), st.builds(ChoiceAnswer, st.integers(0, 1))
    ),
    st.builds(ExtraTime, player_ids, percents),
    st.builds(ExtraTime, player_ids, percents),
    st.sampled_from([Next(), Next(), Skip(), Pause(), Resume(), Resume()]),
    st.sampled_from([CloseDue(), CloseDue(), CloseDue(), DisconnectAll()]),
    st.builds(AddTime, st.integers(1, 5_000)),
    st.builds(Kick, player_ids),
)
# Everyone joins and some are marked before the start, so most runs play with extra time.
prelude = st.lists(st.tuples(st.builds(ExtraTime, player_ids, percents), st.just(0)), max_size=3)
JOINS: list[tuple[Command, int]] = [
    (Join(pid, name), 0) for pid, name in zip(PLAYERS, NAMES, strict=True)
]
steps = st.builds(
    lambda marks, rest: [*JOINS, *marks, (Start(), 1_000), *rest],
    prelude,
    st.lists(st.tuples(commands, st.integers(0, 9_000)), max_size=60),
)


def play(game: Game, the_steps: list[tuple[Command, int]]) -> list[Any]:
    """Play the steps, checking the extra-time rules after each; return every outcome."""
    outcomes: list[Any] = []
    now = 0
    for command, delay in the_steps:
        now += delay
        could_answer = [
            pid
            for pid, p in game.players.items()
            if p.connected and not p.kicked and not game.has_answered(pid)
            if game.player_remaining_ms(pid, now)
        ]
        try:
            events = game.handle(command, now)
        except Rejected as rejected:
            outcomes.append(rejected.code)
            continue
        outcomes.append(events)
        closed = any(isinstance(e, QuestionClosed) for e in events)
        if closed and isinstance(command, CloseDue | SubmitAnswer | Leave | Rejoin | ExtraTime):
            # Not the host's skip or end, nor a kick: nobody else who could answer is cut off.
            others = [pid for pid in could_answer if getattr(command, "player_id", None) != pid]
            still = [pid for pid in others if not game.has_answered(pid)]
            assert still == [], f"closed while {still} had time"
        if game.phase is Phase.QUESTION and game.autoplay_due_ms is None:
            # The timer the session sets is never before anyone's own deadline.
            due = game.due_ms
            assert due is not None
            for pid, p in game.players.items():
                if p.connected and not p.kicked and not game.has_answered(pid):
                    left = game.player_remaining_ms(pid, now)
                    assert not left or due >= now + left, (pid, due, now, left)
        for event in events:
            if isinstance(event, AnswerAccepted):
                limit = game.player_limit_ms(event.player_id)
                assert limit is not None and 0 <= event.elapsed_ms <= limit
    return outcomes


@settings(max_examples=200, deadline=None)
@given(steps, st.integers(0, 3), st.booleans())
def test_a_game_with_extra_time_replays_to_the_same_state(
    the_steps: list[tuple[Command, int]], seed: int, auto_close: bool
) -> None:
    """The journal (the same commands at the same times) rebuilds the same game, marks and all."""
    rules = GameSettings(auto_close=auto_close)
    live, replayed = (Game(BANK, seed=seed, settings=rules) for _ in range(2))
    assert play(live, the_steps) == play(replayed, the_steps)
    assert dict(live.players) == dict(replayed.players)
    assert dict(live.extra_time) == dict(replayed.extra_time)
    assert live.ranking() == replayed.ranking()
    assert (live.phase, live.question_index, live.due_ms) == (
        replayed.phase,
        replayed.question_index,
        replayed.due_ms,
    )
    marks = {pid: p.extra_percent for pid, p in live.players.items() if p.extra_percent}
    kept = {pid: pct for pid, pct in marks.items() if not live.players[pid].kicked}
    assert dict(live.extra_time) == kept


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(EXTRA_TIME_PERCENTS), st.integers(0, LIMIT_MS // 4 - 1))
def test_the_same_share_of_ones_own_time_scores_the_same(percent: int, quarter: int) -> None:
    """An answer at the same fraction of the player's own limit scores as an unmarked one."""
    at = 4 * quarter  # a multiple of 4 ms: its share of +25 % time is a whole ms too
    game = lobby(bank(choice()), "Ada", "Bob")
    game.handle(ExtraTime("p0", percent), 0)
    game.handle(Start(), OPEN_MS)
    bob = game.handle(SubmitAnswer("p1", 0, ChoiceAnswer(1)), OPEN_MS + at)[0]
    own_at = at * (100 + percent) // 100
    ada = game.handle(SubmitAnswer("p0", 0, ChoiceAnswer(1)), OPEN_MS + own_at)[0]
    assert isinstance(ada, AnswerAccepted) and isinstance(bob, AnswerAccepted)
    assert ada.points == bob.points
