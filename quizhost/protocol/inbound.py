"""Client frames in: strict parsing of JSON text frames into typed messages.

A frame that is not a JSON object, has no known `type`, or has a field of the wrong type is a
`BadMessage`; unknown fields are ignored (docs/protocol.md). Parsing never raises anything else:
deep nesting, huge numbers, lone surrogates and invalid JSON all end as `BadMessage`.
"""

from __future__ import annotations

import json
import math
import re
from typing import Any

from attrs import frozen

from quizhost.core import (
    AddTime,
    Answer,
    Autoplay,
    ChoiceAnswer,
    ChoicesAnswer,
    End,
    Kick,
    Lock,
    Next,
    OrderAnswer,
    Pause,
    Resume,
    Skip,
    Start,
    TextAnswer,
    Unlock,
    ValueAnswer,
)
from quizhost.core.settings import MAX_AUTOPLAY_MS

MAX_TEXT_CHARS = 1000  # longer strings are not worth parsing further; the core bounds names
MAX_LIST_ITEMS = 16  # more than any question has choices or items
#: A device id: what a random UUID or 16-32 random bytes in hex or base64url look like, and
#: nothing that could smuggle markup or control characters into a log.
DEVICE_PATTERN = re.compile(r"[A-Za-z0-9_-]{16,64}")


class BadMessage(Exception):
    """The frame breaks the protocol; the message says how, for the `error` frame."""


@frozen
class JoinMessage:
    pin: str
    name: str
    team: str | None = None  # a team game: the team picked (absent: the smallest)
    device: str | None = None  # the id the phone keeps for this game (absent: a v1 client)


@frozen
class ResumeMessage:
    token: str
    device: str | None = None


@frozen
class AnswerMessage:
    question: int
    answer: Answer


@frozen
class NextMessage:
    """Self-paced: move on from the result of question `after` (-1: start)."""

    after: int


@frozen
class PingMessage:
    """The page's heartbeat: browsers hide websocket pings, so liveness is a frame each way."""


@frozen
class HostAuthMessage:
    token: str
    #: The host keeps the last player list: send it only when `players_version` changed.
    players_when_changed: bool = False


PING = PingMessage()
PlayerMessage = JoinMessage | ResumeMessage | AnswerMessage | NextMessage | PingMessage
#: What a host may send over the wire: the core's host commands but its timer's `CloseDue`.
HostRequest = Start | Next | Skip | Pause | Resume | Lock | Unlock | End | AddTime | Kick | Autoplay

_SIMPLE_HOST_COMMANDS: dict[str, HostRequest] = {
    "start": Start(),
    "next": Next(),
    "skip": Skip(),
    "pause": Pause(),
    "resume": Resume(),
    "lock": Lock(),
    "unlock": Unlock(),
    "end": End(),
}


def decode_object(data: str | bytes) -> dict[str, Any]:
    """The frame as a JSON object with a string `type`, or BadMessage."""
    if not isinstance(data, str):
        raise BadMessage("send JSON text frames, not binary frames")
    try:
        obj = json.loads(data)
    except (ValueError, RecursionError) as exc:
        raise BadMessage("the frame is not valid JSON") from exc
    if not isinstance(obj, dict):
        raise BadMessage("a frame must be a JSON object")
    if not isinstance(obj.get("type"), str):
        raise BadMessage("a frame needs a string field 'type'")
    return obj


def message_type(obj: dict[str, Any]) -> str:
    """The frame's `type` (decode_object guarantees it is a string)."""
    kind = obj["type"]
    assert isinstance(kind, str)
    return kind


def parse_player_message(obj: dict[str, Any]) -> PlayerMessage:
    """A decoded player frame as a message, or BadMessage."""
    kind = message_type(obj)
    if kind == "join":
        team = _text(obj, "team") if obj.get("team") is not None else None
        return JoinMessage(
            pin=_text(obj, "pin"), name=_text(obj, "name"), team=team, device=_device(obj)
        )
    if kind == "resume":
        return ResumeMessage(token=_text(obj, "token"), device=_device(obj))
    if kind == "answer":
        return AnswerMessage(question=_int(obj, "question"), answer=parse_answer(obj))
    if kind == "next":
        return NextMessage(after=_int(obj, "after"))
    if kind == "ping":
        return PING
    raise BadMessage(f"unknown message type {kind[:40]!r}")


