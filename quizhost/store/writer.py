"""The store's one writer: queued writes, committed in batches, in call order.

Every write is a job: a coroutine function run on the connection inside a transaction, and a
future resolved once that transaction committed (or failed with `StoreError`). One task drains
the queue: it takes everything pending (up to `max_batch`), runs it in a single
``BEGIN IMMEDIATE ... COMMIT`` and resolves the futures. While it commits, new writes pile up
and go into the next batch, so a burst of thousands of answers costs a handful of commits (one
fsync each) instead of thousands. Reads are jobs too, so a read sees every write queued before
it. A batch of planned units that comes to one statement (a lone answer, or a burst of them
merged, below) skips BEGIN and COMMIT: SQLite commits a statement by itself, fsync included,
in one hop to the database thread instead of three.

A statement that fails (a duplicate key, a missing foreign row) fails only its own job:
SQLite backs out that one statement and keeps the transaction open, so the rest of the batch
still commits. A job made of several statements that must land together runs them under a
SAVEPOINT (see `Store.write_together`). An error that aborts the whole transaction (disk full,
I/O error) or a failed COMMIT fails every job of the batch.

A planned job (`Store.write_planned`) is a unit of statements chosen when the writer reaches
it, written all or nothing. Consecutive planned units made only of the inserts a burst is made
of (answers, joins and their journal entries) are merged into one statement per table
(`statements.bulk`): a batch of two thousand answers is then about five calls into SQLite, not
eight thousand, and the loop thread hands the GIL to the database thread a few times per batch
instead of a few times per answer (which is what let a flooding client starve everyone's
acks when a batch ran row by row in the database thread). If a merged statement fails, the
run is backed out to its savepoint and written again unit by unit, so only the failing unit
fails.

A commit costs about 200 µs of CPU whatever its size (the hop to SQLite's thread, the WAL
write, the fsync's kernel time), and a class answering over five seconds keeps the queue from
ever filling: a few answers per commit. So once writes overlap (the last batch held several,
or more came while it was written), the next batch starts no sooner than `commit_gap_s` after
the last one started, and everything that came meanwhile goes with it. One write at a time
(a class of thirty, a test's awaited writes) is committed at once; no write waits more than
the gap, and `close()` cuts the wait short.

A job may carry `settle(committed)`: called once, synchronously, when its batch is over and
before the next batch starts, so a caller can keep its own bookkeeping in step with the disk.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Iterable, Sequence
from typing import Any

import aiosqlite
from attrs import define

from quizhost.store import statements as sql
from quizhost.store.statements import Statement


class StoreError(Exception):
    """The database cannot be used or a write failed; the message says which and why."""


Op = Callable[[aiosqlite.Connection], Awaitable[Any]]
Settle = Callable[[bool], None]
Plan = Callable[[], Sequence[Statement]]


@define
class _Job:
    run: Op | None  # None for a planned job
    future: asyncio.Future[Any]
    settle: Settle | None = None
    plan: Plan | None = None
    alone: bool = False  # run between batches, outside any transaction (a checkpoint)


class _Aborted(Exception):
    """The whole transaction was rolled back by an error; `cause` is that error."""

    def __init__(self, cause: Exception) -> None:
        super().__init__(str(cause))
        self.cause = cause


class BatchWriter:
    """Runs submitted jobs in order, a batch per transaction. `close()` drains the queue."""

    def __init__(
        self, conn: aiosqlite.Connection, max_batch: int, commit_gap_s: float = 0.0
    ) -> None:
        self._conn = conn
        self._max_batch = max_batch
        self._commit_gap_s = commit_gap_s
        self._loop = asyncio.get_running_loop()
        self._pending: list[_Job] = []
        self._wakeup = asyncio.Event()
        self._closing = False
        self._busy = False  # the last batch was one of a stream of writes (below)
        self._last_start = 0.0  # loop time at which the last batch started
        self._gathering: asyncio.Future[None] | None = None  # the wait for the gap to pass
        self._last_error: Exception = StoreError("no error")
        #: How many batches were committed: for tests and benchmarks.
        self.commits = 0
        self._task = asyncio.create_task(self._run(), name="quizhost-store-writer")

    def submit(self, run: Op, settle: Settle | None = None) -> asyncio.Future[Any]:
        """Queue `run`; the future resolves to its result once its batch committed."""
        if self._closing or self._task.done():
            raise StoreError("the store is closed")
        return self._queue(_Job(run, self._loop.create_future(), settle))

    def submit_planned(self, plan: Plan, settle: Settle) -> asyncio.Future[None]:
        """Queue a unit: `plan()` is called in order in the writer, its statements written
        together (all or none); the future resolves once they are committed."""
        if self._closing or self._task.done():
            raise StoreError("the store is closed")
        return self._queue(_Job(None, self._loop.create_future(), settle, plan))

    def submit_alone(self, run: Op) -> asyncio.Future[Any]:
        """Queue `run` to run by itself between two batches, outside a transaction."""
        if self._closing or self._task.done():
            raise StoreError("the store is closed")
        return self._queue(_Job(run, self._loop.create_future(), alone=True))

    def _queue(self, job: _Job) -> asyncio.Future[Any]:
        self._pending.append(job)
        self._wakeup.set()
        return job.future

    async def close(self) -> None:
        """Commit everything still queued, then stop."""
        self._closing = True
        self._wakeup.set()
        if self._gathering is not None:
            _end_wait(self._gathering)
        await self._task

    async def _run(self) -> None:
        while True:
            while not self._pending:
                if self._closing:
                    return
                self._wakeup.clear()
                await self._wakeup.wait()
            if self._busy and not self._closing:
                await self._gather_more()
            self._last_start = self._loop.time()
            size = 0
            while size < min(len(self._pending), self._max_batch):
                if self._pending[size].alone:
                    break
                size += 1
            batch = self._pending[: max(size, 1)]
            del self._pending[: len(batch)]
            try:
                if batch[0].alone:
                    await self._run_alone(batch[0])
                else:
                    await self._run_batch(batch)
            except BaseException as exc:  # never leave a caller waiting on a dead writer
                error = exc if isinstance(exc, Exception) else StoreError("store writer stopped")
                _fail(batch, error, "store writer failed")
                _fail(self._pending, error, "store writer failed")
                self._pending.clear()
                raise
            # Writes overlap (a batch of several, or more while it was written): a stream.
            self._busy = len(batch) > 1 or bool(self._pending)

    async def _gather_more(self) -> None:
        """Let writes gather until `commit_gap_s` after the last batch started (or `close`)."""
        wait = self._last_start + self._commit_gap_s - self._loop.time()
        if wait <= 0:
            return
        self._gathering = self._loop.create_future()
        timer = self._loop.call_later(wait, _end_wait, self._gathering)
        try:
            await self._gathering
        finally:
            timer.cancel()
            self._gathering = None

    async def _run_batch(self, batch: list[_Job]) -> None:
        planned: list[tuple[_Job, Sequence[Statement]]] | None = None
        if all(job.plan is not None for job in batch):
            planned = self._plan_units(batch)
            if await self._commit_alone(planned):
                return
        conn = self._conn
        done: list[tuple[_Job, Any]] = []
        try:
            await conn.execute("BEGIN IMMEDIATE")
        except Exception as exc:
            _fail(batch, exc, "could not start a transaction")
            return
        i = 0
        while i < len(batch):
            job = batch[i]
            try:
                if job.plan is None:
                    done.extend(await self._run_jobs([job]))
                    i += 1
                else:
                    end = i
                    while end < len(batch) and batch[end].plan is not None:
                        end += 1
                    units = self._plan_units(batch[i:end]) if planned is None else planned
                    done.extend(await self._write_units(units))
                    i = end
            except _Aborted as aborted:  # the error rolled the whole transaction back
                _fail([j for j, _ in done], aborted.cause, "transaction rolled back")
                _fail(batch[i:], aborted.cause, "transaction rolled back")
                return
        await self._commit(done)

    async def _commit(self, done: list[tuple[_Job, Any]]) -> None:
        """Commit the open transaction; then (or on failure) the jobs hear of it."""
        conn = self._conn
        try:
            await conn.execute("COMMIT")
        except Exception as exc:
            _fail([j for j, _ in done], exc, "commit failed")
            if conn.in_transaction:
                await conn.execute("ROLLBACK")
            return
        self.commits += 1
        _committed(done)

    async def _run_alone(self, job: _Job) -> None:
        assert job.run is not None
        try:
            value = await job.run(self._conn)
        except Exception as exc:
            _fail([job], exc, "failed")
        else:
            if not job.future.done():
                job.future.set_result(value)

    async def _run_jobs(self, jobs: list[_Job]) -> list[tuple[_Job, Any]]:
        """Run plain jobs one by one; a failing job fails alone unless it aborts the batch."""
        conn = self._conn
        done: list[tuple[_Job, Any]] = []
        for job in jobs:
            assert job.run is not None
            try:
                value = await job.run(conn)
            except Exception as exc:
                _fail([job], exc, "write failed")
                if not conn.in_transaction:
                    _fail([j for j, _ in done], exc, "transaction rolled back")
                    raise _Aborted(exc) from exc
            else:
                done.append((job, value))
        return done

    def _plan_units(self, jobs: list[_Job]) -> list[tuple[_Job, Sequence[Statement]]]:
        """Plan consecutive units in order: each job with the statements it writes now."""
        planned: list[tuple[_Job, Sequence[Statement]]] = []
        for job in jobs:
            assert job.plan is not None
            try:
                statements = job.plan()
            except Exception as exc:  # e.g. an earlier unit's fate is still open
                _fail([job], exc, "write failed")
            else:
                planned.append((job, statements))
        return planned

    async def _commit_alone(self, planned: list[tuple[_Job, Sequence[Statement]]]) -> bool:
        """Write a batch of units that makes a single statement (one unit's, or a burst's
        rows merged) without BEGIN and COMMIT: SQLite commits it by itself, durably, in one
        thread hop instead of three. False when the batch is more than one statement, or a
        burst's merged statement failed (nothing of it landed: the transaction writes it
        again unit by unit, so that only the failing unit fails)."""
        statements = [s for _, unit in planned for s in unit]
        if len(statements) > 1:
            # `bulk` makes one statement per table: merge only if that is one statement, so
            # a burst of joins (two tables) is not merged here and again by the transaction.
            if len({s.sql for s in statements}) > 1 or not sql.bulkable(statements):
                return False
            statements = sql.bulk(statements)
        if statements:
            try:
                await self._conn.execute(statements[0].sql, statements[0].params)
            except Exception as exc:
                if len(planned) > 1:
                    return False
                _fail([job for job, _ in planned], exc, "write failed")
                return True
            self.commits += 1
        _committed([(job, None) for job, _ in planned])
        return True

    async def _write_units(
        self, planned: list[tuple[_Job, Sequence[Statement]]]
    ) -> list[tuple[_Job, Any]]:
        """Write planned units in order, merged where they can be.

        Once a unit fails, the units after it in this run fail too: they were planned while
        it was on its way to the disk, and none may land past one whose fate is open.
        """
        done: list[tuple[_Job, Any]] = []
        try:
            k = 0
            while k < len(planned):
                end = k + 1
                if sql.bulkable(planned[k][1]):
                    while end < len(planned) and sql.bulkable(planned[end][1]):
                        end += 1
                    run = planned[k:end]
                    if len(run) > 1:
                        merged = sql.bulk([s for _, statements in run for s in statements])
                        if await self._write_together(merged, "merged"):
                            done.extend((job, None) for job, _ in run)
                            k = end
                            continue
                for n in range(k, end):  # unit by unit: a failure fails only its own unit
                    job, statements = planned[n]
                    if statements and not await self._write_together(statements, "planned"):
                        _fail([job], self._last_error, "write failed")
                        later = [j for j, _ in planned[n + 1 :]]
                        _fail(later, self._last_error, "an earlier change failed")
                        return done
                    done.append((job, None))
                k = end
        except _Aborted as aborted:
            _fail([j for j, _ in done], aborted.cause, "transaction rolled back")
            _fail([j for j, _ in planned], aborted.cause, "transaction rolled back")
            raise
        return done

    async def _write_together(self, statements: Sequence[Statement], name: str) -> bool:
        """Run `statements` under a SAVEPOINT: all land, or none (False, error kept).

        Raises `_Aborted` if the error took the whole transaction with it."""
        conn = self._conn
        if len(statements) == 1:  # a statement is all or nothing by itself: no SAVEPOINT
            return await self._write_one(statements[0])
        try:
            await conn.execute(f"SAVEPOINT {name}")
            for statement in statements:
                await conn.execute(statement.sql, statement.params)
        except Exception as exc:
            self._last_error = exc
            if not conn.in_transaction:
                raise _Aborted(exc) from exc
            try:
                await conn.execute(f"ROLLBACK TO {name}")
                await conn.execute(f"RELEASE {name}")
            except Exception as exc2:  # the whole batch fails rather than half a unit lands
                raise _Aborted(exc2) from exc2
            return False
        await conn.execute(f"RELEASE {name}")
        return True

    async def _write_one(self, statement: Statement) -> bool:
        """`_write_together` for one statement: SQLite undoes a failed statement whole (a
        merged burst of rows too) and keeps the transaction, so a SAVEPOINT around it would
        only add two thread hops (and two turns of the event loop) to every batch."""
        try:
            await self._conn.execute(statement.sql, statement.params)
        except Exception as exc:
            self._last_error = exc
            if not self._conn.in_transaction:
                raise _Aborted(exc) from exc
            return False
        return True


def _end_wait(waiting: asyncio.Future[None]) -> None:
    if not waiting.done():
        waiting.set_result(None)


def _committed(done: Iterable[tuple[_Job, Any]]) -> None:
    """The batch is on disk: settle each job, then resolve its future with its value."""
    for job, value in done:
        if job.settle is not None:
            job.settle(True)
        if not job.future.done():
            job.future.set_result(value)


def _fail(jobs: Iterable[_Job], exc: Exception, what: str) -> None:
    for job in jobs:
        if job.settle is not None:
            job.settle(False)
            job.settle = None  # once only
        if not job.future.done():
            error = StoreError(f"{what}: {exc}")
            error.__cause__ = exc
            job.future.set_exception(error)
