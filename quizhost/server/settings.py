"""Every limit of the server in one place, with defaults generous enough for a school NAT."""

from __future__ import annotations

from attrs import define, field


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
    host_auth_failures: int = 10  # wrong host tokens per address per window before throttling
    host_auth_window_s: float = 60.0
    host_auth_block_s: float = 300.0
    # Players a single address may add to the game, and joins it may make in join_window_s;
    # resumes never count. A NAT or a tunnel makes many phones one address (docs/security.md).
    max_players_per_address: int = 20
    joins_per_address: int = 60
    join_window_s: float = 60.0
    # This many joins within burst_window_s from one address alert the host (host_state
    # "alerts"), who may remove that source's players at once (`remove_source`).
    burst_joins: int = 20
    burst_window_s: float = 10.0
    # Addresses or networks of reverse proxies whose X-Forwarded-For is believed; from
    # anywhere else the header is ignored.
    trusted_proxies: tuple[str, ...] = field(default=(), converter=tuple)
    connections_per_address: int = 400  # a whole school behind one NAT address
    # Plain HTTP and handshakes per address: the page is 4 files, so a burst of 2,000 lets
    # 500 phones behind one NAT load it at once; a flood gets 429 past it.
    http_requests_per_second: float = 100.0
    http_burst: int = 2000
    # An address that keeps going past that (more than http_strikes 429s within the window)
    # is cut off at accept for http_block_s: no parsing, no answer, the cheapest refusal.
    http_strikes: int = 50
    http_strike_window_s: float = 5.0
    http_block_s: float = 10.0
    refused_grace_s: float = 2.0  # an over-cap connection must send its request within this
    max_connections: int = 12_000
    # Connections the kernel may queue before we accept them (capped by net.core.somaxconn).
    # asyncio's default of 100 drops SYNs when a class joins at once: phones retry after 1 s,
    # then 3 s, 7 s... (docs/performance.md).
    listen_backlog: int = 4096
    max_screens: int = 8  # big screens (/ws/screen) watching at once
    ping_interval_s: float = 20.0
    ping_timeout_s: float = 20.0
    # A connection that sent the app's `ping` once must keep sending a frame this often, or it
    # is dropped and its player marked disconnected (the page pings every 2.5 s). Browsers hide
    # websocket pings, so only an application frame tells a silent loss within seconds.
    heartbeat_timeout_s: float = 10.0
