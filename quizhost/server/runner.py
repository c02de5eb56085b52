"""`quizhost serve`: load the bank, open the store, start the server, stop cleanly on a signal.

`start_server` gives a running `Served` for callers that bring their own console (the Textual
app of `quizhost run`, tests); `serve_until_signal` is the whole headless command.
"""

from __future__ import annotations

import asyncio
import errno
import gc
import logging
import os
import secrets
import sys
import time
from pathlib import Path
from typing import TextIO
from urllib.parse import urlsplit

from attrs import define

from quizhost.bank import BankError, load_bank
from quizhost.bank.models import Bank
from quizhost.core import DEFAULT_MAX_PLAYERS, GameSettings, Phase, new_game_settings
from quizhost.core.settings import team_names
from quizhost.exitcodes import EXIT_FAILED, EXIT_OK, EXIT_USAGE
from quizhost.net import BoundPort, bind_port, join_url
from quizhost.portable import loop_name, stop_on_signals
from quizhost.resources import sample_bank
from quizhost.server.app import QuizServer
from quizhost.server.choice import ask_which_game, choose, unfinished_note, worth_resuming
from quizhost.server.startup import (
    ServeOptions,
    StartError,
    is_terminal,
    open_store,
    say,
    take_lock,
)
from quizhost.server.system import (
    fit_to_open_files,
    install_log_limit,
    quiet_accept_errors,
    raise_open_files_limit,
)
from quizhost.session import Session, SessionConfig, bursts
from quizhost.session.assignment_journal import is_assignment
from quizhost.session.journal import JournalError
from quizhost.session.names import NamePolicy
from quizhost.session.selfpaced import SelfPacedSession
from quizhost.session.session import RestoreError
from quizhost.store import Store, StoreError
from quizhost.store.lock import DatabaseLock

__all__ = [
    "HOST_TOKEN_ENV",
    "ServeOptions",
    "Served",
    "StartError",
    "resolve_host_token",
    "serve_until_signal",
    "start_server",
    "tune_gc",
]

log = logging.getLogger(__name__)

HOST_TOKEN_ENV = "QUIZHOST_HOST_TOKEN"


@define
class Served:
    """A running server with its session and store, and what to tell the teacher."""

    server: QuizServer
    session: Session | SelfPacedSession
    store: Store
    host_token: str
    token_generated: bool
    notes: list[str]
    lock: DatabaseLock | None = None

    @property
    def port(self) -> int:
        return self.server.port

    @property
    def empty_lobby(self) -> bool:
        """Nobody joined yet: nothing here is worth resuming."""
        if isinstance(self.session, SelfPacedSession):
            return not self.session.assignment.runs
        game = self.session.game
        return game.phase is Phase.LOBBY and not game.players

    async def stop(self) -> None:
        """Stop accepting, close connections with 1001, flush and close the store.

        An empty lobby is ended on the way out, so that `--resume` never brings back a game
        nobody joined instead of the one the teacher means. The store is closed and the
        database lock released whatever fails before.
        """
        try:
            await self.server.stop()
            await self.session.close()
            if self.empty_lobby:
                now = int(time.time() * 1000)
                try:
                    await self.store.set_game_state(
                        self.session.game_id, Phase.ENDED.value, ended_at_ms=now
                    )
                except StoreError as exc:  # the disk is full: the lobby stays, harmlessly
                    log.warning("could not end the empty lobby: %s", exc)
        finally:
            try:
                await self.store.close()
            finally:
                if self.lock is not None:
                    self.lock.release()

    def resume_hint(self, command: str) -> str | None:
        """What to tell the teacher on the way out of an unfinished game, or None."""
        session = self.session
        if isinstance(session, SelfPacedSession):
            if not session.in_progress:
                return None
        elif session.game.phase is Phase.ENDED or self.empty_lobby:
            return None
        return (
            "The game is saved. To continue it: "
            f"quizhost {command} --resume {self.session.pin} --db {self.store.path} "
            f"--port {self.port}"
        )

    @property
    def screen_url(self) -> str:
        """The big screen's address with its read-only key (docs/big-screen.md)."""
        parts = urlsplit(self.session.config.join_url)
        return f"{parts.scheme}://{parts.netloc}/screen?key={self.server.screen_key}"

    def banner(self) -> str:
        lines = [
            *self.notes,
            f"quizhost is running: {self.session.bank.title}",
            f"  Players join at  {self.session.config.join_url}",
            f"  Game PIN         {self.session.pin}",
        ]
        if loop_name() == "uvloop":
            lines.append("  Event loop       uvloop (quizhost[fast])")
        if self.token_generated:
            lines.append(f"  Host token       {self.host_token}")
        netloc = urlsplit(self.session.config.join_url).netloc
        if isinstance(self.session, SelfPacedSession):
            lines.append(
                "  Self-paced: students work at their own pace; progress in `quizhost run`"
            )
        else:
            lines.append(f"  Big screen       {self.screen_url}")
            lines.append(f"  Host channel     ws://{netloc}/ws/host")
        return "\n".join(lines)


