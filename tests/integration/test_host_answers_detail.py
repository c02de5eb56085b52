"""The host channel carries what the console shows of the answers: who answered, what was
typed, where slider values fell, and how many questions are left (all additive fields)."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

from quizhost.bank import load_bank
from tests.integration.wire import (
    Client,
    host,
    host_state_where,
    join,
    start_server,
    stop_server,
)

KINDS = Path(__file__).parents[1] / "tui" / "kinds.yaml"


async def next_frame(client: Client, frame_type: str) -> dict[str, Any]:
    """The next frame of `frame_type`, skipping the others a player gets on the way."""
    while True:
        frame = await client.recv()
        if frame["type"] == frame_type:
            return frame


async def test_host_state_says_who_answered_and_how_the_answers_spread(tmp_path: Path) -> None:
    running = await start_server(load_bank(KINDS), tmp_path / "quiz.db")
    try:
        ada, _ = await join(running, "Ada")
        bob, _ = await join(running, "Bob")
        boss = await host(running)
        await host_state_where(boss, lambda f: len(f["players"]) == 2)
        assert all(p["answered"] is False for p in boss.frames[-1]["players"])
        await boss.send(type="start")
        await ada.expect("question")
        await ada.send(type="answer", question=0, text="Six")
        await ada.expect("answer_ack")
        state = await host_state_where(boss, lambda f: f.get("answered") == 1)
        assert [(p["name"], p["answered"]) for p in state["players"]] == [
            ("Ada", True),
            ("Bob", False),
        ]
        assert state["questions_left"] == 3

        await boss.send(type="skip")
        reveal = await host_state_where(boss, lambda f: f["state"] == "reveal")
        assert reveal["reveal"]["spread"] == {
            "accepted": ["6", "six", "six sides"],
            "typed": [{"text": "Six", "count": 1, "correct": True}],
            "other_typed": 0,
        }

        await boss.send(type="next")
        await boss.send(type="next")
        while (await next_frame(bob, "question"))["index"] != 1:
            pass
        await bob.send(type="answer", question=1, value=1970)
        await next_frame(bob, "answer_ack")
        await boss.send(type="skip")
        reveal = await host_state_where(
            boss, lambda f: f["state"] == "reveal" and f["reveal"]["index"] == 1
        )
        spread = reveal["reveal"]["spread"]
        assert spread["margin"] == 2 and len(spread["bins"]) == 17
        assert spread["bins"][6] == {"low": 1968, "high": 1970, "count": 1, "correct": True}
        assert sum(b["count"] for b in spread["bins"]) == 1
    finally:
        await asyncio.wait_for(stop_server(running), 10)
