"""The lean player: one simulated phone per asyncio Protocol, many per worker process.

The opening handshake goes through websockets' sans-I/O `ClientProtocol` (request built and
the 101 response checked by the library). After it, frames are read by a dozen lines below
rather than by the library's generator-based parser: the server's frames are small, unmasked
and never fragmented, and reading them must cost the generator much less than writing them
costs the server, or the benchmark measures the generator. Frames we send are masked once per
worker and question (every player of a worker sends the same answer bytes).

A worker process (`worker_main`) is driven over a `multiprocessing` pipe by the orchestrator
(`bench.run`): each request is a tuple, each reply a dict. Times are `time.monotonic_ns()`,
which on Linux is one clock for every process of the machine.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import random
import resource
import struct
import time
from collections.abc import Callable
from typing import Any

from websockets.client import ClientProtocol
from websockets.frames import Frame, Opcode
from websockets.http11 import Response
from websockets.uri import parse_uri
from websockets.utils import apply_mask

_MASK = os.urandom(4)

TYPE_QUESTION = b'{"type":"question"'
TYPE_ACK = b'{"type":"answer_ack"'
TYPE_WELCOME = b'{"type":"welcome"'
TYPE_ERROR = b'{"type":"error"'
COUNTED = ("reveal", "leaderboard", "podium", "ended", "lobby", "paused", "kicked", "pong")
PING = b'{"type":"ping"}'
_COUNTED_PREFIXES = tuple((f'{{"type":"{name}"'.encode(), name) for name in COUNTED)


def client_frame(payload: bytes, opcode: int = 0x1) -> bytes:
    """A whole masked client frame (FIN set)."""
    n = len(payload)
    if n < 126:
        head = struct.pack("!BB", 0x80 | opcode, 0x80 | n)
    elif n < 65536:
        head = struct.pack("!BBH", 0x80 | opcode, 0x80 | 126, n)
    else:
        head = struct.pack("!BBQ", 0x80 | opcode, 0x80 | 127, n)
    return head + _MASK + apply_mask(payload, _MASK)


def answer_payload(question: dict[str, Any]) -> dict[str, Any]:
    """A valid answer for a question frame of any kind."""
    kind = question["kind"]
    if kind == "choice" and question.get("multiple"):
        return {"choices": [0, 1]}
    if kind in ("choice", "true_false", "poll"):
        return {"choice": 0}
    if kind == "type_answer":
        return {"text": "Au"}
    if kind == "slider":
        return {"value": question["min"]}
    if kind == "order":
        return {"order": list(range(len(question["items"])))}
    raise ValueError(f"unknown question kind {kind!r}")


def _question_index(payload: bytes) -> int:
    start = payload.index(b'"index":') + 8
    end = start
    while payload[end] in b"0123456789":
        end += 1
    return int(payload[start:end])


class Player(asyncio.Protocol):
    """One phone: handshake, join or resume, questions in, answers out, acks timed."""

    def __init__(self, worker: Worker, number: int) -> None:
        self.worker = worker
        self.number = number
        self.transport: asyncio.Transport | None = None
        self.proto: ClientProtocol | None = None
        self.buf = b""
        self.open = False
        self.closed = False
        self.token: str | None = None
        self.welcomed_ns = 0
        self.hello: bytes = b""  # the join or resume frame sent once the handshake is done
        self.questions: dict[int, int] = {}  # index -> first receipt (monotonic ns)
        self.answer_sent: dict[int, int] = {}
        self.acked: dict[int, int] = {}
        self.counts: dict[str, int] = dict.fromkeys(COUNTED, 0)
        self.pending_answer: int | None = None  # answer once this question arrives (resume)

    # asyncio.Protocol

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        assert isinstance(transport, asyncio.Transport)
        self.transport = transport
        self.proto = ClientProtocol(self.worker.uri, max_size=None)
        self.proto.send_request(self.proto.connect())
        transport.writelines(self.proto.data_to_send())

    def data_received(self, data: bytes) -> None:
        now = time.monotonic_ns()
        if self.open:
            self._frames(data, now)
            return
        assert self.proto is not None and self.transport is not None
        self.proto.receive_data(data)
        for event in self.proto.events_received():
            if isinstance(event, Response):
                if self.proto.handshake_exc is not None:
                    self.worker.error(f"handshake: {self.proto.handshake_exc}")
                    self.transport.close()
                    return
                self.open = True
                self.transport.write(self.hello)
            elif isinstance(event, Frame) and event.opcode is Opcode.TEXT:
                self.on_text(bytes(event.data), now)
        if self.open:  # later bytes go to the fast reader, not the library's parser
            self.proto = None

    def connection_lost(self, exc: Exception | None) -> None:
        if not self.closed:
            self.worker.error(f"connection lost ({exc or 'closed by the server'})")
        self.closed = True
        self.open = False

    # Frames

    def _frames(self, data: bytes, now: int) -> None:
        buf = self.buf + data if self.buf else data
        pos, size = 0, len(buf)
        while size - pos >= 2:
            b0, b1 = buf[pos], buf[pos + 1]
            length, head = b1 & 0x7F, 2
            if length == 126:
                if size - pos < 4:
                    break
                length, head = int.from_bytes(buf[pos + 2 : pos + 4], "big"), 4
            elif length == 127:
                if size - pos < 10:
                    break
                length, head = int.from_bytes(buf[pos + 2 : pos + 10], "big"), 10
            end = pos + head + length
            if end > size:
                break
            payload = buf[pos + head : end]
            pos = end
            opcode = b0 & 0x0F
            if not b0 & 0x80 or b1 & 0x80:
                self.worker.error("fragmented or masked frame from the server")
            elif opcode == 0x1:
                self.on_text(payload, now)
            elif opcode == 0x9:  # ping -> pong
                self.send(client_frame(payload, 0xA))
            elif opcode == 0x8:
                code = int.from_bytes(payload[:2], "big") if len(payload) >= 2 else 1005
                if not self.closed:
                    self.worker.error(f"closed by the server with {code}")
                self.closed = True
                self.send(client_frame(payload[:2], 0x8))
                assert self.transport is not None
                self.transport.close()
        self.buf = buf[pos:]

    def on_text(self, payload: bytes, now: int) -> None:
        if payload.startswith(TYPE_QUESTION):
            index = _question_index(payload)
            if index not in self.questions:
                self.questions[index] = now
            self.worker.saw_question(index, payload)
            if self.pending_answer == index:
                self.pending_answer = None
                self.send_answer(index)
        elif payload.startswith(TYPE_ACK):
            index = json.loads(payload)["question"]
            if index in self.acked:
                self.worker.error(f"second answer_ack for question {index}")
            self.acked[index] = now
        elif payload.startswith(TYPE_WELCOME):
            self.token = json.loads(payload)["token"]
            if not self.welcomed_ns:
                self.welcomed_ns = now
        elif payload.startswith(TYPE_ERROR):
            self.worker.error(json.loads(payload).get("code", "error"))
        else:
            for prefix, name in _COUNTED_PREFIXES:
                if payload.startswith(prefix):
                    self.counts[name] += 1
                    break

    def send(self, frame: bytes) -> None:
        if self.transport is not None and not self.transport.is_closing():
            self.transport.write(frame)

    def send_answer(self, index: int) -> None:
        frame = self.worker.answer_frames.get(index)
        if frame is None:
            self.worker.error(f"no question {index} seen before answering")
            return
        self.answer_sent[index] = time.monotonic_ns()
        self.send(frame)

    def drop(self) -> None:
        """Go away without a closing handshake, like a phone that lost its network."""
        self.closed = True
        self.open = False
        if self.transport is not None:
            self.transport.abort()


class Worker:
    """The players of one process and the requests the orchestrator makes of them."""

    def __init__(self, host: str, port: int, first: int, count: int, per_address: int) -> None:
        self.uri = parse_uri(f"ws://{host}:{port}/ws/play")
        self.host, self.port = host, port
        self.first, self.count, self.per_address = first, count, per_address
        self.players: list[Player] = []
        self.errors: dict[str, int] = {}
        self.answer_frames: dict[int, bytes] = {}
        self.changed = asyncio.Event()
        self.tasks: set[asyncio.Future[None]] = set()

    def error(self, what: str) -> None:
        self.errors[what] = self.errors.get(what, 0) + 1
        self.changed.set()

    def saw_question(self, index: int, payload: bytes) -> None:
        if index not in self.answer_frames:
            question = json.loads(payload)
            body = {"type": "answer", "question": index, **answer_payload(question)}
            self.answer_frames[index] = client_frame(json.dumps(body).encode())
        self.changed.set()

    def source_address(self, number: int) -> str:
        """Players spread over 127.1.x.y, `per_address` each, like phones on a LAN."""
        a = number // self.per_address + 1
        return f"127.1.{(a >> 8) & 0xFF}.{a & 0xFF}"

    async def connect(self, player: Player) -> None:
        loop = asyncio.get_running_loop()
        try:
            await loop.create_connection(
                lambda: player,
                self.host,
                self.port,
                local_addr=(self.source_address(player.number), 0),
            )
        except OSError as exc:
            self.error(f"connect: {exc.strerror or exc}")

    async def until(self, done: Callable[[], bool], timeout: float) -> bool:
        deadline = time.monotonic() + timeout
        while not done():
            left = deadline - time.monotonic()
            if left <= 0:
                return False
            self.changed.clear()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self.changed.wait(), min(left, 0.05))
        return True

    # Requests from the orchestrator.

    async def join(self, pin: str, go_ns: int, timeout: float) -> dict[str, Any]:
        await _sleep_until(go_ns)
        for i in range(self.count):
            player = Player(self, self.first + i)
            name = f"P{self.first + i}"
            player.hello = client_frame(
                json.dumps({"type": "join", "pin": pin, "name": name}).encode()
            )
            self.players.append(player)
        await asyncio.gather(*(self.connect(p) for p in self.players))
        await self.until(lambda: all(p.welcomed_ns or p.closed for p in self.players), timeout)
        return {"welcomed": [p.welcomed_ns for p in self.players if p.welcomed_ns]}

    async def wait_question(self, index: int, timeout: float) -> dict[str, Any]:
        live = [p for p in self.players if not p.closed]
        await self.until(lambda: all(index in p.questions for p in live), timeout)
        return {"received": [p.questions[index] for p in live if index in p.questions]}

    async def answer(
        self, index: int, at_ns: int, spread_s: float, reconnect: float, seed: int, timeout: float
    ) -> dict[str, Any]:
        rng = random.Random(seed)
        live = [p for p in self.players if not p.closed]
        plan = [
            (at_ns + int(rng.uniform(0, spread_s) * 1e9), rng.random() < reconnect, p) for p in live
        ]
        plan.sort(key=lambda item: item[0])
        players: list[Player] = []
        resumed = 0
        for when, again, player in plan:
            await _sleep_until(when)
            if again and player.token:
                player = self.reconnect(player, index)
                resumed += 1
            else:
                player.send_answer(index)
            players.append(player)
        await self.until(lambda: all(index in p.acked or p.closed for p in players), timeout)
        acks = [p.acked[index] - p.answer_sent[index] for p in players if index in p.acked]
        return {"acks": acks, "expected": len(players), "reconnected": resumed}

    def reconnect(self, old: Player, index: int) -> Player:
        """Drop a player's connection and come back with its token; answer once back."""
        old.drop()
        player = Player(self, old.number)
        player.hello = client_frame(json.dumps({"type": "resume", "token": old.token}).encode())
        player.questions = old.questions
        player.counts = old.counts
        player.welcomed_ns = old.welcomed_ns
        player.pending_answer = index
        self.players[self.players.index(old)] = player
        task = asyncio.ensure_future(self.connect(player))
        self.tasks.add(task)
        task.add_done_callback(self.tasks.discard)
        return player

    async def heartbeat(self, every_s: float, duration_s: float) -> dict[str, Any]:
        """Every player sends the page's `ping` every `every_s`, spread evenly, for a while."""
        frame = client_frame(PING)
        live = [p for p in self.players if not p.closed]
        start = time.monotonic_ns()
        sent = 0
        rounds = int(duration_s / every_s)
        for round_ in range(rounds):
            for i, player in enumerate(live):
                offset = (round_ + i / max(len(live), 1)) * every_s
                await _sleep_until(start + int(offset * 1e9))
                player.send(frame)
                sent += 1
        await asyncio.sleep(3.0)  # the last pongs
        return {"sent": sent, "pongs": sum(p.counts["pong"] for p in live)}

    async def wait_count(self, name: str, count: int, timeout: float) -> dict[str, Any]:
        live = [p for p in self.players if not p.closed]
        await self.until(lambda: all(p.counts[name] >= count for p in live), timeout)
        return {"missing": sum(1 for p in live if p.counts[name] < count)}

    async def finish(self) -> dict[str, Any]:
        for player in self.players:
            player.closed = True
            if player.transport is not None:
                player.send(client_frame(b"\x03\xe8", 0x8))
                player.transport.close()
        await asyncio.sleep(0.2)
        usage = resource.getrusage(resource.RUSAGE_SELF)
        return {
            "cpu_s": usage.ru_utime + usage.ru_stime,
            "errors": self.errors,
            "closed": sum(1 for p in self.players if p.closed),
        }


