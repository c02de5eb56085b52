"""How long the player page takes on a slow classroom Wi-Fi: first load and reload, measured in
Chromium with its own network throttling (a benchmark to run by hand, not a timed test).

    python -m bench.page_load                       # this checkout
    python -m bench.page_load --source /tmp/older   # another checkout (git archive), to compare

Starts `quizhost serve bench/bank.yaml` from `--source`, opens a fresh Chromium phone whose
network the DevTools protocol throttles (`Network.emulateNetworkConditions`: 2 s latency,
400 kbit/s each way, DevTools' "Slow 3G"), then times:
- first load: navigation to the join form ready to type (empty cache);
- join: tapping Join to the lobby;
- reload: navigation to the lobby again (the token resumes the player), three times.
For each it counts requests that went to the network and bytes received. Prints one line each.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from playwright.async_api import CDPSession, Page, async_playwright

HERE = Path(__file__).resolve().parent
CHROMIUM = "/usr/bin/chromium"
SLOW_3G = {"latency": 2000, "downloadThroughput": 50_000, "uploadThroughput": 50_000}


class Network:
    """What went over the (throttled) wire since the last `reset`."""

    def __init__(self) -> None:
        self.requests = 0
        self.from_cache = 0
        self.bytes = 0
        self.urls: list[str] = []

    def reset(self) -> None:
        self.requests = self.from_cache = self.bytes = 0
        self.urls = []

    async def watch(self, cdp: CDPSession) -> None:
        cdp.on("Network.requestWillBeSent", self._sent)
        cdp.on("Network.requestServedFromCache", lambda _: self._count("from_cache"))
        cdp.on("Network.loadingFinished", self._finished)
        await cdp.send("Network.enable")

    def _sent(self, event: dict[str, Any]) -> None:
        self._count("requests")
        self.urls.append(str(event.get("request", {}).get("url", "")))

    def _count(self, name: str) -> None:
        setattr(self, name, getattr(self, name) + 1)

    def _finished(self, event: dict[str, Any]) -> None:
        self.bytes += int(event.get("encodedDataLength", 0))

    def line(self) -> str:
        network = self.requests - self.from_cache
        return f"{network} requests to the network, {self.from_cache} from cache, {self.bytes} B"


def start_server(source: Path, db: Path) -> tuple[subprocess.Popen[str], str]:
    argv = [
        sys.executable, "-m", "quizhost", "serve", str(HERE / "bank.yaml"),
        "--host", "127.0.0.1", "--port", "0", "--db", str(db),
    ]  # fmt: skip
    env = {**os.environ, "QUIZHOST_HOST_TOKEN": "bench-host-token-0123456789abcdef"}
    env["PYTHONUNBUFFERED"] = "1"
    proc = subprocess.Popen(argv, cwd=source, env=env, stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None
    text = ""
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        line = proc.stdout.readline()
        if not line:
            break
        text += line
        found = re.search(r"Players join at\s+(http://\S+/\?pin=\d+)", text)
        if found:
            return proc, found.group(1)
    proc.kill()
    raise RuntimeError(f"no banner from the server:\n{text}")


async def timed(page: Page, action: Any, ready: str) -> float:
    started = time.monotonic()
    await action()
    await page.locator(ready).wait_for(state="visible", timeout=120_000)
    return time.monotonic() - started


async def measure(source: Path, reloads: int) -> None:
    with tempfile.TemporaryDirectory(prefix="quizhost-page-load-") as tmp:
        server, url = start_server(source, Path(tmp) / "bench.db")
        try:
            async with async_playwright() as p:
                browser = await p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
                context = await browser.new_context(viewport={"width": 390, "height": 844})
                page = await context.new_page()
                cdp = await context.new_cdp_session(page)
                network = Network()
                await network.watch(cdp)
                await cdp.send("Network.emulateNetworkConditions", {"offline": False, **SLOW_3G})
                print(f"source {source}: 2 s latency, 400 kbit/s")

                first = await timed(page, lambda: page.goto(url, wait_until="commit"), "#name")
                print(f"  first load to the join form: {first:5.2f} s  ({network.line()})")
                network.reset()
                await page.locator("#name").fill("Bench")

                async def join() -> None:
                    await page.locator("#join-button").click()

                joined = await timed(page, join, "#screen-lobby")
                print(f"  join to the lobby:           {joined:5.2f} s  ({network.line()})")
                times = []
                for _ in range(reloads):
                    network.reset()
                    again = await timed(
                        page, lambda: page.reload(wait_until="commit"), "#screen-lobby"
                    )
                    times.append(again)
                    print(f"  reload to the lobby:         {again:5.2f} s  ({network.line()})")
                    if os.environ.get("BENCH_URLS"):
                        print("   ", network.urls)
                print(f"  reload, median of {reloads}:       {statistics.median(times):5.2f} s")
                await browser.close()
        finally:
            server.terminate()
            server.wait(10)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, default=HERE.parent)
    parser.add_argument("--reloads", type=int, default=3)
    args = parser.parse_args()
    asyncio.run(measure(args.source.resolve(), args.reloads))


if __name__ == "__main__":
    main()
