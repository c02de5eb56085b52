"""The HTML report read as a file: self-contained, escaped, with every section and chart."""

from __future__ import annotations

import asyncio
import re
from html.parser import HTMLParser
from pathlib import Path

import attrs

from quizhost.cli import main
from quizhost.reports import build_report
from quizhost.reports.html import render_html
from quizhost.results import game_results
from quizhost.store import Store
from tests.reports.helpers import Journal

SVG_NAMESPACE = "http://www.w3.org/2000/svg"


class Collect(HTMLParser):
    """Every tag with its attributes, and the text of the grid's player rows."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


async def test_the_report_is_one_file_with_nothing_from_outside(
    played: Journal, tmp_path: Path
) -> None:
    """No script, no link, no src or url(): only inline style and inline SVG."""
    out = tmp_path / "report.html"
    db = str(tmp_path / "quiz.db")
    assert (
        await asyncio.to_thread(main, ["results", played.game_id, "--html", str(out), "--db", db])
        == 0
    )
    text = out.read_text(encoding="utf-8")
    parser = Collect()
    parser.feed(text)
    tags = {tag for tag, _attrs in parser.tags}
    assert "script" not in tags and "link" not in tags and "img" not in tags
    assert not any("src" in attrs or "href" in attrs for _tag, attrs in parser.tags)
    assert "url(" not in text and "@import" not in text
    assert set(re.findall(r"https?://[^\s\"'<>]+", text)) == {SVG_NAMESPACE}


async def test_every_section_and_chart_is_there(played: Journal, store: Store) -> None:
    """Overview, score distribution, success bars hardest first, one chart per question, the
    grid with a symbol per verdict, needs help; the formula-like nickname escaped as text."""
    report = build_report(await game_results(store, played.game_id))
    text = render_html(report)
    for section in ("overview", "scores", "success", "needs-help", "grid", "players", "questions"):
        assert f'<section id="{section}">' in text
    assert text.count('<svg class="chart') == 2 + 6  # distribution, success, one per question
    success = text.split('<section id="success">')[1].split("</section>")[0]
    # Hardest first: the slider (1 of 3 right) before the single choice (3 of 4).
    assert success.index("Apollo 11") < success.index("Capital of Australia")
    grid = text.split('<section id="grid">')[1].split("</section>")[0]
    bo_row = re.search(r"<th scope=\"row\">Bo</th>(.*?)</tr>", grid)
    assert bo_row is not None
    assert re.findall(r">(.)</td>", bo_row.group(1)) == ["✓", "◐", "✗", "◐", "✓", "•"]
    assert "Dee (removed)" in grid
    needs = text.split('<section id="needs-help">')[1].split("</section>")[0]
    assert "=cmd" in needs and "Bo" in needs and "Ada" not in needs
    assert "<b>Canberra</b>" in text and "✓ Canberra" in text
    assert "@page { size: A4" in text


async def test_bank_text_and_nicknames_are_escaped(played: Journal, store: Store) -> None:
    """A nickname or question with markup shows as text, never as HTML."""
    results = await game_results(store, played.game_id)
    ada = results.players[0]
    hostile = attrs.evolve(
        results, players=(attrs.evolve(ada, name="<i>x</i>"), *results.players[1:])
    )
    text = render_html(build_report(hostile))
    assert "&lt;i&gt;x&lt;/i&gt;" in text and "<i>x</i>" not in text


async def test_formulas_are_drawn_as_mathml_and_text_stays_escaped(
    played: Journal, store: Store
) -> None:
    """A `math: true` question's `$...$` is MathML in the headings (built from the same
    allow-listed tree as the pages'), Unicode text where markup cannot go (a tooltip, a
    chart's label); the text around it is still escaped."""
    results = await game_results(store, played.game_id)
    first = attrs.evolve(
        results.questions[0],
        text=r"Is $\frac{1}{2}$ of <b>10</b> five?",
        right_answer="$x^2$",
        math=True,
    )
    text = render_html(
        build_report(attrs.evolve(results, questions=(first, *results.questions[1:])))
    )
    heading = re.search(r"<h3>1\. (.*?)</h3>", text)
    assert heading is not None
    assert "<math" in heading.group(1) and "<mfrac>" in heading.group(1), heading.group(1)
    assert "&lt;b&gt;10&lt;/b&gt;" in heading.group(1) and "\\frac" not in heading.group(1)
    assert "<b><math" in text  # the right answer's formula
    assert 'title="Is 1/2 of &lt;b&gt;10&lt;/b&gt; five?"' in text  # the grid's tooltip
    assert "\\frac" not in text
