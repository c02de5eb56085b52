"""Host views and lobby counts slow down for huge games: each one is big, or goes to everyone."""

from __future__ import annotations

from pathlib import Path

import pytest

from quizhost.bank.models import Bank, ChoiceQuestion
from quizhost.core import Join
from quizhost.session import Session, SessionConfig
from quizhost.store import Store

BANK = Bank(
    title="T", questions=(ChoiceQuestion(text="Q", choices=("A", "B"), correct=frozenset({0})),)
)


@pytest.mark.parametrize(
    ("interval", "config", "classroom_s", "hall", "hall_s"),
    [
        # Each host view carries the whole player list.
        (
            "host_interval_s",
            SessionConfig(max_players=20_000, host_update_interval_s=0.25),
            0.25,
            16_000,
            2.0,
        ),
        # Each lobby count is a frame to every phone, written while the hall still joins.
        (
            "lobby_interval_s",
            SessionConfig(max_players=20_000, lobby_update_interval_s=1.0),
            1.0,
            10_000,
            5.0,
        ),
    ],
)
async def test_updates_slow_down_for_a_lecture_hall(
    tmp_path: Path,
    interval: str,
    config: SessionConfig,
    classroom_s: float,
    hall: int,
    hall_s: float,
) -> None:
    """A classroom of 30 gets them at the configured pace; a lecture hall less often."""
    store = await Store.open(tmp_path / "q.db")
    try:
        session = await Session.create(BANK, store, config)
        for i in range(30):
            session.game.handle(Join(player_id=f"p{i}", name=f"P{i}"), 0)
        assert getattr(session, interval) == classroom_s
        for i in range(30, hall):
            session.game.handle(Join(player_id=f"p{i}", name=f"P{i}"), 0)
        assert getattr(session, interval) == hall_s
        await session.close()
    finally:
        await store.close()
