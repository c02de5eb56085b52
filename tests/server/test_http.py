"""The HTTP side of the websocket port, over a real websockets server and raw TCP requests."""

from __future__ import annotations

import asyncio
import json
import xml.etree.ElementTree as ET
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from attrs import frozen
from websockets.asyncio.client import connect
from websockets.asyncio.server import ServerConnection, serve

from quizhost.server.http import CONTENT_SECURITY_POLICY, StaticSite, image_url

PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 32


@frozen
class Reply:
    status: int
    headers: dict[str, str]
    body: bytes


@pytest.fixture
def web_root(tmp_path: Path) -> Path:
    root = tmp_path / "player_web"
    root.mkdir()
    (root / "index.html").write_text("<!doctype html><title>quiz</title>", encoding="utf-8")
    (root / "app.js").write_text("console.log('hi');\n", encoding="utf-8")
    (root / "style.css").write_text("body{}\n", encoding="utf-8")
    (root / "icon.png").write_bytes(PNG)
    (root / "notes.txt").write_text("not served", encoding="utf-8")
    (root / ".secret.js").write_text("hidden", encoding="utf-8")
    (tmp_path / "outside.js").write_text("outside", encoding="utf-8")
    (root / "link.js").symlink_to(tmp_path / "outside.js")
    return root


@pytest.fixture
async def port(web_root: Path, tmp_path: Path) -> AsyncIterator[int]:
    photo = tmp_path / "bank" / "eiffel tower.png"
    photo.parent.mkdir()
    photo.write_bytes(PNG)
    site = StaticSite(web_root, images={"eiffel tower.png": photo})
    site.set_join_url("http://127.0.0.1:8000/?pin=123456")

    async def handler(ws: ServerConnection) -> None:
        await ws.send(ws.request.path if ws.request else "")

    async with (
        asyncio.timeout(20),
        serve(handler, "127.0.0.1", 0, process_request=site.process_request) as server,
    ):
        yield server.sockets[0].getsockname()[1]


async def fetch(port: int, target: str, method: str = "GET", headers: str = "") -> Reply:
    """Send one raw request line (nothing normalised) and read the reply until EOF."""
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    try:
        writer.write(f"{method} {target} HTTP/1.1\r\nHost: 127.0.0.1\r\n{headers}\r\n".encode())
        await writer.drain()
        async with asyncio.timeout(5):
            raw = await reader.read()
    finally:
        writer.close()
    head, _, body = raw.partition(b"\r\n\r\n")
    status_line, *lines = head.decode("latin-1").split("\r\n")
    parsed = dict(line.split(": ", 1) for line in lines)
    return Reply(int(status_line.split()[1]), {k.lower(): v for k, v in parsed.items()}, body)


def assert_secure(reply: Reply) -> None:
    assert reply.headers["content-security-policy"] == CONTENT_SECURITY_POLICY
    assert reply.headers["x-content-type-options"] == "nosniff"
    assert reply.headers["referrer-policy"] == "no-referrer"


@pytest.mark.parametrize(
    ("target", "content_type", "body"),
    [
        ("/", "text/html; charset=utf-8", b"<!doctype html><title>quiz</title>"),
        ("/index.html", "text/html; charset=utf-8", b"<!doctype html><title>quiz</title>"),
        ("/?pin=123456", "text/html; charset=utf-8", b"<!doctype html><title>quiz</title>"),
        ("/app.js", "text/javascript; charset=utf-8", b"console.log('hi');\n"),
        ("/style.css?v=2", "text/css; charset=utf-8", b"body{}\n"),
        ("/icon.png", "image/png", PNG),
        ("/images/eiffel%20tower.png", "image/png", PNG),
        ("/healthz", "application/json", b'{"ok": true}'),
    ],
)
async def test_served_files(port: int, target: str, content_type: str, body: bytes) -> None:
    """Each allowed resource comes back whole, typed, and with the security headers."""
    reply = await fetch(port, target)
    assert reply.status == 200
    assert reply.headers["content-type"] == content_type
    assert reply.body == body
    assert int(reply.headers["content-length"]) == len(body)
    assert_secure(reply)


