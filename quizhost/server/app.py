"""The quizhost server: one websockets server for plain HTTP and both websocket channels.

`process_request` answers plain HTTP (the player page, images, `/qr.svg`, `/healthz`) and
guards the websocket handshakes (Origin must match Host, per-address and global connection
caps); the handler routes `/ws/play`, `/ws/host` and `/ws/screen` to their modules.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import math
import random
import secrets
import socket
import time
from http import HTTPStatus
from typing import ClassVar
from urllib.parse import urlsplit

from websockets.asyncio.server import Server, ServerConnection, serve
from websockets.exceptions import ConnectionClosed
from websockets.frames import CloseCode
from websockets.http11 import Request, Response

from quizhost.core import ErrorCode, Kick, Rejected
from quizhost.core.nicknames import load_confusables
from quizhost.server.host import serve_host
from quizhost.server.http import StaticSite, plain_response
from quizhost.server.keepalive import KeepaliveSweep
from quizhost.server.limits import (
    AddressRateLimiter,
    ConnectionCounter,
    FailureThrottle,
    JoinLimiter,
    TrustedProxies,
)
from quizhost.server.play import PlayerConnection, remote_host
from quizhost.server.screen import ScreenSlots, serve_screen
from quizhost.server.settings import ServerSettings
from quizhost.session import Session, bursts
from quizhost.session.selfpaced import SelfPacedSession
from quizhost.session.views import SourceAlert

log = logging.getLogger(__name__)

PLAY_PATH = "/ws/play"
HOST_PATH = "/ws/host"
SCREEN_PATH = "/ws/screen"
#: Seconds a burst source's new joins wait before the host's alerts are counted again: every
#: join from a burst source asks for it, and counting walks every source's players.
ALERTS_DELAY_S = 0.2


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


class GuardedConnection(ServerConnection):
    """A connection that counts from the moment it is accepted.

    Counting at accept, not after the handshake, is what makes requests held open unfinished
    (plain HTTP or websocket, slowloris style) take their address's slots. websockets lets a
    server bring its own connection class (`create_connection`); `QuizServer` makes a subclass
    whose `owner` it is. (Messages in too many fragments are refused where they are read:
    server/links.py.)
    """

    # A slot, not an instance attribute: websockets' connection has 29 attributes, and a 30th
    # in the instance's dict unshares its keys, 1.3 KiB more per connection (measured).
    __slots__ = ("heard_at", "keepalive_due", "keepalive_pong")
    #: When data last came in (`time.monotonic()`): a peer heard from is not pinged.
    heard_at: float
    #: The keepalive ping in flight (server/keepalive.py): its pong, and when that is due.
    keepalive_pong: asyncio.Future[float] | None
    keepalive_due: float

    owner: ClassVar[QuizServer | None] = None
    #: The address whose connection slot this connection holds, until it is lost.
    slot: str | None = None
    #: The answer for a connection accepted over a cap, once its request arrives.
    refusal: Response | None = None
    #: The client's address (X-Forwarded-For from a trusted proxy), once the request arrived.
    client_address: str | None = None

    #: Dropped at accept (its address is cut off for flooding): websockets never saw it.
    cut_off = False

    #: Each connection's keepalive pings come at its own interval, between this share of the
    #: configured one and all of it. A class joins within seconds; at one shared interval
    #: its pings would come in the same seconds for the whole game (10,000 pongs at once
    #: held up every answer of the question they fell into: docs/performance.md).
    keepalive_low = 0.75

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        if self.owner is not None and self.owner.cut_off(transport):
            # Before websockets starts its handshake task: the cheapest possible refusal.
            self.cut_off = True
            if isinstance(transport, asyncio.Transport):
                transport.abort()
            return
        self.heard_at = time.monotonic()
        bursts.connection_arrived()
        super().connection_made(transport)
        if self.ping_interval is not None:  # before the handshake starts the keepalive
            self.ping_interval *= random.uniform(self.keepalive_low, 1.0)
        if self.owner is not None:
            self.owner.admit(self, transport)

    def data_received(self, data: bytes) -> None:
        if not self.cut_off:
            self.heard_at = time.monotonic()
            super().data_received(data)

    def start_keepalive(self) -> None:
        """Keepalive from the server's one sweep (server/keepalive.py), not a task per
        connection: the same ping, pong timeout and 1011 close as websockets' own, except
        that a peer heard from within its interval is not pinged."""
        if self.owner is None or self.ping_interval is None:
            super().start_keepalive()
        else:
            self.owner.keepalive.watch(self)

    async def fail_keepalive(self) -> None:
        """No pong within the ping timeout: close with 1011, as websockets' keepalive does
        (the same calls in websockets 14 to 17, the versions pyproject.toml allows)."""
        with contextlib.suppress(ConnectionClosed):  # it closed meanwhile
            async with self.send_context():
                self.protocol.fail(CloseCode.INTERNAL_ERROR, "keepalive ping timeout")

    def eof_received(self) -> None:
        if not self.cut_off:
            super().eof_received()

    def connection_lost(self, exc: Exception | None) -> None:
        if self.cut_off:
            return
        try:
            super().connection_lost(exc)
        finally:
            if self.owner is not None:
                self.owner.release(self)


def _peer_address(transport: asyncio.BaseTransport) -> str:
    peer = transport.get_extra_info("peername")
    return str(peer[0]) if isinstance(peer, tuple) and peer else "unknown"


class QuizServer:
    """Serves one session. `await start(...)`, later `await stop()`."""

    def __init__(
        self,
        session: Session | SelfPacedSession,
        *,
        host_token: str,
        settings: ServerSettings | None = None,
        screen_key: str | None = None,
    ) -> None:
        """`screen_key` lets a big screen watch (read-only); one is made when not given."""
        self.session = session
        self.host_token = host_token
        self.screen_key = screen_key or secrets.token_urlsafe(12)
        self.settings = settings or ServerSettings()
        self.screens = ScreenSlots(self.settings.max_screens)
        self.pin_throttle = FailureThrottle(
            self.settings.pin_failures, self.settings.pin_window_s, self.settings.pin_block_s
        )
        self.host_throttle = FailureThrottle(
            self.settings.host_auth_failures,
            self.settings.host_auth_window_s,
            self.settings.host_auth_block_s,
        )
        self.connections = ConnectionCounter(
            self.settings.connections_per_address, self.settings.max_connections
        )
        self.http_limiter = AddressRateLimiter(
            self.settings.http_requests_per_second, self.settings.http_burst
        )
        self.proxies = TrustedProxies(self.settings.trusted_proxies)
        self.joins = JoinLimiter(
            self.settings.max_players_per_address,
            self.settings.joins_per_address,
            self.settings.join_window_s,
            burst_joins=self.settings.burst_joins,
            burst_window_s=self.settings.burst_window_s,
        )
        self.http_flooders = FailureThrottle(
            self.settings.http_strikes,
            self.settings.http_strike_window_s,
            self.settings.http_block_s,
        )

        class Connection(GuardedConnection):
            pass

        Connection.owner = self
        self._connection_class = Connection
        self.site = StaticSite(images=dict(session.images.values()))
        self.site.set_join_url(session.config.join_url)
        if isinstance(session, Session):
            rules = session.game.settings
            self.site.set_teams(rules.teams, pick=not rules.teams_auto)
        else:  # an assignment has no teams: the page still asks
            self.site.set_teams((), pick=False)
        self.server: Server | None = None
        self._alerts_due: asyncio.TimerHandle | None = None
        self.keepalive = KeepaliveSweep(self.settings.ping_interval_s)

    async def start(
        self, host: str | None = None, port: int | None = None, sock: socket.socket | None = None
    ) -> Server:
        settings = self.settings
        load_confusables()
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
            create_connection=self._connection_class,
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
        if self._alerts_due is not None:
            self._alerts_due.cancel()
            self._alerts_due = None
        self.keepalive.stop()
        if self.server is not None:
            self.server.close()
            await self.server.wait_closed()

    # Connection slots, taken at accept and given back when the connection is lost.

    def cut_off(self, transport: asyncio.BaseTransport) -> bool:
        """Whether a just-accepted connection comes from an address cut off for flooding
        (more than `http_strikes` 429s within the window): it is dropped unread."""
        return self.http_flooders.blocked(_peer_address(transport), time.monotonic())

    def admit(self, link: GuardedConnection, transport: asyncio.BaseTransport) -> None:
        """Take a slot for a just-accepted connection, or mark it refused.

        A refused connection is answered 429 (its address is over the cap) or 503 (the server
        is) as soon as its request arrives, and dropped after `refused_grace_s` if none does,
        so connections held open past a cap cost seconds, not the handshake timeout.
        """
        address = _peer_address(transport)
        if self.connections.try_acquire(address, capped=not self.proxies.trusted(address)):
            link.slot = address
            return
        if self.connections.total >= self.settings.max_connections:
            link.refusal = plain_response(
                HTTPStatus.SERVICE_UNAVAILABLE, "server full: try again later"
            )
        else:
            link.refusal = plain_response(
                HTTPStatus.TOO_MANY_REQUESTS, "too many connections from your address"
            )
        link.refusal.headers["Retry-After"] = "5"
        if isinstance(transport, asyncio.Transport):
            asyncio.get_running_loop().call_later(self.settings.refused_grace_s, transport.abort)

    def release(self, link: GuardedConnection) -> None:
        """Give back the slot of a lost connection (once; refused ones hold none)."""
        if link.slot is not None:
            self.connections.release(link.slot)
            link.slot = None

    # Requests.

    def process_request(self, link: ServerConnection, request: Request) -> Response | None:
        bursts.connection_settling()
        if isinstance(link, GuardedConnection) and link.refusal is not None:
            return link.refusal
        address = self.proxies.client(remote_host(link), request.headers.get_all("X-Forwarded-For"))
        if isinstance(link, GuardedConnection):
            link.client_address = address
        now = time.monotonic()
        wait = self.http_limiter.check(address, now)
        if wait > 0:
            self.http_flooders.record_failure(address, now)
            response = plain_response(HTTPStatus.TOO_MANY_REQUESTS, "too many requests: slow down")
            response.headers["Retry-After"] = str(max(1, math.ceil(wait)))
            return response
        path = urlsplit(request.path).path
        if not path.startswith("/ws/"):
            return self.site.respond(request.path, request.method, request.headers)
        if path not in (PLAY_PATH, HOST_PATH, SCREEN_PATH):
            return plain_response(HTTPStatus.NOT_FOUND, "not found")
        if not origin_matches_host(request.headers.get("Origin"), request.headers.get("Host")):
            return plain_response(HTTPStatus.FORBIDDEN, "cross-origin websocket refused")
        return None

    async def handle(self, link: ServerConnection) -> None:
        address = (
            link.client_address
            if isinstance(link, GuardedConnection) and link.client_address
            else remote_host(link)
        )
        assert link.request is not None
        path = urlsplit(link.request.path).path
        session = self.session
        if path == HOST_PATH and isinstance(session, SelfPacedSession):
            # The teacher follows an assignment in the console (its progress screen).
            await link.close(CloseCode.POLICY_VIOLATION, "no host channel here")
        elif path == HOST_PATH:
            assert isinstance(session, Session)
            await serve_host(
                link,
                session,
                self.host_token,
                self.settings,
                self.host_throttle,
                address,
                self.remove_source,
            )
        elif path == SCREEN_PATH and isinstance(session, SelfPacedSession):
            # No big screen for an assignment: each student is on their own question.
            await link.close(CloseCode.POLICY_VIOLATION, "no big screen here")
        elif path == SCREEN_PATH:
            assert isinstance(session, Session)
            await serve_screen(link, session, self.screen_key, self.settings, self.screens)
        else:
            player = PlayerConnection(
                link,
                self.session,
                self.settings,
                self.pin_throttle,
                self.joins,
                address,
                self.sources_joined,
            )
            await player.run()

    # Bursts of joins from one source: shown to the host by label, removed on request.

    def _in_game(self, player_id: str) -> bool:
        if isinstance(self.session, SelfPacedSession):
            return self.session.in_game(player_id)
        player = self.session.game.players.get(player_id)
        return player is not None and not player.kicked

    def sources_joined(self) -> None:
        """A burst source's player joined: recount the alerts soon, once for all such joins.

        Recounting on every join walked every source's players per join: a class joining
        from a few addresses (a school's NAT, the load generator) made joins O(N) each.
        """
        if self._alerts_due is None:
            self._alerts_due = asyncio.get_running_loop().call_later(
                ALERTS_DELAY_S, self._show_sources_due
            )

    def _show_sources_due(self) -> None:
        self._alerts_due = None
        self.show_sources()

    def show_sources(self) -> None:
        """Tell the host about every burst source it has not removed (coalesced upstream)."""
        if isinstance(self.session, SelfPacedSession):
            return  # no host channel: an assignment's console does not show burst alerts yet
        self.session.set_alerts(
            SourceAlert(label, joins, players)
            for label, joins, players in self.joins.sources(self._in_game)
        )

    async def remove_source(self, label: str) -> None:
        """Kick every player of burst source `label` and refuse its later joins. Raises
        Rejected (bad_state) when there is no such source."""
        players = self.joins.remove(label, self._in_game)
        if players is None:
            raise Rejected(ErrorCode.BAD_STATE, f"no burst of joins is known as source {label}")
        for player_id in players:
            with contextlib.suppress(Rejected):  # kicked meanwhile
                await self.session.host_command(Kick(player_id=player_id))
        self.show_sources()
