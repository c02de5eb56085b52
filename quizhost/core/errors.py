"""The one exception the core raises, and every error code of the protocol.

A command that does not fit raises `Rejected`; the game state is then exactly as before, so the
session can answer with an `error` frame and carry on.
"""

from __future__ import annotations

import enum


class ErrorCode(enum.StrEnum):
    """Every error code of the protocol (docs/protocol.md), whichever layer finds the fault.

    The core raises the game's rules: the codes from `name_invalid` to `bad_state` (`kicked`
    among them: a join or rejoin from a kicked device, which the server turns into the
    `kicked` frame), and
    `bad_message` for an out-of-range "add time". The layers above raise the rest, and some
    of the core's for reasons only they see:
    - the session: `store_failed` (an answer not made durable), `bad_token` (a reconnect
      token that does not verify), `name_invalid` (a name on the blocklist), `game_full`
      (no friendly name left);
    - the server: `bad_message` (a frame that does not parse), `bad_pin`, `rate_limited`,
      `not_joined` and `bad_state` (a connection that answers before joining, or joins
      twice), and `bad_token` for a wrong host token.
    """

    NAME_INVALID = "name_invalid"
    NAME_TAKEN = "name_taken"
    GAME_LOCKED = "game_locked"
    GAME_FULL = "game_full"
    BAD_TOKEN = "bad_token"
    NOT_JOINED = "not_joined"
    NO_QUESTION = "no_question"
    TOO_LATE = "too_late"
    ALREADY_ANSWERED = "already_answered"
    BAD_ANSWER = "bad_answer"
    # Never sent as an `error`: the server sends the `kicked` frame and closes (4003).
    KICKED = "kicked"
    BAD_STATE = "bad_state"
    BAD_MESSAGE = "bad_message"
    BAD_PIN = "bad_pin"
    RATE_LIMITED = "rate_limited"
    STORE_FAILED = "store_failed"


class Rejected(Exception):
    """A command that does not fit the game; nothing changed. `message` is for humans."""

    def __init__(self, code: ErrorCode, message: str) -> None:
        super().__init__(f"{code}: {message}")
        self.code = code
        self.message = message
