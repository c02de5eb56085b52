"""Network helpers: LAN address without traffic, join URLs, race-free port binding."""

from __future__ import annotations

import asyncio
import ipaddress
import socket
from typing import Any

import pytest

from quizhost import net
from quizhost.net import bind_port, join_url, lan_address


def test_lan_address_is_an_ipv4_address() -> None:
    """Whatever the machine, the answer is a usable IPv4 address."""
    assert ipaddress.ip_address(lan_address()).version == 4


def test_lan_address_only_connects_a_udp_socket(monkeypatch: pytest.MonkeyPatch) -> None:
    """The probe is a UDP connect (which sends nothing); no send call is ever made."""
    calls: list[str] = []

    class Probe:
        def __init__(self, family: int, kind: int) -> None:
            assert (family, kind) == (socket.AF_INET, socket.SOCK_DGRAM)

        def __enter__(self) -> Probe:
            return self

        def __exit__(self, *exc: object) -> None:
            calls.append("close")

        def connect(self, address: tuple[str, int]) -> None:
            assert ipaddress.ip_address(address[0]).is_private
            calls.append("connect")

        def getsockname(self) -> tuple[str, int]:
            return ("192.168.7.42", 50000)

        def __getattr__(self, name: str) -> Any:
            raise AssertionError(f"unexpected socket call {name}")

    monkeypatch.setattr("quizhost.net.socket.socket", Probe)
    assert lan_address() == "192.168.7.42"
    assert calls == ["connect", "close"]


def test_lan_address_falls_back_to_loopback(monkeypatch: pytest.MonkeyPatch) -> None:
    """No route (no network at all) gives 127.0.0.1 rather than an error."""

    def no_network(*args: object) -> socket.socket:
        raise OSError("Network is unreachable")

    monkeypatch.setattr("quizhost.net.socket.socket", no_network)
    assert lan_address() == "127.0.0.1"


def test_join_url_forms(monkeypatch: pytest.MonkeyPatch) -> None:
    """Public URL wins; a wildcard bind uses the LAN address; IPv6 is bracketed."""
    monkeypatch.setattr(net, "lan_address", lambda: "192.168.1.9")
    assert join_url("https://quiz.example/", "0.0.0.0", 8000, "123456") == (
        "https://quiz.example/?pin=123456"
    )
    assert join_url(None, "0.0.0.0", 8000, "1") == "http://192.168.1.9:8000/?pin=1"
    assert join_url(None, "10.0.0.3", 80, "1") == "http://10.0.0.3/?pin=1"
    assert join_url(None, "::1", 8000, "1") == "http://[::1]:8000/?pin=1"
    assert join_url(None, "quiz.local", 8000, "1") == "http://quiz.local:8000/?pin=1"


def test_bind_port_uses_the_preferred_port_when_free() -> None:
    """A free preferred port is bound as asked, with no message."""
    free = bind_port("127.0.0.1", 0)
    port = free.port
    free.sock.close()
    bound = bind_port("127.0.0.1", port)
    try:
        assert (bound.port, bound.message) == (port, None)
        assert bound.sock.getsockname() == ("127.0.0.1", port)
    finally:
        bound.sock.close()


def test_bind_port_falls_back_when_busy_and_keeps_the_port() -> None:
    """A busy port falls back to another one, and the returned socket holds it."""
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        taken = busy.getsockname()[1]
        bound = bind_port("127.0.0.1", taken)
        try:
            assert bound.port != taken and bound.message and str(taken) in bound.message
            with socket.socket() as rival, pytest.raises(OSError):
                rival.bind(("127.0.0.1", bound.port))
        finally:
            bound.sock.close()
        with pytest.raises(OSError):
            bind_port("127.0.0.1", taken, fallback=False)


async def test_bound_socket_serves() -> None:
    """The bound socket goes straight into serve(sock=...) and accepts connections."""
    from websockets.asyncio.client import connect
    from websockets.asyncio.server import ServerConnection, serve

    async def echo(ws: ServerConnection) -> None:
        async for message in ws:
            await ws.send(message)

    bound = bind_port("127.0.0.1", 0)
    async with (
        asyncio.timeout(10),
        serve(echo, sock=bound.sock),
        connect(f"ws://127.0.0.1:{bound.port}/") as ws,
    ):
        await ws.send("hi")
        assert await ws.recv() == "hi"
