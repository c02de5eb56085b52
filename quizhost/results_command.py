"""`quizhost results`: the list of games, one game's tables, CSV export, deletion.

The tables are drawn here, for a terminal: `quizhost.results` rebuilds the data and knows
nothing of how it is shown.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
from collections.abc import Sequence

from quizhost.exitcodes import EXIT_FAILED, EXIT_OK, EXIT_USAGE
from quizhost.formats import date_text, display_width, pad, score_text, seconds_text
from quizhost.results import (
    GameResults,
    GameSummary,
    ResultsError,
    answer_table,
    find_game,
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
            await asyncio.to_thread(write_csv, table, args.csv)
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
            # input() blocks: in a thread, so the store's own thread is never starved.
            reply = await asyncio.to_thread(input, prompt)
        except EOFError:
            reply = ""
        if reply.strip().lower() not in ("y", "yes"):
            print("Nothing deleted.")
            return EXIT_FAILED
    await store.delete_game(record.id)
    print(f"Deleted game {record.id}.")
    return EXIT_OK


# Plain-text tables for the terminal.


def _table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> list[str]:
    """Columns two spaces apart, measured in terminal columns so 'Eli 🦊' stays in line."""
    columns = zip(header, *rows, strict=False)
    widths = [max(display_width(cell) for cell in column) for column in columns]

    def render(cells: Sequence[str]) -> str:
        return "  ".join(pad(c, w) for c, w in zip(cells, widths, strict=True)).rstrip()

    return [render(header), *(render(row) for row in rows)]


def format_games(games: Sequence[GameSummary]) -> list[str]:
    """The list of stored games, newest first."""
    if not games:
        return ["No games stored yet."]
    return _table(
        ("GAME", "DATE", "BANK", "PLAYERS", "STATE"),
        [(g.id, date_text(g.created_at_ms), g.bank_title, str(g.players), g.state) for g in games],
    )


def format_results(results: GameResults) -> list[str]:
    """One game: a title line, the players' table, the questions' table, two highlights."""
    game = results.game
    lines = [
        f"{game.bank_title} — game {game.id}, {date_text(game.created_at_ms)}, {game.state}",
        "",
    ]
    lines += _table(
        ("RANK", "NICKNAME", "SCORE", "CORRECT", "ANSWERED", "AVG TIME"),
        [
            (
                str(p.rank),
                p.name,
                score_text(p.score),
                str(p.correct),
                str(p.answered),
                seconds_text(p.average_response_ms),
            )
            for p in results.players
        ],
    )
    lines.append("")
    lines += _table(
        ("#", "QUESTION", "KIND", "ANSWERED", "CORRECT", "AVG POINTS"),
        [
            (
                str(q.index + 1),
                q.text[:50],
                q.kind.value,
                str(q.answered),
                "-" if q.correct is None else str(q.correct),
                score_text(round(q.average_points)),
            )
            for q in results.questions
        ],
    )
    hardest = results.hardest_question
    lines += ["", f"Average score: {score_text(round(results.average_score))}"]
    if hardest is not None:
        lines.append(f"Hardest question: #{hardest.index + 1} {hardest.text}")
    return lines
