"""Fixtures of the wire tests live in wire.py with their helpers; the event loops they run on
are chosen here."""

from __future__ import annotations

import asyncio
import importlib.util
from collections.abc import Callable, Mapping

import pytest

from tests.integration.wire import close_clients_left_open, game, short_game
from tests.kit.processes import kill_servers_left_running

__all__ = ["close_clients_left_open", "game", "kill_servers_left_running", "short_game"]


def pytest_asyncio_loop_factories(
    config: pytest.Config, item: pytest.Item
) -> Mapping[str, Callable[[], asyncio.AbstractEventLoop]]:
    """asyncio's own loop for every test; uvloop's too for a test marked `both_loops`.

    `quizhost serve` runs on uvloop when the `[fast]` extra is installed, and the two loops
    read sockets differently (a flood that held asyncio's loop for 150 ms did not hold
    uvloop's), so a test of how the server copes with a flood runs on both, while the rest
    keep one loop and their running time.
    """
    factories: dict[str, Callable[[], asyncio.AbstractEventLoop]] = {
        "asyncio": asyncio.new_event_loop
    }
    if item.get_closest_marker("both_loops") and importlib.util.find_spec("uvloop"):
        import uvloop

        factories["uvloop"] = uvloop.new_event_loop
    return factories
