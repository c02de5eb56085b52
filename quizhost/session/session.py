"""The session: where the pure game core meets time, sockets and the disk.

It is the only owner of a `Game`. Each command is stamped with the clock, handled by the core,
appended to the store's command log together with what it changed, and only once that is
durable are its events turned into frames (one serialisation per audience, sent with
`websockets.broadcast`). It also owns the timers: the question deadline, the coalesced
`host_state` updates and the coalesced lobby counts.

Call order for a player connection: `join` or `resume` (returns the player id), then any number
of `answer`, then `disconnected`. The host (Textual console or `/ws/host`) calls
`host_command` and reads `host_view()`, and `subscribe` to hear when it changed.
"""

from __future__ import annotations

import asyncio
import logging
import random
import secrets
import time
from collections.abc import Awaitable, Callable, Iterable
from pathlib import Path

from attrs import define, field
from websockets.asyncio.server import ServerConnection, broadcast

from quizhost.bank.models import Bank
from quizhost.bank.snapshot import SnapshotError, bank_from_json, bank_to_json
from quizhost.core import (
    Answer,
    AnswerAccepted,
    CloseDue,
    Command,
    ErrorCode,
    Event,
    Forget,
    Game,
    GameEnded,
    HostCommand,
    Join,
    LeaderboardEntry,
    LeaderboardShown,
    Leave,
    Paused,
    Phase,
    PlayerJoined,
    PlayerKicked,
    PodiumShown,
    QuestionClosed,
    QuestionOpened,
    Rejected,
    Rejoin,
    Resumed,
    SubmitAnswer,
    TimeAdded,
    UndoAnswer,
)
from quizhost.protocol import outbound
from quizhost.server.tokens import BadToken, TokenSigner
from quizhost.session import journal
from quizhost.session.names import NamePolicy
from quizhost.session.views import HostView, SourceAlert, build_host_view
from quizhost.store import GameRecord, Store

log = logging.getLogger(__name__)

Clock = Callable[[], int]
HostListener = Callable[[HostView], None]

CLOSE_KICKED = 4003  # application close codes (4000-4999): the page must not reconnect
CLOSE_REPLACED = 4001


@define
class _Unsaved:
    """A journal entry whose write failed, written again with every later write."""

    seq: int
    at_ms: int
    kind: str
    payload: dict[str, object]


def _undo_for(command: Command) -> Command | None:
    """The command that takes back a player command whose write failed."""
    if isinstance(command, SubmitAnswer):
        return UndoAnswer(player_id=command.player_id, question=command.question)
    if isinstance(command, Join):
        return Forget(player_id=command.player_id)
    return None


def _reason(failure: BaseException) -> str:
    cause = failure.__cause__ or failure
    return str(cause) or type(cause).__name__


class RestoreError(Exception):
    """A stored game cannot be brought back; the message says why."""


def send_frame(link: ServerConnection, frame: bytes) -> None:
    """Queue one pre-serialised frame on one connection without waiting (no-op once closed)."""
    broadcast((link,), frame, text=True)


def wall_clock_ms() -> int:
    """Milliseconds since the epoch: deadlines stay meaningful across a restart."""
    return time.time_ns() // 1_000_000


@define
class SessionConfig:
    max_players: int = 2000
    names: NamePolicy = field(factory=NamePolicy)
    join_url: str = ""  # the URL the QR code encodes, with the PIN
    token_ttl_s: int = 12 * 3600
    host_update_interval_s: float = 0.25
    lobby_update_interval_s: float = 1.0


def bank_images(bank: Bank) -> dict[str, tuple[str, Path]]:
    """Each image path used in the bank -> (URL name under /images/, file on disk)."""
    images: dict[str, tuple[str, Path]] = {}
    if bank.directory is None:
        return images
    for question in bank.questions:
        if question.image and question.image not in images:
            path = bank.directory / question.image
            images[question.image] = (f"{len(images)}{path.suffix.lower()}", path)
    return images


