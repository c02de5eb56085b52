"""A soak: hundreds of players joining, answering and dropping at random for minutes, while
the server reports its open file descriptors, asyncio tasks and memory. They must stay flat.

    .venv/bin/python -m bench.soak [--players 300] [--minutes 3]

The server runs in a child process (`--serve`) that prints one JSON line of figures every few
seconds; this process runs the host and the players on loopback, each player from its own
127.0.x.y address as phones on a LAN are. Everything stops by itself after `--minutes`.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import resource
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import ConnectionClosed, InvalidStatus

from quizhost.bank.models import Bank, ChoiceQuestion
from quizhost.server.settings import ServerSettings

HOST_TOKEN = "soak-host-token"
QUESTIONS = 400


def soak_bank() -> Bank:
    return Bank(
        title="Soak",
        questions=tuple(
            ChoiceQuestion(
                text=f"Question {i + 1}",
                choices=("A", "B", "C", "D"),
                correct=frozenset({i % 4}),
                time_limit_ms=60_000,
            )
            for i in range(QUESTIONS)
        ),
    )


# The server side: a child process that serves and reports.


def _rss_kib() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


async def serve(db: Path, interval: float) -> None:
    from quizhost.server.app import QuizServer
    from quizhost.session import Session, SessionConfig
    from quizhost.store import Store

    store = await Store.open(db)
    session = await Session.create(soak_bank(), store, SessionConfig(max_players=100_000))
    settings = ServerSettings(connections_per_address=50)
    server = QuizServer(session, host_token=HOST_TOKEN, settings=settings)
    await server.start("127.0.0.1", 0)
    print(json.dumps({"port": server.port, "pin": session.pin}), flush=True)
    started = time.monotonic()
    while True:
        await asyncio.sleep(interval)
        figures = {
            "t": round(time.monotonic() - started, 1),
            "fds": len(os.listdir("/proc/self/fd")),
            "tasks": len(asyncio.all_tasks()),
            "rss_kib": _rss_kib(),
            "players": session.player_count,
            "connected": sum(1 for p in session.game.players.values() if p.connected),
            "connections": server.connections.total,
        }
        print(json.dumps(figures), flush=True)


# The client side: a host and many players behaving like a restless class.


class Stats:
    def __init__(self) -> None:
        self.joins = self.resumes = self.drops = self.answers = self.acks = 0
        self.errors: dict[str, int] = {}


async def player(
    index: int, url: str, pin: str, stop: float, stats: Stats, rng: random.Random
) -> None:
    address = (f"127.0.{1 + index // 200}.{1 + index % 200}", 0)
    token: str | None = None
    name = f"P{index}"
    while time.monotonic() < stop:
        try:
            async with connect(f"{url}/ws/play", local_addr=address, max_queue=None) as link:
                if token is None:
                    await link.send(json.dumps({"type": "join", "pin": pin, "name": name}))
                else:
                    await link.send(json.dumps({"type": "resume", "token": token}))
                await play(link, stats, rng, stop, token is None)
                token = token or getattr(link, "quiz_token", None)
        except (ConnectionClosed, InvalidStatus, OSError, TimeoutError):
            pass
        stats.drops += 1
        await asyncio.sleep(rng.uniform(0.2, 3.0))  # a phone waking up, a Wi-Fi switch
        if rng.random() < 0.1:  # sometimes a different child takes the phone
            token, name = None, f"P{index}-{rng.randrange(10**6)}"


async def play(
    link: ClientConnection, stats: Stats, rng: random.Random, stop: float, joining: bool
) -> None:
    """Answer questions until this connection is dropped on purpose (or the soak ends)."""
    leave_at = time.monotonic() + rng.expovariate(1 / 20)  # about 20 s per connection
    while time.monotonic() < min(stop, leave_at):
        try:
            data = await asyncio.wait_for(link.recv(), 1.0)
        except TimeoutError:
            continue
        frame = json.loads(data)
        kind = frame["type"]
        if kind == "welcome":
            link.quiz_token = frame["token"]  # type: ignore[attr-defined]
            if joining:
                stats.joins += 1
            else:
                stats.resumes += 1
        elif kind == "question":
            await asyncio.sleep(rng.uniform(0, 1.5))
            await link.send(json.dumps({"type": "answer", "question": frame["index"], "choice": 0}))
            stats.answers += 1
        elif kind == "answer_ack":
            stats.acks += 1
        elif kind == "error":
            stats.errors[frame["code"]] = stats.errors.get(frame["code"], 0) + 1


async def host(url: str, stop: float) -> None:
    async with connect(f"{url}/ws/host", max_queue=None) as link:
        await link.send(json.dumps({"type": "host", "token": HOST_TOKEN}))
        await asyncio.sleep(3)
        for command in ("start", *(["skip", "next", "next"] * (QUESTIONS - 1))):
            if time.monotonic() > stop:
                break
            await link.send(json.dumps({"type": command}))
            await asyncio.sleep(4 if command == "start" or command == "next" else 1)


async def drive(players: int, minutes: float, interval: float) -> int:
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (min(hard, max(soft, players * 4)), hard))
    with tempfile.TemporaryDirectory() as tmp:
        child = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "bench.soak",
            "--serve",
            "--db",
            f"{tmp}/soak.db",
            "--interval",
            str(interval),
            stdout=asyncio.subprocess.PIPE,
        )
        assert child.stdout is not None
        hello = json.loads(await asyncio.wait_for(child.stdout.readline(), 20))
        url, pin = f"ws://127.0.0.1:{hello['port']}", hello["pin"]
        stop = time.monotonic() + minutes * 60
        stats = Stats()
        rng = random.Random(1)
        samples: list[dict[str, Any]] = []

        async def read_samples() -> None:
            assert child.stdout is not None
            while line := await child.stdout.readline():
                samples.append(json.loads(line))
                print("server", line.decode().strip(), flush=True)

        reader = asyncio.ensure_future(read_samples())
        workers = [asyncio.ensure_future(host(url, stop))] + [
            asyncio.ensure_future(player(i, url, pin, stop, stats, random.Random(rng.random())))
            for i in range(players)
        ]
        await asyncio.gather(*workers, return_exceptions=True)
        await asyncio.sleep(interval * 2)  # let the server notice every drop
        child.terminate()
        await child.wait()
        reader.cancel()
    report(samples, stats)
    return 0


def report(samples: list[dict[str, Any]], stats: Stats) -> None:
    print(
        f"\nclients: {stats.joins} joins, {stats.resumes} resumes, {stats.drops} drops, "
        f"{stats.answers} answers, {stats.acks} acks, errors {stats.errors}"
    )
    if len(samples) < 6:
        print("too few samples for a verdict")
        return
    busy = [s for s in samples[2:] if s["connections"]]  # after warm-up, before the drain
    if len(busy) < 3:
        print("too few busy samples for a verdict")
        return
    third = max(1, len(busy) // 3)
    for key in ("fds", "tasks", "rss_kib"):
        first = sum(s[key] for s in busy[:third]) / third
        last = sum(s[key] for s in busy[-third:]) / third
        print(
            f"{key:8}: first third {first:9.0f}, last third {last:9.0f} "
            f"({(last - first) / first * 100 if first else 0:+.1f} %), "
            f"after all left {samples[-1][key]}"
        )
    print(json.dumps({"soak": samples[-1], "samples": len(samples)}))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--players", type=int, default=300)
    parser.add_argument("--minutes", type=float, default=3.0)
    parser.add_argument("--interval", type=float, default=5.0, help="seconds between samples")
    parser.add_argument("--serve", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--db", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve:
        asyncio.run(serve(args.db, args.interval))
        return 0
    return asyncio.run(drive(args.players, args.minutes, args.interval))


if __name__ == "__main__":
    raise SystemExit(main())
