"""`quizhost serve`: load the bank, open the store, start the server, stop cleanly on a signal.

`start_server` gives a running `Served` for callers that bring their own console (the Textual
app of `quizhost run`, tests); `serve_until_signal` is the whole headless command.
"""

from __future__ import annotations

import asyncio
import os
import secrets
import signal
import sys
from pathlib import Path
from typing import TextIO
from urllib.parse import urlsplit

from attrs import define, field

from quizhost.bank import BankError, load_bank
from quizhost.net import bind_port, join_url
from quizhost.server.app import QuizServer
from quizhost.server.settings import ServerSettings
from quizhost.session import Session, SessionConfig
from quizhost.store import Store, StoreError

HOST_TOKEN_ENV = "QUIZHOST_HOST_TOKEN"
EXIT_OK = 0
EXIT_INVALID_BANK = 1
EXIT_USAGE = 2


@define
class ServeOptions:
    bank: Path
    host: str = "0.0.0.0"
    port: int = 8000
    db: Path = Path("quizhost.db")
    host_token: str | None = None
    max_players: int = 2000
    public_url: str | None = None
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
    session: Session
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
        lines.append(f"  Host channel     ws://{netloc}/ws/host")
        return "\n".join(lines)


def resolve_host_token(given: str | None) -> tuple[str, bool]:
    """The host token from the option, else the environment, else a new one (generated=True)."""
    token = given or os.environ.get(HOST_TOKEN_ENV)
    if token:
        return token, False
    return secrets.token_urlsafe(16), True


async def start_server(options: ServeOptions) -> Served:
    """Everything `serve` does before waiting. Raises StartError with a friendly message."""
    try:
        bank = load_bank(options.bank)
    except BankError as exc:
        code = EXIT_USAGE if not exc.problems or exc.problems[0].line <= 0 else EXIT_INVALID_BANK
        raise StartError(f"cannot load the question bank:\n{exc}", code) from exc
    try:
        store = await Store.open(options.db)
    except StoreError as exc:
        raise StartError(f"cannot use the database {options.db}: {exc}") from exc
    try:
        bound = bind_port(options.host, options.port)
    except OSError as exc:
        await store.close()
        raise StartError(f"cannot listen on {options.host}:{options.port}: {exc}") from exc
    notes = [bound.message] if bound.message else []
    host_token, generated = resolve_host_token(options.host_token)
    config = SessionConfig(
        max_players=options.max_players,
        join_url=join_url(options.public_url, options.host, bound.port, "{pin}"),
    )
    session = await Session.create(bank, store, config)
    server = QuizServer(session, host_token=host_token, settings=options.settings)
    await server.start(sock=bound.sock)
    return Served(server, session, store, host_token, generated, notes)


async def serve_until_signal(options: ServeOptions, out: TextIO = sys.stdout) -> int:
    """`quizhost serve`: run until SIGINT or SIGTERM, then shut down cleanly (exit 0)."""
    try:
        served = await start_server(options)
    except StartError as exc:
        print(f"quizhost: {exc}", file=sys.stderr)
        return exc.code
    print(served.banner(), file=out, flush=True)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signum, stop.set)
    try:
        await stop.wait()
    finally:
        for signum in (signal.SIGINT, signal.SIGTERM):
            loop.remove_signal_handler(signum)
        print("quizhost: stopping…", file=out, flush=True)
        await asyncio.wait_for(served.stop(), timeout=10)
    return EXIT_OK
