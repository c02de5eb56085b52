"""Write the console screenshots of docs/ at 80x24: `python -m tests.tui.screenshots`."""

from __future__ import annotations

import asyncio
import os
import tempfile
import time
from pathlib import Path

from tests.tui import scenes
from tests.tui.console import fixed_console

DOCS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
SHOTS: dict[str, scenes.Scene] = {
    "lobby": scenes.lobby,
    "question": scenes.question,
    "reveal": scenes.reveal,
    "leaderboard": scenes.second_leaderboard,
}


async def shoot(name: str, scene: scenes.Scene, folder: Path) -> Path:
    app = fixed_console(folder / f"{name}.db")
    async with app.run_test(size=(80, 24)) as pilot:
        await scene(pilot)
        await pilot.pause()
        path = DOCS / f"console-{name}.svg"
        app.save_screenshot(filename=path.name, path=str(DOCS))
    return path


async def main() -> None:
    os.environ["TZ"] = "UTC"
    time.tzset()
    DOCS.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        for name, scene in SHOTS.items():
            print(await shoot(name, scene, Path(folder)))


if __name__ == "__main__":
    asyncio.run(main())
