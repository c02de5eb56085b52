"""The server's side of a websockets connection: the session's `Link`, sending, receiving."""

from __future__ import annotations

import asyncio

from websockets.asyncio.server import ServerConnection, broadcast
from websockets.frames import CloseCode


def send_frame(connection: ServerConnection, frame: bytes) -> None:
    """Queue one pre-serialised text frame without waiting (a no-op once closed).

    `broadcast` is websockets' only send that does not wait for the peer to read: a phone with
    a full buffer is skipped (and logged) instead of stalling the game.
    """
    broadcast((connection,), frame, text=True)


class WebsocketLink:
    """A websocket connection as the session's `Link`: one per connection, kept for its life."""

    __slots__ = ("connection",)

    def __init__(self, connection: ServerConnection) -> None:
        self.connection = connection

    def send(self, frame: bytes) -> None:
        send_frame(self.connection, frame)

    async def close(self, code: int, reason: str = "") -> None:
        await self.connection.close(code, reason)


MAX_FRAGMENTS = 32  # browsers send our small frames whole; more pieces than this is abuse


async def receive(connection: ServerConnection) -> str | bytes | None:
    """The next message, or None once the connection was closed for splitting one up.

    `max_size` bounds a message's total size but not its number of frames, and empty
    continuation frames cost a parse each while adding nothing to the size. So messages are
    read frame by frame with websockets' public `recv_streaming`, and a message in more than
    MAX_FRAGMENTS pieces closes the connection with 1009. The rest of that message is read
    and dropped while the close handshake runs (a reader that stopped reading would never see
    the peer's close reply). Raises `ConnectionClosed` like `recv`.
    """
    pieces: list[str | bytes] = []
    closing: asyncio.Future[None] | None = None
    async for piece in connection.recv_streaming():
        if closing is not None:
            continue
        pieces.append(piece)
        if len(pieces) > MAX_FRAGMENTS:
            reason = "message in too many fragments"
            closing = asyncio.ensure_future(connection.close(CloseCode.MESSAGE_TOO_BIG, reason))
    if closing is not None:
        await closing
        return None
    if len(pieces) == 1:
        return pieces[0]
    if isinstance(pieces[0], str):
        return "".join(p for p in pieces if isinstance(p, str))
    return b"".join(p for p in pieces if isinstance(p, bytes))
