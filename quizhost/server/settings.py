"""Every limit of the server in one place, with defaults generous enough for a school NAT."""

from __future__ import annotations

from attrs import define


@define
class ServerSettings:
    max_size: int = 4096  # bytes per inbound frame; bigger closes with 1009
    max_queue: int = 8  # inbound frames buffered per connection before backpressure
    messages_per_second: float = 20.0  # per connection (docs/protocol.md)
    message_burst: int = 40
    max_rate_strikes: int = 40  # rate-limited frames within strike_window_s -> close 1008
    strike_window_s: float = 10.0
    max_bad_frames: int = 20  # malformed frames per connection before close 1008
    first_frame_timeout_s: float = 10.0  # a connection that says nothing is closed
    open_timeout_s: float = 10.0  # an unfinished handshake is dropped
    pin_failures: int = 10  # wrong PINs per address per pin_window_s before throttling
    pin_window_s: float = 60.0
    pin_block_s: float = 60.0
    connections_per_address: int = 400  # a whole school behind one NAT address
    max_connections: int = 12_000
    # Connections the kernel may queue before we accept them (capped by net.core.somaxconn).
    # asyncio's default of 100 drops SYNs when a class joins at once: phones retry after 1 s,
    # then 3 s, 7 s... (docs/performance.md).
    listen_backlog: int = 4096
    max_screens: int = 8  # big screens (/ws/screen) watching at once
    ping_interval_s: float = 20.0
    ping_timeout_s: float = 20.0