def parse_host_auth(obj: dict[str, Any]) -> HostAuthMessage:
    """The host channel's first frame, `{"type":"host","token":...}`, or BadMessage."""
    if message_type(obj) != "host":
        raise BadMessage("the first frame must be {'type': 'host', 'token': ...}")
    return HostAuthMessage(
        token=_text(obj, "token"), players_when_changed=obj.get("players_when_changed") is True
    )


def parse_screen_auth(obj: dict[str, Any]) -> str:
    """The screen channel's first frame, `{"type":"screen","key":...}`: the key, or BadMessage."""
    if message_type(obj) != "screen":
        raise BadMessage("the first frame must be {'type': 'screen', 'key': ...}")
    return _text(obj, "key")


def parse_host_command(obj: dict[str, Any]) -> HostRequest:
    """A decoded host frame as a game command, or BadMessage."""
    kind = message_type(obj)
    if kind in _SIMPLE_HOST_COMMANDS:
        return _SIMPLE_HOST_COMMANDS[kind]
    if kind == "add_time":
        return AddTime(ms=_int(obj, "ms"))
    if kind == "kick":
        return Kick(player_id=_text(obj, "player_id"))
    if kind == "autoplay":  # seconds on the wire, as the teacher thinks of them
        seconds = _int(obj, "seconds")
        if not 0 <= seconds <= MAX_AUTOPLAY_MS // 1000:
            raise BadMessage(f"seconds must be 0 (off) to {MAX_AUTOPLAY_MS // 1000}")
        return Autoplay(ms=seconds * 1000)
    raise BadMessage(f"unknown host command {kind[:40]!r}")


# Field readers: each checks one field's JSON type exactly (a bool is not an int).

_ANSWER_FIELDS = ("choice", "choices", "text", "value", "order")


def parse_answer(obj: dict[str, Any]) -> Answer:
    """The one answer field of an answer frame (or a stored answer), or BadMessage."""
    present = [name for name in _ANSWER_FIELDS if name in obj]
    if len(present) != 1:
        raise BadMessage("an answer needs exactly one of: " + ", ".join(_ANSWER_FIELDS))
    field = present[0]
    if field == "choice":
        return ChoiceAnswer(choice=_int(obj, field))
    if field == "choices":
        return ChoicesAnswer(choices=frozenset(_int_list(obj, field)))
    if field == "text":
        return TextAnswer(text=_text(obj, field))
    if field == "value":
        return ValueAnswer(value=_number(obj, field))
    return OrderAnswer(order=tuple(_int_list(obj, field)))


def _text(obj: dict[str, Any], field: str) -> str:
    value = obj.get(field)
    if not isinstance(value, str):
        raise BadMessage(f"'{field}' must be a string")
    if len(value) > MAX_TEXT_CHARS:
        raise BadMessage(f"'{field}' is too long")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as exc:  # lone surrogates from "\ud800" escapes
        raise BadMessage(f"'{field}' is not valid Unicode text") from exc
    return value


def _device(obj: dict[str, Any]) -> str | None:
    """The optional `device` field: absent or null is None; anything else must look like one."""
    value = obj.get("device")
    if value is None:
        return None
    if not isinstance(value, str) or not DEVICE_PATTERN.fullmatch(value):
        raise BadMessage("'device' must be 16 to 64 letters, digits, '-' or '_'")
    return value


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _int(obj: dict[str, Any], field: str) -> int:
    value = obj.get(field)
    if not _is_int(value):
        raise BadMessage(f"'{field}' must be an integer")
    assert isinstance(value, int)
    if abs(value) > 2**31:
        raise BadMessage(f"'{field}' is out of range")
    return value


def _int_list(obj: dict[str, Any], field: str) -> list[int]:
    value = obj.get(field)
    if not isinstance(value, list) or len(value) > MAX_LIST_ITEMS:
        raise BadMessage(f"'{field}' must be a short list of integers")
    if not all(_is_int(item) and abs(item) <= 2**31 for item in value):
        raise BadMessage(f"'{field}' must be a list of integers")
    return value


def _number(obj: dict[str, Any], field: str) -> float:
    value = obj.get(field)
    if not (_is_int(value) or isinstance(value, float)):
        raise BadMessage(f"'{field}' must be a number")
    assert isinstance(value, int | float)
    number = float(value) if abs(value) < 1e300 else math.inf
    if not math.isfinite(number):
        raise BadMessage(f"'{field}' must be a finite number")
    return number
