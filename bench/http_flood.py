"""Players' answer-ack latency with and without an HTTP flood from one other address.

    .venv/bin/python -m bench.http_flood [--players 40] [--seconds 8] [--workers 200]
    .venv/bin/python -m bench.http_flood --no-http-limit    # the same, rate limit off

Three processes, as on a classroom LAN: the server (`--serve`), the flooder (`--flood`: many
concurrent clients on one address, 127.0.0.99, each sending `GET /` on a new connection as
fast as it can) and this one, which runs the host and the players (each from its own
127.0.1.x address) answering one after another and timing `answer` -> `answer_ack`. It
measures a quiet phase, then a phase with the flood running, and prints both with the
flooder's request rate and the statuses it got.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

from websockets.asyncio.client import ClientConnection, connect

from quizhost.bank.models import Bank, ChoiceQuestion
from quizhost.server.settings import ServerSettings

HOST_TOKEN = "http-flood-host-token"
FLOOD_SOURCE = "127.0.0.99"


def flood_bank() -> Bank:
    return Bank(
        title="HTTP flood",
        questions=tuple(
            ChoiceQuestion(
                text=f"Question {i + 1}",
                choices=("A", "B"),
                correct=frozenset({0}),
                time_limit_ms=240_000,
            )
            for i in range(200)
        ),
    )


# The server: a child process.


async def serve(db: Path, http_limit: bool) -> None:
    from quizhost.server.app import QuizServer
    from quizhost.session import Session, SessionConfig
    from quizhost.store import Store

    store = await Store.open(db)
    session = await Session.create(flood_bank(), store, SessionConfig())
    settings = ServerSettings() if http_limit else ServerSettings(http_requests_per_second=1e9)
    server = QuizServer(session, host_token=HOST_TOKEN, settings=settings)
    await server.start("127.0.0.1", 0)
    print(json.dumps({"port": server.port, "pin": session.pin}), flush=True)
    await asyncio.Event().wait()


# The flooder: a child process with many concurrent clients on one address.


async def flood(port: int, seconds: float, workers: int) -> None:
    statuses: Counter[str] = Counter()
    stop = time.monotonic() + seconds
    request = b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"

    async def worker() -> None:
        while time.monotonic() < stop:
            try:
                reader, writer = await asyncio.open_connection(
                    "127.0.0.1", port, local_addr=(FLOOD_SOURCE, 0)
                )
                writer.write(request)
                data = await reader.read()
                writer.close()
                statuses[data[9:12].decode() or "closed"] += 1
            except OSError as exc:
                statuses[type(exc).__name__] += 1

    started = time.monotonic()
    await asyncio.gather(*(worker() for _ in range(workers)))
    elapsed = time.monotonic() - started
    total = sum(statuses.values())
    print(json.dumps({"requests": total, "per_s": round(total / elapsed), **statuses}), flush=True)


# The class: a host and players answering in turn.


async def recv_type(link: ClientConnection, frame_type: str) -> dict[str, Any]:
    while True:
        frame: dict[str, Any] = json.loads(await asyncio.wait_for(link.recv(), 30))
        if frame["type"] == frame_type:
            return frame
        if frame["type"] == "error":
            raise RuntimeError(f"waiting for {frame_type}: {frame}")


async def measure(
    players: list[ClientConnection], host: ClientConnection, seconds: float, question: int
) -> tuple[list[float], int]:
    """Rounds of every player answering in turn for about `seconds`: latencies, next index."""
    latencies: list[float] = []
    stop = time.monotonic() + seconds
    while time.monotonic() < stop:
        for link in players:
            started = time.perf_counter()
            await link.send(json.dumps({"type": "answer", "question": question, "choice": 0}))
            await recv_type(link, "answer_ack")
            latencies.append(time.perf_counter() - started)
        for command in ("skip", "next", "next"):
            await host.send(json.dumps({"type": command}))
        for link in players:
            await recv_type(link, "question")
        question += 1
    return latencies, question


def summary(latencies: list[float]) -> str:
    ordered = sorted(latencies)
    p99 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))]
    return (
        f"{len(ordered):5d} acks  median {statistics.median(ordered) * 1000:7.1f} ms"
        f"  p99 {p99 * 1000:7.1f} ms"
    )


async def main(args: argparse.Namespace) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        server_args = ["--serve", str(Path(tmp) / "q.db")]
        if args.no_http_limit:
            server_args.append("--no-http-limit")
        server = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "bench.http_flood", *server_args, stdout=asyncio.subprocess.PIPE
        )
        try:
            assert server.stdout is not None
            info = json.loads(await asyncio.wait_for(server.stdout.readline(), 20))
            url = f"ws://127.0.0.1:{info['port']}"
            host = await connect(f"{url}/ws/host")
            await host.send(json.dumps({"type": "host", "token": HOST_TOKEN}))
            players = []
            for index in range(args.players):
                link = await connect(f"{url}/ws/play", local_addr=(f"127.0.1.{index + 1}", 0))
                await link.send(
                    json.dumps({"type": "join", "pin": info["pin"], "name": f"P{index}"})
                )
                await recv_type(link, "welcome")
                players.append(link)
            await host.send(json.dumps({"type": "start"}))
            for link in players:
                await recv_type(link, "question")
            quiet, question = await measure(players, host, args.seconds, 0)
            flooder = await asyncio.create_subprocess_exec(
                sys.executable,
                "-m",
                "bench.http_flood",
                "--flood",
                str(info["port"]),
                str(args.seconds + 1),
                str(args.workers),
                stdout=asyncio.subprocess.PIPE,
            )
            await asyncio.sleep(0.5)
            busy, _ = await measure(players, host, args.seconds, question)
            out, _ = await asyncio.wait_for(flooder.communicate(), 60)
            limit = "off" if args.no_http_limit else "on"
            print(f"players {args.players}, HTTP rate limit {limit}")
            print(f"  quiet      {summary(quiet)}")
            print(f"  HTTP flood {summary(busy)}")
            print(f"  flooder    {out.decode().strip()}")
        finally:
            server.terminate()
            await server.wait()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--players", type=int, default=40)
    parser.add_argument("--seconds", type=float, default=8.0)
    parser.add_argument("--workers", type=int, default=200)
    parser.add_argument("--no-http-limit", action="store_true")
    parser.add_argument("--serve", metavar="DB", help=argparse.SUPPRESS)
    parser.add_argument("--flood", nargs=3, help=argparse.SUPPRESS)
    arguments = parser.parse_args()
    if arguments.serve:
        asyncio.run(serve(Path(arguments.serve), not arguments.no_http_limit))
    elif arguments.flood:
        port, seconds, workers = arguments.flood
        asyncio.run(flood(int(port), float(seconds), int(workers)))
    else:
        asyncio.run(main(arguments))
