"""The big screen's feed: bytes per `screen_state` frame at 10, 1,000 and 10,000 players.

    .venv/bin/python -m bench.screen_feed [--players 10 1000 10000]

A real Session on a real SQLite store in a temporary folder: N players join and answer a
choice, a type-answer and a slider question through the session's public calls (their links
discard what they are sent), while one screen listener records every frame it is given.
Prints, per player count and screen, the largest frame in bytes and how many frames the
screen got (coalesced: at most about four a second, however many players act).
"""

from __future__ import annotations

import argparse
import asyncio
import tempfile
import time
from collections import defaultdict
from pathlib import Path

from quizhost.bank.models import Bank, ChoiceQuestion, SliderQuestion, TypeAnswerQuestion
from quizhost.core import ChoiceAnswer, Next, Skip, Start, TextAnswer, ValueAnswer
from quizhost.core.answers import Answer
from quizhost.protocol.screen import ScreenView, screen_state_frame
from quizhost.session import Session, SessionConfig
from quizhost.store import Store

BANK = Bank(
    title="Screen feed",
    questions=(
        ChoiceQuestion(
            text="Capital of Australia?",
            choices=("Sydney", "Canberra", "Melbourne", "Perth"),
            correct=frozenset({1}),
            time_limit_ms=120_000,
        ),
        TypeAnswerQuestion(
            text="Chemical symbol of gold?", accepted=("Au",), time_limit_ms=120_000
        ),
        SliderQuestion(
            text="Apollo 11 landed in?",
            minimum=1950,
            maximum=2000,
            step=1,
            answer=1969,
            margin=2,
            time_limit_ms=120_000,
        ),
    ),
)


#: A memory-backed folder when there is one: the disk's fsyncs are not what is measured here.
SCRATCH = "/dev/shm" if Path("/dev/shm").is_dir() else None


class Discard:
    """A player's link that drops what it is sent (the screen is what is measured)."""

    def send(self, frame: bytes) -> None:
        pass

    async def close(self, code: int, reason: str = "") -> None:
        pass


def answer_for(index: int, player: int) -> Answer:
    if index == 0:
        return ChoiceAnswer(choice=player % 4)
    if index == 1:
        return TextAnswer(text=["Au", "Ag", "gold", f"guess {player}"][player % 4])
    return ValueAnswer(value=1950 + player % 51)


async def measure(players: int) -> dict[str, tuple[int, int]]:
    """Per screen: (largest frame in bytes, frames received)."""
    sizes: dict[str, list[int]] = defaultdict(list)

    def on_view(view: ScreenView) -> None:
        sizes[view.state].append(len(screen_state_frame(view)))

    with tempfile.TemporaryDirectory(dir=SCRATCH) as folder:
        store = await Store.open(Path(folder) / "bench.db")
        config = SessionConfig(max_players=players + 1, lobby_update_interval_s=1.0)
        session = await Session.create(BANK, store, config)
        session.subscribe_screen(on_view)
        links = [Discard() for _ in range(players)]
        ids = await asyncio.gather(
            *(session.join(link, f"Player {i}") for i, link in enumerate(links))
        )
        await asyncio.sleep(0.3)
        await session.host_command(Start())
        for index in range(len(BANK.questions)):
            await asyncio.gather(
                *(session.answer(pid, index, answer_for(index, i)) for i, pid in enumerate(ids))
            )
            await asyncio.sleep(0.3)
            await session.host_command(Skip())
            await asyncio.sleep(0.3)
            await session.host_command(Next())
            await asyncio.sleep(0.3)
            await session.host_command(Next())
            await asyncio.sleep(0.3)
        await session.close()
        await store.close()
    return {state: (max(found), len(found)) for state, found in sizes.items()}


async def main(counts: list[int]) -> None:
    print(f"{'players':>8}  {'screen':<12} {'largest frame':>14} {'frames':>7}")
    for players in counts:
        started = time.perf_counter()
        found = await measure(players)
        for state, (largest, frames) in found.items():
            print(f"{players:>8,}  {state:<12} {largest:>12,} B {frames:>7}")
        print(f"{'':>8}  ({time.perf_counter() - started:.1f} s)")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--players", type=int, nargs="+", default=[10, 1_000, 10_000])
    asyncio.run(main(parser.parse_args().players))
