"""Plain-HTTP answers on the websocket port: the player page, bank images, the QR code and a
health check, for `websockets.asyncio.server.serve(..., process_request=site.process_request)`.

Safety by construction: every file is read once at start-up into a dict keyed by its exact URL
path, and a request is answered by a dict lookup on its raw path (query string dropped). No URL
is ever joined onto a filesystem path, so `/../x`, `%2e%2e`, `//etc/passwd`, backslashes and
absolute paths simply are not keys: 404.

Caching: the page has no build step and so no versioned file names; a `max-age` could leave a
phone running yesterday's JavaScript against today's server. Every file is therefore sent with
`Cache-Control: no-cache` and a strong `ETag`: the browser revalidates each load, and on a weak
classroom Wi-Fi that revalidation is a bodiless 304, while a re-deployed page is picked up at
once. Dynamic answers (`/healthz`, 404s) are `no-store`.
"""

from __future__ import annotations

import hashlib
import http
import json
import re
from collections.abc import Callable, Mapping, Sequence
from email.utils import formatdate
from pathlib import Path
from typing import Final
from urllib.parse import quote

from attrs import frozen
from websockets.asyncio.server import ServerConnection
from websockets.datastructures import Headers
from websockets.http11 import Request, Response

from quizhost import answer_styles
from quizhost.qr import qr_svg
from quizhost.resources import player_web_dir

CONTENT_SECURITY_POLICY: Final = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self' ws: wss:; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
)

SECURITY_HEADERS: Final = (
    ("Content-Security-Policy", CONTENT_SECURITY_POLICY),
    ("X-Content-Type-Options", "nosniff"),
    ("Referrer-Policy", "no-referrer"),
)

#: What the player page may contain, and how each kind is served.
PAGE_TYPES: Final = {
    ".html": "text/html; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".ico": "image/x-icon",
    ".webmanifest": "application/manifest+json; charset=utf-8",
}

#: What a question bank's images may be.
IMAGE_TYPES: Final = {
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".gif": "image/gif",
    ".webp": "image/webp",
    ".svg": "image/svg+xml",
}

#: Page files made from Python at start-up, so the page and the console share one definition.
GENERATED_PAGE_FILES: Final = {"/answer-styles.js": answer_styles.page_module}

MAX_FILE_BYTES: Final = 16 * 1024 * 1024
_WS_PATH = re.compile(r"/ws/[A-Za-z0-9_-]+")
_WS_ONLY = "This is a websocket endpoint: open it with a websocket GET.\n"


@frozen
class Asset:
    """One file held in memory with the headers it is served with."""

    body: bytes
    content_type: str
    etag: str

    @classmethod
    def of(cls, body: bytes, content_type: str) -> Asset:
        """An asset with a strong ETag derived from its content."""
        return cls(body, content_type, f'"{hashlib.sha256(body).hexdigest()[:32]}"')


def image_url(name: str) -> str:
    """The URL path a bank image is served at; `StaticSite` routes exactly this string."""
    return "/images/" + quote(name, safe="")


def secure(response: Response) -> Response:
    """Add the security headers to any response (e.g. websockets' own 4xx, in process_response)."""
    for name, value in SECURITY_HEADERS:
        if name not in response.headers:
            response.headers[name] = value
    return response


def _read(path: Path) -> bytes:
    if path.stat().st_size > MAX_FILE_BYTES:
        raise ValueError(f"{path} is larger than {MAX_FILE_BYTES} bytes")
    return path.read_bytes()


def _page_assets(root: Path) -> dict[str, Asset]:
    """Every allowed file under `root` (hidden files and symlinks leaving it excluded)."""
    assets: dict[str, Asset] = {}
    base = root.resolve()
    for file in sorted(root.rglob("*")):
        relative = file.relative_to(root)
        content_type = PAGE_TYPES.get(file.suffix.lower())
        if (
            content_type is None
            or not file.is_file()
            or any(part.startswith(".") for part in relative.parts)
            or not file.resolve().is_relative_to(base)
        ):
            continue
        assets["/" + quote(relative.as_posix())] = Asset.of(_read(file), content_type)
    for path, make in GENERATED_PAGE_FILES.items():
        assets[path] = Asset.of(make().encode(), PAGE_TYPES[".js"])
    if "/index.html" in assets:
        assets["/"] = assets["/index.html"]
    return assets


def _image_assets(images: Mapping[str, Path]) -> dict[str, Asset]:
    assets: dict[str, Asset] = {}
    for name, file in images.items():
        content_type = IMAGE_TYPES.get(Path(name).suffix.lower()) or IMAGE_TYPES.get(
            file.suffix.lower()
        )
        if content_type is None:
            raise ValueError(f"{file}: not an image type the player page can show")
        assets[image_url(name)] = Asset.of(_read(file), content_type)
    return assets


