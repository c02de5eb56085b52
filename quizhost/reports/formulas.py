"""Formulas in a report: a `math: true` question's `$...$` as MathML markup, or as Unicode text.

The markup comes from the same allow-listed tree the pages are sent (protocol/mathml.py):
only MathML's presentation elements, attributes that are plain words or lengths, and text
inside token elements. Here it is written out as markup, every text and attribute value
escaped, so a bank's text can no more become HTML in a report than on a phone. Where markup
cannot go (a tooltip, a chart's label) the formula is Unicode text: `1/2`, `x²`
(`quizhost.bank.maths.shown_as_text`).
"""

from __future__ import annotations

from html import escape

from quizhost.protocol.mathml import Node, math_segments


def text_html(text: str, math: bool) -> str:
    """`text` as HTML: escaped, its formulas as MathML when the question has `math`."""
    segments = math_segments(text) if math else None
    if segments is None:
        return escape(text)
    return "".join(escape(part) if isinstance(part, str) else _markup(part) for part in segments)


def _markup(node: Node) -> str:
    tag = node["t"]
    attributes = "".join(
        f' {name}="{escape(str(value), quote=True)}"' for name, value in node.get("a", {}).items()
    )
    inner = "".join(
        escape(child) if isinstance(child, str) else _markup(child) for child in node.get("c", [])
    )
    return f"<{tag}{attributes}>{inner}</{tag}>"
