"""How far one laptop goes with k fan-out processes and one game core: a simulation.

    .venv/bin/python -m bench.multicore [--players 10000] [--spread 0] [--from-table FILE]

docs/performance.md sketches quizhost split over several cores (phones -> k fan-out
processes -> one process with the `Game` and the store) but it is not built, and this
machine has two cores. So the split is simulated: a discrete-event model in which each
process is one core serving its work first come, first served, at the CPU cost per message
measured for quizhost and the bare websockets server (round five's tables, or this machine's
with `--from-table`, the output of `python -m bench table`). A pub/sub hop adds its latency
each way; answers share commits as the store's writer has them (a batch no sooner than the
commit gap after the last one began, each taking the commit's time on the disk); the ack is
written only after the commit, as today; the host's view holds the game's process for its
time every `host_interval_s` (1.25 s at 10,000 players).

With k = 0 the model is quizhost as it runs today, one process on one core; its ack p99 for
a burst of 2,000 and 5,000 is printed beside the measured one, which checks the model. Costs
that are assumptions, not measurements (the forwarding and taking of a command over the
pub/sub hop, the hop itself, how the websocket work splits between reading a frame and
writing the ack) are options, printed with the results.
"""

from __future__ import annotations

import argparse
import functools
import heapq
import itertools
import json
import random
import statistics
import sys
from collections import deque
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from quizhost.session import SessionConfig
from quizhost.session.session import HOST_PLAYERS_PER_SECOND, paced_interval_s


@dataclass(frozen=True)
class Costs:
    """CPU per message in µs (the websocket side `w`, quizhost's game and durable path `g`)
    and the latencies in ms that the model adds; see the module docstring."""

    w_us: float  # websocket and event-loop work per answer: the bare server's CPU per answer
    g_us: float  # quizhost's CPU per answer above the bare server's (commits included)
    parse_us: float = 5.0  # parse and validate a frame (bench.answer_cost): a fan-out's, split
    in_share: float = 0.6  # of w, the part that reads the frame; the rest writes the ack
    forward_us: float = 5.0  # a fan-out process forwards one command, in batches (assumed)
    take_us: float = 5.0  # the game core takes one command out of a batch (assumed)
    hop_ms: float = 0.3  # pub/sub on one machine, one way (NATS or Redis: 0.1-0.5 ms)
    commit_ms: float = 2.0  # a commit's wall time, WAL write and fsync (bench.commit_cost)
    gap_ms: float = 10.0  # the commit gap of quizhost.store (COMMIT_GAP_S)
    #: The host's view holds the game's loop while it builds and encodes the player list:
    #: 15-40 ms at 10,000 players in the server (round six), so ~2.5 µs per player.
    view_us_per_player: float = 2.5


#: Round five's medians (docs/performance.md, "The whole table, median of three (round five)").
ROUND_FIVE = {"burst": Costs(w_us=80.0, g_us=30.0), "spread": Costs(w_us=157.0, g_us=90.0)}


@dataclass(frozen=True)
class Layout:
    """One laptop: `fanouts` processes own the websockets (0: one process does everything)."""

    label: str
    cores: int
    fanouts: int


LAYOUTS = (
    Layout("2 cores, one process (today)", 2, 0),
    Layout("4 cores, k = 2", 4, 2),
    Layout("8 cores, k = 5", 8, 5),
)


class Simulation:
    """Events in time order; each `Core` serves its queue one job at a time."""

    def __init__(self) -> None:
        self.now = 0.0  # µs
        self._events: list[tuple[float, int, Callable[[], None]]] = []
        self._order = itertools.count()

    def at(self, when: float, action: Callable[[], None]) -> None:
        heapq.heappush(self._events, (when, next(self._order), action))

    def run(self) -> None:
        while self._events:
            self.now, _, action = heapq.heappop(self._events)
            action()


class Core:
    """A single-threaded process on its own core: jobs run one after another, in order."""

    def __init__(self, sim: Simulation) -> None:
        self.sim = sim
        self.busy_us = 0.0
        self._queue: deque[tuple[float, Callable[[], None]]] = deque()
        self._running = False

    def submit(self, cost_us: float, then: Callable[[], None]) -> None:
        self._queue.append((cost_us, then))
        if not self._running:
            self._next()

    def _next(self) -> None:
        if not self._queue:
            self._running = False
            return
        self._running = True
        cost_us, then = self._queue.popleft()
        self.busy_us += cost_us

        def done() -> None:
            then()
            self._next()

        self.sim.at(self.sim.now + cost_us, done)


