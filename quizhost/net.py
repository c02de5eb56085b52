"""Network helpers for start-up: the LAN address to print and encode, the join URL, and a
listening port chosen without a race.
"""

from __future__ import annotations

import errno
import ipaddress
import socket
from typing import Final

from attrs import frozen

from quizhost.portable import reuse_address

#: A private address used only to ask the routing table which interface is the LAN one.
_PROBE_ADDRESS: Final = ("10.254.254.254", 9)


def lan_address() -> str:
    """This machine's LAN IPv4 address, or 127.0.0.1 when it has none.

    `connect()` on a UDP socket sends no packet: it only makes the kernel pick a route and
    thus a source address, which `getsockname()` reports. Nothing leaves the machine.
    """
    try:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
            probe.connect(_PROBE_ADDRESS)
            address = str(probe.getsockname()[0])
    except OSError:
        return "127.0.0.1"
    if address in ("0.0.0.0", ""):
        return "127.0.0.1"
    return address


def _url_host(host: str) -> str:
    try:
        ip = ipaddress.ip_address(host)
    except ValueError:
        return host
    return f"[{ip}]" if ip.version == 6 else str(ip)


def join_url(public_url: str | None, host: str, port: int, pin: str) -> str:
    """The URL phones open (and the QR code encodes): `public_url` if given (behind a proxy or
    tunnel), else the server's own address, with the LAN address for a wildcard bind."""
    if public_url:
        base = public_url.rstrip("/")
    else:
        if host in ("", "0.0.0.0", "::", "*"):
            host = lan_address()
        base = f"http://{_url_host(host)}" + ("" if port == 80 else f":{port}")
    return f"{base}/?pin={pin}"


@frozen
class BoundPort:
    """A socket already bound to `port` (not yet listening), and a note if it is not the one
    that was asked for. Pass `sock` to `websockets.asyncio.server.serve(..., sock=sock)`."""

    sock: socket.socket
    port: int
    message: str | None


def bind_port(host: str, preferred: int, *, fallback: bool = True) -> BoundPort:
    """Bind a TCP socket on `host`, on `preferred` if it is free, else on a free port.

    The socket stays bound between this call and `serve(sock=...)`, so no other process can
    take the port in between (the race of "probe a port, close it, bind it again").
    """
    infos = socket.getaddrinfo(
        host or None, preferred, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE
    )
    family, _type, proto, _name, _address = infos[0]
    for port in (preferred, 0) if fallback and preferred != 0 else (preferred,):
        sock = socket.socket(family, socket.SOCK_STREAM, proto)
        try:
            reuse_address(sock)  # rebind over TIME_WAIT, never over a listener
            if family == socket.AF_INET6:
                sock.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 0)
            sock.bind((host, port) if family == socket.AF_INET else (host, port, 0, 0))
        except OSError as exc:
            sock.close()
            if port == 0 or exc.errno not in (errno.EADDRINUSE, errno.EACCES):
                raise
            continue
        actual = int(sock.getsockname()[1])
        message = None
        if actual != preferred and preferred != 0:
            message = f"port {preferred} is in use; using port {actual} instead"
        return BoundPort(sock, actual, message)
    raise OSError(errno.EADDRINUSE, f"port {preferred} on {host} is in use")
