"""Persistence: an aiosqlite (WAL) database of games, players, questions, answers and the
command log that rebuilds an unfinished game after a crash."""

from quizhost.store.records import (
    AnswerRecord,
    CommandRecord,
    GameRecord,
    PlayerRecord,
    QuestionRecord,
)
from quizhost.store.schema import MIGRATIONS, SCHEMA_VERSION
from quizhost.store.store import Store
from quizhost.store.writer import StoreError

__all__ = [
    "MIGRATIONS",
    "SCHEMA_VERSION",
    "AnswerRecord",
    "CommandRecord",
    "GameRecord",
    "PlayerRecord",
    "QuestionRecord",
    "Store",
    "StoreError",
]
