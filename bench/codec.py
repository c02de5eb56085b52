"""The JSON codec on the hot frames: the standard library against orjson, CPU per call.

    python -m bench.codec

Each figure is `time.process_time` per call, the best of three runs, for the frames the server
writes per join, per answer, per player of a reveal and per host view (docs/performance.md,
round three).
"""

from __future__ import annotations

import functools
import json
import time
from collections.abc import Callable
from typing import Any

from quizhost.jsontext import encode_std

FRAMES: dict[str, tuple[Any, int]] = {
    "answer_ack": ({"type": "answer_ack", "question": 3}, 50_000),
    "reveal's you part (per player)": (
        {"answered": True, "correct": True, "points": 850, "score": 1700, "rank": 3, "streak": 2},
        50_000,
    ),
    "welcome (per join)": (
        {
            "type": "welcome",
            "protocol": 1,
            "player_id": "abcdEFGH123",
            "name": "Ada Lovelace",
            "token": "x" * 180,
            "state": "lobby",
        },
        50_000,
    ),
    "question (per question)": (
        {
            "type": "question",
            "index": 3,
            "total": 10,
            "kind": "choice",
            "text": "What is the capital of Australia?",
            "choices": ["Sydney", "Canberra", "Melbourne", "Perth"],
            "multiple": False,
            "time_limit_ms": 20000,
            "remaining_ms": 19987,
            "points": "standard",
            "image": None,
        },
        50_000,
    ),
    "host_state's players, 2,000": (
        [
            {
                "id": f"id{i:08d}",
                "name": f"Player {i}",
                "score": i * 10,
                "connected": True,
                "answered": bool(i % 2),
            }
            for i in range(2000)
        ],
        100,
    ),
}
ANSWER = b'{"type":"answer","question":3,"choice":1}'


def cpu_us(call: Callable[[], object], times: int) -> float:
    """CPU microseconds per call, the best of three runs."""
    best = float("inf")
    for _ in range(3):
        began = time.process_time()
        for _ in range(times):
            call()
        best = min(best, (time.process_time() - began) / times * 1e6)
    return best


def main() -> None:
    import orjson  # the [fast] extra

    print("| frame | json µs | orjson µs |")
    print("|---|---|---|")
    for name, (value, times) in FRAMES.items():
        assert orjson.dumps(value) == encode_std(value), name
        slow = cpu_us(functools.partial(encode_std, value), times)
        fast = cpu_us(functools.partial(orjson.dumps, value), times)
        print(f"| {name} | {slow:.1f} | {fast:.1f} |")
    slow = cpu_us(lambda: json.loads(ANSWER), 50_000)
    fast = cpu_us(lambda: orjson.loads(ANSWER), 50_000)
    print(f"| reading an answer | {slow:.1f} | {fast:.1f} |")


if __name__ == "__main__":
    main()
