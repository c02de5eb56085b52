"""The console's one narrow interface to the game (after Harlequin's adapter).

Screens talk to a `HostAdapter` only: the live view and its updates, host commands, which
commands the current phase allows (read from the core's `ALLOWED` table, never re-derived),
and the stored results of past games. It wraps a running `Served`; nothing here touches a
socket or a database row: results come from `quizhost.results` (reports from
`quizhost.reports`), the game from the `Session`. The result types and `describe_answer` are
re-exported here so that screens and widgets
import nothing below the console but this module (an import contract checks it).
"""

from __future__ import annotations

import asyncio
import webbrowser
from collections.abc import Awaitable, Callable
from pathlib import Path

from quizhost.core import ALLOWED, End, HostCommand, Kick, Phase
from quizhost.reports import Report, build_report
from quizhost.reports.html import write_html
from quizhost.results import (
    GameResults,
    GameSummary,
    ResultsError,
    answer_table,
    describe_answer,
    game_results,
    list_games,
)
from quizhost.results import write_csv as write_rows
from quizhost.server.reload import BankReloader, Ignored, Refused, Reloaded, ReloadOutcome
from quizhost.server.runner import Served
from quizhost.session import Session
from quizhost.session.progress import ProgressView, QuestionStat, StudentRow
from quizhost.session.selfpaced import SelfPacedSession
from quizhost.session.views import HostView

__all__ = [
    "GameResults",
    "GameSummary",
    "HostAdapter",
    "Ignored",
    "ProgressAdapter",
    "ProgressListener",
    "ProgressView",
    "QuestionStat",
    "Refused",
    "ReloadOutcome",
    "Reloaded",
    "Report",
    "ResultsError",
    "Starter",
    "StudentRow",
    "ViewListener",
    "describe_answer",
]

Starter = Callable[[], Awaitable[Served]]
ViewListener = Callable[[HostView], None]
ProgressListener = Callable[[ProgressView], None]

STOP_TIMEOUT_S = 10


class _ServedAdapter:
    """What both adapters do with the server under them, live game or assignment alike: its
    bank's title and notes, how to resume it, and stopping it (safe to call twice)."""

    def __init__(self, served: Served) -> None:
        self._served = served
        self._stopped = False
        session, source = served.session, served.session.bank.source
        self._reloader = (
            BankReloader(source, session, served.server)
            if isinstance(session, Session) and source is not None
            else None
        )

    @property
    def question_count(self) -> int:
        return len(self._served.session.bank.questions)

    async def poll_bank(self) -> ReloadOutcome | None:
        """Take the bank file's edits while in the lobby (see `quizhost.server.reload`);
        None when it did not change. Call about once a second."""
        return None if self._reloader is None else await self._reloader.poll()

    @property
    def bank_title(self) -> str:
        return self._served.session.bank.title

    @property
    def notes(self) -> list[str]:
        """What the server wants the teacher to know (e.g. the port it fell back to)."""
        return list(self._served.notes)

    def resume_hint(self) -> str | None:
        """How to continue this game after quitting, while it is unfinished."""
        return self._served.resume_hint("run")

    @property
    def stopped(self) -> bool:
        return self._stopped

    async def stop(self) -> None:
        """Close every connection (1001), flush and close the store."""
        if self._stopped:
            return
        self._stopped = True
        await asyncio.wait_for(self._served.stop(), STOP_TIMEOUT_S)


class HostAdapter(_ServedAdapter):
    """What the console may do with a running server. `stop()` is safe to call twice."""

    # The live game.

    @property
    def port(self) -> int:
        """The port the server listens on (it may differ from the one asked for)."""
        return self._served.port

    @property
    def game_id(self) -> str:
        return self._served.session.game_id

    @property
    def screen_url(self) -> str:
        """The big screen's address with its read-only key."""
        return self._served.screen_url

    @property
    def _session(self) -> Session:
        session = self._served.session
        assert isinstance(session, Session)  # an assignment gets a ProgressAdapter
        return session

    def view(self) -> HostView:
        return self._session.host_view()

    def subscribe(self, listener: ViewListener) -> Callable[[], None]:
        """`listener(view)` now and on every (coalesced) change; returns the unsubscribe."""
        return self._session.subscribe(listener)

    async def command(self, command: HostCommand) -> None:
        """Run a host command; raises `quizhost.core.Rejected` when it does not fit."""
        await self._session.host_command(command)

    @staticmethod
    def allows(phase: Phase, command: type[HostCommand]) -> bool:
        return command in ALLOWED[phase]

    # Past games (read-only, through quizhost.results).

    async def remove_source(self, label: str) -> None:
        """Kick every player of burst source `label` (a host_state alert) and refuse its later
        joins; raises `quizhost.core.Rejected` when there is no such source."""
        await self._served.server.remove_source(label)

    async def past_games(self) -> list[GameSummary]:
        return await list_games(self._served.store)

    async def results(self, game_id: str) -> GameResults:
        return await game_results(self._served.store, game_id)

    async def report(self, game_id: str) -> Report:
        """What the HTML report shows: the overview, success per question, the grid ..."""
        return build_report(await self.results(game_id))

    async def export_csv(self, game_id: str, path: Path) -> Path:
        """Write one row per player and question to `path` (raises ResultsError, OSError)."""
        rows = answer_table(await self.results(game_id))
        await asyncio.to_thread(write_rows, rows, path)
        return path

    async def open_report(self, game_id: str, path: Path) -> bool:
        """Write the HTML report to `path` and open it in the browser (raises ResultsError,
        OSError); False when no browser could be started (the file is written anyway)."""
        # Writing, and webbrowser (which may start a program and wait for it), in a thread:
        # never on the console's loop.
        return await asyncio.to_thread(_write_and_open, await self.report(game_id), path)


class ProgressAdapter(_ServedAdapter):
    """What the console may do with a running self-paced assignment: watch the class's
    progress, remove a student, end it. `stop()` is safe to call twice."""

    def __init__(self, served: Served) -> None:
        assert isinstance(served.session, SelfPacedSession)
        super().__init__(served)
        self._session: SelfPacedSession = served.session

    @property
    def in_progress(self) -> bool:
        return self._session.in_progress

    def view(self) -> ProgressView:
        return self._session.progress()

    def subscribe(self, listener: ProgressListener) -> Callable[[], None]:
        """`listener(view)` now and at most twice a second while students work."""
        return self._session.subscribe(listener)

    async def end(self) -> None:
        """End the assignment: open questions count as unanswered, everyone is done."""
        await self._session.host_command(End())

    async def remove(self, student_id: str) -> None:
        await self._session.host_command(Kick(player_id=student_id))


def _write_and_open(report: Report, path: Path) -> bool:
    write_html(report, path)
    return webbrowser.open(path.resolve().as_uri())
