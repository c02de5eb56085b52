"""QR code renderings: matrix, SVG and terminal half blocks all show the same code."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from quizhost.qr import BORDER, qr_halfblocks, qr_matrix, qr_svg

URL = "http://192.168.1.20:8000/?pin=123456"
_DECODE = {" ": (False, False), "▀": (True, False), "▄": (False, True), "█": (True, True)}


def _decode_halfblocks(lines: list[str], invert: bool = False) -> list[list[bool]]:
    rows: list[list[bool]] = []
    for line in lines:
        pairs = [_DECODE[ch] for ch in line]
        rows.append([top != invert for top, _ in pairs])
        rows.append([bottom != invert for _, bottom in pairs])
    return rows


def test_matrix_has_quiet_zone_and_finder_pattern() -> None:
    """The matrix is square, has a light 4-module border and a finder pattern inside it."""
    m = qr_matrix(URL)
    size = len(m)
    assert all(len(row) == size for row in m)
    assert (size - 2 * BORDER - 21) % 4 == 0  # versions are 21, 25, 29 ... modules
    for i in range(BORDER):
        assert not any(m[i]) and not any(m[size - 1 - i])
        assert not any(row[i] for row in m) and not any(row[size - 1 - i] for row in m)
    top_left = [row[BORDER : BORDER + 7] for row in m[BORDER : BORDER + 7]]
    assert all(top_left[0]) and all(top_left[6]) and top_left[3][3] and not top_left[1][1]


@pytest.mark.parametrize("invert", [False, True])
@pytest.mark.parametrize("url", [URL, "http://10.0.0.2:43210/?pin=999999", "x"])
def test_halfblocks_decode_back_to_the_matrix(url: str, invert: bool) -> None:
    """Two matrix rows per line: decoding the text gives the matrix back exactly."""
    m = qr_matrix(url)
    lines = qr_halfblocks(url, invert=invert)
    assert len(lines) == (len(m) + 1) // 2
    decoded = _decode_halfblocks(lines, invert)
    assert decoded[: len(m)] == m
    if len(m) % 2:  # an odd matrix is padded with one light row
        assert not any(decoded[-1])


def test_svg_is_xml_with_every_dark_module() -> None:
    """The SVG parses, is square, and its path paints exactly the dark modules."""
    m = qr_matrix(URL)
    root = ET.fromstring(qr_svg(URL))
    ns = "{http://www.w3.org/2000/svg}"
    assert root.tag == f"{ns}svg"
    assert root.get("viewBox") == f"0 0 {len(m)} {len(m)}"
    path = root.find(f"{ns}path")
    assert path is not None
    painted: set[tuple[int, int]] = set()
    for run in path.get("d", "").split("z")[:-1]:
        head, rest = run[1:].split("h", 1)
        x, y = map(int, head.split())
        width = int(rest.split("v")[0])
        painted |= {(x + dx, y) for dx in range(width)}
    dark = {(x, y) for y, row in enumerate(m) for x, cell in enumerate(row) if cell}
    assert painted == dark
