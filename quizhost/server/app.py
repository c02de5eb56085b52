"""The quizhost server: one websockets server for plain HTTP and both websocket channels.

`process_request` answers plain HTTP (the player page, images, `/qr.svg`, `/healthz`) and
guards the websocket handshakes (Origin must match Host, per-address and global connection
caps); the handler routes `/ws/play` and `/ws/host` to their modules.
"""

from __future__ import annotations

import logging
import socket
from http import HTTPStatus
from urllib.parse import urlsplit

from websockets.asyncio.server import Server, ServerConnection, serve
from websockets.frames import CloseCode
from websockets.http11 import Request, Response

from quizhost.server.host import serve_host
from quizhost.server.http import StaticSite, plain_response
from quizhost.server.limits import ConnectionCounter, PinGuessThrottle
from quizhost.server.play import PlayerConnection, remote_host
from quizhost.server.settings import ServerSettings
from quizhost.session import Session
from quizhost.session.selfpaced import SelfPacedSession

log = logging.getLogger(__name__)

PLAY_PATH = "/ws/play"
HOST_PATH = "/ws/host"


def origin_matches_host(origin: str | None, host: str | None) -> bool:
    """A browser's Origin must name the host:port it connected to (no cross-site sockets).

    No Origin at all is a script or a native client, which cannot be hijacked: allowed.
    """
    if origin is None:
        return True
    if host is None:
        return False
    parts = urlsplit(origin)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return False
    default_port = "443" if parts.scheme == "https" else "80"
    return _with_port(parts.netloc, default_port) == _with_port(host, default_port)


def _with_port(netloc: str, default_port: str) -> str:
    netloc = netloc.lower()
    if netloc.endswith("]") or ":" not in netloc.rsplit("]", 1)[-1]:
        return f"{netloc}:{default_port}"
    return netloc


class QuizServer:
    """Serves one session. `await start(...)`, later `await stop()`."""

    def __init__(
        self,
        session: Session | SelfPacedSession,
        *,
        host_token: str,
        settings: ServerSettings | None = None,
    ) -> None:
        self.session = session
        self.host_token = host_token
        self.settings = settings or ServerSettings()
        self.pin_throttle = PinGuessThrottle(
            self.settings.pin_failures, self.settings.pin_window_s, self.settings.pin_block_s
        )
        self.connections = ConnectionCounter(
            self.settings.connections_per_address, self.settings.max_connections
        )
        self.site = StaticSite(images=dict(session.images.values()))
        self.site.set_join_url(session.config.join_url)
        self.server: Server | None = None

    async def start(
        self, host: str | None = None, port: int | None = None, sock: socket.socket | None = None
    ) -> Server:
        settings = self.settings
        self.server = await serve(
            self.handle,
            host if sock is None else None,
            port if sock is None else None,
            sock=sock,
            process_request=self.process_request,
            compression=None,
            max_size=settings.max_size,
            max_queue=settings.max_queue,
            open_timeout=settings.open_timeout_s,
            ping_interval=settings.ping_interval_s,
            ping_timeout=settings.ping_timeout_s,
            close_timeout=5,
            server_header=None,
            backlog=settings.listen_backlog,
        )
        return self.server

    @property
    def port(self) -> int:
        assert self.server is not None
        port: int = self.server.sockets[0].getsockname()[1]
        return port

    async def stop(self) -> None:
        """Close every connection with 1001 (going away) and stop listening."""
        if self.server is not None:
            self.server.close()
            await self.server.wait_closed()

    def process_request(self, link: ServerConnection, request: Request) -> Response | None:
        path = urlsplit(request.path).path
        if not path.startswith("/ws/"):
            return self.site.respond(request.path, request.method, request.headers)
        if path not in (PLAY_PATH, HOST_PATH):
            return plain_response(HTTPStatus.NOT_FOUND, "not found")
        if not origin_matches_host(request.headers.get("Origin"), request.headers.get("Host")):
            return plain_response(HTTPStatus.FORBIDDEN, "cross-origin websocket refused")
        # Checked here to refuse with a status code; the slot is taken in `handle`, which is
        # only reached by completed handshakes (so a failed handshake cannot leak a slot).
        if self.connections.total >= self.settings.max_connections:
            return plain_response(HTTPStatus.SERVICE_UNAVAILABLE, "server full: try again later")
        if self.connections.count(remote_host(link)) >= self.settings.connections_per_address:
            return plain_response(
                HTTPStatus.TOO_MANY_REQUESTS, "too many connections from your address"
            )
        return None

    async def handle(self, link: ServerConnection) -> None:
        address = remote_host(link)
        if not self.connections.try_acquire(address):  # handshakes raced past the check
            await link.close(CloseCode.TRY_AGAIN_LATER, "server busy: try again")
            return
        try:
            assert link.request is not None
            path = urlsplit(link.request.path).path
            session = self.session
            if path == HOST_PATH:
                if isinstance(session, SelfPacedSession):
                    # The teacher follows an assignment in the console (its progress screen).
                    await link.close(CloseCode.POLICY_VIOLATION, "no host channel here")
                else:
                    await serve_host(link, session, self.host_token, self.settings)
            else:
                player = PlayerConnection(link, self.session, self.settings, self.pin_throttle)
                await player.run()
        finally:
            self.connections.release(address)
