"""`/ws/screen`: the big screen's read-only feed.

The first frame must carry the screen key (`{"type":"screen","key":...}`), which is separate
from the host token: it lets a page watch, never command. After that the connection gets a
`screen_state` whenever the game changed (coalesced by the session); whatever else it sends is
read and ignored. Only `ServerSettings.max_screens` screens may watch at once.

What it watches is anything with the session's two screen methods (`ScreenSource`): a game's
session, or `quizhost preview --screen` stepping through a bank with no players.
"""

from __future__ import annotations

import asyncio
import hmac
from collections.abc import Callable
from typing import Protocol

from websockets.asyncio.server import ServerConnection
from websockets.exceptions import ConnectionClosed
from websockets.frames import CloseCode

from quizhost.protocol.inbound import BadMessage, decode_object, parse_screen_auth
from quizhost.protocol.screen import (
    BAD_SCREEN_KEY,
    SCREEN_FULL,
    ScreenView,
    screen_state_frame,
)
from quizhost.server.links import receive, send_frame
from quizhost.server.settings import ServerSettings


class ScreenSource(Protocol):
    """What a big screen watches: its view now, and each new one as it comes."""

    def screen_view(self) -> ScreenView: ...

    def subscribe_screen(self, listener: Callable[[ScreenView], None]) -> Callable[[], None]:
        """Call `listener` with the view now and after every change; return the unsubscribe."""
        ...


class ScreenSlots:
    """How many screens watch now, against the cap."""

    def __init__(self, cap: int) -> None:
        self.cap = cap
        self.open = 0


async def serve_screen(
    link: ServerConnection,
    session: ScreenSource,
    screen_key: str,
    settings: ServerSettings,
    slots: ScreenSlots,
) -> None:
    """Check the key and the cap, then send screen views until the page goes away."""
    try:
        first = await asyncio.wait_for(receive(link), settings.first_frame_timeout_s)
        if first is None:
            return
        key = parse_screen_auth(decode_object(first))
    except (TimeoutError, BadMessage):
        key = ""
    except ConnectionClosed:
        return
    if not hmac.compare_digest(key.encode(), screen_key.encode()):
        send_frame(link, BAD_SCREEN_KEY)
        await link.close(CloseCode.POLICY_VIOLATION, "wrong screen key")
        return
    if slots.open >= slots.cap:
        send_frame(link, SCREEN_FULL)
        await link.close(CloseCode.TRY_AGAIN_LATER, "too many screens")
        return

    def on_view(view: ScreenView) -> None:
        send_frame(link, screen_state_frame(view))

    slots.open += 1
    unsubscribe = session.subscribe_screen(on_view)
    try:
        while await receive(link) is not None:
            pass  # a screen reads; anything it sends is ignored
    except ConnectionClosed:
        pass
    finally:
        unsubscribe()
        slots.open -= 1
