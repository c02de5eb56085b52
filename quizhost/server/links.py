"""The session's `Link`, made of a websockets connection."""

from __future__ import annotations

from websockets.asyncio.server import ServerConnection, broadcast


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
