"""The collector kept out of bursts: a question's answers, and a class arriving.

Real garbage collection in this process: the fixture saves and restores the collector's
state (enabled, thresholds, nothing frozen) and the policy's own.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

from quizhost.session import bursts


@pytest.fixture
def collector() -> Iterator[None]:
    """Automatic collection off (the counts move only by what the test allocates), a young
    generation of 1,000; everything restored afterwards."""
    was_enabled, thresholds = gc.isenabled(), gc.get_threshold()
    saved = (bursts._enabled, bursts._arrivals_per_game, bursts._arrivals_left)
    gc.disable()
    gc.set_threshold(1_000, 10, 10)
    gc.collect()
    try:
        yield
    finally:
        gc.unfreeze()
        bursts._enabled, bursts._arrivals_per_game, bursts._arrivals_left = saved
        gc.set_threshold(*thresholds)
        if was_enabled:
            gc.enable()


def fill_young(objects: int) -> list[list[int]]:
    """Keep `objects` new tracked objects alive: the young generation's count grows by them."""
    gc.collect()
    return [[i] for i in range(objects)]


def test_a_nearly_full_young_generation_is_frozen_when_a_phone_arrives(collector: None) -> None:
    bursts.enable(max_players=10)
    kept = fill_young(850)  # 85 % of the young generation
    frozen = gc.get_freeze_count()
    bursts.connection_arrived()
    assert gc.get_freeze_count() >= frozen + len(kept)
    assert gc.get_count()[0] < 10  # nothing left for a collection to walk


@pytest.mark.parametrize("step", [bursts.connection_arrived, bursts.connection_settling])
def test_a_young_generation_with_room_left_is_left_alone(collector: None, step: object) -> None:
    bursts.enable(max_players=10)
    fill_young(500)
    frozen = gc.get_freeze_count()
    step()  # type: ignore[operator]
    assert gc.get_freeze_count() == frozen


def test_a_handshake_or_a_join_freezes_too(collector: None) -> None:
    bursts.enable(max_players=10)
    kept = fill_young(850)
    bursts.connection_settling()
    assert gc.get_freeze_count() >= len(kept)


def test_a_game_freezes_for_twice_its_players_then_the_collector_works(
    collector: None,
) -> None:
    """A flood of connections cannot pile up frozen garbage for the rest of the game."""
    bursts.enable(max_players=3)
    for _ in range(6):  # a class of three, joining twice
        bursts.connection_arrived()
    kept = fill_young(850)
    bursts.connection_arrived()
    bursts.connection_settling()
    assert gc.get_freeze_count() == 0
    bursts.game_ended()  # the next game arrives with a budget of its own
    gc.unfreeze()
    del kept  # (freeing them would count against the new ones)
    kept = fill_young(850)
    bursts.connection_arrived()
    assert gc.get_freeze_count() >= len(kept)


def test_nothing_is_frozen_unless_serve_enabled_it(collector: None) -> None:
    bursts._enabled, bursts._arrivals_left = False, 0
    fill_young(900)
    bursts.connection_arrived()
    bursts.connection_settling()
    bursts.question_opened()
    assert gc.get_freeze_count() == 0