class StaticSite:
    """The HTTP side of the server. Build once at start-up; `respond` is a dict lookup.

    `images` maps a bank's image names to files (served at `image_url(name)`); `qr` returns
    the current join QR code as SVG, or None while there is none (then `/qr.svg` is 404).
    """

    def __init__(
        self,
        root: Path | None = None,
        *,
        images: Mapping[str, Path] | None = None,
        qr: Callable[[], bytes | None] | None = None,
    ) -> None:
        """Read every file now; later changes on disk need a restart (or a new StaticSite)."""
        self._assets = _page_assets(player_web_dir() if root is None else root)
        self._assets.update(_image_assets(images or {}))
        self._qr = qr
        self._qr_cache: tuple[bytes, Asset] | None = None

    @property
    def paths(self) -> frozenset[str]:
        """Every URL path served from memory (for tests and logs)."""
        return frozenset(self._assets)

    def set_join_url(self, url: str) -> None:
        """Serve the QR code of `url` at `/qr.svg` (rendered once, here)."""
        svg = qr_svg(url)
        self._qr = lambda: svg

    def set_teams(self, teams: Sequence[str], *, pick: bool) -> None:
        """Serve `/game.json`: a team game's teams, and whether players pick one on joining."""
        body = json.dumps({"teams": list(teams), "pick": pick and bool(teams)}).encode()
        self._assets["/game.json"] = Asset.of(body, "application/json")

    def process_request(self, connection: ServerConnection, request: Request) -> Response | None:
        """The `process_request` hook: None lets a `/ws/...` request go on to the handshake."""
        return self.respond(request.path, request.method, request.headers)

    def respond(
        self, path: str, method: str = "GET", headers: Headers | None = None
    ) -> Response | None:
        """The answer to `method path`, or None for a websocket path (not ours)."""
        target = path.split("?", 1)[0].split("#", 1)[0]
        if method not in ("GET", "HEAD"):
            return plain_response(
                http.HTTPStatus.METHOD_NOT_ALLOWED, "Method not allowed.\n", method
            )
        if _WS_PATH.fullmatch(target):
            return (
                None
                if method == "GET"
                else plain_response(http.HTTPStatus.BAD_REQUEST, _WS_ONLY, method)
            )
        if target == "/healthz":
            return _response(
                http.HTTPStatus.OK, b'{"ok": true}', "application/json", method, "no-store"
            )
        asset = self._assets.get(target)
        if target == "/qr.svg":
            asset = self._qr_asset()
        if asset is None:
            return plain_response(http.HTTPStatus.NOT_FOUND, "Not found.\n", method)
        if headers is not None and _matches(headers.get("If-None-Match"), asset.etag):
            response = _response(http.HTTPStatus.NOT_MODIFIED, b"", None, method, "no-cache")
            response.headers["ETag"] = asset.etag
            return response
        response = _response(http.HTTPStatus.OK, asset.body, asset.content_type, method, "no-cache")
        response.headers["ETag"] = asset.etag
        return response

    def _qr_asset(self) -> Asset | None:
        svg = None if self._qr is None else self._qr()
        if svg is None:
            return None
        if self._qr_cache is None or self._qr_cache[0] != svg:
            self._qr_cache = (svg, Asset.of(svg, "image/svg+xml"))
        return self._qr_cache[1]


def _matches(if_none_match: str | None, etag: str) -> bool:
    if not if_none_match:
        return False
    candidates = {tag.strip().removeprefix("W/") for tag in if_none_match.split(",")}
    return "*" in candidates or etag in candidates


def _response(
    status: http.HTTPStatus,
    body: bytes,
    content_type: str | None,
    method: str,
    cache_control: str,
) -> Response:
    headers = Headers()
    headers["Date"] = formatdate(usegmt=True)
    headers["Connection"] = "close"
    if content_type is not None:
        headers["Content-Type"] = content_type
    if status != http.HTTPStatus.NOT_MODIFIED:
        headers["Content-Length"] = str(len(body))
    headers["Cache-Control"] = cache_control
    for name, value in SECURITY_HEADERS:
        headers[name] = value
    return Response(status.value, status.phrase, headers, b"" if method == "HEAD" else body)


def plain_response(status: http.HTTPStatus, text: str, method: str = "GET") -> Response:
    """A short text answer (errors, refusals) with the same security headers as the rest."""
    response = _response(status, text.encode(), "text/plain; charset=utf-8", method, "no-store")
    if status == http.HTTPStatus.METHOD_NOT_ALLOWED:
        response.headers["Allow"] = "GET, HEAD"
    return response