class Writer:
    """The store's writer: what came in while a commit ran goes in the next one, which starts
    no sooner than the gap after the last began once commits overlap (store/writer.py)."""

    def __init__(self, sim: Simulation, costs: Costs) -> None:
        self.sim = sim
        self.commit_us = costs.commit_ms * 1000
        self.gap_us = costs.gap_ms * 1000
        self.commits = 0
        self._pending: list[Callable[[], None]] = []
        self._busy = False
        self._last_start = -1e18
        self._last_size = 0

    def write(self, committed: Callable[[], None]) -> None:
        self._pending.append(committed)
        if not self._busy:
            self._busy = True
            overlapping = self._last_size > 1  # else a write after a quiet spell: at once
            start = self._last_start + self.gap_us if overlapping else self.sim.now
            self.sim.at(max(start, self.sim.now), self._commit)

    def _commit(self) -> None:
        batch, self._pending = self._pending, []
        self._last_start, self._last_size = self.sim.now, len(batch)
        self.commits += 1

        def done() -> None:
            for committed in batch:
                committed()
            if self._pending:
                self.sim.at(max(self.sim.now, self._last_start + self.gap_us), self._commit)
            else:
                self._busy = False

        self.sim.at(self.sim.now + self.commit_us, done)


@dataclass(frozen=True)
class Outcome:
    layout: Layout
    acks_ms: list[float]
    busiest: float  # the busiest process's share of the run
    capacity_per_s: float  # answers a second the busiest process can take
    commits: int


