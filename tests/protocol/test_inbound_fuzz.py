"""Fuzzing the frame parser: any input parses to a valid message or one BadMessage, and a
parsed answer either fits the game or is rejected without changing it."""

from __future__ import annotations

import contextlib
import copy
import json
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from quizhost.bank.models import Bank, ChoiceQuestion
from quizhost.core import Game, Join, Rejected, Start, SubmitAnswer
from quizhost.protocol.inbound import (
    AnswerMessage,
    BadMessage,
    HostAuthMessage,
    JoinMessage,
    ResumeMessage,
    decode_object,
    parse_host_command,
    parse_player_message,
)

pytestmark = pytest.mark.slow  # hundreds of examples each: `make test` runs them, not `make unit`

JSON = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4)
    ),
    max_leaves=12,
)
FIELDS = (
    "pin",
    "name",
    "token",
    "question",
    "choice",
    "choices",
    "text",
    "value",
    "order",
    "ms",
    "player_id",
)
KEYS = st.sampled_from(("type", *FIELDS))
TYPES = st.sampled_from(
    ["join", "resume", "answer", "start", "next", "kick", "add_time", "host", "x", ""]
)
FRAMES = st.one_of(
    st.text(max_size=200),
    st.binary(max_size=200),
    JSON.map(json.dumps),
    st.fixed_dictionaries(
        {"type": TYPES},
        optional=dict.fromkeys(FIELDS, JSON),
    ).map(json.dumps),
    st.dictionaries(KEYS, JSON, max_size=5).map(json.dumps),
)
PLAYER_MESSAGES = (JoinMessage, ResumeMessage, AnswerMessage, HostAuthMessage)


@settings(max_examples=400, deadline=None)
@given(FRAMES)
def test_any_frame_parses_or_is_one_bad_message(frame: str | bytes) -> None:
    """Only BadMessage ever escapes; a parsed message has exactly the promised types."""
    try:
        obj = decode_object(frame)
        message = parse_player_message(obj)
    except BadMessage:
        return
    assert isinstance(message, PLAYER_MESSAGES)
    if isinstance(message, JoinMessage):
        assert isinstance(message.pin, str) and isinstance(message.name, str)
    if isinstance(message, AnswerMessage):
        assert type(message.question) is int


@settings(max_examples=300, deadline=None)
@given(FRAMES)
def test_any_host_frame_parses_or_is_one_bad_message(frame: str | bytes) -> None:
    """The host channel's parser has the same contract."""
    with contextlib.suppress(BadMessage):
        parse_host_command(decode_object(frame))


BANK = Bank(
    title="Fuzz",
    questions=(ChoiceQuestion(text="Q", choices=("A", "B", "C"), correct=frozenset({1})),),
)


def _state(game: Game) -> dict[str, Any]:
    return copy.deepcopy({k: v for k, v in vars(game).items() if k != "_handlers"})


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(KEYS, JSON, max_size=5))
def test_a_parsed_answer_is_accepted_or_changes_nothing(fields: dict[str, Any]) -> None:
    """Whatever an answer frame holds, the game accepts it or is left exactly as it was."""
    try:
        message = parse_player_message({**fields, "type": "answer"})
    except BadMessage:
        return
    assert isinstance(message, AnswerMessage)
    game = Game(BANK, seed=1)
    game.handle(Join("p", "Ada"), 0)
    game.handle(Start(), 0)
    before = _state(game)
    try:
        game.handle(SubmitAnswer("p", message.question, message.answer), 10)
    except Rejected:
        assert _state(game) == before
    else:
        assert game.has_answered("p")
