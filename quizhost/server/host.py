"""`/ws/host`: drive the session from a script, a projector page or the load generator.

The first frame must authenticate with the host token; after that the connection gets a
`host_state` whenever the game changed (coalesced by the session) and may send commands.
`remove_source` is the server's, not the session's: it knows which address each player
joined from, the session does not.
"""

from __future__ import annotations

import asyncio
import hmac
import time
from collections.abc import Awaitable, Callable
from typing import Any

from websockets.asyncio.server import ServerConnection
from websockets.exceptions import ConnectionClosed
from websockets.frames import CloseCode

from quizhost.core import ErrorCode, Rejected
from quizhost.protocol import host_frames, outbound
from quizhost.protocol.inbound import (
    BadMessage,
    HostAuthMessage,
    decode_object,
    parse_host_auth,
    parse_host_command,
)
from quizhost.server.limits import FailureThrottle
from quizhost.server.links import receive, send_frame
from quizhost.server.settings import ServerSettings
from quizhost.session import HostView, Session


async def serve_host(
    link: ServerConnection,
    session: Session,
    host_token: str,
    settings: ServerSettings,
    throttle: FailureThrottle | None = None,
    address: str = "unknown",
    remove_source: Callable[[str], Awaitable[None]] | None = None,
) -> None:
    """Authenticate, then relay commands to the session and host views back."""
    auth = await _authenticate(link, host_token, settings, throttle, address)
    if auth is None:
        return
    sent_version: int | None = None  # players_version of the last list this host was sent

    def on_view(view: HostView) -> None:
        nonlocal sent_version
        if not auth.players_when_changed:  # a v1 host: the whole list, every time
            send_frame(link, host_frames.host_state_frame(view))
            return
        with_players = view.players_version != sent_version
        send_frame(link, host_frames.host_state_frame(view, players=with_players))
        sent_version = view.players_version

    unsubscribe = session.subscribe(on_view)
    try:
        while (data := await receive(link)) is not None:
            try:
                frame = decode_object(data)
                if remove_source is not None and frame.get("type") == "remove_source":
                    await remove_source(_source_label(frame))
                    continue
                command = parse_host_command(frame)
                await session.host_command(command)
            except BadMessage as exc:
                send_frame(link, outbound.error_frame(ErrorCode.BAD_MESSAGE.value, str(exc)))
            except Rejected as exc:
                send_frame(link, outbound.error_frame(exc.code.value, exc.message))
    except ConnectionClosed:
        pass
    finally:
        unsubscribe()


async def _authenticate(
    link: ServerConnection,
    host_token: str,
    settings: ServerSettings,
    throttle: FailureThrottle | None,
    address: str,
) -> HostAuthMessage | None:
    """The first frame if it carries the host token; if not, say why, close, and None.

    Wrong tokens count against `address` in `throttle`, as wrong PINs do: once blocked, that
    address is refused (`rate_limited`) even with the right token until the block ends, so a
    guesser learns nothing from its attempts meanwhile.
    """
    try:
        first = await asyncio.wait_for(receive(link), settings.first_frame_timeout_s)
        if first is None:
            return None
        auth = parse_host_auth(decode_object(first))
    except (TimeoutError, BadMessage):
        auth = HostAuthMessage(token="")
    except ConnectionClosed:
        return None
    token = auth.token
    now = time.monotonic()
    if throttle is not None and throttle.blocked(address, now):
        message = "too many wrong host tokens: wait a few minutes"
        send_frame(link, outbound.error_frame(ErrorCode.RATE_LIMITED.value, message))
        await link.close(CloseCode.POLICY_VIOLATION, "host authentication throttled")
        return None
    if not hmac.compare_digest(token.encode(), host_token.encode()):
        if throttle is not None:
            throttle.record_failure(address, now)
        message = "wrong or missing host token"
        send_frame(link, outbound.error_frame(ErrorCode.BAD_TOKEN.value, message))
        await link.close(CloseCode.POLICY_VIOLATION, "host authentication failed")
        return None
    return auth


def _source_label(frame: dict[str, Any]) -> str:
    """The `source` of a `remove_source` frame (the label of a host_state alert)."""
    source = frame.get("source")
    if not isinstance(source, str) or not source:
        raise BadMessage("remove_source needs a 'source': the label of an alert")
    return source
