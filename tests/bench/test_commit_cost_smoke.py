"""bench.commit_cost runs: single commits, and a trickle gathered by the commit gap."""

from __future__ import annotations

from pathlib import Path

from bench.commit_cost import cpu_per_commit, trickle


async def test_the_commit_bench_measures_both_ways(tmp_path: Path) -> None:
    assert await cpu_per_commit(tmp_path / "one.db", commits=5) > 0
    apart = await trickle(tmp_path / "apart.db", rate=200, seconds=0.2, gap_s=0.0)
    gathered = await trickle(tmp_path / "gathered.db", rate=200, seconds=0.2, gap_s=0.1)
    assert apart["commits"] > gathered["commits"] >= 1
    assert gathered["wait_max_ms"] < 1000
