"""The optional `device` field of `join` and `resume`: absent or null is none; a UUID or hex
id is kept as sent; anything else is one clear `bad_message`."""

from __future__ import annotations

from typing import Any

import pytest

from quizhost.protocol.inbound import BadMessage, JoinMessage, ResumeMessage, parse_player_message

UUID = "3f2b8c0e-5a1d-4c6e-9b7a-0d4e2f1a6c8b"
HEX = "9c1e7a2b4d6f80a3c5e7b9d1f3a5c7e9"


@pytest.mark.parametrize("device", [UUID, HEX, "A_b-" * 4, "x" * 64])
def test_a_device_id_is_kept_as_sent(device: str) -> None:
    """join and resume carry it to the session unchanged."""
    join = parse_player_message({"type": "join", "pin": "1", "name": "Ada", "device": device})
    assert join == JoinMessage(pin="1", name="Ada", device=device)
    resume = parse_player_message({"type": "resume", "token": "t", "device": device})
    assert resume == ResumeMessage(token="t", device=device)


@pytest.mark.parametrize("frame", [{}, {"device": None}])
def test_no_device_is_a_v1_frame(frame: dict[str, Any]) -> None:
    """Absent or null: the message of a v1 client."""
    parsed = parse_player_message({"type": "join", "pin": "1", "name": "Ada", **frame})
    assert parsed == JoinMessage(pin="1", name="Ada")


@pytest.mark.parametrize(
    "junk",
    [
        "",
        "x" * 15,
        "x" * 65,
        "<b>bold</b>-0123456789",
        "tab\there-0123456789",
        "ümlaut-0123456789abc",
        "spaces are not ok 012",
        12345678901234567890,
        ["0123456789abcdef"],
        True,
    ],
)
def test_junk_is_a_bad_message_naming_the_field(junk: object) -> None:
    """Wrong type, length or characters: BadMessage that says what a device id must be."""
    for frame in (
        {"type": "join", "pin": "1", "name": "Ada", "device": junk},
        {"type": "resume", "token": "t", "device": junk},
    ):
        with pytest.raises(BadMessage, match="'device' must be 16 to 64"):
            parse_player_message(frame)
