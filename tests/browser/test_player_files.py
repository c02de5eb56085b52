"""The player page's files themselves: small, self-contained, and never writing HTML."""

from __future__ import annotations

import gzip
import re
from pathlib import Path

from quizhost.server.http import GENERATED_PAGE_FILES, PAGE_TYPES

PLAYER_WEB = Path(__file__).resolve().parents[2] / "player_web"
HTML_SINKS = re.compile(r"innerHTML|outerHTML|insertAdjacentHTML|document\.write|\beval\(")
REMOTE = re.compile(r"(?:https?:)?//(?!www\.w3\.org/)[a-z0-9.-]+\.[a-z]{2,}", re.IGNORECASE)


def page_files() -> list[Path]:
    return sorted(p for p in PLAYER_WEB.iterdir() if p.suffix in PAGE_TYPES)


def test_the_page_is_under_38_kb_gzipped_and_every_file_is_served() -> None:
    """38 KB gzipped with the one language catalog a phone loads: what a weak Wi-Fi carries,
    once, since the server compresses and the browser caches (36 KB until formulas, whose
    MathML builder and its allow-list take 1.4 KB, and the per-game device id that makes a
    kick hold, 0.9 KB). As written (JSDoc types and
    comments included: there is no build step to strip them) under 110 KB, a loose bound that
    only catches a file added by mistake."""
    files = [*page_files(), PLAYER_WEB / "i18n" / "en.json"]
    assert {p.name for p in files} >= {"index.html", "main.js", "player.css"}
    # Type declarations for `make jscheck` are the only other files: not served, not shipped.
    others = [p for p in PLAYER_WEB.iterdir() if p.suffix not in PAGE_TYPES and p.name != "i18n"]
    assert all(p.name.endswith(".d.ts") for p in others), others
    assert sum(p.stat().st_size for p in files) < 110_000
    assert sum(len(gzip.compress(p.read_bytes())) for p in files) < 38_000


def test_no_server_string_can_become_html() -> None:
    for path in page_files():
        if path.suffix == ".js":
            assert not HTML_SINKS.search(path.read_text()), path.name


def test_nothing_is_loaded_from_elsewhere_and_nothing_inline() -> None:
    html = (PLAYER_WEB / "index.html").read_text()
    assert not re.search(r"<script(?![^>]*\bsrc=)", html), "inline script"
    assert not re.search(r"\sstyle=|<style", html), "inline style"
    assert not re.search(r"\son[a-z]+=", html), "inline event handler"
    for path in page_files():
        if path.suffix in (".html", ".css", ".js"):
            assert not REMOTE.search(path.read_text()), path.name


IMPORT = re.compile(r'^import .*? from "\./([a-z0-9-]+\.js)";$', re.MULTILINE)
PRELOAD = re.compile(r'<link rel="modulepreload" href="/([a-z0-9-]+\.js)">')


def test_every_module_is_type_checked_imported_and_preloaded() -> None:
    """A module the page does not reach is dead code; one not preloaded costs a round trip
    per import level on a slow classroom Wi-Fi; one without @ts-check escapes `make jscheck`."""
    modules = {p.name for p in page_files() if p.suffix == ".js"}
    html = (PLAYER_WEB / "index.html").read_text()
    assert '<script type="module" src="/main.js"></script>' in html
    imported = {
        name for module in modules for name in IMPORT.findall((PLAYER_WEB / module).read_text())
    }
    generated = {path.removeprefix("/") for path in GENERATED_PAGE_FILES}
    assert imported <= modules | generated, imported - modules - generated
    assert imported | {"main.js"} == modules | generated
    assert set(PRELOAD.findall(html)) == (modules | generated) - {"main.js"}
    for name in generated:
        assert (PLAYER_WEB / name.replace(".js", ".d.ts")).is_file(), f"{name} has no types"
    for module in modules:
        assert (PLAYER_WEB / module).read_text().startswith("// @ts-check\n"), module
