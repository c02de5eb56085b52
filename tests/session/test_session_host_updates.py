"""Host views slow down for huge games, since each one carries the whole player list."""

from __future__ import annotations

from pathlib import Path

from quizhost.bank.models import Bank, ChoiceQuestion
from quizhost.core import Join
from quizhost.session import Session, SessionConfig
from quizhost.store import Store

BANK = Bank(
    title="T", questions=(ChoiceQuestion(text="Q", choices=("A", "B"), correct=frozenset({0})),)
)


async def test_host_interval_grows_with_the_player_count(tmp_path: Path) -> None:
    """A classroom gets 4 views a second; 16,000 players get one every 2 s."""
    store = await Store.open(tmp_path / "q.db")
    try:
        config = SessionConfig(max_players=20_000, host_update_interval_s=0.25)
        session = await Session.create(BANK, store, config)
        for i in range(30):
            session.game.handle(Join(player_id=f"p{i}", name=f"P{i}"), 0)
        assert session.host_interval_s == 0.25
        for i in range(30, 16_000):
            session.game.handle(Join(player_id=f"p{i}", name=f"P{i}"), 0)
        assert session.host_interval_s == 2.0
        await session.close()
    finally:
        await store.close()


async def test_lobby_counts_slow_down_for_a_lecture_hall(tmp_path: Path) -> None:
    """Every phone gets the lobby count: a classroom once a second, 10,000 phones once every
    5 s (each count is 10,000 frames, written while the rest of the hall is still joining)."""
    store = await Store.open(tmp_path / "q.db")
    try:
        config = SessionConfig(max_players=20_000, lobby_update_interval_s=1.0)
        session = await Session.create(BANK, store, config)
        for i in range(30):
            session.game.handle(Join(player_id=f"p{i}", name=f"P{i}"), 0)
        assert session.lobby_interval_s == 1.0
        for i in range(30, 10_000):
            session.game.handle(Join(player_id=f"p{i}", name=f"P{i}"), 0)
        assert session.lobby_interval_s == 5.0
        await session.close()
    finally:
        await store.close()
