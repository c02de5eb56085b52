"""Loading fast on a weak Wi-Fi: gzip when asked, and content-hashed URLs the browser keeps
without asking again; the HTML itself is always revalidated."""

from __future__ import annotations

import gzip
import re
from pathlib import Path

from websockets.datastructures import Headers
from websockets.http11 import Response

from quizhost.server.http import IMMUTABLE, StaticSite

HASHED = re.compile(r"^/(?:[a-z0-9-]+/)*[a-z0-9-]+\.[0-9a-f]{12}\.[a-z]+$")


def page(tmp_path: Path) -> Path:
    """A small page: HTML -> main.js -> dep.js, a catalog named in dep.js, a stylesheet."""
    root = tmp_path / "web"
    (root / "i18n").mkdir(parents=True)
    (root / "index.html").write_text(
        '<link rel="stylesheet" href="/style.css">\n'
        '<script type="module" src="/main.js"></script>\n'
        '<link rel="modulepreload" href="/dep.js">\n',
        encoding="utf-8",
    )
    (root / "main.js").write_text('import { x } from "./dep.js";\nconsole.log(x);\n')
    (root / "dep.js").write_text('export const x = "/i18n/de.json"; // not "/ws/play"\n')
    (root / "style.css").write_text("body { color: black; }\n" * 40)
    (root / "i18n" / "de.json").write_text('{"join.button": "Mitmachen"}\n')
    return root


def get(site: StaticSite, path: str, **headers: str) -> Response:
    request_headers = Headers()
    for name, value in headers.items():
        request_headers[name.replace("_", "-")] = value
    response = site.respond(path, "GET", request_headers)
    assert response is not None
    return response


def body(response: Response) -> str:
    data = response.body
    if response.headers.get("Content-Encoding") == "gzip":
        data = gzip.decompress(data)
    return data.decode()


def referenced(text: str) -> list[str]:
    return re.findall(r'"(\.?/[^"]+)"', text)


def test_the_html_names_every_asset_by_a_hash_of_its_content(tmp_path: Path) -> None:
    """index.html points at hashed URLs; they serve, with a year's immutable caching."""
    site = StaticSite(page(tmp_path))
    html = get(site, "/")
    assert html.headers["Cache-Control"] == "no-cache"
    links = referenced(body(html))
    assert len(links) == 3
    for link in links:
        assert HASHED.match(link), link
        asset = get(site, link)
        assert asset.status_code == 200
        assert asset.headers["Cache-Control"] == IMMUTABLE


def test_imports_and_catalog_urls_are_hashed_too(tmp_path: Path) -> None:
    """A module's import specifiers and the catalog URL in a module point at hashed URLs, so a
    change in a deep dependency changes every URL above it."""
    root = page(tmp_path)
    site = StaticSite(root)
    main = next(link for link in referenced(body(get(site, "/"))) if "/main." in link)
    (dep,) = referenced(body(get(site, main)))
    assert re.fullmatch(r"\./dep\.[0-9a-f]{12}\.js", dep)
    dep_text = body(get(site, dep.removeprefix(".")))
    assert re.search(r'"/i18n/de\.[0-9a-f]{12}\.json"', dep_text)
    assert '"/ws/play"' in dep_text  # not an asset: untouched
    (root / "i18n" / "de.json").write_text('{"join.button": "Beitreten"}\n')
    changed = StaticSite(root)
    new_main = next(link for link in referenced(body(get(changed, "/"))) if "/main." in link)
    assert new_main != main


def test_text_is_gzipped_when_the_browser_accepts_it(tmp_path: Path) -> None:
    """Compressed once at start-up; sent only to a request that accepts gzip."""
    site = StaticSite(page(tmp_path))
    css = next(link for link in referenced(body(get(site, "/"))) if ".css" in link)
    plain = get(site, css)
    zipped = get(site, css, Accept_Encoding="gzip, deflate, br")
    assert "Content-Encoding" not in plain.headers
    assert zipped.headers["Content-Encoding"] == "gzip"
    assert zipped.headers["Vary"] == "Accept-Encoding"
    assert plain.headers["Vary"] == "Accept-Encoding"
    assert len(zipped.body) < len(plain.body) / 4
    assert gzip.decompress(zipped.body) == plain.body
    assert int(zipped.headers["Content-Length"]) == len(zipped.body)
    assert zipped.headers["ETag"] != plain.headers["ETag"]
    refused = get(site, css, Accept_Encoding="gzip;q=0, identity")
    assert "Content-Encoding" not in refused.headers


def test_the_unhashed_names_still_work_and_are_revalidated(tmp_path: Path) -> None:
    """An old page or a script asking for /main.js gets it, with no-cache and an ETag."""
    site = StaticSite(page(tmp_path))
    main = get(site, "/main.js")
    assert main.status_code == 200
    assert main.headers["Cache-Control"] == "no-cache"
    again = get(site, "/main.js", If_None_Match=main.headers["ETag"])
    assert again.status_code == 304


def test_the_real_page_loads_only_hashed_urls() -> None:
    """Every file the shipped index.html names, and every module's import, is hashed."""
    site = StaticSite()
    html = body(get(site, "/"))
    links = re.findall(r'(?:href|src)="([^"]+)"', html)
    assert links
    for link in links:
        assert HASHED.match(link), link
        text = body(get(site, link))
        if link.endswith(".js"):
            for specifier in re.findall(r'from "([^"]+)"', text):
                assert HASHED.match(specifier.removeprefix(".")), (link, specifier)
