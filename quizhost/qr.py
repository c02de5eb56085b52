"""The join QR code as a module matrix, an SVG for the web, and half blocks for the terminal.

Error correction M (about 15% of the code may be damaged or glared by a projector) and the
standard 4-module quiet zone, which every rendering here includes: phones find a code much
faster with it, and on a dark terminal it is what makes the code readable at all.
"""

from __future__ import annotations

from typing import Final

import qrcode
from qrcode.constants import ERROR_CORRECT_M

BORDER: Final = 4

#: (top dark, bottom dark) -> the character that paints those two pixels in the foreground.
_HALF_BLOCKS: Final = {
    (False, False): " ",
    (True, False): "▀",
    (False, True): "▄",
    (True, True): "█",
}


def qr_matrix(url: str, *, border: int = BORDER) -> list[list[bool]]:
    """The modules of the QR code for `url` (True = dark), quiet zone included."""
    code = qrcode.QRCode(error_correction=ERROR_CORRECT_M, border=border)
    code.add_data(url)
    code.make(fit=True)
    return [[bool(cell) for cell in row] for row in code.get_matrix()]


def qr_svg(url: str, *, module_px: int = 8) -> bytes:
    """A standalone SVG: dark modules on a white background, one path, crisp edges.

    Written by hand (horizontal runs of dark modules) rather than with qrcode's SVG factories,
    so the output is small, stable and has a white background even in dark-mode browsers.
    """
    matrix = qr_matrix(url)
    size = len(matrix)
    runs: list[str] = []
    for y, row in enumerate(matrix):
        x = 0
        while x < size:
            if row[x]:
                start = x
                while x < size and row[x]:
                    x += 1
                runs.append(f"M{start} {y}h{x - start}v1h{start - x}z")
            else:
                x += 1
    px = size * module_px
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{px}" height="{px}" '
        f'viewBox="0 0 {size} {size}" shape-rendering="crispEdges">'
        f'<rect width="{size}" height="{size}" fill="#fff"/>'
        f'<path fill="#000" d="{"".join(runs)}"/>'
        "</svg>\n"
    ).encode()


def qr_halfblocks(url: str, *, invert: bool = False) -> list[str]:
    """The code as text: each line packs two matrix rows with ▀ ▄ █ and space.

    Block characters paint the *foreground* colour. With `invert=False` a block is a dark
    module, right for dark text on a light background; a console that draws light text on
    dark should pass `invert=True` so the blocks paint the light modules instead.
    """
    matrix = qr_matrix(url)
    if len(matrix) % 2:
        matrix.append([False] * len(matrix[0]))  # a light row below the quiet zone
    lines: list[str] = []
    for top, bottom in zip(matrix[0::2], matrix[1::2], strict=True):
        lines.append(
            "".join(
                _HALF_BLOCKS[(t != invert, b != invert)] for t, b in zip(top, bottom, strict=True)
            )
        )
    return lines
