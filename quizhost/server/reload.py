"""A bank file edited while players wait in the lobby: noticed, validated, then played.

`quizhost run` asks `BankReloader.poll()` once a second. It looks at the file's modification
time and size (a stat, no new dependency, no reading while nothing changed); when they
changed it loads the bank as `validate` would, and only a valid bank replaces the game's:
its images are read and served, and the session stores it as the game's bank before playing
it (so `--resume` and the results use the bank actually played). Problems leave the old bank
in place. Once the game has started, edits are ignored, and that is said once.
"""

from __future__ import annotations

import asyncio
import os
from pathlib import Path

from attrs import frozen

from quizhost.bank import BankError, load_bank
from quizhost.bank.models import Bank
from quizhost.core import Phase
from quizhost.server.app import QuizServer
from quizhost.session import Session
from quizhost.session.bank_swap import BankNotChanged
from quizhost.session.config import bank_images

#: How often `quizhost run` looks at the bank file.
POLL_INTERVAL_S = 1.0


@frozen
class Reloaded:
    """The game now plays the edited bank."""

    title: str
    questions: int


@frozen
class Refused:
    """The edit was not taken; `problems` are `FILE:LINE:COL: message` lines, as `validate`
    prints them. The game keeps its bank."""

    problems: tuple[str, ...]


@frozen
class Ignored:
    """The file changed after the game started: the game keeps its bank (said once)."""

    message: str


ReloadOutcome = Reloaded | Refused | Ignored

_Stamp = tuple[int, int] | None


def _stamp(path: Path) -> _Stamp:
    try:
        info = os.stat(path)
    except OSError:
        return None
    return (info.st_mtime_ns, info.st_size)


class BankReloader:
    """Watches the bank file of one live game. Call `poll()` about once a second."""

    def __init__(self, path: Path, session: Session, server: QuizServer) -> None:
        self.path = path
        self._session = session
        self._server = server
        self._stamp = _stamp(path)
        self._said_ignored = False

    async def poll(self) -> ReloadOutcome | None:
        """What happened since the last call, or None when the file did not change."""
        stamp = _stamp(self.path)
        if stamp == self._stamp:
            return None
        self._stamp = stamp
        if self._session.game.phase is not Phase.LOBBY:
            if self._said_ignored:
                return None
            self._said_ignored = True
            return Ignored(
                f"{self.path} changed, but the game has started: it goes on with the bank it "
                "began with (edits are picked up only in the lobby)"
            )
        try:
            bank = await asyncio.to_thread(load_bank, self.path)
        except BankError as exc:
            return Refused(tuple(str(problem) for problem in exc.problems) or (str(exc),))
        return await self._use(bank)

    async def _use(self, bank: Bank) -> ReloadOutcome:
        images = {name: file for name, file in bank_images(bank).values()}
        try:
            put_back = self._server.site.set_images(images)
        except (OSError, ValueError) as exc:
            return Refused((f"{self.path}: an image cannot be read: {exc}",))
        try:
            await self._session.use_bank(bank)
        except BankNotChanged as exc:
            put_back()
            return Refused((f"{self.path}: {exc}",))
        return Reloaded(bank.title, len(bank.questions))
