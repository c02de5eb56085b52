"""`quizhost preview --screen`: the big-screen page for a preview, on 127.0.0.1.

An author checks on the projector what the room will see before class. There is no game and
no player: the views are the preview's steps (`quizhost.session.preview`), and the console
says which one is shown. The page, its files and the bank's images are the server's own
`StaticSite`; `/ws/screen` is the server's own `serve_screen` with its key. Only the screen
channel exists here: nobody can join or command a preview.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable, Sequence
from http import HTTPStatus
from urllib.parse import urlsplit

from websockets.asyncio.server import Server, ServerConnection, serve
from websockets.frames import CloseCode
from websockets.http11 import Request, Response

from quizhost.bank.models import Bank
from quizhost.protocol.screen import ScreenView
from quizhost.server.app import SCREEN_PATH, origin_matches_host
from quizhost.server.http import StaticSite, plain_response
from quizhost.server.screen import ScreenSlots, serve_screen
from quizhost.server.settings import ServerSettings
from quizhost.session.config import bank_images

PREVIEW_HOST = "127.0.0.1"
#: A preview has no join address, so no QR code; the page loads `/qr.svg` all the same (its
#: lobby is never shown in a preview), and a blank picture keeps a 404 out of its console.
BLANK_QR = b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"/>'

ScreenListener = Callable[[ScreenView], None]


class PreviewScreens:
    """The big screen's side of a preview: each step's view and the one shown now.

    Every step's view was computed up front, so stepping back simply sends that step's view
    again; a page that connects gets the current one at once.
    """

    def __init__(self, views: Sequence[ScreenView]) -> None:
        if not views:
            raise ValueError("a preview has at least one step")
        self.views = tuple(views)
        self.step = 0
        self._listeners: list[ScreenListener] = []

    def show(self, step: int) -> None:
        """Show step `step` (an index into `views`) on every screen watching."""
        self.step = step
        view = self.views[step]
        for listener in list(self._listeners):
            listener(view)

    def screen_view(self) -> ScreenView:
        return self.views[self.step]

    def subscribe_screen(self, listener: ScreenListener) -> Callable[[], None]:
        """Call `listener` with the current view now and with each step shown later."""
        self._listeners.append(listener)
        listener(self.screen_view())

        def unsubscribe() -> None:
            if listener in self._listeners:
                self._listeners.remove(listener)

        return unsubscribe


class PreviewScreenServer:
    """Serves the big screen of one preview. `await start()`, later `await stop()`."""

    def __init__(
        self,
        bank: Bank,
        screens: PreviewScreens,
        *,
        settings: ServerSettings | None = None,
        screen_key: str | None = None,
    ) -> None:
        """Reads the page and the bank's images now (OSError, ValueError if one cannot be)."""
        self.screens = screens
        self.screen_key = screen_key or secrets.token_urlsafe(12)
        self.settings = settings or ServerSettings()
        self.slots = ScreenSlots(self.settings.max_screens)
        self.site = StaticSite(images=dict(bank_images(bank).values()), qr=lambda: BLANK_QR)
        self.server: Server | None = None

    async def start(self, port: int = 0) -> None:
        """Listen on 127.0.0.1:`port` (0: a free port). OSError if the port is taken."""
        settings = self.settings
        self.server = await serve(
            self.handle,
            PREVIEW_HOST,
            port,
            process_request=self.process_request,
            compression=None,
            max_size=settings.max_size,
            open_timeout=settings.open_timeout_s,
            ping_interval=settings.ping_interval_s,
            ping_timeout=settings.ping_timeout_s,
            close_timeout=2,
            server_header=None,
        )

    @property
    def port(self) -> int:
        assert self.server is not None
        port: int = self.server.sockets[0].getsockname()[1]
        return port

    @property
    def url(self) -> str:
        """The big screen's address with its key, as `quizhost serve` prints it."""
        return f"http://{PREVIEW_HOST}:{self.port}/screen?key={self.screen_key}"

    async def stop(self) -> None:
        """Close the screens' connections (1001) and stop listening."""
        if self.server is not None:
            self.server.close()
            await self.server.wait_closed()
            self.server = None

    def process_request(self, link: ServerConnection, request: Request) -> Response | None:
        path = urlsplit(request.path).path
        if not path.startswith("/ws/"):
            return self.site.respond(request.path, request.method, request.headers)
        if path != SCREEN_PATH:
            return plain_response(HTTPStatus.NOT_FOUND, "not found: a preview has no players")
        if not origin_matches_host(request.headers.get("Origin"), request.headers.get("Host")):
            return plain_response(HTTPStatus.FORBIDDEN, "cross-origin websocket refused")
        return None

    async def handle(self, link: ServerConnection) -> None:
        assert link.request is not None
        if urlsplit(link.request.path).path != SCREEN_PATH:
            await link.close(CloseCode.POLICY_VIOLATION, "only the big screen here")
            return
        await serve_screen(link, self.screens, self.screen_key, self.settings, self.slots)
