"""A class joining does not make the garbage collector walk it (quizhost/session/bursts.py)."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from quizhost.session import bursts
from tests.integration.wire import EVERY_KIND, Client, join, start_server, stop_server


@pytest.fixture
def served_collector() -> Iterator[list[int]]:
    """The collector as `quizhost serve` sets it (a young generation of 20,000 here, so a
    small class fills it many times); the generations of the collections made, restored
    afterwards."""
    thresholds = gc.get_threshold()
    saved = (bursts._enabled, bursts._arrivals_per_game, bursts._arrivals_left)
    collections: list[int] = []

    def record(phase: str, info: dict[str, Any]) -> None:
        if phase == "stop":
            collections.append(info["generation"])

    gc.collect()
    gc.set_threshold(20_000, 50, 100)
    bursts.enable(max_players=400)
    gc.callbacks.append(record)
    try:
        yield collections
    finally:
        gc.callbacks.remove(record)
        gc.unfreeze()
        bursts._enabled, bursts._arrivals_per_game, bursts._arrivals_left = saved
        gc.set_threshold(*thresholds)


async def test_a_class_joining_makes_no_young_collection(
    tmp_path: Path, served_collector: list[int]
) -> None:
    running = await start_server(EVERY_KIND, tmp_path / "q.db", max_players=400)
    phones: list[Client] = []
    try:
        served_collector.clear()
        for i in range(300):  # each phone from its own address, as on a LAN
            phone, _ = await join(
                running, f"P{i}", local_addr=(f"127.0.{1 + i // 200}.{1 + i % 200}", 0)
            )
            phones.append(phone)
        assert served_collector == []
        assert gc.get_freeze_count() > 0
    finally:
        for phone in phones:
            await phone.close()
        await stop_server(running)