class Session:
    """One running game. Build it with `Session.create` (new) or `Session.restore` (resume)."""

    def __init__(
        self,
        *,
        game: Game,
        store: Store,
        signer: TokenSigner,
        game_id: str,
        pin: str,
        bank: Bank,
        config: SessionConfig,
        clock: Clock = wall_clock_ms,
        journal_seq: int = 0,
    ) -> None:
        self.game = game
        self.game_id = game_id
        self.pin = pin
        self.bank = bank
        self.config = config
        self.images = bank_images(bank)
        self._image_urls = {rel: f"/images/{name}" for rel, (name, _) in self.images.items()}
        self._store = store
        self._signer = signer
        self._clock = clock
        self._seq = journal_seq
        self._links: dict[str, ServerConnection] = {}
        self._listeners: list[HostListener] = []
        self._tasks: set[asyncio.Task[None]] = set()
        self._deadline_timer: asyncio.TimerHandle | None = None
        self._scheduled_deadline: int | None = None
        self._host_timer: asyncio.TimerHandle | None = None
        self._last_host_flush = 0.0
        self._lobby_timer: asyncio.TimerHandle | None = None
        self._lobby_sent = -1
        self._ranking: tuple[LeaderboardEntry, ...] = ()
        self._ranking_by_id: dict[str, LeaderboardEntry] = {}
        self._closed = False
        self._unsaved: list[_Unsaved] = []
        self._name_rng = random.Random()
        #: Shown to the host while something could not be saved; None when all is stored.
        self.warning: str | None = None
        #: Bursts of joins the server noticed; shown to the host (see `set_alerts`).
        self.alerts: tuple[SourceAlert, ...] = ()

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
    ) -> Session:
        """A new game in the lobby, stored before anyone can join it."""
        config = config or SessionConfig()
        seed = secrets.randbits(31) if seed is None else seed
        pin = pin or f"{secrets.randbelow(900_000) + 100_000}"
        game_id = secrets.token_hex(8)
        await store.create_game(
            game_id,
            pin=pin,
            bank_title=bank.title,
            bank_path=str(bank.source or ""),
            seed=seed,
            created_at_ms=clock(),
            bank_json=bank_to_json(bank),
            max_players=config.max_players,
        )
        signer = TokenSigner(store.secret())
        game = Game(bank, seed=seed, max_players=config.max_players)
        if "{pin}" in config.join_url:
            config.join_url = config.join_url.format(pin=pin)
        return cls(
            game=game,
            store=store,
            signer=signer,
            game_id=game_id,
            pin=pin,
            bank=bank,
            config=config,
            clock=clock,
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
            if record.bank_json is None:
                raise RestoreError(f"game {record.id} was stored without its bank")
            bank = bank_from_json(record.bank_json)
        except SnapshotError as exc:
            raise RestoreError(f"game {record.id}: {exc}") from exc
        game = Game(bank, seed=record.seed, max_players=journal.REPLAY_MAX_PLAYERS)
        commands = await store.commands(record.id)
        ranking: tuple[LeaderboardEntry, ...] = ()
        try:
            for _at, _command, events in journal.replay(
                game, [(c.at_ms, c.kind, c.payload) for c in commands]
            ):
                for event in events:
                    if isinstance(event, LeaderboardShown | PodiumShown):
                        ranking = event.entries
        except journal.JournalError as exc:
            raise RestoreError(f"game {record.id}: {exc}") from exc
        game.max_players = config.max_players
        now = clock()
        for player in list(game.players.values()):
            if player.connected and not player.kicked:
                game.handle(Leave(player_id=player.id), now)  # their sockets died with us
        if "{pin}" in config.join_url:
            config.join_url = config.join_url.format(pin=record.pin)
        session = cls(
            game=game,
            store=store,
            signer=TokenSigner(store.secret()),
            game_id=record.id,
            pin=record.pin,
            bank=bank,
            config=config,
            clock=clock,
            journal_seq=commands[-1].seq if commands else 0,
        )
        session._remember_ranking(ranking)
        session._reschedule_deadline()
        return session

    # Players.

    @property
    def player_count(self) -> int:
        return self.game.active_count

    async def join(self, link: ServerConnection, name: str) -> str:
        """Add a player; once stored, send `welcome` and the current state. Raises Rejected."""
        player_id = secrets.token_urlsafe(8)
        if not self.config.names.friendly:
            self.config.names.check(name)
            await self._execute(Join(player_id=player_id, name=name))
        else:
            await self._join_with_a_friendly_name(player_id)
        self._attach(player_id, link)
        return player_id

    async def _join_with_a_friendly_name(self, player_id: str) -> None:
        """Friendly-name mode: the server names the player, retrying names already taken."""
        for attempt in range(100):
            name = self.config.names.friendly_name(self._name_rng)
            if attempt >= 50:
                name = f"{name} {attempt}"  # 900 pairs taken: number them
            try:
                await self._execute(Join(player_id=player_id, name=name))
                return
            except Rejected as exc:
                if exc.code is not ErrorCode.NAME_TAKEN:
                    raise
        raise Rejected(ErrorCode.GAME_FULL, "no free friendly name is left")

    async def resume(self, link: ServerConnection, token: str) -> str:
        """Bring a player back on a new connection; an older one is closed. Raises Rejected."""
        try:
            player_id = self._signer.verify(token, self.game_id)
        except BadToken as exc:
            raise Rejected(ErrorCode.BAD_TOKEN, str(exc)) from exc
        events = self.game.handle(Rejoin(player_id=player_id), self._clock())
        old = self._links.get(player_id)
        if old is not None and old is not link:
            self._spawn(old.close(CLOSE_REPLACED, "replaced by a newer connection"))
        self._attach(player_id, link)
        self._dispatch(events)
        return player_id

    async def answer(self, player_id: str, question: int, answer: Answer) -> None:
        """Accept an answer and acknowledge it once it is durable. Raises Rejected."""
        await self._execute(SubmitAnswer(player_id=player_id, question=question, answer=answer))
        link = self._links.get(player_id)
        if link is not None:
            send_frame(link, outbound.answer_ack_frame(question))

    def disconnected(self, player_id: str, link: ServerConnection) -> None:
        """The player's connection closed (the player stays in the game)."""
        if self._links.get(player_id) is not link:
            return  # an older connection, already replaced
        del self._links[player_id]
        try:
            events = self.game.handle(Leave(player_id=player_id), self._clock())
        except Rejected:
            return  # kicked meanwhile
        self._dispatch(events)

    def _attach(self, player_id: str, link: ServerConnection) -> None:
        self._links[player_id] = link
        player = self.game.players[player_id]
        token = self._signer.issue(self.game_id, player_id, ttl_s=self.config.token_ttl_s)
        send_frame(
            link, outbound.welcome_frame(player_id, player.name, token, self.game.phase.value)
        )
        for frame in self._state_frames(player_id):
            send_frame(link, frame)

    def _state_frames(self, player_id: str) -> list[bytes]:
        """What a (re)joining phone needs to land where the game is."""
        game = self.game
        phase = game.phase
        if phase is Phase.LOBBY:
            return [outbound.lobby_frame(self.player_count)]
        if phase in (Phase.QUESTION, Phase.PAUSED) and game.question is not None:
            remaining = game.remaining_ms(self._clock()) or 0
            frames = [outbound.question_frame(game.question, remaining, self._image_url())]
            if phase is Phase.PAUSED:
                frames.append(outbound.PAUSED)
            if game.has_answered(player_id):
                frames.append(outbound.answer_ack_frame(game.question.index))
            return frames
        if phase is Phase.REVEAL and game.last_reveal is not None:
            closed = game.last_reveal
            score, rank = self._score_and_rank(player_id)
            you = outbound.reveal_you(closed.results.get(player_id), score, rank)
            return [outbound.reveal_frame(self._reveal_prefix(closed), you)]
        if phase in (Phase.LEADERBOARD, Phase.PODIUM):
            frame_type, size = (
                ("leaderboard", outbound.LEADERBOARD_SIZE)
                if phase is Phase.LEADERBOARD
                else ("podium", outbound.PODIUM_SIZE)
            )
            prefix = outbound.ranking_prefix(frame_type, self._ranking, size)
            score, rank = self._score_and_rank(player_id)
            return [outbound.ranking_frame(prefix, rank, score)]
        return [outbound.ENDED]

    def _score_and_rank(self, player_id: str) -> tuple[int, int]:
        entry = self._ranking_by_id.get(player_id)
        if entry is not None:
            return entry.score, entry.rank
        for ranked in self.game.ranking():  # a newcomer since the last ranking: rare
            if ranked.player_id == player_id:
                return ranked.score, ranked.rank
        return 0, self.player_count

    # Host.

    async def host_command(self, command: HostCommand) -> None:
        """Run a host command; returns once it is durable and sent. Raises Rejected."""
        await self._execute(command)

    def host_view(self) -> HostView:
        top = self._ranking[: outbound.LEADERBOARD_SIZE]
        return build_host_view(
            self.game,
            game_id=self.game_id,
            pin=self.pin,
            join_url=self.config.join_url,
            now_ms=self._clock(),
            image_urls=self._image_urls,
            leaderboard=top,
            max_players=self.config.max_players,
            warning=self.warning,
            alerts=self.alerts,
        )

    def set_alerts(self, alerts: Iterable[SourceAlert]) -> None:
        """Replace the alerts the host sees (the server's per-address view of joins)."""
        self.alerts = tuple(alerts)
        self._mark_host_dirty()

    def subscribe(self, listener: HostListener) -> Callable[[], None]:
        """Call `listener` with a fresh HostView whenever the game changed (coalesced)."""
        self._listeners.append(listener)
        listener(self.host_view())

        def unsubscribe() -> None:
            if listener in self._listeners:
                self._listeners.remove(listener)

        return unsubscribe

    async def close(self) -> None:
        """Stop the timers and wait for writes in flight; the store is closed by its owner."""
        self._closed = True
        for timer in (self._deadline_timer, self._host_timer, self._lobby_timer):
            if timer is not None:
                timer.cancel()
        if self._tasks:
            await asyncio.wait(list(self._tasks), timeout=5)

    # The one path of every journaled command.

    async def _execute(self, command: Command) -> list[Event]:
        now = self._clock()
        events = self.game.handle(command, now)  # raises Rejected; then nothing changed
        self._reschedule_deadline()
        if not events:
            return events
        self._seq += 1
        kind, payload = journal.to_record(command)
        entry = _Unsaved(self._seq, now, kind, payload)
        retried = [(old, self._append(old, retry=True)) for old in self._unsaved]
        writes: list[Awaitable[object]] = [self._append(entry), *(w for _, w in retried)]
        writes.extend(self._writes_for(events, now))
        outcomes = await asyncio.gather(*writes, return_exceptions=True)
        for old, write in retried:
            if write.done() and not write.cancelled() and write.exception() is None:
                self._unsaved.remove(old)
        failure = next((o for o in outcomes if isinstance(o, BaseException)), None)
        if failure is None:
            if not self._unsaved:
                self.warning = None
            self._dispatch(events)
            return events
        return self._saving_failed(command, entry, events, failure)

    def _append(self, entry: _Unsaved, *, retry: bool = False) -> asyncio.Future[None]:
        return self._store.append_command(
            self.game_id, entry.seq, entry.at_ms, entry.kind, entry.payload, retry=retry
        )

    def _saving_failed(
        self, command: Command, entry: _Unsaved, events: list[Event], failure: BaseException
    ) -> list[Event]:
        """A write failed (disk full, database locked too long): keep the game going.

        A join or an answer is taken back and the player asked to try again: it was never
        acknowledged. Anything else (host commands, a question closing) cannot be taken back
        once the game moved on: it stays, and its journal entry is written again with every
        later write until it is stored. The host sees a warning until then.
        """
        log.error("saving failed: %s", failure)
        undo = _undo_for(command)
        if undo is not None:
            try:
                self._dispatch(self.game.handle(undo, self._clock()))
            except Rejected:  # the question closed meanwhile: the answer stands
                undo = None
        if undo is None:
            self._unsaved.append(entry)
            self._dispatch(events)
        pending = len(self._unsaved)
        waiting = {0: "", 1: "; 1 change waits to be saved"}.get(
            pending, f"; {pending} changes wait to be saved"
        )
        self.warning = (
            f"Saving to the database failed ({_reason(failure)}). The game goes on{waiting}."
        )
        self._mark_host_dirty()
        if isinstance(command, SubmitAnswer | Join):
            what = "answer" if isinstance(command, SubmitAnswer) else "join"
            raise Rejected(
                ErrorCode.STORE_FAILED,
                f"your {what} could not be saved: please try again in a moment",
            ) from failure
        return events

    def _writes_for(self, events: Iterable[Event], now: int) -> list[Awaitable[object]]:
        store, game_id = self._store, self.game_id
        writes: list[Awaitable[object]] = []
        for event in events:
            match event:
                case PlayerJoined(player_id=player_id, name=name):
                    writes.append(store.add_player(game_id, player_id, name, now))
                case PlayerKicked(player_id=player_id):
                    writes.append(store.set_kicked(game_id, player_id))
                case AnswerAccepted():
                    writes.append(
                        store.record_answer(
                            game_id=game_id,
                            question_idx=event.question,
                            player_id=event.player_id,
                            answer=outbound.answer_fields(event.answer),
                            received_ms=now,
                            elapsed_ms=event.elapsed_ms,
                            correct=event.correct,
                            points=event.points,
                        )
                    )
                case QuestionOpened(question=question, deadline_ms=deadline_ms):
                    writes.append(
                        store.open_question(
                            game_id,
                            question.index,
                            self.game.bank_index(question.index),
                            now,
                            deadline_ms,
                        )
                    )
                case QuestionClosed(index=index):
                    writes.append(store.close_question(game_id, index, now))
                case GameEnded():
                    writes.append(store.set_game_state(game_id, Phase.ENDED.value, ended_at_ms=now))
        if any(not isinstance(e, AnswerAccepted | PlayerJoined) for e in events):
            writes.append(store.set_game_state(game_id, self.game.phase.value))
        return writes

    # Events to frames.

    def _dispatch(self, events: Iterable[Event]) -> None:
        for event in events:
            match event:
                case PlayerJoined() | PlayerKicked():
                    if isinstance(event, PlayerKicked):
                        self._kick_link(event.player_id)
                    self._mark_lobby_dirty()
                case QuestionOpened(question=question, remaining_ms=remaining_ms):
                    frame = outbound.question_frame(question, remaining_ms, self._image_url())
                    self._broadcast(frame)
                case QuestionClosed():
                    self._send_reveals(event)
                case LeaderboardShown(entries=entries):
                    self._send_ranking("leaderboard", entries, outbound.LEADERBOARD_SIZE)
                case PodiumShown(entries=entries):
                    self._send_ranking("podium", entries, outbound.PODIUM_SIZE)
                case Paused():
                    self._broadcast(outbound.PAUSED)
                case Resumed(remaining_ms=remaining_ms):
                    self._broadcast(outbound.remaining_frame("resumed", remaining_ms))
                case TimeAdded(remaining_ms=remaining_ms):
                    self._broadcast(outbound.remaining_frame("time_added", remaining_ms))
                case GameEnded():
                    self._broadcast(outbound.ENDED)
        self._mark_host_dirty()

    def _reveal_prefix(self, closed: QuestionClosed) -> bytes:
        return outbound.reveal_prefix(closed, self.game.question, self._image_url())

    def _image_url(self) -> str | None:
        question = self.game.question
        if question is None or question.image is None:
            return None
        return self._image_urls.get(question.image)

    def _send_reveals(self, closed: QuestionClosed) -> None:
        prefix = self._reveal_prefix(closed)
        results = closed.results
        for player_id, link in self._links.items():
            result = results.get(player_id)
            if result is None:
                score, rank = self._score_and_rank(player_id)
                you = outbound.reveal_you(None, score, rank)
            else:
                you = outbound.reveal_you(result, result.score, result.rank)
            send_frame(link, outbound.reveal_frame(prefix, you))

    def _remember_ranking(self, entries: tuple[LeaderboardEntry, ...]) -> None:
        self._ranking = entries
        self._ranking_by_id = {entry.player_id: entry for entry in entries}

    def _send_ranking(
        self, frame_type: str, entries: tuple[LeaderboardEntry, ...], size: int
    ) -> None:
        self._remember_ranking(entries)
        prefix = outbound.ranking_prefix(frame_type, entries, size)
        for player_id, link in self._links.items():
            score, rank = self._score_and_rank(player_id)
            send_frame(link, outbound.ranking_frame(prefix, rank, score))

    def _kick_link(self, player_id: str) -> None:
        link = self._links.pop(player_id, None)
        if link is not None:
            send_frame(link, outbound.KICKED)
            self._spawn(link.close(CLOSE_KICKED, "kicked by the host"))

    def _broadcast(self, frame: bytes) -> None:
        broadcast(self._links.values(), frame, text=True)

    # Timers.

    def _reschedule_deadline(self) -> None:
        deadline = self.game.deadline_ms
        if deadline == self._scheduled_deadline or self._closed:
            return
        if self._deadline_timer is not None:
            self._deadline_timer.cancel()
            self._deadline_timer = None
        self._scheduled_deadline = deadline
        if deadline is not None:
            delay = max(0, deadline - self._clock()) / 1000
            loop = asyncio.get_running_loop()
            self._deadline_timer = loop.call_later(delay, self._on_deadline)

    def _on_deadline(self) -> None:
        self._deadline_timer = None
        self._scheduled_deadline = None
        self._spawn(self._execute(CloseDue()))  # allowed in every phase: never rejected

    def _mark_host_dirty(self) -> None:
        if self._host_timer is not None or self._closed or not self._listeners:
            return
        loop = asyncio.get_running_loop()
        wait = self._last_host_flush + self._host_interval() - loop.time()
        self._host_timer = loop.call_later(max(0.0, wait), self._flush_host)

    def _host_interval(self) -> float:
        """Seconds between host views: the configured interval, and at least a second per
        8,000 players, since every view carries the whole player list (568 KB at 10,000)."""
        return max(self.config.host_update_interval_s, self.player_count / 8000)

    def _flush_host(self) -> None:
        self._host_timer = None
        self._last_host_flush = asyncio.get_running_loop().time()
        view = self.host_view()
        for listener in list(self._listeners):
            try:
                listener(view)
            except Exception:  # one broken view must not stop the game
                log.exception("host listener failed")

    def _mark_lobby_dirty(self) -> None:
        if self._lobby_timer is not None or self._closed:
            return
        loop = asyncio.get_running_loop()
        self._lobby_timer = loop.call_later(self.config.lobby_update_interval_s, self._flush_lobby)

    def _flush_lobby(self) -> None:
        self._lobby_timer = None
        if self.game.phase is not Phase.LOBBY:
            return
        count = self.player_count
        if count != self._lobby_sent:
            self._lobby_sent = count
            self._broadcast(outbound.lobby_frame(count))

    def _spawn(self, awaitable: Awaitable[object]) -> None:
        async def run() -> None:
            try:
                await awaitable
            except Exception:
                log.exception("background task failed")

        task = asyncio.ensure_future(run())
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
