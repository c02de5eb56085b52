"""Journal records: every command survives the trip to the store and back, and replays."""

from __future__ import annotations

import json

import pytest

from quizhost.bank.models import Bank, ChoiceQuestion
from quizhost.core import (
    AddTime,
    Autoplay,
    ChoiceAnswer,
    ChoicesAnswer,
    CloseDue,
    Command,
    DisconnectAll,
    End,
    ErrorCode,
    Forget,
    Game,
    Join,
    Kick,
    Leave,
    Lock,
    Next,
    OrderAnswer,
    Pause,
    Rejected,
    Rejoin,
    Resume,
    Skip,
    Start,
    SubmitAnswer,
    TextAnswer,
    UndoAnswer,
    Unlock,
    ValueAnswer,
)
from quizhost.session.journal import KINDS, JournalError, from_record, replay, to_record

EVERY_COMMAND: list[Command] = [
    Join(player_id="p1", name="Zoé"),
    Join(player_id="p2", name="Bo", team="Blue", device="0123456789abcdef0123"),
    Rejoin(player_id="p1"),
    Rejoin(player_id="p1", device="0123456789abcdef0123"),
    Leave(player_id="p1"),
    Kick(player_id="p1"),
    AddTime(ms=10_000),
    Start(),
    Next(),
    Skip(),
    Pause(),
    Resume(),
    Lock(),
    Unlock(),
    End(),
    CloseDue(),
    DisconnectAll(),
    Autoplay(ms=8_000),
    SubmitAnswer(player_id="p1", question=0, answer=ChoiceAnswer(choice=2)),
    SubmitAnswer(player_id="p1", question=1, answer=ChoicesAnswer(choices=frozenset({0, 2}))),
    SubmitAnswer(player_id="p1", question=2, answer=TextAnswer(text="Canberra")),
    SubmitAnswer(player_id="p1", question=3, answer=ValueAnswer(value=19.5)),
    SubmitAnswer(player_id="p1", question=4, answer=OrderAnswer(order=(2, 0, 1))),
]


# The kinds as they are on disk in every stored game: written out here, not derived from the
# classes, so renaming a class (or changing the table) fails this test instead of every resume.
STORED_KINDS = [
    "Join",
    "Join",
    "Rejoin",
    "Rejoin",
    "Leave",
    "Kick",
    "AddTime",
    "Start",
    "Next",
    "Skip",
    "Pause",
    "Resume",
    "Lock",
    "Unlock",
    "End",
    "CloseDue",
    "DisconnectAll",
    "Autoplay",
    *["SubmitAnswer"] * 5,
]


@pytest.mark.parametrize(
    ("command", "stored_kind"),
    list(zip(EVERY_COMMAND, STORED_KINDS, strict=True)),
    ids=lambda c: c if isinstance(c, str) else "",
)
def test_every_command_round_trips_under_its_fixed_kind(command: Command, stored_kind: str) -> None:
    """to_record writes the fixed stored kind; JSON then from_record gives the command back."""
    kind, payload = to_record(command)
    assert kind == stored_kind
    assert from_record(stored_kind, json.loads(json.dumps(payload))) == command


def test_every_journaled_command_has_a_fixed_kind() -> None:
    """The kinds table covers every command the journal can hold, each under its own string."""
    assert {type(c) for c in EVERY_COMMAND} == set(KINDS)
    assert sorted(KINDS.values()) == sorted(set(STORED_KINDS))


def test_undo_commands_are_never_journaled() -> None:
    """The session's undo commands take back something never stored: no kind for them."""
    for command in (UndoAnswer(player_id="p", question=0), Forget(player_id="p")):
        with pytest.raises(ValueError, match="never journaled"):
            to_record(command)


def test_unknown_kinds_and_damaged_records_are_refused() -> None:
    """A record this version cannot read raises ValueError, never a wrong command."""
    with pytest.raises(ValueError, match="unknown command kind"):
        from_record("Teleport", {})
    with pytest.raises(ValueError, match="not an answer"):
        from_record("SubmitAnswer", {"player_id": "p", "question": 0, "answer": {"x": 1}})


BANK = Bank(
    title="T",
    questions=(ChoiceQuestion(text="Q", choices=("A", "B"), correct=frozenset({1})),),
)


def test_replay_rebuilds_the_same_game() -> None:
    """Replaying a journal into a fresh game gives the same scores as the original."""
    original = Game(BANK, seed=7)
    journal = []
    steps: list[tuple[int, Command]] = [
        (0, Join(player_id="a", name="Ada")),
        (10, Start()),
        (2_000, SubmitAnswer(player_id="a", question=0, answer=ChoiceAnswer(choice=1))),
        (3_000, Skip()),
    ]
    for at, command in steps:
        original.handle(command, at)
        journal.append((at, *to_record(command)))
    rebuilt = Game(BANK, seed=7)
    replayed = list(replay(rebuilt, journal))
    assert len(replayed) == 4
    assert rebuilt.ranking() == original.ranking()
    assert rebuilt.phase == original.phase


def test_joins_and_rejoins_without_a_device_are_stored_as_before() -> None:
    """No device, no `device` key: the records of a v1 phone are those of older games, and
    an older record reads back with no device."""
    assert to_record(Join(player_id="a", name="Ada")) == ("Join", {"player_id": "a", "name": "Ada"})
    assert to_record(Rejoin(player_id="a")) == ("Rejoin", {"player_id": "a"})
    assert from_record("Join", {"player_id": "a", "name": "Ada"}) == Join(player_id="a", name="Ada")
    with pytest.raises(ValueError, match="device"):
        from_record("Rejoin", {"player_id": "a", "device": 7})


def test_replay_rebuilds_the_refused_devices() -> None:
    """A kicked device is refused by the replayed game too: the id is in the journaled join."""
    original = Game(BANK, seed=7)
    journal = []
    steps: list[tuple[int, Command]] = [
        (0, Join(player_id="a", name="Ada", device="ada-phone-0123456789")),
        (5, Kick(player_id="a")),
    ]
    for at, command in steps:
        original.handle(command, at)
        journal.append((at, *to_record(command)))
    rebuilt = Game(BANK, seed=7)
    list(replay(rebuilt, journal))
    with pytest.raises(Rejected) as caught:
        rebuilt.handle(Join(player_id="e", name="Eve", device="ada-phone-0123456789"), 10)
    assert caught.value.code is ErrorCode.KICKED


def test_replay_stops_at_a_record_the_game_refuses() -> None:
    """A journal that does not fit the game is an error, not a silently different game."""
    with pytest.raises(JournalError, match="Next"):
        list(replay(Game(BANK, seed=1), [(0, "Next", {})]))
