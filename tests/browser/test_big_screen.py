"""The big screen in a real Chromium against a real server, with players over the wire.

Every screen (lobby, each question kind and its reveal, leaderboard, paused, podium, end) at
1280x720 and 1920x1080, each checked by axe-core; the key leaves the address bar; a wrong
key gets a page that says where the right one is; the question is readable from the back.
Screenshots go to tests/browser/artifacts/screen-*.png (docs/screenshots/ holds a choice).
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import attrs
import pytest
import pytest_asyncio
from playwright.async_api import Browser, Page, ViewportSize, expect

from quizhost.resources import question_banks_dir
from tests.browser.conftest import ARTIFACTS, AXE, AXE_OPTIONS, CHROMIUM, SERIOUS
from tests.integration.wire import (
    EVERY_KIND,
    Client,
    Running,
    host,
    join,
    serving,
)

pytestmark = [
    pytest.mark.asyncio(loop_scope="session"),
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium"),
]

HD: ViewportSize = {"width": 1280, "height": 720}
FULL_HD: ViewportSize = {"width": 1920, "height": 1080}
XGA: ViewportSize = {"width": 1024, "height": 768}
# The first question with a picture, as a teacher's bank would have.
SOURCE = question_banks_dir() / "screen-test.yaml"
BANK = attrs.evolve(
    EVERY_KIND,
    source=SOURCE,
    questions=(
        attrs.evolve(EVERY_KIND.questions[0], image="images/flag-japan.svg"),
        *EVERY_KIND.questions[1:],
    ),
)
ORDER = ["Mercury", "Venus", "Earth", "Mars"]


class Screen:
    """The projector's page, with what it logged, requested and what axe found."""

    def __init__(self, page: Page, origin: str) -> None:
        self.page = page
        self.origin = origin
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.violations: list[str] = []
        page.on("pageerror", lambda exc: self.errors.append(str(exc)))
        page.on(
            "console",
            lambda m: self.errors.append(m.text) if m.type == "error" else None,
        )
        page.on("request", lambda r: self.requests.append(r.url))

    async def shows(self, state: str) -> None:
        await expect(self.page.locator(f"#s-{state}")).to_be_visible()

    async def shot(self, name: str) -> None:
        """axe-core and a screenshot at 1280x720 and 1920x1080."""
        ARTIFACTS.mkdir(exist_ok=True)
        for size in (HD, FULL_HD):
            await self.page.set_viewport_size(size)
            await self.page.wait_for_timeout(50)
            results = await AXE.run(self.page, options=AXE_OPTIONS)
            self.violations += [
                f"{name} {size['width']}: {v['id']} ({v['impact']})"
                for v in results.response["violations"]
                if v["impact"] in SERIOUS
            ]
            path = ARTIFACTS / f"screen-{name}-{size['width']}.png"
            await self.page.screenshot(path=path)
        await self.page.set_viewport_size(HD)

    def problems(self) -> list[str]:
        ws = "ws" + self.origin.removeprefix("http")
        strays = [u for u in self.requests if not u.startswith((self.origin + "/", ws + "/"))]
        return self.errors + [f"request left the server: {u}" for u in strays] + self.violations


@pytest_asyncio.fixture(loop_scope="session")
async def running(tmp_path: Any) -> AsyncIterator[Running]:
    async with serving(BANK, tmp_path / "quiz.db") as game:
        yield game


async def open_screen(browser: Browser, game: Running, path: str) -> Screen:
    context = await browser.new_context(viewport=HD, reduced_motion="reduce")
    context.set_default_timeout(5_000)
    page = await context.new_page()
    origin = f"http://127.0.0.1:{game.server.port}"
    screen = Screen(page, origin)
    await page.goto(origin + path)
    return screen


async def next_question(phone: Client) -> dict[str, Any]:
    """The next `question` frame, past the reveal and leaderboard of the last one."""
    while (frame := await phone.recv())["type"] != "question":
        pass
    return frame


