"""`quizhost serve`: load the bank, open the store, start the server, stop cleanly on a signal.

`start_server` gives a running `Served` for callers that bring their own console (the Textual
app of `quizhost run`, tests); `serve_until_signal` is the whole headless command.
"""

from __future__ import annotations

import asyncio
import gc
import os
import secrets
import sys
import time
from pathlib import Path
from typing import TextIO
from urllib.parse import urlsplit

from attrs import define, field

from quizhost.bank import BankError, load_bank
from quizhost.bank.models import Bank
from quizhost.core import DEFAULT_MAX_PLAYERS, IN_PROGRESS, GameSettings
from quizhost.exitcodes import EXIT_FAILED, EXIT_OK, EXIT_USAGE
from quizhost.formats import date_text
from quizhost.net import bind_port, join_url
from quizhost.portable import stop_on_signals
from quizhost.resources import sample_bank
from quizhost.server.app import QuizServer
from quizhost.server.settings import ServerSettings
from quizhost.session import Session, SessionConfig
from quizhost.session.journal import JournalError
from quizhost.session.names import NamePolicy
from quizhost.session.selfpaced import SelfPacedSession, is_assignment
from quizhost.session.session import RestoreError
from quizhost.store import GameRecord, Store, StoreError

HOST_TOKEN_ENV = "QUIZHOST_HOST_TOKEN"


@define
class ServeOptions:
    bank: Path | None  # None only with `resume`: the stored game carries its bank
    host: str = "0.0.0.0"
    port: int = 8000
    db: Path = Path("quizhost.db")
    host_token: str | None = None
    max_players: int | None = None  # None: 2000, or what a resumed game was started with
    public_url: str | None = None
    resume: bool = False
    name_blocklist: Path | None = None  # one word per line: names containing one are refused
    friendly_names: bool = False  # the server names every player ("Brave Otter")
    self_paced: bool = False  # an assignment (session/selfpaced.py) instead of a live game
    until_ms: int | None = None  # with self_paced: no new question after this (epoch ms)
    settings: ServerSettings = field(factory=ServerSettings)


class StartError(Exception):
    """The server cannot start; the message says why and what to do. `code` is the exit code."""

    def __init__(self, message: str, code: int = EXIT_USAGE) -> None:
        super().__init__(message)
        self.code = code


@define
class Served:
    """A running server with its session and store, and what to tell the teacher."""

    server: QuizServer
    session: Session | SelfPacedSession
    store: Store
    host_token: str
    token_generated: bool
    notes: list[str]

    @property
    def port(self) -> int:
        return self.server.port

    async def stop(self) -> None:
        """Stop accepting, close connections with 1001, flush and close the store."""
        await self.server.stop()
        await self.session.close()
        await self.store.close()

    def resume_hint(self, command: str) -> str | None:
        """What to tell the teacher on the way out of an unfinished game, or None."""
        session = self.session
        if isinstance(session, SelfPacedSession):
            if not session.in_progress:
                return None
        elif session.game.phase not in IN_PROGRESS:
            return None
        return (
            "The game is saved. To continue it: "
            f"quizhost {command} --resume --db {self.store.path} --port {self.port}"
        )

    def banner(self) -> str:
        lines = [
            *self.notes,
            f"quizhost is running: {self.session.bank.title}",
            f"  Players join at  {self.session.config.join_url}",
            f"  Game PIN         {self.session.pin}",
        ]
        if self.token_generated:
            lines.append(f"  Host token       {self.host_token}")
        netloc = urlsplit(self.session.config.join_url).netloc
        if isinstance(self.session, SelfPacedSession):
            lines.append(
                "  Self-paced: students work at their own pace; progress in `quizhost run`"
            )
        else:
            lines.append(f"  Host channel     ws://{netloc}/ws/host")
        return "\n".join(lines)


def resolve_host_token(given: str | None) -> tuple[str, bool]:
    """The host token from the option, else the environment, else a new one (generated=True)."""
    token = given or os.environ.get(HOST_TOKEN_ENV)
    if token:
        return token, False
    return secrets.token_urlsafe(16), True


def _load(path: Path | None) -> Bank:
    if path is None:
        raise StartError(
            "name the question bank to play (or add --resume); for the bundled demo quiz: "
            f"{sample_bank()}"
        )
    try:
        return load_bank(path)
    except BankError as exc:
        code = EXIT_USAGE if not exc.problems or exc.problems[0].line <= 0 else EXIT_FAILED
        raise StartError(f"cannot load the question bank:\n{exc}", code) from exc


def _unfinished_note(record: GameRecord, db: Path) -> str:
    started = date_text(record.created_at_ms)
    return (
        f"Note: an unfinished game ({record.bank_title}, PIN {record.pin}, started {started}) "
        f"is in {db}. To continue it instead: quizhost serve --resume --db {db}"
    )


