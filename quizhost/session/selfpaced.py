"""The self-paced session: an `Assignment` meets time, sockets and the disk.

The same durable path as the live session: each command is stamped with the wall clock,
handled by the core, journaled and committed, and only then are its events sent (an answer is
acknowledged once it is on disk). Per student there is at most one timer (their question's
deadline, or the auto-advance of their result); one more ends the assignment after `until`.
The host gets a coalesced `ProgressView` (at most one every half second).

Call order for a player connection is the live session's: `join` or `resume`, any number of
`answer` and `next`, then `disconnected`. The server tells the two sessions apart by type.
"""

from __future__ import annotations

import contextlib
import logging
import secrets
from collections.abc import Callable, Mapping
from types import MappingProxyType
from typing import Final

from attrs import evolve

from quizhost.bank.models import Bank
from quizhost.core import (
    Answer,
    End,
    GameEnded,
    GameSettings,
    Join,
    Kick,
    Leave,
    PlayerKicked,
    Rejected,
    Rejoin,
    SubmitAnswer,
)
from quizhost.core.assignment import (
    Advance,
    Assignment,
    AssignmentCommand,
    AssignmentEvent,
    ServerBack,
    Step,
    StudentFinished,
    StudentQuestion,
    StudentResult,
    TimeUp,
)
from quizhost.protocol import CLOSE_KICKED, CLOSE_REPLACED, outbound
from quizhost.session.assignment_journal import (
    AssignmentPersister,
    rebuild_assignment,
    store_new_assignment,
)
from quizhost.session.config import SessionConfig, wall_clock_ms
from quizhost.session.link import Link
from quizhost.session.persist import SaveFailed
from quizhost.session.progress import ProgressBuilder, ProgressView
from quizhost.session.progress_feed import ProgressListener, progress_feed
from quizhost.session.shell import SessionShell, new_game_ids
from quizhost.session.student_screens import StudentScreens
from quizhost.session.student_timers import StudentTimers
from quizhost.session.timers import Clock, DeadlineTimer
from quizhost.store import GameRecord, Store

log = logging.getLogger(__name__)