def right_answer(question: dict[str, Any], player: int) -> dict[str, Any]:
    """Two players answer right, the third wrong, whatever the kind."""
    kind, wrong = question["kind"], player == 2
    if kind == "choice" and question["multiple"]:
        picks = ["2", "9"] if wrong else ["2", "3"]
        return {"choices": [question["choices"].index(c) for c in picks]}
    if kind == "choice":
        return {"choice": question["choices"].index("Sydney" if wrong else "Canberra")}
    if kind in ("true_false", "poll"):
        return {"choice": 1 if wrong else 0}
    if kind == "type_answer":
        return {"text": "Ag" if wrong else ["Au", "au"][player]}
    if kind == "slider":
        return {"value": 1990 if wrong else 1969}
    order = [question["items"].index(item) for item in ORDER]
    return {"order": order[::-1] if wrong else order}


async def test_every_screen_of_a_whole_game(browser: Browser, running: Running) -> None:
    """Lobby to end, every kind, both sizes, axe-clean; the key leaves the address bar."""
    game = running
    screen = await open_screen(browser, game, f"/screen?key={game.server.screen_key}")
    page = screen.page
    await screen.shows("lobby")
    assert "key" not in page.url and page.url.endswith("/screen")
    await expect(page.locator("#pin")).to_have_text(game.pin)
    await expect(page.locator("#sound-start")).to_be_visible()
    players = [await join(game, name) for name in ("Ada", "Bartholomew", "Chen Wei")]
    await expect(page.locator("#joined li")).to_have_count(3)
    await expect(page.locator("#player-count")).to_have_text("3 players")
    await screen.shot("lobby")
    boss = await host(game)
    await boss.send(type="start")
    for number, bank_question in enumerate(BANK.questions):
        frames = [await next_question(phone) for phone, _ in players]
        question = frames[0]
        kind = question["kind"] + ("-multiple" if question["multiple"] else "")
        await screen.shows("question")
        await expect(page.locator("#q-text")).to_have_text(bank_question.text)
        await expect(page.locator("#q-answered")).to_have_text("Answered 0 of 3")
        if number == 0:
            await check_readable(page)
            await screen.shot("question-" + kind)
        for i, (phone, _) in enumerate(players):
            await phone.send(type="answer", question=question["index"], **right_answer(question, i))
            await phone.expect("answer_ack")
        await expect(page.locator("#q-answered")).to_have_text("Answered 3 of 3")
        assert await page.locator("#s-reveal").is_hidden()  # never the live distribution
        if number != 0:
            await screen.shot("question-" + kind)
        if number == 1:
            await boss.send(type="pause")
            await screen.shows("paused")
            await screen.shot("paused")
            await boss.send(type="resume")
            await screen.shows("question")
        await boss.send(type="skip")
        await screen.shows("reveal")
        await check_reveal(page, question)
        await screen.shot("reveal-" + kind)
        await boss.send(type="next")
        await screen.shows("leaderboard")
        await expect(page.locator("#lb-rows li")).to_have_count(3)
        if number == 0:
            await screen.shot("leaderboard")
        await boss.send(type="next")
    await screen.shows("podium")
    await expect(page.locator("#pd-places li")).to_have_count(3)
    await screen.shot("podium")
    await boss.send(type="next")
    await screen.shows("ended")
    await screen.shot("ended")
    await page.context.close()
    assert not screen.problems(), screen.problems()


async def check_readable(page: Page) -> None:
    """At 1280x720: text at least 40 px, tiles filling the lower half, picture shown large."""
    size = await page.locator("#q-text").evaluate("e => parseFloat(getComputedStyle(e).fontSize)")
    assert size >= 40
    tiles = await page.locator("#q-tiles").bounding_box()
    assert tiles is not None and tiles["y"] >= 300 and tiles["height"] >= 300
    image = await page.locator("#q-image").bounding_box()
    assert image is not None and image["height"] >= 120
    tile = page.locator("#q-tiles li").nth(1)
    assert await tile.get_attribute("data-shape") == "diamond"  # the one table's position 1


