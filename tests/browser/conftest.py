"""A real quizhost server on 127.0.0.1 and phones: pages of one headless Chromium.

One browser for the whole run (launching costs about a second); a fresh context, that is a
fresh phone with its own localStorage, for every player of every test. Every phone checks at
the end of its test that the page logged no console error, threw nothing, and never sent a
request anywhere but the quiz server, and every screen it photographs passes axe-core's
WCAG 2.1 A/AA rules with no serious or critical violation.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path

import pytest
import pytest_asyncio
from axe_playwright_python.async_playwright import Axe
from playwright.async_api import Browser, BrowserContext, Page, ViewportSize, async_playwright

from quizhost.bank.models import Bank
from quizhost.core import GameSettings
from tests.integration.wire import EVERY_KIND, Running, close_left_open_clients, serving

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(__file__).parent / "artifacts"
PHONE: ViewportSize = {"width": 390, "height": 844}
NARROW: ViewportSize = {"width": 320, "height": 640}
#: axe-core (bundled by axe-playwright-python, injected with page.evaluate, which the page's
#: strict CSP allows where a script tag would be refused), WCAG 2.1 A and AA rules only.
AXE = Axe()
AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
    "resultTypes": ["violations"],
}
SERIOUS = {"serious", "critical"}

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium")


class Phone:
    """One player's phone: a page, and what it logged and requested."""

    def __init__(self, context: BrowserContext, page: Page, origin: str) -> None:
        self.context = context
        self.page = page
        self.origin = origin
        self.console_errors: list[str] = []
        self.requests: list[str] = []
        self.allowed_errors: list[re.Pattern[str]] = []
        self.violations: list[str] = []
        page.on("console", self._on_console)
        page.on("pageerror", lambda exc: self.console_errors.append(f"pageerror: {exc}"))
        page.on("request", lambda request: self.requests.append(request.url))

    def _on_console(self, message: object) -> None:
        if getattr(message, "type", "") == "error":
            self.console_errors.append(str(getattr(message, "text", message)))

    def allow_console_error(self, pattern: str) -> None:
        """An error the browser itself logs on purpose in this test (e.g. offline sockets)."""
        self.allowed_errors.append(re.compile(pattern))

    def problems(self) -> list[str]:
        errors = [
            e for e in self.console_errors if not any(p.search(e) for p in self.allowed_errors)
        ]
        ws_origin = "ws" + self.origin.removeprefix("http")
        strays = [
            url
            for url in self.requests
            if not (url.startswith(self.origin + "/") or url.startswith(ws_origin + "/"))
        ]
        return (
            [f"console: {e}" for e in errors]
            + [f"request left the server: {u}" for u in strays]
            + self.violations
        )

    async def audit(self, name: str) -> list[str]:
        """axe-core's serious and critical violations on the screen as it is now (also kept
        for `problems`, and tabled in artifacts/axe.tsv: screen, rule, impact, nodes)."""
        results = await AXE.run(self.page, options=AXE_OPTIONS)
        found = []
        ARTIFACTS.mkdir(exist_ok=True)
        with (ARTIFACTS / "axe.tsv").open("a") as table:
            for violation in results.response["violations"]:
                nodes = [" ".join(node["target"]) for node in violation["nodes"]]
                table.write(f"{name}\t{violation['id']}\t{violation['impact']}\t{len(nodes)}\n")
                if violation["impact"] in SERIOUS:
                    found.append(f"axe {name}: {violation['id']} ({violation['impact']}) {nodes}")
            if not results.response["violations"]:
                table.write(f"{name}\t-\t-\t0\n")
        self.violations += found
        return found

    async def shot(self, name: str, *, audit: bool = True) -> None:
        """Check the screen with axe-core, then screenshots at 390 px and 320 px, to look at.

        `audit=False` under emulated forced colours: axe reads the page's own text colours
        there but the forced background, and reports contrast the player never sees."""
        if audit:
            await self.audit(name)
        ARTIFACTS.mkdir(exist_ok=True)
        await self.page.screenshot(path=ARTIFACTS / f"{name}-390.png", full_page=True, scale="css")
        await self.page.set_viewport_size(NARROW)
        await self.page.screenshot(path=ARTIFACTS / f"{name}-320.png", full_page=True, scale="css")
        await self.page.set_viewport_size(PHONE)


@pytest_asyncio.fixture(loop_scope="session", autouse=True)
async def close_phones_left_open() -> AsyncIterator[None]:
    """The wire clients (phones, hosts) a browser test left open, closed on the session's loop
    they run on, as tests/integration does after each of its tests."""
    yield
    await close_left_open_clients()


@pytest_asyncio.fixture(scope="session", loop_scope="session")
async def browser() -> AsyncIterator[Browser]:
    playwright = await async_playwright().start()
    chromium = await playwright.chromium.launch(
        executable_path=str(CHROMIUM),
        args=[
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--no-first-run",
            "--disable-sync",
        ],
    )
    try:
        yield chromium
    finally:
        await chromium.close()
        await playwright.stop()


@pytest_asyncio.fixture(loop_scope="session")
async def game(tmp_path: Path) -> AsyncIterator[Running]:
    """A game of EVERY_KIND (one question of each kind) in its lobby."""
    async with serving(EVERY_KIND, tmp_path / "quiz.db") as running:
        yield running


PhoneFactory = Callable[..., Awaitable[Phone]]
GameOpener = Callable[..., Awaitable[tuple[PhoneFactory, Running]]]


@contextlib.asynccontextmanager
async def phone_factory(
    browser: Browser, game: Running, port: int | None = None
) -> AsyncIterator[PhoneFactory]:
    """`await phones(path)` opens a new phone on the game's server at `path` (through `port`,
    a relay, if given); on the way out every phone is checked (console errors, stray
    requests, axe violations) and closed."""
    origin = f"http://127.0.0.1:{port or game.server.port}"
    opened: list[Phone] = []

    async def open_phone(path: str | None = None, locale: str = "en-US") -> Phone:
        context = await browser.new_context(
            viewport=PHONE,
            device_scale_factor=2,
            is_mobile=True,
            has_touch=True,
            locale=locale,
        )
        context.set_default_timeout(5_000)
        page = await context.new_page()
        phone = Phone(context, page, origin)
        opened.append(phone)
        await page.goto(origin + (path if path is not None else f"/?pin={game.pin}"))
        return phone

    try:
        yield open_phone
    finally:
        problems = [p for phone in opened for p in phone.problems()]
        for phone in opened:
            await phone.context.close()
        assert not problems, problems


@pytest_asyncio.fixture(loop_scope="session")
async def phones(browser: Browser, game: Running) -> AsyncIterator[PhoneFactory]:
    """Phones on the `game` fixture's server."""
    async with phone_factory(browser, game) as factory:
        yield factory


@pytest_asyncio.fixture(loop_scope="session")
async def phones_on(browser: Browser, tmp_path: Path) -> AsyncIterator[GameOpener]:
    """`phones, running = await phones_on(bank, rules)`: a server of the test's own bank and
    rules, and phones on it; both closed (and the phones checked) after the test."""
    async with contextlib.AsyncExitStack() as stack:

        async def open_game(
            bank: Bank, rules: GameSettings | None = None
        ) -> tuple[PhoneFactory, Running]:
            db = tmp_path / "quiz.db"
            running = await stack.enter_async_context(serving(bank, db, rules=rules))
            return await stack.enter_async_context(phone_factory(browser, running)), running

        yield open_game