def simulate(layout: Layout, costs: Costs, arrivals_us: Sequence[float]) -> Outcome:
    """Every answer from its arrival to its ack written, through `layout`."""
    sim = Simulation()
    writer = Writer(sim, costs)
    acks: list[float] = []
    w_in, w_out = costs.w_us * costs.in_share, costs.w_us * (1 - costs.in_share)
    hop = costs.hop_ms * 1000
    if layout.fanouts == 0:
        main = Core(sim)
        cores = [main]
        busiest_us = costs.w_us + costs.g_us  # per answer, on the process that limits

        def arrive(sent: float) -> None:
            main.submit(w_in + costs.g_us, lambda: writer.write(lambda: ack(sent)))

        def ack(sent: float) -> None:
            main.submit(w_out, lambda: acks.append((sim.now - sent) / 1000))

    else:
        game = Core(sim)
        fanouts = [Core(sim) for _ in range(layout.fanouts)]
        cores = [game, *fanouts]
        core_cost = costs.take_us + costs.g_us - costs.parse_us
        fanout_cost = (costs.w_us + costs.parse_us + costs.forward_us) / layout.fanouts
        busiest_us = max(core_cost, fanout_cost)
        spread = itertools.cycle(fanouts)

        def arrive(sent: float) -> None:
            fanout = next(spread)
            fanout.submit(
                w_in + costs.parse_us + costs.forward_us,
                lambda: sim.at(sim.now + hop, lambda: at_core(sent, fanout)),
            )

        def at_core(sent: float, fanout: Core) -> None:
            game.submit(core_cost, lambda: writer.write(lambda: back(sent, fanout)))

        def back(sent: float, fanout: Core) -> None:
            sim.at(
                sim.now + hop,
                lambda: fanout.submit(w_out, lambda: acks.append((sim.now - sent) / 1000)),
            )

    for sent in arrivals_us:
        sim.at(sent, functools.partial(arrive, sent))
    # The host's views, every `host_interval_s` while answers come in, on the game's process.
    players = len(arrivals_us)
    configured_s = SessionConfig().host_update_interval_s
    every_us = paced_interval_s(configured_s, players, HOST_PLAYERS_PER_SECOND) * 1e6
    view_us = costs.view_us_per_player * players
    for tick in range(int(max(arrivals_us, default=0.0) // every_us) + 1):
        sim.at(tick * every_us, functools.partial(cores[0].submit, view_us, lambda: None))
    sim.run()
    length = max(sim.now, 1.0)
    return Outcome(
        layout,
        acks,
        max(core.busy_us for core in cores) / length,
        1e6 / busiest_us,
        writer.commits,
    )


def arrivals(players: int, spread_s: float, seed: int = 1) -> list[float]:
    """When each answer arrives, in µs: all at once, or uniformly within `spread_s`."""
    if spread_s <= 0:
        return [0.0] * players
    draw = random.Random(seed)
    return sorted(draw.uniform(0, spread_s * 1e6) for _ in range(players))


def percentile(values: Sequence[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] if ordered else 0.0


def costs_from_table(path: Path, players: int, spread_s: float) -> tuple[Costs, float | None]:
    """`w` and `g` from a `bench table` output's BENCH lines for this row (medians over the
    runs the file holds), and the measured quizhost ack p99 (ms) to check the model with."""
    rows: dict[str, list[dict[str, float]]] = {"quizhost": [], "baseline": []}
    for line in path.read_text().splitlines():
        if not line.startswith("BENCH "):
            continue
        row = json.loads(line[len("BENCH ") :])
        if row["players"] == players and row["spread_s"] == spread_s and row["server"] in rows:
            rows[row["server"]].append(row)
    if not rows["quizhost"] or not rows["baseline"]:
        raise SystemExit(
            f"{path}: no quizhost and baseline rows for {players} players, "
            f"spread {spread_s:g} s: run `python -m bench table` into it"
        )

    def median(server: str, key: str) -> float:
        return statistics.median(row[key] for row in rows[server])

    bare = median("baseline", "server_us_per_answer")
    ours = median("quizhost", "server_us_per_answer")
    return Costs(w_us=bare, g_us=ours - bare), median("quizhost", "ack_p99_ms")


def report(
    players: int,
    spread_s: float,
    costs: Costs,
    measured_p99: float | None,
    layouts: Iterable[Layout] = LAYOUTS,
) -> str:
    lines = [
        f"{players} answers, {'all at once' if spread_s <= 0 else f'over {spread_s:g} s'}; "
        f"w = {costs.w_us:.0f} µs, g = {costs.g_us:.0f} µs, parse {costs.parse_us:g}, "
        f"forward {costs.forward_us:g}, take {costs.take_us:g} µs, hop {costs.hop_ms:g} ms, "
        f"commit {costs.commit_ms:g} ms, gap {costs.gap_ms:g} ms, "
        f"host view {costs.view_us_per_player * players / 1000:g} ms",
        f"{'laptop':<30} {'ack p50':>8} {'ack p99':>8} {'ack max':>8} {'busiest':>8} "
        f"{'answers/s':>10} {'commits':>8}",
    ]
    times = arrivals(players, spread_s)
    for layout in layouts:
        out = simulate(layout, costs, times)
        lines.append(
            f"{layout.label:<30} {percentile(out.acks_ms, 0.5):>8.1f} "
            f"{percentile(out.acks_ms, 0.99):>8.1f} {max(out.acks_ms):>8.1f} "
            f"{out.busiest:>8.0%} {out.capacity_per_s:>10,.0f} {out.commits:>8}"
        )
    if measured_p99 is not None:
        lines.append(f"{'measured (bench table), today':<30} {'':>8} {measured_p99:>8.1f}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--players", type=int, nargs="*", default=[2000, 5000, 10000])
    parser.add_argument("--spread", type=float, default=0.0, help="answers within S seconds")
    parser.add_argument("--from-table", type=Path, help="`python -m bench table` output")
    parser.add_argument("--hop-ms", type=float, default=Costs.hop_ms)
    parser.add_argument("--forward-us", type=float, default=Costs.forward_us)
    parser.add_argument("--take-us", type=float, default=Costs.take_us)
    args = parser.parse_args(argv)
    assumed = {"hop_ms": args.hop_ms, "forward_us": args.forward_us, "take_us": args.take_us}
    for players in args.players:
        measured = None
        if args.from_table is not None:
            costs, measured = costs_from_table(args.from_table, players, args.spread)
        else:
            costs = ROUND_FIVE["burst" if args.spread <= 0 else "spread"]
        print(report(players, args.spread, replace(costs, **assumed), measured))
        print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
