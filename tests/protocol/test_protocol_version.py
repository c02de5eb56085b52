"""Both greetings carry the protocol version, from the one constant in the protocol package."""

from __future__ import annotations

from pathlib import Path

from quizhost.protocol import PROTOCOL_VERSION
from tests.integration.wire import SHORT, host, join, start_server, stop_server


async def test_welcome_and_host_state_say_which_protocol_the_server_speaks(
    tmp_path: Path,
) -> None:
    """A phone's `welcome` and the host's `host_state` both carry `"protocol": 1`."""
    running = await start_server(SHORT, tmp_path / "q.db")
    try:
        phone, welcome = await join(running, "Ada")
        boss = await host(running)
        state = [f for f in boss.frames if f["type"] == "host_state"][-1]
        assert PROTOCOL_VERSION == 1
        assert welcome["protocol"] == PROTOCOL_VERSION
        assert state["protocol"] == PROTOCOL_VERSION
        await phone.close()
        await boss.close()
    finally:
        await stop_server(running)


def test_the_protocol_document_shows_the_version_field() -> None:
    """docs/protocol.md documents the field in both frames' examples."""
    text = (Path(__file__).parents[2] / "docs" / "protocol.md").read_text()
    assert '{"type": "welcome", "protocol": 1,' in text
    assert '{"type": "host_state", "protocol": 1,' in text