MIN_HOST_TOKEN_LENGTH = 16


def resolve_host_token(given: str | None) -> tuple[str, bool]:
    """The host token from the option, else the environment, else a new one (generated=True).

    A chosen token shorter than MIN_HOST_TOKEN_LENGTH is refused (StartError): guesses are
    throttled per address, but many addresses could still try every short token.
    """
    token = given or os.environ.get(HOST_TOKEN_ENV)
    if token:
        if len(token) < MIN_HOST_TOKEN_LENGTH:
            source = "--host-token" if given else HOST_TOKEN_ENV
            raise StartError(
                f"the host token ({source}) must be at least {MIN_HOST_TOKEN_LENGTH} characters "
                "long so it cannot be guessed; leave it out to get a random one"
            )
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
    candidates = await store.unfinished_games()
    if options.resume:
        unfinished = choose(candidates, options.resume_game, options.db)
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
    worth = worth_resuming(candidates)
    note = unfinished_note(worth, options.db) if worth else ""
    config = SessionConfig(
        max_players=options.max_players or DEFAULT_MAX_PLAYERS, join_url=url, names=names
    )
    if options.self_paced:
        rules = GameSettings(self_paced=True, until_ms=options.until_ms)
        return await SelfPacedSession.create(bank, store, config, settings=rules), note
    settings = new_game_settings(
        bank,
        auto_close=options.auto_close,
        autoplay_ms=options.autoplay_ms,
        teams=team_names(options.teams) if options.teams else (),
        teams_auto=options.teams_auto,
    )
    return await Session.create(bank, store, config, settings=settings), note


def _check_pace(options: ServeOptions) -> None:
    if options.until_ms is not None and not options.self_paced:
        raise StartError("--until needs --self-paced (a live game ends when the host ends it)")
    if options.until_ms is not None and options.until_ms <= time.time() * 1000:
        raise StartError("--until is in the past: give a time to come")
    if options.self_paced and (options.autoplay_ms or options.teams or options.teams_auto):
        raise StartError("--autoplay and --teams are for a live game, not --self-paced")


def _bind(options: ServeOptions) -> BoundPort:
    """The listening socket. With `--resume` only the asked port will do: phones know it."""
    try:
        return bind_port(options.host, options.port, fallback=not options.resume)
    except OSError as exc:
        if options.resume and exc.errno in (errno.EADDRINUSE, errno.EACCES):
            raise StartError(
                f"cannot listen on {options.host}:{options.port}: {exc.strerror or exc}. "
                "The phones of this game know only that port: stop what uses it (another "
                "quizhost?) and try again, or resume on another --port and let the players "
                "scan the new code"
            ) from exc
        raise StartError(f"cannot listen on {options.host}:{options.port}: {exc}") from exc


