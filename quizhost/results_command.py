"""`quizhost results`: the list of games, one game's tables and reports, a class's progress
over several games, deletion.

The tables are drawn here, for a terminal: `quizhost.results` rebuilds the data,
`quizhost.reports` builds and writes the reports; neither knows how a terminal shows them.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
from collections.abc import Sequence
from datetime import date, datetime

from quizhost.exitcodes import EXIT_FAILED, EXIT_OK, EXIT_USAGE
from quizhost.formats import date_text, display_width, pad, score_text, seconds_text
from quizhost.reports import Roster, RosterError, build_report, load_roster
from quizhost.reports.html import write_html
from quizhost.reports.progress import build_progress, game_label, progress_table
from quizhost.reports.xlsx import write_xlsx
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
from quizhost.store import GameRecord, Store, StoreError


async def run_results(args: argparse.Namespace) -> int:
    try:
        store = await Store.open(args.db)
    except StoreError as exc:
        print(f"quizhost results: {exc}", file=sys.stderr)
        return EXIT_USAGE
    try:
        if args.delete:
            if args.before is not None:
                return await _delete_before(store, args.before, ask=not args.yes)
            return await _delete(store, args.game[0], ask=not args.yes)
        if not args.game and args.since is None:
            print("\n".join(format_games(await list_games(store))))
            return EXIT_OK
        roster = await asyncio.to_thread(load_roster, args.roster) if args.roster else None
        if len(args.game) > 1 or args.since is not None:
            return await _progress(store, args, roster)
        return await _one_game(store, args, roster)
    except (ResultsError, RosterError, OSError) as exc:
        print(f"quizhost results: {exc}", file=sys.stderr)
        return EXIT_FAILED
    finally:
        await store.close()


async def _one_game(store: Store, args: argparse.Namespace, roster: Roster | None) -> int:
    results = await game_results(store, args.game[0])
    if args.html or args.xlsx:
        report = build_report(results, needs_help_percent=args.needs_help, roster=roster)
        if args.html:
            await asyncio.to_thread(write_html, report, args.html)
            print(f"wrote the report to {args.html}")
        if args.xlsx:
            await asyncio.to_thread(write_xlsx, report, args.xlsx)
            print(f"wrote the spreadsheet to {args.xlsx}")
    if args.csv:
        table = summary_table(results) if args.summary else answer_table(results)
        await asyncio.to_thread(write_csv, table, args.csv)
        print(f"wrote {len(table) - 1} rows to {args.csv}")
    elif args.summary:
        print("\n".join(format_results(results)[: len(results.players) + 3]))
    elif not (args.html or args.xlsx):
        print("\n".join(format_results(results)))
    return EXIT_OK


def day_start_ms(day: date) -> int:
    """Local midnight at the start of `day`, in ms since the epoch (how games are dated)."""
    return int(datetime(day.year, day.month, day.day).timestamp() * 1000)


async def _progress(store: Store, args: argparse.Namespace, roster: Roster | None) -> int:
    records: dict[str, GameRecord] = {}
    for game_id in args.game:
        record = await find_game(store, game_id)
        records[record.id] = record
    if args.since is not None:
        since_ms = day_start_ms(args.since)
        for record in await store.list_games():
            if record.created_at_ms >= since_ms:
                records[record.id] = record
    if not records:
        raise ResultsError(f"no game played since {args.since}")
    games = [await game_results(store, game_id) for game_id in records]
    progress = build_progress(games, roster)
    for game in progress.unmatched:
        print(
            f"quizhost results: game {game.id} ({game_label(game)}) was played with "
            "--friendly-names: its players cannot be matched by nickname, left out",
            file=sys.stderr,
        )
    table = progress_table(progress)
    if args.csv:
        await asyncio.to_thread(write_csv, table, args.csv)
        print(f"wrote {len(table) - 1} rows ({len(games)} games) to {args.csv}")
    else:
        print("\n".join(_table(table[0], table[1:])))
    return EXIT_OK


async def _ask(prompt: str) -> bool:
    try:
        # input() blocks: in a thread, so the store's own thread is never starved.
        reply = await asyncio.to_thread(input, prompt)
    except EOFError:
        reply = ""
    return reply.strip().lower() in ("y", "yes")


async def _delete(store: Store, game_id: str, *, ask: bool) -> int:
    record = await find_game(store, game_id)
    prompt = f"Delete game {record.id} ({record.bank_title}) and all its answers? [y/N] "
    if ask and not await _ask(prompt):
        print("Nothing deleted.")
        return EXIT_FAILED
    await store.delete_game(record.id)
    print(f"Deleted game {record.id}.")
    return EXIT_OK


async def _delete_before(store: Store, day: date, *, ask: bool) -> int:
    """Delete every game played before `day` (local time): old pupils' data, on purpose."""
    cutoff = day_start_ms(day)
    old = [g for g in await store.list_games() if g.created_at_ms < cutoff]
    if not old:
        print(f"No game was played before {day}.")
        return EXIT_OK
    for record in old:
        print(f"  {record.id}  {date_text(record.created_at_ms)}  {record.bank_title}")
    prompt = f"Delete these {len(old)} games and all their players and answers? [y/N] "
    if ask and not await _ask(prompt):
        print("Nothing deleted.")
        return EXIT_FAILED
    for record in old:
        await store.delete_game(record.id)
    print(f"Deleted {len(old)} games played before {day}.")
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
        ("RANK", "NICKNAME", "SCORE", "CORRECT", "PARTLY", "ANSWERED", "AVG TIME (S)"),
        [
            (
                "-" if p.rank is None else str(p.rank),
                p.name + (" (kicked)" if p.kicked else ""),
                score_text(p.score),
                str(p.correct),
                str(p.partly),
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
