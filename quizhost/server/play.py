"""`/ws/play`: one phone's connection, translated into session calls.

The handler owns nothing but the connection's own limits (message rate, junk count) and which
player the connection speaks for. Every error goes back as an `error` frame; nothing a player
sends can raise out of here or touch another player.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import Callable

from websockets.asyncio.server import ServerConnection
from websockets.exceptions import ConnectionClosed
from websockets.frames import CloseCode
from websockets.protocol import State

from quizhost.core import ErrorCode, Rejected
from quizhost.protocol import CLOSE_KICKED, outbound
from quizhost.protocol.inbound import (
    AnswerMessage,
    BadMessage,
    JoinMessage,
    NextMessage,
    PingMessage,
    ResumeMessage,
    decode_object,
    message_type,
    parse_player_message,
)
from quizhost.server.limits import FailureThrottle, JoinLimiter, RateLimiter, Verdict
from quizhost.server.links import WebsocketLink, receive, send_frame
from quizhost.server.settings import ServerSettings
from quizhost.session import Session, bursts
from quizhost.session.selfpaced import SelfPacedSession


class PlayerConnection:
    """The state of one `/ws/play` connection."""

    __slots__ = (  # one per phone: thousands, so no __dict__ each
        "address",
        "bad_frames",
        "closer",
        "heartbeat_deadline",
        "joins",
        "limited_notice_at",
        "link",
        "on_burst",
        "pin_throttle",
        "player_id",
        "rate",
        "session",
        "session_link",
        "settings",
    )

    def __init__(
        self,
        link: ServerConnection,
        session: Session | SelfPacedSession,
        settings: ServerSettings,
        pin_throttle: FailureThrottle,
        joins: JoinLimiter | None = None,
        address: str | None = None,
        on_burst: Callable[[], None] | None = None,
    ) -> None:
        self.link = link
        self.session_link = WebsocketLink(link)  # the one Link the session knows us by
        self.session = session
        self.settings = settings
        self.pin_throttle = pin_throttle
        self.joins = joins
        self.address = address or remote_host(link)
        self.on_burst = on_burst
        self.player_id: str | None = None
        self.rate = RateLimiter(
            rate=settings.messages_per_second,
            burst=settings.message_burst,
            max_strikes=settings.max_rate_strikes,
            window_s=settings.strike_window_s,
        )
        self.bad_frames = 0
        self.closer: asyncio.Task[None] | None = None
        self.limited_notice_at = -1.0
        # No deadline until the first `ping`: v1 clients keep websockets' ping timeout.
        self.heartbeat_deadline: float | None = None

    async def run(self) -> None:
        """Serve frames until the connection closes; then tell the session."""
        # The first frame's deadline is a timer that closes, not a timeout scope (~2 µs more
        # of every join) nor wait_for (a task more per connection).
        late = asyncio.get_running_loop().call_later(
            self.settings.first_frame_timeout_s, self.close_silent
        )
        try:
            first = await receive(self.link)
        except ConnectionClosed:
            return
        finally:
            late.cancel()
        try:
            data = first
            while data is not None:
                await self.on_frame(data)
                # Only the wait for a frame has the deadline, never the handling of one (an
                # answer waiting for its durable write must not be cancelled half way). No
                # deadline, no timeout scope: a scope per frame is ~3 µs of every answer.
                if self.heartbeat_deadline is None:
                    data = await receive(self.link)
                    continue
                async with asyncio.timeout_at(self.heartbeat_deadline):
                    data = await receive(self.link)
        except ConnectionClosed:
            pass
        except TimeoutError:
            # Silent: a closing handshake would wait on a dead peer, so drop the socket now.
            self.link.transport.abort()
        finally:
            if self.player_id is not None:
                self.session.disconnected(self.player_id, self.session_link)

    def close_silent(self) -> None:
        """No first frame in time: close with 1008; the wait for that frame then ends."""
        if self.closer is None:
            self.closer = asyncio.ensure_future(
                self.link.close(CloseCode.POLICY_VIOLATION, "send join or resume first")
            )

    def close_for_abuse(self, reason: str) -> None:
        """Start closing with 1008 without waiting: the caller keeps draining (and ignoring)
        frames, so the peer's close reply is not stuck behind frames we stopped reading."""
        if self.closer is None:
            self.closer = asyncio.ensure_future(self.link.close(CloseCode.POLICY_VIOLATION, reason))

    async def on_frame(self, data: str | bytes) -> None:
        """Handle one frame; frames after an abuse close are dropped unread.

        Every dropped frame yields to the loop. Otherwise a flooder's task drains its whole
        read buffer in one step (thousands of frames: `recv` does not suspend while frames
        are queued), and every other phone's ack waits behind it (150 ms, not 1 ms).
        """
        if self.closer is not None:
            await asyncio.sleep(0)
            return
        if self.heartbeat_deadline is not None:
            self.heartbeat_deadline = self.next_heartbeat_deadline()
        verdict = self.rate.check(time.monotonic())
        if verdict is Verdict.CLOSE:
            self.close_for_abuse("too many messages")
            return
        if verdict is Verdict.LIMITED:
            # Dropped unread. Say so at most once a second: a flooder that does not read
            # would otherwise fill our write buffer with its own error frames.
            now = time.monotonic()
            if now - self.limited_notice_at >= 1.0:
                self.limited_notice_at = now
                self.send_error(ErrorCode.RATE_LIMITED, "slow down: too many messages")
            await self.hold_reading(self.rate.wait(time.monotonic()))
            return
        try:
            await self.dispatch(data)
        except BadMessage as exc:
            self.bad_frames += 1
            if self.bad_frames > self.settings.max_bad_frames:
                self.close_for_abuse("too many malformed messages")
                return
            self.send_error(ErrorCode.BAD_MESSAGE, str(exc))
        except Rejected as exc:
            if exc.code is ErrorCode.KICKED:
                self.refuse_kicked()
                return
            self.send_error(exc.code, exc.message)

    async def hold_reading(self, seconds: float) -> None:
        """Read nothing more for `seconds` (a frame was over the rate), or until the connection
        closes. While this task waits its queue stays full, so websockets stops reading the
        socket: a flood backs up in the sender's own TCP buffers instead of costing the loop a
        parse per frame, which took the CPU every other phone's ack needs."""
        if self.link.state is not State.OPEN:  # closing: read on to the peer's close frame
            await asyncio.sleep(0)
            return
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self.link.wait_closed(), seconds)

    def refuse_kicked(self) -> None:
        """A kicked device came back: the same `kicked` frame and close as the kick itself."""
        send_frame(self.link, outbound.KICKED)
        if self.closer is None:
            self.closer = asyncio.ensure_future(
                self.link.close(CLOSE_KICKED, "removed from this game by the host")
            )

    async def dispatch(self, data: str | bytes) -> None:
        obj = decode_object(data)
        if message_type(obj) in ("answer", "next") and self.player_id is None:
            raise Rejected(ErrorCode.NOT_JOINED, "join the game before answering")
        match parse_player_message(obj):
            case JoinMessage(pin=pin, name=name, team=team, device=device):
                await self.join(pin, name, team, device)
            case ResumeMessage(token=token, device=device):
                # One connection speaks for one player: a second identity on the same socket
                # would leave the first one "connected" after the socket closed.
                if self.player_id is not None:
                    raise Rejected(ErrorCode.BAD_STATE, "this connection has already joined")
                if isinstance(self.session, SelfPacedSession):
                    self.player_id = await self.session.resume(self.session_link, token)
                else:
                    self.player_id = await self.session.resume(self.session_link, token, device)
            case AnswerMessage(question=question, answer=answer):
                assert self.player_id is not None
                await self.session.answer(self.player_id, question, answer)
            case NextMessage(after=after):
                if not isinstance(self.session, SelfPacedSession):
                    raise Rejected(ErrorCode.BAD_STATE, "the host moves a live game on")
                assert self.player_id is not None
                await self.session.next(self.player_id, after)
            case PingMessage():
                # From the first ping on, the next frame must come within the timeout.
                self.heartbeat_deadline = self.next_heartbeat_deadline()
                send_frame(self.link, outbound.PONG)

    def next_heartbeat_deadline(self) -> float:
        return asyncio.get_running_loop().time() + self.settings.heartbeat_timeout_s

    async def join(
        self, pin: str, name: str, team: str | None = None, device: str | None = None
    ) -> None:
        if self.player_id is not None:
            raise Rejected(ErrorCode.BAD_STATE, "this connection has already joined")
        bursts.connection_settling()
        now = time.monotonic()
        if self.pin_throttle.blocked(self.address, now):
            raise Rejected(ErrorCode.RATE_LIMITED, "too many wrong PINs: wait a minute")
        if pin.strip() != self.session.pin:
            self.pin_throttle.record_failure(self.address, now)
            raise Rejected(ErrorCode.BAD_PIN, "wrong game PIN: check the PIN on the screen")
        if self.joins is None:
            self.player_id = await self.enter(name, team, device)
            return
        refusal = self.joins.admit(self.address, now, self._in_game)
        if refusal == "players":
            raise Rejected(
                ErrorCode.GAME_FULL,
                f"{self.joins.max_players} players have joined from your network already: "
                "ask your teacher",
            )
        if refusal == "removed":
            raise Rejected(
                ErrorCode.GAME_LOCKED, "the host removed the players of your network from the game"
            )
        if refusal == "joins":
            raise Rejected(
                ErrorCode.RATE_LIMITED, "too many joins from your network: wait a minute"
            )
        try:
            player_id = await self.enter(name, team, device)
        except BaseException:
            self.joins.failed(self.address)
            raise
        self.player_id = player_id
        if self.joins.joined(self.address, player_id, now) and self.on_burst is not None:
            self.on_burst()

    async def enter(self, name: str, team: str | None, device: str | None) -> str:
        """The session's join; an assignment keeps no devices (its kick is a per-student one)."""
        if isinstance(self.session, SelfPacedSession):
            return await self.session.join(self.session_link, name, team)
        return await self.session.join(self.session_link, name, team, device)

    def _in_game(self, player_id: str) -> bool:
        """Whether a player still counts for their address: in the game and not kicked."""
        if isinstance(self.session, SelfPacedSession):
            return self.session.in_game(player_id)
        player = self.session.game.players.get(player_id)
        return player is not None and not player.kicked

    def send_error(self, code: ErrorCode, message: str) -> None:
        send_frame(self.link, outbound.error_frame(code.value, message))


def remote_host(link: ServerConnection) -> str:
    """The peer's IP address (the key of per-address limits)."""
    address = link.remote_address
    if isinstance(address, tuple) and address:
        return str(address[0])
    return "unknown"
