"""The orchestrator: start a server, drive a whole game with N lean players, report figures.

The server (`quizhost serve`, or `bench/baseline_server.py`) runs as a subprocess pinned to
CPU 0 with `taskset`; this process and the player workers are pinned to CPU 1. The host is
one ordinary websockets client here; players are split over `workers` processes (`bench.lean`).

Per question: the host's command is timed when sent; every player's receipt of the question
frame gives the fan-out latency. Then every player answers at one agreed instant (`spread`
0) or at a uniformly random moment within `spread` seconds; a `reconnect` fraction first drops
its connection and comes back with `resume` and its token, then answers. Each answer's round
trip to its `answer_ack` is the ack latency. The host closes the question (`skip`), shows the
leaderboard (`next`), and opens the next question (`next`), waiting each time until every
player has the frame; anything that does not arrive is counted as lost.
"""

from __future__ import annotations

import asyncio
import json
import multiprocessing
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from attrs import define, field
from websockets.asyncio.client import ClientConnection, connect

from bench.lean import raise_fd_limit, worker_main

HERE = Path(__file__).resolve().parent
BANK = HERE / "bank.yaml"
HOST_TOKEN = "bench-host-token-0123456789abcdef"
SERVER_CPU, CLIENT_CPU = 0, 1
TIMEOUT = 120.0
BANK_QUESTIONS = 7  # bench/bank.yaml: one question of every kind
CLK_TCK = os.sysconf("SC_CLK_TCK")
PAGE = os.sysconf("SC_PAGE_SIZE")


@define
class RunConfig:
    players: int = 50
    spread: float = 0.0
    reconnect: float = 0.02
    questions: int = 7
    workers: int = 4
    per_address: int = 50
    server: str = "quizhost"  # or "baseline"
    pin_cpus: bool = True
    seed: int = 1
    timeout: float = TIMEOUT
    profile: str | None = None  # py-spy output path (quizhost only)
    lean_host: bool = False  # the host sends players_when_changed (the list once per change)


@define
class Result:
    config: RunConfig
    welcome_ms: float = 0.0
    fanout_ms: list[float] = field(factory=list)  # every player's receipt, every question
    fanout_last_ms: list[float] = field(factory=list)  # per question: the last player
    ack_ms: list[float] = field(factory=list)
    lost_acks: int = 0
    lost_frames: int = 0
    errors: dict[str, int] = field(factory=dict)
    reconnected: int = 0
    server_cpu_s: float = 0.0
    server_rss_idle_kib: int = 0
    server_rss_peak_kib: int = 0
    client_cpu_s: float = 0.0
    wall_s: float = 0.0
    fd_limit: tuple[int, int] = (0, 0)
    cpu_join_s: float = 0.0  # server CPU while players joined
    cpu_answers_s: float = 0.0  # server CPU while answers came in and were acknowledged
    host_frames: int = 0  # frames the host received (host_state mostly)
    host_bytes: int = 0

    def summary(self) -> dict[str, Any]:
        players = self.config.players
        return {
            "server": self.config.server,
            "players": players,
            "spread_s": self.config.spread,
            "questions": self.config.questions,
            "welcome_all_ms": round(self.welcome_ms, 1),
            "fanout_p50_ms": pct(self.fanout_ms, 0.50),
            "fanout_p99_ms": pct(self.fanout_ms, 0.99),
            "fanout_max_ms": round(max(self.fanout_ms, default=0.0), 1),
            "ack_p50_ms": pct(self.ack_ms, 0.50),
            "ack_p99_ms": pct(self.ack_ms, 0.99),
            "ack_max_ms": round(max(self.ack_ms, default=0.0), 1),
            "acks": len(self.ack_ms),
            "lost_acks": self.lost_acks,
            "lost_frames": self.lost_frames,
            "errors": sum(self.errors.values()),
            "error_kinds": self.errors,
            "reconnected": self.reconnected,
            "server_cpu_s": round(self.server_cpu_s, 2),
            "server_rss_peak_mib": round(self.server_rss_peak_kib / 1024, 1),
            "rss_per_player_kib": round(
                (self.server_rss_peak_kib - self.server_rss_idle_kib) / max(players, 1), 1
            ),
            "client_cpu_s": round(self.client_cpu_s, 2),
            "wall_s": round(self.wall_s, 1),
            "server_us_per_join": round(self.cpu_join_s / max(players, 1) * 1e6),
            "server_us_per_answer": round(self.cpu_answers_s / max(len(self.ack_ms), 1) * 1e6),
            "host_frames": self.host_frames,
            "host_kib": round(self.host_bytes / 1024),
            "fd_limit": list(self.fd_limit),
        }


