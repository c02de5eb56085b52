"""Property tests: random command sequences keep the game consistent and deterministic."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule

from quizhost.bank.models import PointsMode
from quizhost.core import (
    ALLOWED,
    AddTime,
    AnswerAccepted,
    ChoiceAnswer,
    ChoicesAnswer,
    CloseDue,
    Command,
    End,
    Event,
    Game,
    Join,
    Kick,
    Leave,
    Lock,
    Next,
    OrderAnswer,
    Pause,
    Phase,
    QuestionClosed,
    Rejected,
    Rejoin,
    Resume,
    Skip,
    Start,
    SubmitAnswer,
    TextAnswer,
    Unlock,
    ValueAnswer,
)
from quizhost.core.scoring import max_points
from tests.core.core_kit import bank, choice, multiple, order, poll, slider, true_false, type_answer

BANK = bank(
    choice(shuffle=True),
    multiple(shuffle=True),
    true_false(),
    type_answer(),
    slider(),
    order(),
    poll(shuffle=True),
    choice(points=PointsMode.DOUBLE, time_limit_ms=5_000),
    shuffle_questions=True,
)
PLAYERS = ["a", "b", "c", "d"]

player_ids = st.sampled_from([*PLAYERS, "ghost"])
answers = st.one_of(
    st.builds(ChoiceAnswer, st.integers(-1, 4)),
    st.builds(ChoicesAnswer, st.frozensets(st.integers(0, 4), max_size=4)),
    st.builds(TextAnswer, st.sampled_from(["Vienna", "wien", "Rome", " ", "Paris"])),
    st.builds(ValueAnswer, st.floats(1890, 2010)),
    st.builds(OrderAnswer, st.permutations([0, 1, 2, 3])),
)
commands: st.SearchStrategy[Command] = st.one_of(
    st.builds(Join, player_ids, st.sampled_from(["Ada", "ada", "Bob", "Cy", "", "Dee"])),
    st.builds(Rejoin, player_ids),
    st.builds(Leave, player_ids),
    st.builds(SubmitAnswer, player_ids, st.integers(-1, 8), answers),
    st.builds(SubmitAnswer, player_ids, st.integers(-1, 8), answers),
    st.sampled_from([Start(), Next(), Skip(), Pause(), Resume(), Lock(), Unlock(), End()]),
    st.sampled_from([CloseDue(), CloseDue(), Next()]),
    st.builds(AddTime, st.integers(-10, 20_000)),
    st.builds(Kick, player_ids),
)
steps = st.lists(st.tuples(commands, st.integers(0, 8_000)), max_size=60)


def run(steps: list[tuple[Command, int]], seed: int) -> tuple[Game, list[Any]]:
    """Play the steps (time advancing by each delay); return the game and every outcome."""
    game = Game(BANK, seed=seed, max_players=3)
    outcomes: list[Any] = []
    now = 0
    for command, delay in steps:
        now += delay
        try:
            outcomes.append(game.handle(command, now))
        except Rejected as rejected:
            outcomes.append(rejected.code)
    return game, outcomes


@settings(max_examples=150, deadline=None)
@given(steps, st.integers(0, 3))
def test_same_seed_and_commands_give_the_same_events(
    the_steps: list[tuple[Command, int]], seed: int
) -> None:
    """Replaying the same commands at the same times reproduces every event and the state."""
    first, first_out = run(the_steps, seed)
    second, second_out = run(the_steps, seed)
    assert first_out == second_out
    assert first.ranking() == second.ranking()
    assert dict(first.players) == dict(second.players)
    assert first.phase is second.phase


class GameMachine(RuleBasedStateMachine):
    """Drive a Game with random commands and check invariants after each step."""

    def __init__(self) -> None:
        super().__init__()
        self.game = Game(BANK, seed=1, max_players=3)
        self.now = 0
        self.accepted: set[tuple[str, int]] = set()
        self.deadline_at_accept: dict[tuple[str, int], int | None] = {}

    def apply(self, command: Command) -> list[Event] | None:
        phase = self.game.phase
        deadline = self.game.deadline_ms
        try:
            events = self.game.handle(command, self.now)
        except Rejected:
            return None
        if not isinstance(command, SubmitAnswer | Join | Rejoin | Leave):
            assert type(command) in ALLOWED[phase]
        for event in events:
            if isinstance(event, AnswerAccepted):
                key = (event.player_id, event.question)
                assert key not in self.accepted, "an answer was accepted twice"
                self.accepted.add(key)
                assert deadline is None or self.now < deadline, "accepted after the deadline"
            if isinstance(event, QuestionClosed):
                self.check_results(event)
        return events

    def check_results(self, event: QuestionClosed) -> None:
        played = self.game._questions[event.index]
        ranks = sorted(result.rank for result in event.results.values())
        assert ranks == list(range(1, len(ranks) + 1))
        for result in event.results.values():
            assert 0 <= result.points <= max_points(played.base)

    @rule(delay=st.integers(0, 8_000))
    def wait(self, delay: int) -> None:
        self.now += delay

    @rule(command=commands)
    def command(self, command: Command) -> None:
        self.apply(command)

    @rule(player=st.sampled_from(PLAYERS), answer=answers)
    def answer_open_question(self, player: str, answer: Any) -> None:
        index = self.game.question_index
        self.apply(SubmitAnswer(player, -1 if index is None else index, answer))

    @invariant()
    def ranks_are_a_permutation_consistent_with_scores(self) -> None:
        ranking = self.game.ranking()
        assert [r.rank for r in ranking] == list(range(1, len(ranking) + 1))
        scores = [r.score for r in ranking]
        assert scores == sorted(scores, reverse=True)
        assert all(score >= 0 for score in scores)
        assert {r.player_id for r in ranking} == {
            pid for pid, player in self.game.players.items() if not player.kicked
        }

    @invariant()
    def counts_match_answers(self) -> None:
        counts = self.game.answer_counts
        if counts is not None and self.game.question is not None:
            if not self.game.question.multiple:
                assert sum(counts) == self.game.answered_count
            assert all(count >= 0 for count in counts)

    @invariant()
    def clock_fields_fit_the_phase(self) -> None:
        phase = self.game.phase
        assert (self.game.deadline_ms is not None) == (phase is Phase.QUESTION)
        remaining = self.game.remaining_ms(self.now)
        assert (remaining is not None) == (phase in (Phase.QUESTION, Phase.PAUSED))
        assert remaining is None or remaining >= 0
        assert self.game.active_count <= 3

    @invariant()
    def scores_stay_within_the_maximum(self) -> None:
        ceiling = sum(max_points(played.base) for played in self.game._questions)
        assert all(0 <= player.score <= ceiling for player in self.game.players.values())


GameMachine.TestCase.settings = settings(max_examples=150, stateful_step_count=50, deadline=None)
TestGameMachine = pytest.mark.slow(GameMachine.TestCase)  # 150 games of 50 steps
