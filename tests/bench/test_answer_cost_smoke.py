"""bench.answer_cost's session path runs: a burst through the real Session and store."""

from __future__ import annotations

from pathlib import Path

from bench.answer_cost import close_ms, session_us


async def test_the_session_path_measures_every_burst(tmp_path: Path) -> None:
    costs = await session_us(tmp_path / "s.db", players=20, bursts=3)
    assert len(costs) == 3 and all(cost > 0 for cost in costs)


def test_the_closing_answer_is_measured() -> None:
    assert close_ms(players=20) > 0