class SelfPacedSession(SessionShell):
    """One running assignment. Build it with `create` (new) or `restore` (resume)."""

    self_paced: Final = True

    def __init__(
        self,
        *,
        assignment: Assignment,
        store: Store,
        game_id: str,
        pin: str,
        bank: Bank,
        config: SessionConfig,
        clock: Clock = wall_clock_ms,
        journal_seq: int = 0,
    ) -> None:
        super().__init__(
            store=store, game_id=game_id, pin=pin, bank=bank, config=config, clock=clock
        )
        self.assignment = assignment
        self._persist = AssignmentPersister(
            store,
            game_id,
            journal_seq,
            lambda student, index: assignment.runs[student].questions[index].bank_index,
        )
        self._links: dict[str, Link] = {}
        self._timers = StudentTimers(clock, self._on_due)
        self._end_timer = DeadlineTimer(clock, self._on_end)
        self._views = ProgressBuilder(assignment)
        self._screens = StudentScreens(assignment, clock, self._image_urls)
        self._feed = progress_feed(self.progress)
        self._stopped = False

    # Making one.

    @classmethod
    async def create(
        cls,
        bank: Bank,
        store: Store,
        config: SessionConfig | None = None,
        *,
        settings: GameSettings | None = None,
        clock: Clock = wall_clock_ms,
        seed: int | None = None,
        pin: str | None = None,
    ) -> SelfPacedSession:
        """A new assignment, open at once, stored (bank, rules, one row per question) first."""
        config = config or SessionConfig()
        settings = evolve(settings or GameSettings(), self_paced=True)
        seed, pin, game_id = new_game_ids(seed, pin)
        await store_new_assignment(
            store,
            bank,
            settings,
            game_id,
            pin=pin,
            seed=seed,
            now=clock(),
            max_players=config.max_players,
        )
        work = Assignment(bank, seed=seed, max_players=config.max_players, settings=settings)
        session = cls(
            assignment=work,
            store=store,
            game_id=game_id,
            pin=pin,
            bank=bank,
            config=config,
            clock=clock,
        )
        session._follow_end()
        return session

    @classmethod
    async def restore(
        cls,
        store: Store,
        record: GameRecord,
        config: SessionConfig,
        *,
        clock: Clock = wall_clock_ms,
    ) -> SelfPacedSession:
        """The stored assignment with every student's place, rebuilt from its journal.

        Everyone is disconnected until their phone resumes. The outage is given back: every
        running question's clock moves on by the time since the last stored command.
        """
        rebuilt = await rebuild_assignment(store, record)
        work, last_at = rebuilt.assignment, rebuilt.last_at_ms
        work.max_players = config.max_players
        now = clock()
        for run in list(work.runs.values()):
            if run.player.connected and not run.player.kicked:
                work.handle(Leave(player_id=run.player.id), now)
        session = cls(
            assignment=work,
            store=store,
            game_id=record.id,
            pin=record.pin,
            bank=rebuilt.bank,
            config=config,
            clock=clock,
            journal_seq=rebuilt.last_seq,
        )
        if last_at is not None and last_at < now and not work.ended:
            await session._execute(ServerBack(since_ms=last_at))
        for player_id in work.runs:
            session._follow(player_id)
        session._follow_end()
        return session

    # Players.

    @property
    def links(self) -> Mapping[str, Link]:
        return MappingProxyType(self._links)

    @property
    def player_count(self) -> int:
        return self.assignment.active_count

    def in_game(self, player_id: str) -> bool:
        """Whether this student joined and was not removed."""
        run = self.assignment.runs.get(player_id)
        return run is not None and not run.player.kicked

    @property
    def in_progress(self) -> bool:
        return not self.assignment.ended

    async def join(self, link: Link, name: str, team: str | None = None) -> str:
        """Add a student; once stored, send `welcome` and the lobby (Start). Raises Rejected.
        An assignment has no teams: a `team` the page sends is ignored."""
        player_id = secrets.token_urlsafe(8)
        await self._join_named(
            name, lambda name: self._execute(Join(player_id=player_id, name=name))
        )
        self._attach(player_id, link)
        return player_id

    async def resume(self, link: Link, token: str) -> str:
        """Bring a student back where they were. Raises Rejected."""
        player_id = self._player_of(token)
        run = self.assignment.runs.get(player_id)
        if run is not None and run.step is Step.QUESTION and self._clock() >= run.deadline_ms:
            await self._execute(TimeUp(player_id=player_id))  # ran out while away: journaled
        self.assignment.handle(Rejoin(player_id=player_id), self._clock())
        self._views.changed(player_id)
        self._attach(player_id, link)
        self._follow(player_id)
        self._feed.changed()
        return player_id

    async def answer(self, player_id: str, question: int, answer: Answer) -> None:
        """Accept an answer: acknowledged once durable, then the student's result."""
        await self._execute(
            SubmitAnswer(player_id=player_id, question=question, answer=answer),
            ack=outbound.answer_ack_frame(question),
        )

    async def next(self, player_id: str, after: int) -> None:
        """The student taps "Start" or "Next" on the result of question `after`."""
        await self._execute(Advance(player_id=player_id, after=after))

    def disconnected(self, player_id: str, link: Link) -> None:
        if self._links.get(player_id) is not link:
            return
        del self._links[player_id]
        try:
            self.assignment.handle(Leave(player_id=player_id), self._clock())
        except Rejected:
            return
        self._follow(player_id)  # no auto-advance for someone who is not there
        self._views.changed(player_id)
        self._feed.changed()

    # Host.

    async def host_command(self, command: End | Kick) -> None:
        """End the assignment or remove a student. Raises Rejected."""
        await self._execute(command)

    def progress(self) -> ProgressView:
        return self._views.build(
            pin=self.pin,
            join_url=self.config.join_url,
            now_ms=self._clock(),
            warning=self.warning,
        )

    def subscribe(self, listener: ProgressListener) -> Callable[[], None]:
        """Call `listener` with a fresh ProgressView whenever students progressed (coalesced)."""
        return self._feed.subscribe(listener)

    async def close(self) -> None:
        self._stopped = True
        self._timers.cancel_all()
        self._end_timer.stop()
        self._feed.stop()
        await self._wait_for_tasks()

    # The one path of every journaled command.

    async def _execute(
        self, command: AssignmentCommand, ack: bytes | None = None
    ) -> list[AssignmentEvent]:
        now = self._clock()
        events = self.assignment.handle(command, now)  # raises Rejected; nothing changed
        if events:
            try:
                await self._save(command, events, now)
            except SaveFailed as failure:
                self._saving_failed(command, failure)
                ack = None  # not durable yet: kept, and written again with the next save
        if ack is not None:
            player_id = getattr(command, "player_id", "")
            self._send(player_id, ack)
        self._dispatch(events)
        return events

    async def _save(
        self, command: AssignmentCommand, events: list[AssignmentEvent], now: int
    ) -> None:
        """Journal `command` with the rows it changed, as one unit; raises SaveFailed."""
        await self._persist.save_assignment(command, events, now)
        if not self._persist.waiting:
            self.warning = None

    def _saving_failed(self, command: AssignmentCommand, failure: SaveFailed) -> None:
        """A write failed. Nothing is taken back from a student's own run (it cannot be
        rewound as a live question's answers can): the command stays and is written again,
        in order, with the next save; the student gets no ack for it, and the host sees a
        warning until it is stored."""
        log.error("saving failed: %s", failure)
        self._persist.keep(failure.unit)
        pending = self._persist.waiting
        self.warning = (
            f"Saving to the database failed ({failure}). The assignment goes on; "
            f"{pending} change{'s' if pending != 1 else ''} wait to be saved."
        )
        self._feed.changed()

    # Events to frames.

    def _dispatch(self, events: list[AssignmentEvent]) -> None:
        for event in events:
            student = getattr(event, "player_id", None)
            if student is not None:
                self._views.changed(student)
            match event:
                case StudentQuestion(player_id=pid, question=question, remaining_ms=remaining):
                    self._send(pid, self._screens.question(pid, question, remaining))
                    self._follow(pid)
                case StudentResult(player_id=pid):
                    self._send(pid, self._screens.result(pid))
                    self._follow(pid)
                case StudentFinished(player_id=pid):
                    self._send(pid, self._screens.podium(pid))
                    self._follow(pid)
                case PlayerKicked(player_id=pid):
                    self._follow(pid)
                    link = self._links.pop(pid, None)
                    if link is not None:
                        link.send(outbound.KICKED)
                        self._spawn(link.close(CLOSE_KICKED, "removed by the teacher"))
                case GameEnded():
                    for link in self._links.values():
                        link.send(outbound.ENDED)
                    self._end_timer.follow(None)
        if events:
            self._feed.changed()

    def _attach(self, player_id: str, link: Link) -> None:
        run = self.assignment.runs[player_id]
        old = self._links.get(player_id)
        if old is not None and old is not link:
            self._spawn(old.close(CLOSE_REPLACED, "replaced by a newer connection"))
        self._links[player_id] = link
        token = self._token_for(player_id)
        link.send(self._screens.welcome(run, token))
        link.send(self._screens.state(run))

    def _send(self, player_id: str, frame: bytes) -> None:
        link = self._links.get(player_id)
        if link is not None:
            link.send(frame)

    # Timers: one per student at most, and the end of the assignment.

    def _follow(self, player_id: str) -> None:
        """Aim the student's timer at what the core says is due next (after every command)."""
        self._timers.aim(player_id, None if self._stopped else self.assignment.due_ms(player_id))

    def _on_due(self, player_id: str) -> None:
        run = self.assignment.runs.get(player_id)
        if run is None:
            return
        command: AssignmentCommand = (
            TimeUp(player_id=player_id)
            if run.step is Step.QUESTION
            else Advance(player_id=player_id, after=run.position)
        )
        self._spawn(self._quietly(command))

    async def _quietly(self, command: AssignmentCommand) -> None:
        """A timer's command: one that no longer fits (the student tapped first) is dropped."""
        with contextlib.suppress(Rejected):
            await self._execute(command)

    def _follow_end(self) -> None:
        """Aim the end timer at `until` (set at start and after a restore only: `_on_end`
        re-aims it while questions begun before `until` still run; `ends_ms` is a scan of
        every student, too dear to run after every command)."""
        self._end_timer.follow(self.assignment.ends_ms())

    def _on_end(self) -> None:
        ends = self.assignment.ends_ms()
        if ends is None:
            return
        if ends > self._clock():
            self._follow_end()  # a question was still running: wait for it
            return
        self._spawn(self._quietly(End()))