async def _sleep_until(when_ns: int) -> None:
    delay = (when_ns - time.monotonic_ns()) / 1e9
    if delay > 0:
        await asyncio.sleep(delay)


def worker_main(
    conn: Any, host: str, port: int, first: int, count: int, per_address: int, cpu: int | None
) -> None:
    """A worker process: serve the orchestrator's requests until `finish`."""
    if cpu is not None and hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {cpu})
    raise_fd_limit()
    asyncio.run(_serve(conn, Worker(host, port, first, count, per_address)))


async def _serve(conn: Any, worker: Worker) -> None:
    loop = asyncio.get_running_loop()
    requests: asyncio.Queue[tuple[Any, ...]] = asyncio.Queue()
    loop.add_reader(conn.fileno(), lambda: requests.put_nowait(conn.recv()))
    while True:
        name, *args = await requests.get()
        try:
            reply = await getattr(worker, name)(*args)
        except Exception as exc:  # never leave the orchestrator waiting for a reply
            worker.error(f"worker {name}: {exc!r}")
            reply = {"failed": repr(exc)}
        conn.send(reply)
        if name == "finish":
            loop.remove_reader(conn.fileno())
            return


def raise_fd_limit() -> tuple[int, int]:
    """Raise the soft open-files limit to the hard one; returns (soft, hard) after."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if hard == resource.RLIM_INFINITY or soft < hard:
        target = hard if hard != resource.RLIM_INFINITY else max(soft, 65536)
        with contextlib.suppress(ValueError, OSError):
            resource.setrlimit(resource.RLIMIT_NOFILE, (target, hard))
    return resource.getrlimit(resource.RLIMIT_NOFILE)
