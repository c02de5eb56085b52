"""The host's player rows are rebuilt where the game changed them, and always match a fresh
build (and encode as the list of their fields)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from quizhost.bank.models import Bank, ChoiceQuestion
from quizhost.core import (
    ChoiceAnswer,
    ExtraTime,
    Game,
    Join,
    Kick,
    Leave,
    Next,
    Rejected,
    Rejoin,
    Skip,
    Start,
    SubmitAnswer,
)
from quizhost.jsontext import encode_std
from quizhost.protocol.host_frames import players_json
from quizhost.session.views import PlayerRow, PlayerRows

BANK = Bank(
    title="T",
    questions=tuple(
        ChoiceQuestion(text=f"Q{i}", choices=("A", "B"), correct=frozenset({0})) for i in range(4)
    ),
)
PLAYERS = [f"p{i}" for i in range(6)]

player = st.sampled_from(PLAYERS)
steps = st.lists(
    st.one_of(
        st.tuples(st.just("join"), player),
        st.tuples(st.just("answer"), player, st.integers(0, 1)),
        st.tuples(st.just("leave"), player),
        st.tuples(st.just("rejoin"), player),
        st.tuples(st.just("kick"), player),
        st.tuples(st.just("extra"), player, st.sampled_from([0, 25, 50, 100])),
        st.tuples(st.sampled_from(["start", "skip", "next"])),
    ),
    max_size=40,
)


def command(step: tuple[object, ...], game: Game) -> object:
    match step:
        case ("join", pid):
            return Join(player_id=str(pid), name=f"Name {pid}")
        case ("answer", pid, choice):
            index = game.question_index or 0
            return SubmitAnswer(str(pid), index, ChoiceAnswer(choice=int(str(choice))))
        case ("leave", pid):
            return Leave(player_id=str(pid))
        case ("rejoin", pid):
            return Rejoin(player_id=str(pid))
        case ("kick", pid):
            return Kick(player_id=str(pid))
        case ("extra", pid, percent):
            return ExtraTime(player_id=str(pid), percent=int(str(percent)))
        case ("start",):
            return Start()
        case ("skip",):
            return Skip()
    return Next()


def expected_json(rows: tuple[PlayerRow, ...]) -> bytes:
    listed = []
    for p in rows:
        row = {
            "id": p.id,
            "name": p.name,
            "score": p.score,
            "connected": p.connected,
            "answered": p.answered,
        }
        if p.team is not None:
            row["team"] = p.team
        if p.extra_percent:
            row["extra_percent"] = p.extra_percent
        listed.append(row)
    return encode_std(listed)


@settings(max_examples=150, deadline=None)
@given(steps)
def test_kept_rows_always_equal_a_fresh_build_and_encode_the_same(
    played: list[tuple[object, ...]],
) -> None:
    game = Game(BANK, seed=1, max_players=10)
    kept = PlayerRows()
    now = 1_000
    for step in played:
        now += 500
        try:
            events = game.handle(command(step, game), now)  # type: ignore[arg-type]
        except Rejected:
            continue
        kept.observe(events)
        rows = kept.rows(game)
        assert rows == PlayerRows().rows(game)
        assert players_json(rows) == expected_json(rows)


def test_an_answer_rebuilds_one_row_and_keeps_the_others() -> None:
    game = Game(BANK, seed=1, max_players=10)
    kept = PlayerRows()
    for pid in PLAYERS:
        kept.observe(game.handle(Join(player_id=pid, name=pid.upper()), 0))
    kept.observe(game.handle(Start(), 0))
    before = kept.rows(game)
    kept.observe(game.handle(SubmitAnswer("p2", 0, ChoiceAnswer(choice=0)), 1_000))
    after = kept.rows(game)
    assert [b is a for b, a in zip(before, after, strict=True)] == [
        True, True, False, True, True, True,
    ]  # fmt: skip
    assert after[2].answered and not before[2].answered
