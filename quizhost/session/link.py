"""What the session needs of a client's connection: send a frame, close it.

The session never imports the network library: the server wraps each connection in a small
adapter that satisfies `Link` (see `quizhost.server.links`), and tests can bring their own.
"""

from __future__ import annotations

from typing import Protocol


class Link(Protocol):
    """One client's connection, as the session sees it.

    `send` queues a pre-serialised JSON text frame without waiting, and does nothing once the
    connection is closing (a slow or gone phone must never hold up the game). `close` starts
    the closing handshake with a close code (`quizhost.protocol` names the application's own).
    The session compares links by identity: the server must give it one object per connection.
    """

    def send(self, frame: bytes) -> None:
        """Queue one text frame (UTF-8 JSON bytes); never blocks, never raises once closed."""
        ...

    async def close(self, code: int, reason: str = "") -> None:
        """Close the connection with `code` and a short `reason`."""
        ...
