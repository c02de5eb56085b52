"""Frames written by orjson (the [fast] extra) are the standard library's bytes."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from quizhost import jsontext
from quizhost.bank.models import Bank, ChoiceQuestion
from quizhost.core import Join, Start
from quizhost.jsontext import encode_std
from quizhost.protocol import host_frames
from quizhost.protocol.outbound import encode_json, welcome_frame
from quizhost.session import Session, SessionConfig
from quizhost.store import Store, records

pytest.importorskip("orjson")

VALUES: list[Any] = [
    {"type": "answer_ack", "question": 3},
    {"type": "welcome", "name": 'Zoë 🦊 \u2028 "quoted" \\ back', "state": "lobby"},
    {"type": "x", "none": None, "yes": True, "no": False, "list": [1, -2, 0], "empty": {}},
    {"value": 1969.5, "small": 0.25, "neg": -3.75, "zero": 0.0},
    {"control": "\x00\x1f\t\n", "cjk": "北京", "rtl": "שלום"},
    [{"id": "a", "score": 10**12}],
]


@pytest.mark.parametrize("value", VALUES)
def test_orjson_writes_the_standard_librarys_bytes(value: Any) -> None:
    """Same compact separators, UTF-8 unescaped, same escapes: byte for byte."""
    assert encode_json(value) == encode_std(value)


@pytest.mark.parametrize("value", VALUES)
def test_sorted_keys_are_the_standard_librarys_bytes_too(value: Any) -> None:
    """The journal's form (store/records.py): keys sorted, otherwise the same."""
    assert jsontext.encode(value, sort_keys=True) == encode_std(value, sort_keys=True)
    assert records.dumps(value) == encode_std(value, sort_keys=True).decode()


def test_what_orjson_refuses_the_standard_library_writes() -> None:
    """A non-string key or an integer past 64 bits falls back instead of failing."""
    for value in ({1: "a"}, {"big": 2**70}):
        assert encode_json(value) == encode_std(value)


async def test_a_real_host_state_and_welcome_are_the_same_bytes(tmp_path: Path) -> None:
    """The frames of a real game in a question, with unusual names, encode identically."""
    bank = Bank(
        title="T",
        questions=(ChoiceQuestion(text="Q ✓", choices=("A", "B"), correct=frozenset({0})),),
    )
    store = await Store.open(tmp_path / "q.db")
    try:
        session = await Session.create(bank, store, SessionConfig())
        for i, name in enumerate(["Ada", "Zoë 🦊", 'Bob "B"', "北京"]):
            session.game.handle(Join(player_id=f"p{i}", name=name), 0)
        session.game.handle(Start(), 0)
        view = session.host_view()
        frame = host_frames.host_state_frame(view)
        players = host_frames.players_json(view.players)
        assert players == encode_std(
            [
                {
                    "id": p.id,
                    "name": p.name,
                    "score": p.score,
                    "connected": p.connected,
                    "answered": p.answered,
                }
                for p in view.players
            ]
        )
        assert frame.endswith(b',"players":' + players + b"}")
        welcome = welcome_frame("p1", "Zoë 🦊", "tok", "lobby", None)
        assert welcome.decode().count("🦊") == 1
        await session.close()
    finally:
        await store.close()
