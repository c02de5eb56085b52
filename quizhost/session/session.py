"""The session: where the pure game core meets time, sockets and the disk.

It is the only owner of a `Game`. Each command is stamped with the clock and handled by the
core; what it changed is stored (`persist.Persister`), and only once that is durable are its
events turned into frames for the phones (`fanout.Fanout`) and a coalesced view for the host.
The timers (the question deadline, the coalesced updates) are in `timers`.

Call order for a player connection: `join` or `resume` (returns the player id), then any number
of `answer`, then `disconnected`. The host (Textual console or `/ws/host`) calls
`host_command` and reads `host_view()`, and `subscribe` to hear when it changed.
"""

from __future__ import annotations

import asyncio
import logging
import secrets
from collections.abc import Awaitable, Callable, Iterable, Mapping

from quizhost.bank.models import Bank
from quizhost.bank.snapshot import bank_to_json
from quizhost.core import (
    Answer,
    CloseDue,
    Command,
    DisconnectAll,
    ErrorCode,
    Event,
    Game,
    GameSettings,
    HostCommand,
    Join,
    LeaderboardShown,
    Leave,
    Phase,
    PodiumShown,
    Rejected,
    Rejoin,
    SubmitAnswer,
)
from quizhost.protocol import outbound
from quizhost.protocol.screen import ScreenView
from quizhost.session import journal
from quizhost.session.bank_swap import BankNotChanged, store_new_bank
from quizhost.session.config import RestoreError, SessionConfig, wall_clock_ms
from quizhost.session.fanout import Fanout
from quizhost.session.feed import ViewFeed
from quizhost.session.link import Link
from quizhost.session.persist import Persister, SaveFailed, undo_for
from quizhost.session.screen import ScreenFeed
from quizhost.session.shell import SessionShell, new_game_ids
from quizhost.session.timers import Clock, DeadlineTimer
from quizhost.session.views import HostView, PlayerRows, SourceAlert, build_host_view
from quizhost.store import GameRecord, Store

# The config moved; kept importable.
__all__ = ["BankNotChanged", "RestoreError", "Session", "SessionConfig"]

log = logging.getLogger(__name__)

HostListener = Callable[[HostView], None]
ScreenListener = Callable[[ScreenView], None]

SAVE_RETRY_INTERVAL_S = 1.0  # how often what failed to save is tried again on its own


async def _already(events: list[Event]) -> list[Event]:
    return events


#: Host views are spaced by at least a second per this many players: every view carries the
#: whole player list (568 KB at 10,000), and building it holds the loop (docs/performance.md).
HOST_PLAYERS_PER_SECOND = 8000

#: Lobby counts are spaced by at least a second per this many players: each one is a frame to
#: every phone, written while the rest of a lecture hall is still joining (10,000: every 5 s).
LOBBY_PLAYERS_PER_SECOND = 2000


def paced_interval_s(configured_s: float, players: int, players_per_second: int) -> float:
    """Seconds between updates: the configured interval, and at least a second per
    `players_per_second` players, for updates whose cost grows with the class."""
    return max(configured_s, players / players_per_second)


