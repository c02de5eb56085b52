"""A real SQLite store per test, and the class game stored in it."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from quizhost.store import Store
from tests.reports.helpers import Journal, class_game


@pytest.fixture
async def store(tmp_path: Path) -> AsyncIterator[Store]:
    store = await Store.open(tmp_path / "quiz.db")
    try:
        yield store
    finally:
        await store.close()


@pytest.fixture
async def played(store: Store) -> Journal:
    return await class_game(store)