def _name_policy(options: ServeOptions) -> NamePolicy:
    try:
        return NamePolicy.from_file(options.name_blocklist, friendly=options.friendly_names)
    except (OSError, UnicodeDecodeError) as exc:
        raise StartError(f"cannot read the name blocklist {options.name_blocklist}: {exc}") from exc


async def _open_session(
    options: ServeOptions, bank: Bank | None, store: Store, url: str
) -> tuple[Session | SelfPacedSession, str]:
    """The session to serve, new or resumed, and a note for the teacher (or "")."""
    names = _name_policy(options)
    unfinished = await store.unfinished_game()
    if options.resume:
        if unfinished is None:
            raise StartError(
                f"there is no unfinished game in {options.db} to resume; "
                "start a new one without --resume"
            )
        cap = options.max_players or unfinished.max_players or DEFAULT_MAX_PLAYERS
        config = SessionConfig(max_players=cap, join_url=url, names=names)
        session: Session | SelfPacedSession
        try:
            if is_assignment(unfinished):
                session = await SelfPacedSession.restore(store, unfinished, config)
            else:
                session = await Session.restore(store, unfinished, config)
        except (RestoreError, JournalError) as exc:
            raise StartError(f"cannot resume: {exc}", EXIT_FAILED) from exc
        return session, f"Resumed the game of {unfinished.bank_title}: phones rejoin by themselves."
    assert bank is not None
    note = _unfinished_note(unfinished, options.db) if unfinished else ""
    config = SessionConfig(
        max_players=options.max_players or DEFAULT_MAX_PLAYERS, join_url=url, names=names
    )
    if options.self_paced:
        rules = GameSettings(self_paced=True, until_ms=options.until_ms)
        return await SelfPacedSession.create(bank, store, config, settings=rules), note
    return await Session.create(bank, store, config), note


def _check_pace(options: ServeOptions) -> None:
    if options.until_ms is not None and not options.self_paced:
        raise StartError("--until needs --self-paced (a live game ends when the host ends it)")
    if options.until_ms is not None and options.until_ms <= time.time() * 1000:
        raise StartError("--until is in the past: give a time to come")


async def start_server(options: ServeOptions) -> Served:
    """Everything `serve` does before waiting. Raises StartError with a friendly message."""
    _check_pace(options)
    bank = None if options.resume else _load(options.bank)  # checked before anything is touched
    try:
        store = await Store.open(options.db)
    except StoreError as exc:
        raise StartError(f"cannot use the database {options.db}: {exc}") from exc
    try:
        bound = bind_port(options.host, options.port)
    except OSError as exc:
        await store.close()
        raise StartError(f"cannot listen on {options.host}:{options.port}: {exc}") from exc
    try:
        url = join_url(options.public_url, options.host, bound.port, "{pin}")
        session, note = await _open_session(options, bank, store, url)
    except BaseException:
        bound.sock.close()
        await store.close()
        raise
    notes = [n for n in (bound.message, note) if n]
    host_token, generated = resolve_host_token(options.host_token)
    server = QuizServer(session, host_token=host_token, settings=options.settings)
    await server.start(sock=bound.sock)
    return Served(server, session, store, host_token, generated, notes)


#: Collect young objects every 100,000 allocations instead of 700 (docs/performance.md).
GC_THRESHOLDS = (100_000, 50, 100)


def tune_gc() -> None:
    """Fewer garbage collections for a server holding thousands of connections.

    Each connection keeps hundreds of long-lived objects, and with the default thresholds the
    collector walks them again and again while a burst of answers allocates: about a quarter
    of the server's CPU per answer at 5,000 players. Almost all garbage here is freed by
    reference counting anyway; the collector only has to find the rare cycles.
    """
    gc.collect()
    gc.freeze()  # what start-up built (modules, the bank) is never garbage
    gc.set_threshold(*GC_THRESHOLDS)


async def serve_until_signal(options: ServeOptions, out: TextIO = sys.stdout) -> int:
    """`quizhost serve`: run until SIGINT or SIGTERM, then shut down cleanly (exit 0)."""
    try:
        served = await start_server(options)
        tune_gc()
    except StartError as exc:
        print(f"quizhost: {exc}", file=sys.stderr)
        return exc.code
    print(served.banner(), file=out, flush=True)
    stop = asyncio.Event()
    restore_signals = stop_on_signals(stop.set)
    try:
        await stop.wait()
    finally:
        restore_signals()
        print("quizhost: stopping…", file=out, flush=True)
        hint = served.resume_hint("serve")
        await asyncio.wait_for(served.stop(), timeout=10)
        if hint:
            print(hint, file=out, flush=True)
    return EXIT_OK
