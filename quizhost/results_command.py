"""`quizhost results`: the list of games, one game's tables, CSV export, deletion."""

from __future__ import annotations

import argparse
import sys

from quizhost.exitcodes import EXIT_FAILED, EXIT_OK, EXIT_USAGE
from quizhost.results import (
    ResultsError,
    answer_table,
    find_game,
    format_games,
    format_results,
    game_results,
    list_games,
    summary_table,
    write_csv,
)
from quizhost.store import Store, StoreError


async def run_results(args: argparse.Namespace) -> int:
    try:
        store = await Store.open(args.db)
    except StoreError as exc:
        print(f"quizhost results: {exc}", file=sys.stderr)
        return EXIT_USAGE
    try:
        if args.game is None:
            print("\n".join(format_games(await list_games(store))))
            return EXIT_OK
        if args.delete:
            return await _delete(store, args.game, ask=not args.yes)
        results = await game_results(store, args.game)
        if args.csv:
            table = summary_table(results) if args.summary else answer_table(results)
            write_csv(table, args.csv)
            print(f"wrote {len(table) - 1} rows to {args.csv}")
        elif args.summary:
            print("\n".join(format_results(results)[: len(results.players) + 3]))
        else:
            print("\n".join(format_results(results)))
        return EXIT_OK
    except (ResultsError, OSError) as exc:
        print(f"quizhost results: {exc}", file=sys.stderr)
        return EXIT_FAILED
    finally:
        await store.close()


async def _delete(store: Store, game_id: str, *, ask: bool) -> int:
    record = await find_game(store, game_id)
    if ask:
        prompt = f"Delete game {record.id} ({record.bank_title}) and all its answers? [y/N] "
        try:
            reply = input(prompt)
        except EOFError:
            reply = ""
        if reply.strip().lower() not in ("y", "yes"):
            print("Nothing deleted.")
            return EXIT_FAILED
    await store.delete_game(record.id)
    print(f"Deleted game {record.id}.")
    return EXIT_OK
