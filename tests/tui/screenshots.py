"""Write the console screenshots of docs/: `python -m tests.tui.screenshots`.

Every shot at 80x24 (`console-NAME.svg`); the question and reveal screens also at 100x32
(`console-NAME-100x32.svg`), to set beside the `-before` captures taken before the trial's
fixes.
"""

from __future__ import annotations

import asyncio
import os
import tempfile
import time
from pathlib import Path

from tests.tui import scenes
from tests.tui.console import BANK, KINDS_BANK, fixed_console

DOCS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
SHOTS: dict[str, tuple[scenes.Scene, Path]] = {
    "lobby": (scenes.lobby, BANK),
    "question": (scenes.question, BANK),
    "reveal": (scenes.reveal, BANK),
    "leaderboard": (scenes.second_leaderboard, BANK),
    "typed-reveal": (scenes.typed_reveal, KINDS_BANK),
    "slider-reveal": (scenes.slider_reveal, KINDS_BANK),
    "order-question": (scenes.order_question, KINDS_BANK),
    "order-reveal": (scenes.order_reveal, KINDS_BANK),
    "image-question": (scenes.image_question, KINDS_BANK),
}
#: The shots also taken at 100x32 (the question and reveal screens).
WIDE = ("question", "reveal", "typed-reveal", "slider-reveal", "order-question", "order-reveal")


async def shoot(
    name: str, scene: scenes.Scene, bank: Path, folder: Path, size: tuple[int, int]
) -> Path:
    app = fixed_console(folder / f"{name}-{size[0]}.db", bank)
    async with app.run_test(size=size) as pilot:
        await scene(pilot)
        await pilot.pause()
        suffix = "" if size == (80, 24) else f"-{size[0]}x{size[1]}"
        path = DOCS / f"console-{name}{suffix}.svg"
        app.save_screenshot(filename=path.name, path=str(DOCS))
    return path


async def main() -> None:
    os.environ["TZ"] = "UTC"
    time.tzset()
    DOCS.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        for name, (scene, bank) in SHOTS.items():
            print(await shoot(name, scene, bank, Path(folder), (80, 24)))
            if name in WIDE:
                print(await shoot(name, scene, bank, Path(folder), (100, 32)))


if __name__ == "__main__":
    asyncio.run(main())
