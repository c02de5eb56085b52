"""Finding stored games and rebuilding one game's results, live or self-paced alike."""

from __future__ import annotations

from quizhost.results.assignment import assignment_results
from quizhost.results.live import results_of, summary_of
from quizhost.results.model import (
    GameResults,
    GameSummary,
    ResultsError,
)
from quizhost.session.assignment_journal import is_assignment
from quizhost.session.journal import JournalError, rebuild
from quizhost.store import GameRecord, Store


async def list_games(store: Store) -> list[GameSummary]:
    """Every stored game, newest first."""
    return [await summary_of(store, record) for record in await store.list_games()]


async def find_game(store: Store, game_id: str) -> GameRecord:
    """A game by id or unique id prefix (ids are long; a prefix is what people type)."""
    record = await store.game(game_id)
    if record is not None:
        return record
    matches = [g for g in await store.list_games() if g.id.startswith(game_id)]
    if len(matches) == 1:
        return matches[0]
    if not matches:
        raise ResultsError(f"no game {game_id!r}: `quizhost results` lists the stored games")
    raise ResultsError(f"{game_id!r} matches several games: type more of the id")


async def game_results(store: Store, game_id: str) -> GameResults:
    """One game's results, rebuilt by replaying its journal (the replay `--resume` uses)."""
    record = await find_game(store, game_id)
    if is_assignment(record):
        return await assignment_results(store, record)
    try:
        rebuilt = await rebuild(store, record)
    except JournalError as exc:
        raise ResultsError(str(exc)) from exc
    return results_of(rebuilt, await summary_of(store, record))
