"""The load generator against a real `quizhost serve`: 50 players, one question.

A smoke run, not a benchmark: it asserts that nothing was lost and nothing failed, never a
time (figures come from `make bench`; see docs/performance.md).
"""

from __future__ import annotations

from bench.run import RunConfig, run


async def test_fifty_players_one_question_nothing_lost() -> None:
    config = RunConfig(
        players=50, questions=1, workers=2, reconnect=0.1, timeout=30, seed=7, pin_cpus=False
    )
    result = await run(config, say=lambda *_: None)
    summary = result.summary()
    assert summary["errors"] == 0, summary["error_kinds"]
    assert summary["lost_acks"] == 0 and summary["lost_frames"] == 0
    assert summary["acks"] == 50 and len(result.fanout_ms) == 50
    assert summary["reconnected"] > 0  # some players came back with resume mid-question
