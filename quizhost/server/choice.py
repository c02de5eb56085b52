"""Which stored game `--resume` brings back: the unfinished games listed, chosen by PIN or id,
or asked for on the terminal when there are several."""

from __future__ import annotations

import asyncio
import sys
from collections.abc import Callable
from pathlib import Path

from attrs import evolve

from quizhost.core import Phase
from quizhost.exitcodes import EXIT_CHOOSE_GAME
from quizhost.formats import date_text
from quizhost.server.startup import (
    ServeOptions,
    StartError,
    is_terminal,
    open_store,
    say,
    take_lock,
)
from quizhost.store import GameRecord

Candidate = tuple[GameRecord, int]  # an unfinished game and its number of players


def unfinished_note(candidates: list[Candidate], db: Path) -> str:
    record, _ = candidates[0]
    others = len(candidates) - 1
    more = f" and {others} more" if others else ""
    return (
        f"Note: an unfinished game ({record.bank_title}, PIN {record.pin}, started "
        f"{date_text(record.created_at_ms)}){more} is in {db}. To continue it instead: "
        f"quizhost serve --resume {record.pin} --db {db}"
    )


def format_candidates(candidates: list[Candidate]) -> list[str]:
    """One numbered line per unfinished game: PIN, bank, start, players, where it got to."""
    lines = []
    for number, (record, players) in enumerate(candidates, start=1):
        people = f"{players} player{'s' if players != 1 else ''}"
        started = date_text(record.created_at_ms)
        lines.append(
            f"  {number}. PIN {record.pin}  {record.bank_title}  started {started}, "
            f"{people}, {record.state}  (id {record.id})"
        )
    return lines


def worth_resuming(candidates: list[Candidate]) -> list[Candidate]:
    """The unfinished games a bare `--resume` chooses from, newest first.

    A lobby nobody joined (left by a crash) is passed over when there is anything else.
    """
    kept = [c for c in candidates if c[1] > 0 or c[0].state != Phase.LOBBY.value]
    return kept or candidates


def _several(candidates: list[Candidate], db: Path) -> StartError:
    return StartError(
        f"there are {len(candidates)} unfinished games in {db}:\n"
        + "\n".join(format_candidates(candidates))
        + "\nName the one to continue: quizhost serve --resume PIN (or a game id)",
        EXIT_CHOOSE_GAME,
    )


def _named(candidates: list[Candidate], wanted: str, db: Path) -> GameRecord:
    """The unfinished game with this PIN, id or id prefix, or a StartError saying why not."""
    exact = [c for c in candidates if wanted in (c[0].pin, c[0].id)]
    prefix = [c for c in candidates if c[0].id.startswith(wanted.lower())]
    for found in (exact, prefix):
        if len(found) == 1:
            return found[0][0]
        if found:
            raise _several(found, db)
    listing = "\n".join(format_candidates(candidates)) or "  (none)"
    also = ""
    if wanted.endswith((".yaml", ".yml")):
        also = " (--resume takes a game's PIN or id, not a bank: the game carries its bank)"
    raise StartError(
        f"no unfinished game {wanted!r} in {db}{also}; its unfinished games:\n{listing}"
    )


def choose(candidates: list[Candidate], wanted: str | None, db: Path) -> GameRecord:
    """The game `--resume [GAME]` brings back; a StartError if none or several match."""
    if wanted:
        return _named(candidates, wanted, db)
    worth = worth_resuming(candidates)
    if not worth:
        raise StartError(
            f"there is no unfinished game in {db} to resume; start a new one without --resume"
        )
    if len(worth) > 1:
        raise _several(worth, db)
    return worth[0][0]


async def ask_which_game(
    options: ServeOptions, ask: Callable[[str], str] | None = None
) -> ServeOptions:
    """Before a bare `--resume` with several unfinished games: ask which one (a terminal).

    `ask` shows its prompt and returns the reply; by default the listing goes to stderr and
    the reply is read from stdin. Raises StartError (exit 4) when no game is chosen.
    """
    if not options.resume or options.resume_game:
        return options
    take_lock(options.db).release()  # say at once if another server is running on it
    store = await open_store(options.db)
    try:
        candidates = worth_resuming(await store.unfinished_games())
    finally:
        await store.close()
    if len(candidates) < 2:
        return options
    prompt = (
        f"There are {len(candidates)} unfinished games in {options.db}:\n"
        + "\n".join(format_candidates(candidates))
        + f"\nWhich game? [1-{len(candidates)}, Enter to cancel] "
    )
    reply = (ask or _ask_on_terminal)(prompt).strip()
    if reply.isdigit() and 1 <= int(reply) <= len(candidates):
        return evolve(options, resume_game=candidates[int(reply) - 1][0].id)
    raise StartError(
        "no game chosen; name one: quizhost serve --resume PIN (or a game id)", EXIT_CHOOSE_GAME
    )


def _ask_on_terminal(prompt: str) -> str:
    say(sys.stderr, prompt, end="")
    return sys.stdin.readline()


def choose_on_terminal(options: ServeOptions) -> ServeOptions:
    """`ask_which_game` for callers without an event loop (the console asks before it starts)."""
    if not (options.resume and not options.resume_game and is_terminal(sys.stdin)):
        return options
    return asyncio.run(ask_which_game(options))
