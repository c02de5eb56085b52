"""Plain-HTTP answers on the websocket port: the player page, bank images, the QR code and a
health check, for `websockets.asyncio.server.serve(..., process_request=site.process_request)`.

Safety by construction: every file is read once at start-up into a dict keyed by its exact URL
path, and a request is answered by a dict lookup on its raw path (query string dropped). No URL
is ever joined onto a filesystem path, so `/../x`, `%2e%2e`, `//etc/passwd`, backslashes and
absolute paths simply are not keys: 404.

Caching: revalidating every file on every load (`no-cache` and an ETag, the earlier choice)
cost a round trip per file even when nothing changed, and on a classroom Wi-Fi with 2 s of
latency that was seconds before the lobby. So the page gets versioned names without a build
step: at start-up every asset's URL gets a hash of its content (`/main.1a2b3c4d5e6f.js`), and
every reference to an asset inside the page's HTML, CSS and JavaScript (the ES modules' import
specifiers, the modulepreload links, the language catalogs named in `languages.js`) is rewritten
to the hashed URL, dependencies first, so a change anywhere changes every URL that leads to it.
Hashed URLs are `immutable` for a year: a reload fetches nothing but the HTML. The HTML itself
(`/`, `/index.html`) stays `no-cache` with an ETag, so a re-deployed page is picked up at once,
and so do the unhashed names, which still answer (old pages, scripts). Text is gzipped once at
start-up and sent compressed to requests that accept it. Dynamic answers (`/healthz`, 404s) are
`no-store`.
"""

from __future__ import annotations

import gzip
import hashlib
import http
import json
import re
from collections.abc import Callable, Mapping, Sequence
from email.utils import formatdate
from pathlib import Path, PurePosixPath
from typing import Final
from urllib.parse import quote

from attrs import frozen
from websockets.asyncio.server import ServerConnection
from websockets.datastructures import Headers
from websockets.http11 import Request, Response

from quizhost import answer_styles
from quizhost.qr import qr_svg
from quizhost.resources import player_web_dir, screen_web_dir

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
    ".json": "application/json; charset=utf-8",  # the page's language catalogs
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
#: How a content-hashed URL is cached: a year, never revalidated (its content cannot change).
IMMUTABLE: Final = "public, max-age=31536000, immutable"
REVALIDATE: Final = "no-cache"
#: Page files whose references to other page files are rewritten to hashed URLs.
_REFERRING_TYPES: Final = (".html", ".css", ".js")
#: What is worth compressing.
_TEXT_TYPES: Final = (".html", ".css", ".js", ".json", ".svg", ".webmanifest")
#: A quoted (or `url(`-wrapped) absolute or `./` path: a candidate reference to a page file.
_REFERENCE = re.compile(r"""(?<=["'(])(\.?/[A-Za-z0-9_./%-]+)(?=["')])""")
_HASH_CHARS: Final = 12
_WS_PATH = re.compile(r"/ws/[A-Za-z0-9_-]+")
_WS_ONLY = "This is a websocket endpoint: open it with a websocket GET.\n"


@frozen
class Asset:
    """One file held in memory with the headers it is served with (and its gzip, if smaller)."""

    body: bytes
    content_type: str
    etag: str
    cache_control: str = REVALIDATE
    gzipped: bytes | None = None

    @classmethod
    def of(
        cls, body: bytes, content_type: str, cache_control: str = REVALIDATE, compress: bool = False
    ) -> Asset:
        """An asset with a strong ETag derived from its content; compressed once, here."""
        packed = gzip.compress(body, compresslevel=9, mtime=0) if compress else None
        if packed is not None and len(packed) >= len(body):
            packed = None
        etag = f'"{hashlib.sha256(body).hexdigest()[:32]}"'
        return cls(body, content_type, etag, cache_control, packed)

    @property
    def gzip_etag(self) -> str:
        """The compressed representation's own strong ETag."""
        return self.etag[:-1] + '-gz"'


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


SCREEN_PREFIX: Final = "/screen"


def _page_assets(root: Path, prefix: str = "") -> dict[str, Asset]:
    """Every allowed file under `root` (hidden files and symlinks leaving it excluded), under its
    own name and its content-hashed name, references rewritten, text compressed. With a
    `prefix` (the big screen), at `prefix` + its path, without hashed names."""
    if prefix:
        return _prefixed_assets(root, prefix)
    files = _page_files(root)
    hashed = _hashed_names(files)
    assets: dict[str, Asset] = {}
    for path, (body, content_type) in files.items():
        suffix = PurePosixPath(path).suffix
        if suffix in _REFERRING_TYPES:
            body = _rewrite(body, hashed)
        compress = suffix in _TEXT_TYPES
        assets[path] = Asset.of(body, content_type, compress=compress)
        if path in hashed:
            assets[hashed[path]] = Asset.of(body, content_type, IMMUTABLE, compress)
    if "/index.html" in assets:
        assets["/"] = assets["/index.html"]
    return assets


def _prefixed_assets(root: Path, prefix: str) -> dict[str, Asset]:
    """A second page's files at `prefix` + their path, text compressed, revalidated on each
    load: a projector loads them once a lesson, so hashed names would buy nothing."""
    assets: dict[str, Asset] = {}
    for path, (body, content_type) in _page_files(root, generated=False).items():
        compress = PurePosixPath(path).suffix in _TEXT_TYPES
        assets[prefix + path] = Asset.of(body, content_type, compress=compress)
    if f"{prefix}/index.html" in assets:
        assets[prefix] = assets[f"{prefix}/index.html"]
    return assets