async def start_server(options: ServeOptions) -> Served:
    """Everything `serve` does before waiting. Raises StartError with a friendly message.

    Whatever fails, nothing is left open: the socket, the store and the database lock are
    closed before the error leaves (an open store would keep the process alive).
    """
    _check_pace(options)
    host_token = resolve_host_token(options.host_token)  # a short token: refused before all
    bank = None if options.resume else _load(options.bank)  # checked before anything is touched
    limit = raise_open_files_limit()
    lock = take_lock(options.db)
    try:
        store = await open_store(options.db)
        try:
            served = await _serve(options, bank, store, limit, host_token)
        except BaseException:
            await store.close()
            raise
    except BaseException:
        lock.release()
        raise
    served.lock = lock
    lock.announce(served.session.config.join_url)
    return served


async def _serve(
    options: ServeOptions,
    bank: Bank | None,
    store: Store,
    limit: int | None,
    host_token: tuple[str, bool],
) -> Served:
    bound = _bind(options)
    session: Session | SelfPacedSession | None = None
    try:
        url = join_url(options.public_url, options.host, bound.port, "{pin}")
        try:
            session, note = await _open_session(options, bank, store, url)
        except StoreError as exc:  # the disk is full or the database locked by a program
            raise StartError(f"cannot use the database {options.db}: {exc}") from exc
        settings, limit_note = fit_to_open_files(
            options.settings, limit, session.config.max_players
        )
        token, generated = host_token
        try:
            server = QuizServer(session, host_token=token, settings=settings)
        except (OSError, ValueError) as exc:  # a bank image gone or grown since the game began
            action = "resume" if options.resume else "start"
            raise StartError(
                f"cannot {action} the game: a question's image cannot be read: {exc}",
                EXIT_FAILED,
            ) from exc
        quiet_accept_errors(asyncio.get_running_loop())
        await server.start(sock=bound.sock)
    except BaseException:
        bound.sock.close()
        if session is not None:
            await session.close()
        raise
    notes = [n for n in (bound.message, limit_note, note) if n]
    return Served(server, session, store, token, generated, notes)


#: Collect young objects every 100,000 allocations instead of 700 (docs/performance.md).
GC_THRESHOLDS = (100_000, 50, 100)


def tune_gc(max_players: int = DEFAULT_MAX_PLAYERS) -> None:
    """Fewer garbage collections for a server holding thousands of connections.

    Each connection keeps hundreds of long-lived objects, and with the default thresholds the
    collector walks them again and again while a burst of answers allocates: about a quarter
    of the server's CPU per answer at 5,000 players. Almost all garbage here is freed by
    reference counting anyway; the collector only has to find the rare cycles.
    """
    gc.collect()
    gc.freeze()  # what start-up built (modules, the bank) is never garbage
    gc.set_threshold(*GC_THRESHOLDS)
    bursts.enable(max_players)  # frozen at each question and while a class arrives


async def serve_until_signal(options: ServeOptions, out: TextIO = sys.stdout) -> int:
    """`quizhost serve`: run until SIGINT, SIGTERM or SIGHUP, then shut down cleanly (exit 0).

    Every way out closes the store and the database lock and says why on stderr; the exit
    codes are the EXIT_* constants above.
    """
    install_log_limit()
    try:
        if is_terminal(sys.stdin):
            options = await ask_which_game(options)
        served = await start_server(options)
        tune_gc(served.session.config.max_players)
    except StartError as exc:
        say(sys.stderr, f"quizhost: {exc}")
        return exc.code
    stop = asyncio.Event()
    restore_signals = stop_on_signals(stop.set)
    try:
        say(out, served.banner())
        await stop.wait()
        say(out, "quizhost: stopping…")
    finally:
        restore_signals()
        hint = served.resume_hint("serve")
        await asyncio.wait_for(served.stop(), timeout=10)
        if hint:
            say(out, hint)
    return EXIT_OK