def pct(values: list[float], q: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return round(ordered[min(len(ordered) - 1, int(q * len(ordered)))], 1)


# The server process.


class ServerProcess:
    def __init__(self, config: RunConfig, db: Path) -> None:
        self.config = config
        if config.server == "baseline":
            argv = [sys.executable, "-m", "bench.baseline_server", "--port", "0"]
        else:
            argv = [
                sys.executable, "-m", "quizhost", "serve", str(BANK),
                "--host", "127.0.0.1", "--port", "0", "--db", str(db),
                "--max-players", str(max(config.players, 1)),
                "--max-players-per-address", str(config.per_address),
            ]  # fmt: skip
        if config.pin_cpus and shutil.which("taskset"):
            argv = ["taskset", "-c", str(SERVER_CPU), *argv]
        env = {**os.environ, "QUIZHOST_HOST_TOKEN": HOST_TOKEN, "PYTHONUNBUFFERED": "1"}
        self.proc = subprocess.Popen(
            argv,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
            cwd=HERE.parent,
            preexec_fn=_raise_fd_limit_in_child,
        )
        self.pid = self.proc.pid
        self.profiler: subprocess.Popen[bytes] | None = None

    def banner(self) -> tuple[int, str]:
        """Wait for the banner; (port, pin)."""
        assert self.proc.stdout is not None
        text = ""
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            line = self.proc.stdout.readline()
            if not line:
                err = self.proc.stderr.read() if self.proc.stderr else ""
                raise RuntimeError(f"the server exited before its banner:\n{text}{err}")
            text += line
            url = re.search(r"Players join at\s+http://[^:/]+:(\d+)/\?pin=(\d+)", text)
            if url:
                return int(url.group(1)), url.group(2)
        raise RuntimeError(f"no banner within 30 s:\n{text}")

    def cpu_s(self) -> float:
        fields = Path(f"/proc/{self.pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / CLK_TCK  # utime, stime

    def status_kib(self, key: str) -> int:
        for line in Path(f"/proc/{self.pid}/status").read_text().splitlines():
            if line.startswith(key + ":"):
                return int(line.split()[1])
        return 0

    def start_profile(self, out: str) -> None:
        spy = shutil.which("py-spy") or str(Path(sys.executable).parent / "py-spy")
        form = {".svg": "flamegraph", ".json": "speedscope"}.get(Path(out).suffix, "raw")
        self.profiler = subprocess.Popen(
            [
                *(spy, "record", "-p", str(self.pid), "-o", out, "-f", form),
                *("-r", "1000", "--nonblocking", "--gil"),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )

    def stop(self) -> None:
        if self.profiler is not None:
            self.profiler.send_signal(signal.SIGINT)
            try:
                self.profiler.wait(30)
            except subprocess.TimeoutExpired:
                self.profiler.kill()
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        for pipe in (self.proc.stdout, self.proc.stderr):
            if pipe is not None:
                pipe.close()


def _raise_fd_limit_in_child() -> None:
    raise_fd_limit()


# Workers.


class Workers:
    def __init__(self, config: RunConfig, port: int) -> None:
        ctx = multiprocessing.get_context("spawn")
        cpu = CLIENT_CPU if config.pin_cpus and (os.cpu_count() or 1) > 1 else None
        count = max(1, min(config.workers, config.players))
        self.pipes: list[Any] = []
        self.procs: list[Any] = []
        first = 0
        for i in range(count):
            share = config.players // count + (1 if i < config.players % count else 0)
            parent, child = ctx.Pipe()
            proc = ctx.Process(
                target=worker_main,
                args=(child, "127.0.0.1", port, first, share, config.per_address, cpu),
                daemon=True,
            )
            proc.start()
            self.pipes.append(parent)
            self.procs.append(proc)
            first += share

    async def ask(self, *request: Any) -> list[dict[str, Any]]:
        """Send one request to every worker; their replies, in worker order."""
        for pipe in self.pipes:
            pipe.send(request)
        replies = await asyncio.gather(*(asyncio.to_thread(pipe.recv) for pipe in self.pipes))
        for reply in replies:
            if "failed" in reply:
                raise RuntimeError(f"a worker failed {request[0]}: {reply['failed']}")
        return replies

    def stop(self) -> None:
        for proc in self.procs:
            proc.join(5)
            if proc.is_alive():
                proc.terminate()


# The host.


class Host:
    def __init__(self, link: ClientConnection) -> None:
        self.link = link
        self.errors: list[str] = []
        self.frames = 0
        self.bytes = 0
        self.reader = asyncio.ensure_future(self._read())

    @classmethod
    async def connect(cls, port: int, *, lean: bool = False) -> Host:
        link = await connect(
            f"ws://127.0.0.1:{port}/ws/host", max_size=None, compression=None, open_timeout=30
        )
        auth: dict[str, Any] = {"type": "host", "token": HOST_TOKEN}
        if lean:
            auth["players_when_changed"] = True
        await link.send(json.dumps(auth))
        return cls(link)

    async def _read(self) -> None:
        async for data in self.link:  # host_state, coalesced by the server; errors noted
            self.frames += 1
            self.bytes += len(data)
            if isinstance(data, str) and data.startswith('{"type":"error"'):
                self.errors.append(json.loads(data)["code"])

    async def command(self, kind: str) -> int:
        sent = time.monotonic_ns()
        await self.link.send(json.dumps({"type": kind}))
        return sent

    async def close(self) -> None:
        await self.link.close()
        self.reader.cancel()


# One run.


def _ms(ns: int) -> float:
    return ns / 1e6


async def run(config: RunConfig, say: Any = print) -> Result:
    result = Result(config)
    result.fd_limit = raise_fd_limit()
    if config.pin_cpus and hasattr(os, "sched_setaffinity") and (os.cpu_count() or 1) > 1:
        os.sched_setaffinity(0, {CLIENT_CPU})
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="quizhost-bench-") as tmp:
        server = ServerProcess(config, Path(tmp) / "bench.db")
        workers: Workers | None = None
        host: Host | None = None
        try:
            port, pin = server.banner()
            workers = Workers(config, port)
            host = await Host.connect(port, lean=config.lean_host)
            await asyncio.sleep(0.5)
            result.server_rss_idle_kib = server.status_kib("VmRSS")
            cpu_before = server.cpu_s()
            if config.profile:
                server.start_profile(config.profile)
            await _play(config, result, workers, host, pin, say, server.cpu_s)
            result.server_cpu_s = server.cpu_s() - cpu_before
            result.server_rss_peak_kib = server.status_kib("VmHWM")
            result.errors.update({f"host: {e}": 1 for e in host.errors})
            result.host_frames, result.host_bytes = host.frames, host.bytes
            await host.close()
            host = None
            replies = await workers.ask("finish")
            result.client_cpu_s = sum(r["cpu_s"] for r in replies)
            for reply in replies:
                for what, n in reply["errors"].items():
                    if what.startswith("connection lost") or what.startswith("closed by"):
                        continue  # the server stopping at the end is not an error
                    result.errors[what] = result.errors.get(what, 0) + n
        finally:
            if host is not None:
                await host.close()
            if workers is not None:
                workers.stop()
            server.stop()
            if server.proc.returncode not in (0, None, -signal.SIGTERM) and server.proc.stderr:
                result.errors["server exit"] = 1
                say(server.proc.stderr.read()[-2000:])
    import resource

    usage = resource.getrusage(resource.RUSAGE_SELF)
    result.client_cpu_s += usage.ru_utime + usage.ru_stime
    result.wall_s = time.monotonic() - started
    return result


async def _play(
    config: RunConfig,
    result: Result,
    workers: Workers,
    host: Host,
    pin: str,
    say: Any,
    server_cpu: Any,
) -> None:
    timeout = config.timeout
    go = time.monotonic_ns() + 300_000_000
    cpu = server_cpu()
    replies = await workers.ask("join", pin, go, timeout)
    result.cpu_join_s = server_cpu() - cpu
    welcomed = [t for r in replies for t in r["welcomed"]]
    result.welcome_ms = _ms(max(welcomed, default=go) - go)
    missing = config.players - len(welcomed)
    if missing:
        result.errors["not welcomed"] = missing
    say(f"  {len(welcomed)} players welcomed in {result.welcome_ms:.0f} ms")
    await asyncio.sleep(1.2)  # let the coalesced lobby count go out
    for index in range(config.questions):
        sent = await host.command("start" if index == 0 else "next")
        replies = await workers.ask("wait_question", index, timeout)
        latencies = [_ms(t - sent) for r in replies for t in r["received"]]
        result.fanout_ms.extend(latencies)
        result.fanout_last_ms.append(max(latencies, default=0.0))
        result.lost_frames += config.players - len(latencies)
        at = time.monotonic_ns() + 200_000_000
        cpu = server_cpu()
        replies = await workers.ask(
            "answer", index, at, config.spread, config.reconnect, config.seed + index, timeout
        )
        result.cpu_answers_s += server_cpu() - cpu
        acks = [_ms(t) for r in replies for t in r["acks"]]
        result.ack_ms.extend(acks)
        result.lost_acks += sum(r["expected"] for r in replies) - len(acks)
        result.reconnected += sum(r["reconnected"] for r in replies)
        say(
            f"  question {index}: last player after {result.fanout_last_ms[-1]:.0f} ms; "
            f"ack p99 {pct(acks, 0.99):.0f} ms"
        )
        await host.command("skip")
        replies = await workers.ask("wait_count", "reveal", index + 1, timeout)
        result.lost_frames += sum(r["missing"] for r in replies)
        await host.command("next")
        replies = await workers.ask("wait_count", "leaderboard", index + 1, timeout)
        result.lost_frames += sum(r["missing"] for r in replies)
    if config.questions >= BANK_QUESTIONS:  # the game ends: podium for everyone
        await host.command("next")
        replies = await workers.ask("wait_count", "podium", 1, timeout)
        result.lost_frames += sum(r["missing"] for r in replies)


def table(results: list[Result]) -> str:
    """A readable table: one row per run (quizhost and baseline side by side)."""
    head = (
        f"{'server':9} {'N':>6} {'spread':>6} {'welcome':>8} {'fan p50':>8} {'fan p99':>8}"
        f" {'fan max':>8} {'ack p50':>8} {'ack p99':>8} {'ack max':>8} {'lost':>5} {'err':>4}"
        f" {'srv cpu':>8} {'rss MiB':>8} {'KiB/pl':>7} {'cli cpu':>8}"
    )
    lines = [head, "-" * len(head)]
    for r in results:
        s = r.summary()
        lines.append(
            f"{s['server']:9} {s['players']:>6} {s['spread_s']:>6g} {s['welcome_all_ms']:>8.0f}"
            f" {s['fanout_p50_ms']:>8.1f} {s['fanout_p99_ms']:>8.1f} {s['fanout_max_ms']:>8.1f}"
            f" {s['ack_p50_ms']:>8.1f} {s['ack_p99_ms']:>8.1f} {s['ack_max_ms']:>8.1f}"
            f" {s['lost_acks'] + s['lost_frames']:>5} {s['errors']:>4}"
            f" {s['server_cpu_s']:>8.2f} {s['server_rss_peak_mib']:>8.1f}"
            f" {s['rss_per_player_kib']:>7.1f} {s['client_cpu_s']:>8.2f}"
        )
    return "\n".join(lines)
