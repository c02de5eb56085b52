"""`/ws/host`: drive the session from a script, a projector page or the load generator.

The first frame must authenticate with the host token; after that the connection gets a
`host_state` whenever the game changed (coalesced by the session) and may send commands.
"""

from __future__ import annotations

import asyncio
import hmac

from websockets.asyncio.server import ServerConnection
from websockets.exceptions import ConnectionClosed
from websockets.frames import CloseCode

from quizhost.core import ErrorCode, Rejected
from quizhost.protocol import outbound
from quizhost.protocol.inbound import (
    BadMessage,
    decode_object,
    parse_host_auth,
    parse_host_command,
)
from quizhost.server.links import receive, send_frame
from quizhost.server.settings import ServerSettings
from quizhost.session import HostView, Session


async def serve_host(
    link: ServerConnection, session: Session, host_token: str, settings: ServerSettings
) -> None:
    """Authenticate, then relay commands to the session and host views back."""
    try:
        first = await asyncio.wait_for(receive(link), settings.first_frame_timeout_s)
        if first is None:
            return
        token = parse_host_auth(decode_object(first)).token
    except (TimeoutError, BadMessage):
        token = ""
    except ConnectionClosed:
        return
    if not hmac.compare_digest(token.encode(), host_token.encode()):
        send_frame(
            link, outbound.error_frame(ErrorCode.BAD_TOKEN.value, "wrong or missing host token")
        )
        await link.close(CloseCode.POLICY_VIOLATION, "host authentication failed")
        return

    def on_view(view: HostView) -> None:
        send_frame(link, outbound.host_state_frame(view))

    unsubscribe = session.subscribe(on_view)
    try:
        while (data := await receive(link)) is not None:
            try:
                command = parse_host_command(decode_object(data))
                await session.host_command(command)
            except BadMessage as exc:
                send_frame(link, outbound.error_frame(ErrorCode.BAD_MESSAGE.value, str(exc)))
            except Rejected as exc:
                send_frame(link, outbound.error_frame(exc.code.value, exc.message))
    except ConnectionClosed:
        pass
    finally:
        unsubscribe()
