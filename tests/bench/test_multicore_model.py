"""bench.multicore: the model of quizhost split over cores keeps its own arithmetic."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from bench.multicore import (
    LAYOUTS,
    Costs,
    Layout,
    arrivals,
    costs_from_table,
    main,
    percentile,
    simulate,
)

COSTS = Costs(w_us=80.0, g_us=30.0, view_us_per_player=0.0)
ONE_PROCESS = Layout("one", 2, 0)


def test_one_process_acks_a_burst_after_all_its_work() -> None:
    """A burst on one core: the last ack comes once every answer's w + g was spent, plus at
    most a commit gap and a commit (the acks wait for their commit)."""
    out = simulate(ONE_PROCESS, COSTS, arrivals(1000, 0))
    work_ms = 1000 * (COSTS.w_us + COSTS.g_us) / 1000
    assert len(out.acks_ms) == 1000
    assert work_ms <= max(out.acks_ms) <= work_ms + COSTS.gap_ms + COSTS.commit_ms + 0.1
    assert out.capacity_per_s == pytest.approx(1e6 / 110)


def test_answers_that_come_apart_commit_alone_and_at_once() -> None:
    """One answer every 20 ms: nothing overlaps, so no gap is waited."""
    times = [i * 20_000.0 for i in range(50)]
    out = simulate(ONE_PROCESS, COSTS, times)
    assert out.commits == 50
    expected_ms = (COSTS.w_us + COSTS.g_us) / 1000 + COSTS.commit_ms
    assert max(out.acks_ms) == pytest.approx(expected_ms)


def test_a_burst_shares_commits() -> None:
    out = simulate(ONE_PROCESS, COSTS, arrivals(2000, 0))
    assert out.commits < 2000 / 10


def test_more_fan_out_processes_ack_a_burst_sooner_until_the_core_limits() -> None:
    times = arrivals(5000, 0)
    p99 = [percentile(simulate(layout, COSTS, times).acks_ms, 0.99) for layout in LAYOUTS]
    assert p99[0] > p99[1] > p99[2]
    split = simulate(Layout("many", 32, 30), COSTS, times)
    core_ms = 5000 * (COSTS.take_us + COSTS.g_us - COSTS.parse_us) / 1000
    assert percentile(split.acks_ms, 0.99) >= core_ms  # the game core's share stays serial
    assert split.capacity_per_s == pytest.approx(1e6 / 30)


def test_the_hosts_views_hold_up_the_answers_that_come_meanwhile() -> None:
    """A trickle: without views every answer waits only for its commit; with 40 ms views
    every 1.25 s (10,000 players), some answers wait behind a view."""
    times = arrivals(10_000, 5.0)
    quiet = simulate(ONE_PROCESS, COSTS, times)
    viewed = simulate(ONE_PROCESS, replace(COSTS, view_us_per_player=4.0), times)
    assert max(quiet.acks_ms) < 20 < 40 <= max(viewed.acks_ms)


def test_costs_come_from_a_bench_table(tmp_path: Path) -> None:
    rows = [
        {
            "server": "quizhost",
            "players": 2000,
            "spread_s": 0.0,
            "server_us_per_answer": us,
            "ack_p99_ms": p99,
        }
        for us, p99 in ((110, 200), (120, 230), (100, 190))
    ] + [
        {
            "server": "baseline",
            "players": 2000,
            "spread_s": 0.0,
            "server_us_per_answer": us,
            "ack_p99_ms": 100,
        }
        for us in (70, 80, 90)
    ]
    table = tmp_path / "table.txt"
    table.write_text("a progress line\n" + "".join(f"BENCH {json.dumps(r)}\n" for r in rows))
    costs, measured = costs_from_table(table, 2000, 0.0)
    assert (costs.w_us, costs.g_us, measured) == (80, 30, 200)
    with pytest.raises(SystemExit, match="no quizhost and baseline rows"):
        costs_from_table(table, 5000, 0.0)


def test_the_command_prints_a_row_per_laptop(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--players", "300"]) == 0
    out = capsys.readouterr().out
    assert all(layout.label in out for layout in LAYOUTS)