class Session(SessionShell):
    """One running game. Build it with `Session.create` (new) or `Session.restore` (resume)."""

    def __init__(
        self,
        *,
        game: Game,
        store: Store,
        game_id: str,
        pin: str,
        bank: Bank,
        config: SessionConfig,
        clock: Clock = wall_clock_ms,
        journal_seq: int = 0,
    ) -> None:
        """Use `create` or `restore`. `config` is copied, its `{pin}` filled in; never changed."""
        super().__init__(
            store=store, game_id=game_id, pin=pin, bank=bank, config=config, clock=clock
        )
        self.game = game
        self._store = store
        self._persist = Persister(store, game_id, game, journal_seq)
        self._fanout = Fanout(
            game,
            clock=clock,
            image_urls=self._image_urls,
            lobby_interval_s=lambda: self.lobby_interval_s,
            spawn=self._spawn,
        )
        self._deadline = DeadlineTimer(clock, self._on_deadline)
        self._player_rows = PlayerRows()  # the host's rows, rebuilt once per change
        # With extra time the question outlives the class's deadline: the host hears then
        # that it waits for someone (nothing in the game changes at that moment).
        self._class_deadline = DeadlineTimer(clock, self._mark_host_dirty)
        self._host_updates = ViewFeed(self.host_view, lambda: self.host_interval_s, "host")
        self._screen = ScreenFeed(
            game,
            bank,
            names=self.config.names,
            image_urls=self._image_urls,
            pin=pin,
            join_url=self.config.join_url,
        )
        self._screen_updates = ViewFeed(
            self.screen_view, lambda: self.config.screen_update_interval_s, "screen"
        )
        self._retrying: asyncio.Future[None] | None = None
        self._closed = False
        #: Bursts of joins the server noticed; shown to the host (see `set_alerts`).
        self.alerts: tuple[SourceAlert, ...] = ()

    # Making one: a new game, or a stored one brought back.

    @classmethod
    async def create(
        cls,
        bank: Bank,
        store: Store,
        config: SessionConfig | None = None,
        *,
        clock: Clock = wall_clock_ms,
        seed: int | None = None,
        pin: str | None = None,
        settings: GameSettings | None = None,
    ) -> Session:
        """A new game in the lobby, stored (with its bank and rules) before anyone can join."""
        config = config or SessionConfig()
        settings = settings or GameSettings()
        seed, pin, game_id = new_game_ids(seed, pin)
        await store.create_game(
            game_id,
            pin=pin,
            bank_title=bank.title,
            bank_path=str(bank.source or ""),
            seed=seed,
            created_at_ms=clock(),
            bank_json=bank_to_json(bank),
            max_players=config.max_players,
            settings_json=journal.settings_to_json(settings),
        )
        game = Game(bank, seed=seed, max_players=config.max_players, settings=settings)
        return cls(
            game=game, store=store, game_id=game_id, pin=pin, bank=bank, config=config, clock=clock
        )

    @classmethod
    async def restore(
        cls,
        store: Store,
        record: GameRecord,
        config: SessionConfig,
        *,
        clock: Clock = wall_clock_ms,
    ) -> Session:
        """The stored game as it was when its process stopped, rebuilt by replaying its journal.

        Every player is disconnected until their phone sends `resume` with its old token (the
        signing secret is in the store). A question whose deadline passed while the server was
        down closes at once, and its reveal goes to whoever has reconnected.
        """
        try:
            rebuilt = await journal.rebuild(store, record)
        except journal.JournalError as exc:
            raise RestoreError(str(exc)) from exc
        game = rebuilt.game
        game.max_players = config.max_players
        session = cls(
            game=game,
            store=store,
            game_id=record.id,
            pin=record.pin,
            bank=rebuilt.bank,
            config=config,
            clock=clock,
            journal_seq=rebuilt.last_seq,
        )
        for _at, _command, events in rebuilt.steps:
            session._screen.observe(events)
            for event in events:
                if isinstance(event, LeaderboardShown | PodiumShown):
                    session._fanout.remember_ranking(event.entries, event.teams)
        if game.connected_count:
            await session._execute(DisconnectAll())  # their sockets died with us
        session._follow_deadlines()
        return session

    # Players.

    @property
    def links(self) -> Mapping[str, Link]:
        """The connected players' links by player id (read-only)."""
        return self._fanout.links

    @property
    def player_count(self) -> int:
        return self.game.active_count

    async def join(
        self, link: Link, name: str, team: str | None = None, device: str | None = None
    ) -> str:
        """Add a player (in `team`, or the smallest, in a team game); once stored, send
        `welcome` and the current state. Raises Rejected (`kicked` for a kicked `device`)."""
        player_id = secrets.token_urlsafe(8)
        await self._join_named(
            name,
            lambda name: self._execute(
                Join(player_id=player_id, name=name, team=team, device=device)
            ),
        )
        self._attach(player_id, link)
        return player_id

    async def resume(self, link: Link, token: str, device: str | None = None) -> str:
        """Bring a player back on a new connection; an older one is closed. Raises Rejected
        (`kicked` for a kicked `device`, whatever the token)."""
        player_id = self._player_of(token)
        # Journaled: auto-close counts on it, and the device seen with the player is kept.
        await self._execute(Rejoin(player_id=player_id, device=device))
        self._attach(player_id, link)
        return player_id

    async def answer(self, player_id: str, question: int, answer: Answer) -> None:
        """Accept an answer and acknowledge it once it is durable. Raises Rejected.

        The ack goes before anything the answer caused (the reveal, when it was the last one
        auto-close waited for), so the phone hears of its answer before the result.
        """
        await self._execute(
            SubmitAnswer(player_id=player_id, question=question, answer=answer),
            first=(player_id, outbound.answer_ack_frame(question)),
        )

    def disconnected(self, player_id: str, link: Link) -> None:
        """The player's connection closed (the player stays in the game)."""
        if not self._fanout.detach(player_id, link):
            return  # an older connection, already replaced
        try:  # handled now, so a resume right after comes after it; journaled (auto-close)
            self._spawn(self._execute(Leave(player_id=player_id)))
        except Rejected:
            return  # kicked meanwhile

    def _attach(self, player_id: str, link: Link) -> None:
        player = self.game.players[player_id]
        token = self._token_for(player_id)
        welcome = outbound.welcome_frame(
            player_id, player.name, token, self.game.phase.value, player.team
        )
        self._fanout.attach(player_id, link, welcome)

    # Host.

    async def host_command(self, command: HostCommand) -> None:
        """Run a host command; returns once it is durable and sent. Raises Rejected."""
        await self._execute(command)

    def host_view(self) -> HostView:
        return build_host_view(
            self.game,
            game_id=self.game_id,
            pin=self.pin,
            join_url=self.config.join_url,
            now_ms=self._clock(),
            image_urls=self._image_urls,
            leaderboard=self._fanout.ranking[: outbound.LEADERBOARD_SIZE],
            max_players=self.config.max_players,
            warning=self.warning,
            alerts=self.alerts,
            rows=self._player_rows,
        )

    async def use_bank(self, bank: Bank) -> None:
        """Play `bank` instead: the bank file changed while the game is in the lobby. Players
        who joined stay; BankNotChanged (the old bank stays) says why not (bank_swap.py)."""
        await store_new_bank(self._store, self.game_id, self.bank, bank, self._in_lobby)
        self.game.use_bank(bank)
        self.bank = bank
        self._use_images(bank)
        self._screen.use_bank(bank)
        self._mark_host_dirty()
        self._screen_updates.changed()

    def _in_lobby(self) -> bool:
        return self.game.phase is Phase.LOBBY

    def set_alerts(self, alerts: Iterable[SourceAlert]) -> None:
        """Replace the alerts the host sees (the server's per-address view of joins)."""
        self.alerts = tuple(alerts)
        self._mark_host_dirty()

    def subscribe(self, listener: HostListener) -> Callable[[], None]:
        """Call `listener` with a fresh HostView whenever the game changed (coalesced)."""
        return self._host_updates.subscribe(listener)

    # The big screen: it reads, never commands.

    def screen_view(self) -> ScreenView:
        return self._screen.view(self._clock())

    def subscribe_screen(self, listener: ScreenListener) -> Callable[[], None]:
        """Call `listener` with a fresh ScreenView now and whenever the game changed
        (coalesced to `screen_update_interval_s`)."""
        return self._screen_updates.subscribe(listener)

    async def close(self) -> None:
        """Stop the timers and wait for writes in flight; the store is closed by its owner."""
        self._closed = True
        if self._retrying is not None:
            self._retrying.cancel()
        self._deadline.stop()
        self._class_deadline.stop()
        self._host_updates.stop()
        self._screen_updates.stop()
        self._fanout.stop()
        await self._wait_for_tasks()

    # The one path of every journaled command.

    def _execute(
        self, command: Command, *, first: tuple[str, bytes] | None = None
    ) -> Awaitable[list[Event]]:
        """Handle now (raises Rejected at once), then store, then tell; await the result.

        The core sees the command and its writes are queued before this returns, so a
        command started from a callback (a closed socket) keeps its place. `first` (player
        id, frame) is sent before the events.
        """
        now = self._clock()
        events = self.game.handle(command, now)  # raises Rejected; then nothing changed
        self._player_rows.observe(events)
        self._follow_deadlines()
        if not events:
            return _already(events)
        return self._store_then_tell(
            command, events, self._persist.save(command, events, now), first
        )

    async def _store_then_tell(
        self,
        command: Command,
        events: list[Event],
        saving: Awaitable[None],
        first: tuple[str, bytes] | None,
    ) -> list[Event]:
        try:
            await saving
        except SaveFailed as failure:
            return self._saving_failed(command, events, failure)
        if not self._persist.waiting:
            self.warning = None
        if first is not None:
            self._fanout.send_to(*first)
        self._dispatch(events)
        return events

    def _saving_failed(
        self, command: Command, events: list[Event], failure: SaveFailed
    ) -> list[Event]:
        """A write failed (disk full, database locked too long): keep the game going.

        A join or an answer is taken back and the player asked to try again: it was never
        acknowledged. Anything else (host commands, a question closing) cannot be taken back
        once the game moved on: it stays, and is written again, whole and in order, ahead of
        the next write or by a retry every second, until it is stored. The host sees a
        warning until then.
        """
        log.error("saving failed: %s", failure)
        undo = undo_for(command)
        if undo is not None:
            try:
                undone = self.game.handle(undo, self._clock())
                self._player_rows.observe(undone)
                self._dispatch(undone)
            except Rejected:  # the question closed meanwhile: the answer stands
                undo = None
        if undo is None:
            self._persist.keep(failure.unit)
            self._dispatch(events)
            self._retry_saving()
        else:
            self._persist.drop(failure.unit)
        pending = self._persist.waiting
        waiting = {0: "", 1: "; 1 change waits to be saved"}.get(
            pending, f"; {pending} changes wait to be saved"
        )
        self.warning = f"Saving to the database failed ({failure}). The game goes on{waiting}."
        self._host_updates.mark()
        if isinstance(command, SubmitAnswer | Join):
            what = "answer" if isinstance(command, SubmitAnswer) else "join"
            raise Rejected(
                ErrorCode.STORE_FAILED,
                f"your {what} could not be saved: please try again in a moment",
            ) from failure
        return events

    def _retry_saving(self) -> None:
        """Write what the game kept without waiting for the next command (the class may be
        looking at a question while nobody answers)."""
        if self._retrying is None and not self._closed:
            self._retrying = asyncio.ensure_future(self._retry_until_saved())

    async def _retry_until_saved(self) -> None:
        try:
            while self._persist.waiting and not self._closed:
                await asyncio.sleep(SAVE_RETRY_INTERVAL_S)
                if await self._persist.flush():
                    break
            if not self._persist.waiting and self.warning is not None:
                self.warning = None
                self._host_updates.mark()
        finally:
            self._retrying = None

    def _dispatch(self, events: list[Event]) -> None:
        self._fanout.dispatch(events)
        self._screen.observe(events)
        self._mark_host_dirty()
        self._screen_updates.changed()

    # Timers.

    def _follow_deadlines(self) -> None:
        game = self.game
        self._deadline.follow(game.due_ms)
        marked = game.extra_time and game.deadline_ms != game.due_ms
        self._class_deadline.follow(game.deadline_ms if marked else None)

    def _on_deadline(self) -> None:
        self._spawn(self._execute(CloseDue()))  # allowed in every phase: never rejected

    def _mark_host_dirty(self) -> None:
        self._host_updates.changed()

    @property
    def host_interval_s(self) -> float:
        configured = self.config.host_update_interval_s
        return paced_interval_s(configured, self.player_count, HOST_PLAYERS_PER_SECOND)

    @property
    def lobby_interval_s(self) -> float:
        configured = self.config.lobby_update_interval_s
        return paced_interval_s(configured, self.player_count, LOBBY_PLAYERS_PER_SECOND)
