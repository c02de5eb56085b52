"""An assignment's journal records: every command it stores comes back as itself."""

from __future__ import annotations

import json

import pytest

from quizhost.core import ChoiceAnswer, End, Join, Kick, Leave, SubmitAnswer
from quizhost.core.assignment import Advance, AssignmentCommand, ServerBack, TimeUp
from quizhost.session.assignment_journal import from_record, to_record

STORED: list[AssignmentCommand] = [
    Join(player_id="s1", name="Zoé"),
    Kick(player_id="s1"),
    SubmitAnswer(player_id="s1", question=3, answer=ChoiceAnswer(choice=2)),
    End(),
    Advance(player_id="s1", after=-1),
    TimeUp(player_id="s1"),
    ServerBack(since_ms=1_700_000_000_000),
]


@pytest.mark.parametrize("command", STORED, ids=lambda c: type(c).__name__)
def test_every_stored_command_survives_the_trip_through_json(command: AssignmentCommand) -> None:
    """to_record, JSON text and back: the same command."""
    kind, payload = to_record(command)
    assert from_record(kind, json.loads(json.dumps(payload))) == command


def test_the_kinds_on_disk_are_fixed_strings() -> None:
    """The three kinds of its own are written as these strings, forever."""
    assert [to_record(c)[0] for c in STORED[4:]] == ["Advance", "TimeUp", "ServerBack"]


def test_a_live_games_host_command_is_not_an_assignment_command() -> None:
    """A journal of a live game does not replay as an assignment (nor Leave, never stored)."""
    with pytest.raises(ValueError):
        from_record("Start", {})
    with pytest.raises(ValueError):
        to_record(Leave(player_id="s1"))
