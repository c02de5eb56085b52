"""What every session kind shares around its core: who the game is, its tokens, its tasks.

The live `Session` and the `SelfPacedSession` differ in their core and in what they send, not
in this: a game id and PIN, the bank and its images, the config with the PIN filled in, the
players' reconnect tokens, the clock, and the background tasks that `close` waits for. One
base class keeps these alike, so a fix to one session kind cannot miss the other.
"""

from __future__ import annotations

import asyncio
import logging
import random
import secrets
from collections.abc import Awaitable, Callable

from attrs import evolve

from quizhost.bank.models import Bank
from quizhost.core import ErrorCode, Rejected
from quizhost.session.config import SessionConfig, bank_images, wall_clock_ms
from quizhost.session.names import join_with_a_friendly_name
from quizhost.session.timers import Clock
from quizhost.session.tokens import BadToken, TokenSigner
from quizhost.store import Store

log = logging.getLogger(__name__)

CLOSE_WAIT_S = 5.0  # how long `close` waits for the writes and sends in flight


def new_game_ids(seed: int | None, pin: str | None) -> tuple[int, str, str]:
    """A new game's seed, PIN and id: the seed and PIN given (tests and replays pin them), or
    fresh random ones; the id is always new."""
    seed = secrets.randbits(31) if seed is None else seed
    pin = pin or f"{secrets.randbelow(900_000) + 100_000}"
    return seed, pin, secrets.token_hex(8)


class SessionShell:
    """The identity, tokens, names and tasks of one running game, whatever its kind."""

    def __init__(
        self,
        *,
        store: Store,
        game_id: str,
        pin: str,
        bank: Bank,
        config: SessionConfig,
        clock: Clock = wall_clock_ms,
    ) -> None:
        """`config` is copied, its `{pin}` filled in; never changed."""
        self.game_id = game_id
        self.pin = pin
        self.bank = bank
        self.config = evolve(config, join_url=config.join_url.replace("{pin}", pin))
        self._image_urls: dict[str, str] = {}  # bank path -> URL; shared, so kept in place
        self._use_images(bank)
        self._signer = TokenSigner(store.secret())
        self._clock = clock
        self._name_rng = random.Random()
        self._tasks: set[asyncio.Task[None]] = set()
        #: Shown to the host while something could not be saved; None when all is stored.
        self.warning: str | None = None

    def _use_images(self, bank: Bank) -> None:
        """Serve `bank`'s images under /images/. The URL map is updated in place: the parts
        that draw questions (fan-out, big screen, students' screens) hold the same dict."""
        self.images = bank_images(bank)
        self._image_urls.clear()
        self._image_urls.update({rel: f"/images/{name}" for rel, (name, _) in self.images.items()})

    # Players' names and tokens.

    async def _join_named(self, name: str, join: Callable[[str], Awaitable[object]]) -> None:
        """Run `join(name)` under the name policy: with `name` once it passes the blocklist,
        or with a friendly name the server picks (retried while taken). Raises Rejected."""
        if self.config.names.friendly:
            await join_with_a_friendly_name(self.config.names, self._name_rng, join)
        else:
            self.config.names.check(name)
            await join(name)

    def _player_of(self, token: str) -> str:
        """The player id a `resume` token proves; Rejected (bad_token) for the phone if not."""
        try:
            return self._signer.verify(token, self.game_id)
        except BadToken as exc:
            raise Rejected(ErrorCode.BAD_TOKEN, str(exc)) from exc

    def _token_for(self, player_id: str) -> str:
        """A fresh reconnect token for the player, sent with every `welcome`."""
        return self._signer.issue(self.game_id, player_id, ttl_s=self.config.token_ttl_s)

    # Background tasks: started from callbacks, awaited by `close`.

    def _spawn(self, awaitable: Awaitable[object]) -> None:
        """Run `awaitable` on its own; a failure is logged, never lost or raised elsewhere."""

        async def run() -> None:
            try:
                await awaitable
            except Exception:
                log.exception("background task failed")

        task = asyncio.ensure_future(run())
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _wait_for_tasks(self) -> None:
        """Let the tasks in flight finish (at most `CLOSE_WAIT_S`), as `close` promises."""
        if self._tasks:
            await asyncio.wait(list(self._tasks), timeout=CLOSE_WAIT_S)
