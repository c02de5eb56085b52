"""A TCP relay between a phone and the server that can lose the network without a word.

`context.set_offline` leaves an open websocket working in Chromium, so a lost network is
played here: `go_silent()` stops forwarding on every open connection, without closing it
(Wi-Fi gone: no FIN, no RST), and holds new connections unanswered; `heal()` drops what it
held (the phone's next try goes through) and forwards again. `cut_open()` silences only the
connections open now: a phone that moved to another network.
"""

from __future__ import annotations

import asyncio
import contextlib


class _Pair:
    """One phone connection and its upstream; `frozen` ones forward nothing, close nothing."""

    def __init__(self) -> None:
        self.frozen = False
        self.writers: list[asyncio.StreamWriter] = []


class Relay:
    """127.0.0.1:port -> 127.0.0.1:target, byte for byte until told otherwise."""

    def __init__(self, target_port: int) -> None:
        self.target_port = target_port
        self.silent = False  # new connections are held unanswered
        self.connections = 0  # accepted so far, to see a page reconnect
        self._pairs: list[_Pair] = []
        self._server: asyncio.Server | None = None

    @property
    def port(self) -> int:
        assert self._server is not None
        return int(self._server.sockets[0].getsockname()[1])

    async def start(self) -> None:
        self._server = await asyncio.start_server(self._accept, "127.0.0.1", 0)

    async def stop(self) -> None:
        self.heal()
        for pair in self._pairs:
            for writer in pair.writers:
                writer.transport.abort()
        if self._server is not None:
            self._server.close()
            await self._server.wait_closed()

    def cut_open(self) -> None:
        """The connections open now forward nothing more, either way, and close nothing."""
        for pair in self._pairs:
            pair.frozen = True

    def go_silent(self) -> None:
        """No network: open connections go quiet and new ones are held unanswered."""
        self.cut_open()
        self.silent = True

    def heal(self) -> None:
        """Hard-close every connection the silence caught, then forward new ones again."""
        self.silent = False
        for pair in [p for p in self._pairs if p.frozen]:
            for writer in pair.writers:
                writer.transport.abort()
            self._pairs.remove(pair)

    async def _accept(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.connections += 1
        pair = _Pair()
        pair.writers.append(writer)
        self._pairs.append(pair)
        if self.silent:
            pair.frozen = True
            await self._pipe(pair, reader, None)
            return
        up_reader, up_writer = await asyncio.open_connection("127.0.0.1", self.target_port)
        pair.writers.append(up_writer)
        await asyncio.gather(
            self._pipe(pair, reader, up_writer),
            self._pipe(pair, up_reader, writer),
            return_exceptions=True,
        )

    async def _pipe(
        self, pair: _Pair, reader: asyncio.StreamReader, writer: asyncio.StreamWriter | None
    ) -> None:
        with contextlib.suppress(ConnectionError):
            while chunk := await reader.read(65536):
                if pair.frozen or writer is None:
                    continue  # lost in the air
                writer.write(chunk)
                await writer.drain()
        if writer is not None and not pair.frozen:  # a lost FIN is never passed on
            writer.close()