async def test_healthz_is_json_ok(port: int) -> None:
    """/healthz is `{"ok": true}` and never cached."""
    reply = await fetch(port, "/healthz")
    assert json.loads(reply.body) == {"ok": True}
    assert reply.headers["cache-control"] == "no-store"


async def test_qr_svg_is_xml(port: int) -> None:
    """/qr.svg is an SVG document of the join URL."""
    reply = await fetch(port, "/qr.svg")
    assert reply.status == 200 and reply.headers["content-type"] == "image/svg+xml"
    assert ET.fromstring(reply.body).tag == "{http://www.w3.org/2000/svg}svg"
    assert_secure(reply)


async def test_page_is_revalidated_with_etag(port: int) -> None:
    """Files are `no-cache` with an ETag; a matching If-None-Match gets a bodiless 304."""
    first = await fetch(port, "/app.js")
    assert first.headers["cache-control"] == "no-cache"
    etag = first.headers["etag"]
    again = await fetch(port, "/app.js", headers=f"If-None-Match: {etag}\r\n")
    assert again.status == 304 and again.body == b""
    assert_secure(again)
    stale = await fetch(port, "/app.js", headers='If-None-Match: "old"\r\n')
    assert stale.status == 200


async def test_head_has_headers_and_no_body(port: int) -> None:
    """HEAD answers like GET, with the length of the body it does not send."""
    reply = await fetch(port, "/index.html", method="HEAD")
    assert reply.status == 200 and reply.body == b""
    assert reply.headers["content-length"] == str(len(b"<!doctype html><title>quiz</title>"))
    assert_secure(reply)


@pytest.mark.parametrize(
    "target",
    [
        "/nope",
        "/notes.txt",
        "/.secret.js",
        "/link.js",
        "/outside.js",
        "/../pyproject.toml",
        "/%2e%2e/pyproject.toml",
        "/%2E%2E/%2E%2E/etc/passwd",
        "/images/../index.html",
        "//etc/passwd",
        "/..\\..\\pyproject.toml",
        "/\\etc\\passwd",
        "/etc/passwd",
        "/index.html/",
        "/./index.html",
        "http://127.0.0.1/index.html",
        "/ws/../index.html",
        "/images/eiffel+tower.png",
        "/images/",
    ],
)
async def test_unknown_and_traversal_paths_are_404(port: int, target: str) -> None:
    """Anything not in the start-up table is a 404 with a small text body."""
    reply = await fetch(port, target)
    assert reply.status == 404, target
    assert reply.headers["content-type"] == "text/plain; charset=utf-8"
    assert reply.body == b"Not found.\n"
    assert_secure(reply)


@pytest.mark.parametrize("method", ["POST", "PUT", "DELETE", "OPTIONS"])
async def test_other_methods_are_refused(port: int, method: str) -> None:
    """Only GET and HEAD are served."""
    reply = await fetch(port, "/", method=method, headers="Content-Length: 0\r\n")
    assert reply.status == 405 and reply.headers["allow"] == "GET, HEAD"
    assert_secure(reply)


async def test_websocket_paths_still_upgrade(port: int) -> None:
    """process_request steps aside for /ws/... so the handshake goes on."""
    async with asyncio.timeout(5), connect(f"ws://127.0.0.1:{port}/ws/play?x=1") as ws:
        assert await ws.recv() == "/ws/play?x=1"


def test_site_from_the_real_player_web_folder() -> None:
    """With no root, the shipped player_web/ is served, index.html at /."""
    site = StaticSite()
    assert {"/", "/index.html"} <= site.paths
    response = site.respond("/")
    assert response is not None and response.status_code == 200
    no_qr_yet = site.respond("/qr.svg")
    assert no_qr_yet is not None and no_qr_yet.status_code == 404
    assert site.respond("/ws/host") is None


def test_image_urls_and_bad_image_types(tmp_path: Path) -> None:
    """Image names are URL-quoted; a non-image file in the allow-list is refused at start."""
    assert image_url("a b/c.png") == "/images/a%20b%2Fc.png"
    script = tmp_path / "evil.html"
    script.write_text("<script>", encoding="utf-8")
    with pytest.raises(ValueError, match="not an image"):
        StaticSite(tmp_path, images={"evil.html": script})