async def check_reveal(page: Page, question: dict[str, Any]) -> None:
    kind = question["kind"]
    if kind == "type_answer":
        await expect(page.locator("#r-accepted li")).to_have_text(["Au"])
        await expect(page.locator("#r-common li")).to_have_text(["Au · 2"])
    elif kind == "slider":
        await expect(page.locator("#r-slider-answer")).to_have_text("1969")
        await expect(page.locator("#r-buckets li.hit")).to_have_count(1)
    elif kind == "order":
        await expect(page.locator("#r-order li")).to_have_text(ORDER)
    elif kind != "poll":
        right = page.locator('#r-bars li[data-correct="true"]')
        await expect(right).to_have_count(2 if question["multiple"] else 1)
        # Two of three answered right; the wrong one also ticked "2" of the primes.
        await expect(right.first.locator(".num")).to_contain_text(
            "3" if question["multiple"] else "2"
        )


async def test_a_wrong_key_gets_a_page_saying_where_the_right_one_is(
    browser: Browser, running: Running
) -> None:
    screen = await open_screen(browser, running, "/screen?key=guessed")
    await screen.shows("gate")
    await expect(screen.page.locator("#gate-why")).to_contain_text("wrong")
    await expect(screen.page.locator("#s-gate")).to_contain_text("/screen")
    assert "guessed" not in screen.page.url
    await screen.page.context.close()


async def test_no_key_at_all_is_explained_too(browser: Browser, running: Running) -> None:
    screen = await open_screen(browser, running, "/screen")
    await screen.shows("gate")
    await expect(screen.page.locator("#gate-why")).to_contain_text("no key")
    await screen.page.context.close()


async def test_the_lobby_fits_a_1024x768_projector(browser: Browser, running: Running) -> None:
    """The QR code, the PIN and the names all on screen at once, nothing cut off."""
    screen = await open_screen(browser, running, f"/screen?key={running.server.screen_key}")
    await screen.page.set_viewport_size(XGA)
    await screen.shows("lobby")
    for selector in (".qr", "#pin", "#player-count"):
        box = await screen.page.locator(selector).bounding_box()
        assert box is not None and box["y"] + box["height"] <= 768 and box["x"] >= 0
    await screen.page.screenshot(path=ARTIFACTS / "screen-lobby-1024.png")
    await screen.page.context.close()


async def test_mute_is_remembered_between_games(browser: Browser, running: Running) -> None:
    context = await browser.new_context(viewport=HD)
    page = await context.new_page()
    url = f"http://127.0.0.1:{running.server.port}/screen?key={running.server.screen_key}"
    await page.goto(url)
    await expect(page.locator("#mute")).to_have_text("Sound on")
    await page.locator("#mute").click()
    await expect(page.locator("#mute")).to_have_attribute("aria-pressed", "true")
    await expect(page.locator("#sound-start")).to_be_hidden()  # the click allowed audio
    await page.goto(url)
    await expect(page.locator("#mute")).to_have_text("Sound off")
    await expect(page.locator("#sound-start")).to_be_visible()  # a new page: click again
    await context.close()


@pytest.mark.parametrize(("motion", "animation"), [("reduce", "none"), ("no-preference", "pop")])
async def test_reduced_motion_turns_the_animations_off(
    browser: Browser, running: Running, motion: str, animation: str
) -> None:
    context = await browser.new_context(viewport=HD, reduced_motion=motion)  # type: ignore[arg-type]
    page = await context.new_page()
    key = running.server.screen_key
    await page.goto(f"http://127.0.0.1:{running.server.port}/screen?key={key}")
    await join(running, "Ada")
    name = page.locator("#joined li")
    await expect(name).to_have_text("Ada")
    assert await name.evaluate("e => getComputedStyle(e).animationName") == animation
    await context.close()