def _hashed_name(path: str, body: bytes) -> str:
    """/dir/name.js -> /dir/name.<12 hex of sha256>.js"""
    stem, dot, suffix = path.rpartition(".")
    return f"{stem}.{hashlib.sha256(body).hexdigest()[:_HASH_CHARS]}{dot}{suffix}"


def _hashed_names(files: Mapping[str, tuple[bytes, str]]) -> dict[str, str]:
    """Every page file but the HTML -> its hashed URL, computed after rewriting the file's own
    references (dependencies first), so the hash covers everything the file leads to."""
    hashed: dict[str, str] = {}
    visiting: set[str] = set()

    def name(path: str) -> str:
        if path in hashed:
            return hashed[path]
        if path in visiting:
            raise ValueError(f"page files refer to each other in a cycle through {path}")
        visiting.add(path)
        body = files[path][0]
        if PurePosixPath(path).suffix in _REFERRING_TYPES:
            for target in _references(body, files):
                name(target)
            body = _rewrite(body, hashed)
        visiting.discard(path)
        hashed[path] = _hashed_name(path, body)
        return hashed[path]

    for path in files:
        if not path.endswith(".html"):
            name(path)
    return hashed


def _references(body: bytes, files: Mapping[str, object]) -> list[str]:
    text = body.decode("utf-8", errors="replace")
    found = ("/" + ref.removeprefix("./").removeprefix("/") for ref in _REFERENCE.findall(text))
    return [path for path in found if path in files and not path.endswith(".html")]


def _rewrite(body: bytes, hashed: Mapping[str, str]) -> bytes:
    """Every quoted reference to a hashed page file, replaced by its hashed URL (same form)."""

    def swap(match: re.Match[str]) -> str:
        ref = match.group(1)
        path = "/" + ref.removeprefix("./").removeprefix("/")
        if path not in hashed:
            return ref
        return ("./" if ref.startswith("./") else "/") + hashed[path].removeprefix("/")

    return _REFERENCE.sub(swap, body.decode("utf-8")).encode("utf-8")


def _page_files(root: Path, generated: bool = True) -> dict[str, tuple[bytes, str]]:
    """URL path -> (bytes, content type) of every page file, the generated ones included
    unless `generated` is False."""
    files: dict[str, tuple[bytes, str]] = {}
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
        files["/" + quote(relative.as_posix())] = (_read(file), content_type)
    if not generated:
        return files
    for path, make in GENERATED_PAGE_FILES.items():
        files[path] = (make().encode(), PAGE_TYPES[".js"])
    return files


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
        screen_root: Path | None = None,
    ) -> None:
        """Read every file now; later changes on disk need a restart (or a new StaticSite).

        The big-screen page (`screen_root`, by default the shipped one) is served under
        `/screen`; it shares `/answer-styles.js` and `/qr.svg` with the player page."""
        self._assets = _page_assets(player_web_dir() if root is None else root)
        screen = screen_web_dir() if screen_root is None else screen_root
        self._assets.update(_page_assets(screen, SCREEN_PREFIX))
        self._assets.update(_image_assets(images or {}))
        self._qr = qr
        self._qr_cache: tuple[bytes, Asset] | None = None

    def set_images(self, images: Mapping[str, Path]) -> Callable[[], None]:
        """Serve these bank images instead (the bank was reloaded) and return what puts the
        previous ones back. Each file is read now; one that cannot be read raises (OSError,
        ValueError) with nothing changed."""
        assets = _image_assets(images)
        prefix = image_url("")
        previous = {path: asset for path, asset in self._assets.items() if path.startswith(prefix)}

        def swap(old: Mapping[str, Asset], new: Mapping[str, Asset]) -> None:
            for path in old:
                del self._assets[path]
            self._assets.update(new)

        swap(previous, assets)
        return lambda: swap(assets, previous)

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
        return _asset_response(asset, method, headers)

    def _qr_asset(self) -> Asset | None:
        svg = None if self._qr is None else self._qr()
        if svg is None:
            return None
        if self._qr_cache is None or self._qr_cache[0] != svg:
            self._qr_cache = (svg, Asset.of(svg, "image/svg+xml"))
        return self._qr_cache[1]


def _asset_response(asset: Asset, method: str, headers: Headers | None) -> Response:
    """The asset, compressed if the request accepts gzip, or a 304 if the browser has it."""
    zipped = asset.gzipped is not None and headers is not None and _accepts_gzip(headers)
    body = asset.gzipped if zipped and asset.gzipped is not None else asset.body
    etag = asset.gzip_etag if zipped else asset.etag
    if headers is not None and _matches(headers.get("If-None-Match"), etag):
        response = _response(http.HTTPStatus.NOT_MODIFIED, b"", None, method, asset.cache_control)
    else:
        response = _response(
            http.HTTPStatus.OK, body, asset.content_type, method, asset.cache_control
        )
        if zipped:
            response.headers["Content-Encoding"] = "gzip"
    response.headers["ETag"] = etag
    if asset.gzipped is not None:
        response.headers["Vary"] = "Accept-Encoding"
    return response


def _accepts_gzip(headers: Headers) -> bool:
    """Whether Accept-Encoding lists gzip (or *) without q=0."""
    for item in headers.get("Accept-Encoding", "").split(","):
        coding, _, params = item.strip().partition(";")
        if coding.strip().lower() not in ("gzip", "*"):
            continue
        quality = params.strip().lower().removeprefix("q=")
        try:
            return not params.strip() or float(quality) > 0
        except ValueError:
            return False
    return False


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
