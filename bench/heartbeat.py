"""What the page's heartbeat costs the server: N idle players, first silent, then pinging.

    python -m bench.heartbeat --players 10000            # about 40 s on two cores

Starts `quizhost serve` (pinned to CPU 0), joins N lean players (bench.lean, CPU 1), lets the
lobby settle, then measures the server's CPU per second of wall time over `--seconds` with
every player silent, and again with every player sending `{"type":"ping"}` every `--every`
seconds (the page's 2.5 s), spread evenly. Prints both and the difference, per player too.
"""

from __future__ import annotations

import argparse
import asyncio
import tempfile
import time
from pathlib import Path

from bench.lean import raise_fd_limit
from bench.run import RunConfig, ServerProcess, Workers

PAGE_PING_EVERY_S = 2.5


async def measure(players: int, every_s: float, seconds: float) -> dict[str, float]:
    raise_fd_limit()
    config = RunConfig(players=players, workers=4)
    with tempfile.TemporaryDirectory(prefix="quizhost-heartbeat-") as tmp:
        server = ServerProcess(config, Path(tmp) / "bench.db")
        workers: Workers | None = None
        try:
            port, pin = server.banner()
            workers = Workers(config, port)
            go = time.monotonic_ns() + 300_000_000
            replies = await workers.ask("join", pin, go, 120.0)
            welcomed = sum(len(r["welcomed"]) for r in replies)
            await asyncio.sleep(3.0)  # the lobby counts go out, the joins' work is done

            cpu, wall = server.cpu_s(), time.monotonic()
            await asyncio.sleep(seconds)
            idle = (server.cpu_s() - cpu) / (time.monotonic() - wall)

            cpu, wall = server.cpu_s(), time.monotonic()
            replies = await workers.ask("heartbeat", every_s, seconds)
            beating = (server.cpu_s() - cpu) / (time.monotonic() - wall)
            sent = sum(r["sent"] for r in replies)
            pongs = sum(r["pongs"] for r in replies)
            await workers.ask("finish")
        finally:
            if workers is not None:
                workers.stop()
            server.stop()
    return {
        "players": welcomed,
        "idle_cpu_per_s": idle,
        "heartbeat_cpu_per_s": beating,
        "pings": sent,
        "pongs": pongs,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--players", type=int, default=10_000)
    parser.add_argument("--every", type=float, default=PAGE_PING_EVERY_S)
    parser.add_argument("--seconds", type=float, default=10.0)
    args = parser.parse_args()
    figures = asyncio.run(measure(args.players, args.every, args.seconds))
    extra = figures["heartbeat_cpu_per_s"] - figures["idle_cpu_per_s"]
    players = max(figures["players"], 1)
    print(f"players welcomed:       {figures['players']:.0f}")
    print(f"pings sent / pongs:     {figures['pings']:.0f} / {figures['pongs']:.0f}")
    print(f"server CPU, silent:     {figures['idle_cpu_per_s'] * 100:.1f} % of a core")
    print(f"server CPU, heartbeat:  {figures['heartbeat_cpu_per_s'] * 100:.1f} % of a core")
    print(f"heartbeat cost:         {extra * 100:.1f} % of a core")
    per_ping = extra / (players / args.every) * 1e6
    print(f"per ping and pong:      {per_ping:.0f} us of server CPU")


if __name__ == "__main__":
    main()
