"""The self-paced `next` frame parses strictly, like every other player frame."""

from __future__ import annotations

import pytest

from quizhost.protocol.inbound import BadMessage, NextMessage, decode_object, parse_player_message


def test_next_names_the_question_moved_on_from() -> None:
    """`after` is the index of the result on screen, -1 before the first question."""
    assert parse_player_message(decode_object('{"type":"next","after":-1}')) == NextMessage(-1)
    assert parse_player_message(decode_object('{"type":"next","after":4}')) == NextMessage(4)


@pytest.mark.parametrize(
    "frame", ['{"type":"next"}', '{"type":"next","after":true}', '{"type":"next","after":"1"}']
)
def test_next_without_an_integer_after_is_a_bad_message(frame: str) -> None:
    """A missing or non-integer `after` is `bad_message`."""
    with pytest.raises(BadMessage):
        parse_player_message(decode_object(frame))
