"""The HTML report in Chromium, opened from a file: the charts drawn, nothing fetched, no
serious accessibility problem, a few A4 pages in print. Saves docs/screenshots/report.png."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.async_api import Browser, Request

from quizhost.reports import build_report
from quizhost.reports.html import write_html
from quizhost.results import game_results
from quizhost.store import Store
from tests.browser.conftest import AXE, AXE_OPTIONS, CHROMIUM, SERIOUS
from tests.reports.helpers import made_up_game

pytestmark = [
    pytest.mark.asyncio(loop_scope="session"),
    pytest.mark.slow,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium"),
]

SCREENSHOTS = Path(__file__).parents[2] / "docs" / "screenshots"


async def write_report(tmp_path: Path) -> Path:
    store = await Store.open(tmp_path / "quiz.db")
    try:
        await made_up_game(store, "report-game", players=24, questions=8)
        report = build_report(await game_results(store, "report-game"))
    finally:
        await store.close()
    path = tmp_path / "report.html"
    write_html(report, path)
    return path


async def test_the_report_opens_from_a_file_with_its_charts_and_fetches_nothing(
    browser: Browser, tmp_path: Path
) -> None:
    """Every chart is drawn (SVG with bars of a size), no request leaves the file, no script
    runs; the screenshot goes to docs/screenshots."""
    path = await write_report(tmp_path)
    context = await browser.new_context(
        viewport={"width": 1000, "height": 1400}, java_script_enabled=False
    )
    page = await context.new_page()
    requests: list[str] = []

    def seen(request: Request) -> None:
        requests.append(request.url)

    page.on("request", seen)
    try:
        await page.goto(path.as_uri())
        assert requests == [path.as_uri()]  # the file itself, nothing else
        charts = page.locator("svg.chart")
        assert await charts.count() == 2 + 8
        # Drawn, not empty: the success chart has one bar per scored question, of some width.
        bars = page.locator("#success svg rect.bar")
        assert await bars.count() == 8 - 1  # the poll has no success rate
        widths = [float(await bars.nth(i).get_attribute("width") or 0) for i in range(7)]
        assert all(w > 0 for w in widths) and widths == sorted(widths)  # hardest first
        box = await page.locator("#scores svg").bounding_box()
        assert box is not None and box["width"] > 300 and box["height"] > 100
        assert await page.locator("table.grid tbody tr").count() == 24
        symbols = set(await page.locator("table.grid td.v").all_inner_texts())
        assert {"✓", "✗", "◐", "–", "•"} <= symbols
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        await page.screenshot(path=str(SCREENSHOTS / "report.png"))
        # Printed on A4: a few pages, the grid's header repeated (table-header-group).
        pdf = await page.pdf(format="A4", print_background=True)
        pages = len(re.findall(rb"/Type\s*/Page\b(?!s)", pdf))
        assert 1 < pages < 12, pages
        assert requests == [path.as_uri()]
    finally:
        await context.close()


async def test_the_report_has_no_serious_accessibility_problem(
    browser: Browser, tmp_path: Path
) -> None:
    """axe-core's WCAG 2.1 A/AA rules: no serious or critical violation (charts have titles,
    tables have headers, colours have contrast)."""
    path = await write_report(tmp_path)
    page = await browser.new_page()
    try:
        await page.goto(path.as_uri())
        results = await AXE.run(page, options=AXE_OPTIONS)
    finally:
        await page.close()
    serious = [
        (v["id"], [" ".join(n["target"]) for n in v["nodes"]][:3])
        for v in results.response["violations"]
        if v["impact"] in SERIOUS
    ]
    assert serious == []
