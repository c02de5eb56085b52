"""The store's one writer: queued writes, committed in batches, in call order.

Every write is a job: a coroutine function run on the connection inside a transaction, and a
future resolved once that transaction committed (or failed with `StoreError`). One task drains
the queue: it takes everything pending (up to `max_batch`), runs it in a single
``BEGIN IMMEDIATE ... COMMIT`` and resolves the futures. While it commits, new writes pile up
and go into the next batch, so a burst of thousands of answers costs a handful of commits (one
fsync each) instead of thousands. Reads are jobs too, so a read sees every write queued before
it.

A statement that fails (a duplicate key, a missing foreign row) fails only its own job:
SQLite backs out that one statement and keeps the transaction open, so the rest of the batch
still commits. A job made of several statements that must land together runs them under a
SAVEPOINT (see `Store.write_together`). An error that aborts the whole transaction (disk full,
I/O error) or a failed COMMIT fails every job of the batch.

A job may carry `settle(committed)`: called once, synchronously, when its batch is over and
before the next batch starts, so a caller can keep its own bookkeeping in step with the disk.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Iterable
from typing import Any

import aiosqlite
from attrs import define


class StoreError(Exception):
    """The database cannot be used or a write failed; the message says which and why."""


Op = Callable[[aiosqlite.Connection], Awaitable[Any]]
Settle = Callable[[bool], None]


@define
class _Job:
    run: Op
    future: asyncio.Future[Any]
    settle: Settle | None = None


class BatchWriter:
    """Runs submitted jobs in order, a batch per transaction. `close()` drains the queue."""

    def __init__(self, conn: aiosqlite.Connection, max_batch: int) -> None:
        self._conn = conn
        self._max_batch = max_batch
        self._loop = asyncio.get_running_loop()
        self._pending: list[_Job] = []
        self._wakeup = asyncio.Event()
        self._closing = False
        #: How many batches were committed: for tests and benchmarks.
        self.commits = 0
        self._task = asyncio.create_task(self._run(), name="quizhost-store-writer")

    def submit(self, run: Op, settle: Settle | None = None) -> asyncio.Future[Any]:
        """Queue `run`; the future resolves to its result once its batch committed."""
        if self._closing or self._task.done():
            raise StoreError("the store is closed")
        future: asyncio.Future[Any] = self._loop.create_future()
        self._pending.append(_Job(run, future, settle))
        self._wakeup.set()
        return future

    async def close(self) -> None:
        """Commit everything still queued, then stop."""
        self._closing = True
        self._wakeup.set()
        await self._task

    async def _run(self) -> None:
        while True:
            while not self._pending:
                if self._closing:
                    return
                self._wakeup.clear()
                await self._wakeup.wait()
            batch = self._pending[: self._max_batch]
            del self._pending[: self._max_batch]
            try:
                await self._run_batch(batch)
            except BaseException as exc:  # never leave a caller waiting on a dead writer
                error = exc if isinstance(exc, Exception) else StoreError("store writer stopped")
                _fail(batch, error, "store writer failed")
                _fail(self._pending, error, "store writer failed")
                self._pending.clear()
                raise

    async def _run_batch(self, batch: list[_Job]) -> None:
        conn = self._conn
        done: list[tuple[_Job, Any]] = []
        try:
            await conn.execute("BEGIN IMMEDIATE")
        except Exception as exc:
            _fail(batch, exc, "could not start a transaction")
            return
        for i, job in enumerate(batch):
            try:
                value = await job.run(conn)
            except Exception as exc:
                _fail([job], exc, "write failed")
                if not conn.in_transaction:  # the error rolled the whole transaction back
                    _fail([j for j, _ in done], exc, "transaction rolled back")
                    _fail(batch[i + 1 :], exc, "transaction rolled back")
                    return
            else:
                done.append((job, value))
        try:
            await conn.execute("COMMIT")
        except Exception as exc:
            _fail([j for j, _ in done], exc, "commit failed")
            if conn.in_transaction:
                await conn.execute("ROLLBACK")
            return
        self.commits += 1
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
