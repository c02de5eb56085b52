"""The player page's files themselves: small, self-contained, and never writing HTML."""

from __future__ import annotations

import re
from pathlib import Path

from quizhost.server.http import PAGE_TYPES

PLAYER_WEB = Path(__file__).resolve().parents[2] / "player_web"
HTML_SINKS = re.compile(r"innerHTML|outerHTML|insertAdjacentHTML|document\.write|\beval\(")
REMOTE = re.compile(r"(?:https?:)?//(?!www\.w3\.org/)[a-z0-9.-]+\.[a-z]{2,}", re.IGNORECASE)


def page_files() -> list[Path]:
    return sorted(p for p in PLAYER_WEB.iterdir() if p.suffix in PAGE_TYPES)


def test_the_page_is_under_60_kb_and_every_file_is_served() -> None:
    files = page_files()
    assert {p.name for p in files} >= {"index.html", "player.js", "player.css"}
    assert not [p for p in PLAYER_WEB.iterdir() if p.suffix not in PAGE_TYPES]
    assert sum(p.stat().st_size for p in files) < 60_000


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
