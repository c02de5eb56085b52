"""Abuse limits, pure and clock-injected: every method takes `now` (seconds, any monotonic
origin), so tests need no sleeping and the server passes `loop.time()`.

- `RateLimiter`: a token bucket per connection plus a strike window, answering OK, LIMITED
  (send `rate_limited`, drop the frame) or CLOSE (sustained abuse: close with 1008).
- `FailureThrottle`: failed guesses per address (wrong PINs, wrong host tokens); blocks an
  address after too many in a window.
- `ConnectionCounter`: open connections per address and in total.
- `AddressRateLimiter`: a token bucket per address (HTTP requests).
- `JoinLimiter`: players and joins per address (resumes are not joins).
- `TrustedProxies`: which address a request is from, believing `X-Forwarded-For` only when a
  trusted reverse proxy sent it.

Tables keyed by address have a hard size cap, so a flood of spoofed or rotating addresses
costs bounded memory.
"""

from __future__ import annotations

import enum
import ipaddress
from collections import OrderedDict, deque
from collections.abc import Callable, Iterable
from typing import Final


class Verdict(enum.Enum):
    """What to do with one inbound frame."""

    OK = "ok"
    LIMITED = "limited"
    CLOSE = "close"


class TokenBucket:
    """`rate` tokens a second, at most `burst` saved; each frame costs one token."""

    __slots__ = ("_last", "_tokens", "burst", "rate")  # one per connection: no __dict__

    def __init__(self, rate: float, burst: float, now: float = 0.0) -> None:
        """A full bucket at time `now`."""
        if rate <= 0 or burst < 1:
            raise ValueError("rate must be > 0 and burst >= 1")
        self.rate = rate
        self.burst = burst
        self._tokens = burst
        self._last = now

    def allow(self, now: float) -> bool:
        """Take a token if one is available at `now`."""
        if now > self._last:
            self._tokens = min(self.burst, self._tokens + (now - self._last) * self.rate)
            self._last = now
        if self._tokens >= 1:
            self._tokens -= 1
            return True
        return False

    def wait(self, now: float) -> float:
        """Seconds from `now` until a token is available (0.0 if one is)."""
        tokens = min(self.burst, self._tokens + max(0.0, now - self._last) * self.rate)
        return 0.0 if tokens >= 1 else (1 - tokens) / self.rate


def _drop_older(times: deque[float], cutoff: float) -> None:
    """Forget the times at or before `cutoff` from a sliding window kept oldest first."""
    while times and times[0] <= cutoff:
        times.popleft()


class RateLimiter:
    """A connection's frame limit: over the rate is LIMITED; more than `max_strikes` limited
    frames within `window_s` is CLOSE (a client ignoring `rate_limited` errors).

    Default: about 20 frames a second with bursts of 40, as the protocol promises.
    """

    # One per connection, so no __dict__, and the strikes' deque (760 bytes even when empty)
    # only for a connection that was ever limited: 1.4 KiB less per phone.
    __slots__ = ("_bucket", "_strikes", "max_strikes", "window_s")

    def __init__(
        self,
        rate: float = 20.0,
        burst: float = 40.0,
        *,
        max_strikes: int = 20,
        window_s: float = 10.0,
        now: float = 0.0,
    ) -> None:
        """A fresh limiter at time `now`."""
        self._bucket = TokenBucket(rate, burst, now)
        self.max_strikes = max_strikes
        self.window_s = window_s
        self._strikes: deque[float] | None = None

    def check(self, now: float) -> Verdict:
        """The verdict for one frame received at `now`."""
        if self._bucket.allow(now):
            return Verdict.OK
        if self._strikes is None:
            self._strikes = deque()
        self._strikes.append(now)
        _drop_older(self._strikes, now - self.window_s)
        if len(self._strikes) > self.max_strikes:
            return Verdict.CLOSE
        return Verdict.LIMITED

    def wait(self, now: float) -> float:
        """Seconds from `now` until a frame would be OK again (0.0 if one would be now)."""
        return self._bucket.wait(now)


class FailureThrottle:
    """Blocks an address for `block_s` after `max_failures` failures within `window_s`.

    At most `max_addresses` addresses are remembered; the least recently seen is forgotten
    first (an attacker who rotates through that many addresses gains nothing a cap on joins
    would not already limit).
    """

    def __init__(
        self,
        max_failures: int = 10,
        window_s: float = 60.0,
        block_s: float = 60.0,
        *,
        max_addresses: int = 4096,
    ) -> None:
        """An empty throttle."""
        if max_failures < 1 or max_addresses < 1:
            raise ValueError("max_failures and max_addresses must be >= 1")
        self.max_failures = max_failures
        self.window_s = window_s
        self.block_s = block_s
        self.max_addresses = max_addresses
        self._failures: OrderedDict[str, deque[float]] = OrderedDict()
        self._blocked_until: OrderedDict[str, float] = OrderedDict()

    def __len__(self) -> int:
        """How many addresses are remembered (failures or blocks): bounded by the cap."""
        return len(self._failures.keys() | self._blocked_until.keys())

    def blocked(self, addr: str, now: float) -> bool:
        """Whether joins from `addr` are refused at `now`."""
        until = self._blocked_until.get(addr)
        if until is None:
            return False
        if now < until:
            return True
        del self._blocked_until[addr]
        return False

    def record_failure(self, addr: str, now: float) -> bool:
        """Count a failure (a wrong PIN or token) from `addr`; True if that blocks it now."""
        times = self._failures.pop(addr, None) or deque()
        times.append(now)
        _drop_older(times, now - self.window_s)
        while len(times) > self.max_failures:
            times.popleft()
        if len(times) >= self.max_failures:
            self._failures.pop(addr, None)
            self._blocked_until.pop(addr, None)
            self._blocked_until[addr] = now + self.block_s
            self._evict(self._blocked_until, now)
            return True
        self._failures[addr] = times  # re-inserted: most recently seen last
        self._evict(self._failures, now)
        return False

    def _evict(
        self, table: OrderedDict[str, deque[float]] | OrderedDict[str, float], now: float
    ) -> None:
        # Expired entries first (cheap, oldest at the front), then the least recent over the cap.
        self._sweep(now)
        while len(table) > self.max_addresses:
            table.popitem(last=False)

    def _sweep(self, now: float) -> None:
        for addr in list(self._blocked_until)[:8]:
            if self._blocked_until[addr] <= now:
                del self._blocked_until[addr]
        for addr in list(self._failures)[:8]:
            times = self._failures[addr]
            if not times or times[-1] <= now - self.window_s:
                del self._failures[addr]


PinGuessThrottle = FailureThrottle  # the name it had when it throttled PINs only


class ConnectionCounter:
    """Open connections per address and in total; refuse beyond either cap.

    Only addresses with open connections are stored, so the table is bounded by `global_cap`.
    """

    def __init__(self, per_address_cap: int, global_cap: int) -> None:
        """Caps must be at least 1."""
        if per_address_cap < 1 or global_cap < 1:
            raise ValueError("caps must be >= 1")
        self.per_address_cap = per_address_cap
        self.global_cap = global_cap
        self._by_addr: dict[str, int] = {}
        self.total = 0

    def __len__(self) -> int:
        """How many addresses have open connections."""
        return len(self._by_addr)

    def count(self, addr: str) -> int:
        """Open connections from `addr`."""
        return self._by_addr.get(addr, 0)

    def try_acquire(self, addr: str, *, capped: bool = True) -> bool:
        """Take a slot for a new connection from `addr`; False if a cap is reached.

        `capped=False` counts the connection against the global cap only (a trusted proxy
        speaks for many clients).
        """
        current = self._by_addr.get(addr, 0)
        if self.total >= self.global_cap or (capped and current >= self.per_address_cap):
            return False
        self._by_addr[addr] = current + 1
        self.total += 1
        return True

    def release(self, addr: str) -> None:
        """Give back a slot taken by `try_acquire` (call exactly once per success)."""
        current = self._by_addr.get(addr, 0)
        if current <= 0:
            raise ValueError(f"release without acquire for {addr!r}")
        if current == 1:
            del self._by_addr[addr]
        else:
            self._by_addr[addr] = current - 1
        self.total -= 1


class AddressRateLimiter:
    """`rate` requests a second per address, bursts of `burst`; `check` says how long to wait.

    At most `max_addresses` buckets are kept; the least recently seen is dropped first (it
    comes back full, which only forgives an address that has been quiet the longest).
    """

    def __init__(self, rate: float, burst: float, *, max_addresses: int = 4096) -> None:
        """No address seen yet."""
        if rate <= 0 or burst < 1 or max_addresses < 1:
            raise ValueError("rate must be > 0, burst and max_addresses >= 1")
        self.rate = rate
        self.burst = burst
        self.max_addresses = max_addresses
        self._buckets: OrderedDict[str, TokenBucket] = OrderedDict()

    def __len__(self) -> int:
        """How many addresses are remembered: bounded by the cap."""
        return len(self._buckets)

    def check(self, addr: str, now: float) -> float:
        """0.0 when a request from `addr` at `now` may go on, else the seconds to wait."""
        bucket = self._buckets.pop(addr, None) or TokenBucket(self.rate, self.burst, now)
        self._buckets[addr] = bucket  # most recently seen last
        if len(self._buckets) > self.max_addresses:
            self._buckets.popitem(last=False)
        if bucket.allow(now):
            return 0.0
        return bucket.wait(now)


class JoinLimiter:
    """Players per address and joins per address per window, so one person with the PIN
    cannot fill the game with bots. Resumes never come here.

    Call `admit` before a join (it reserves a place), then exactly one of `joined` or
    `failed`. A player stops counting once `is_active(player_id)` is False (kicked), so the
    host removing bots frees their places. Only addresses with players or recent joins are
    kept: the player table is bounded by the game's player cap, the join table by
    `max_addresses` (least recently seen dropped first).
    """

    def __init__(
        self,
        max_players: int = 20,
        max_joins: int = 60,
        window_s: float = 60.0,
        *,
        burst_joins: int = 20,
        burst_window_s: float = 10.0,
        max_addresses: int = 4096,
    ) -> None:
        """Limits must be at least 1."""
        if min(max_players, max_joins, burst_joins, max_addresses) < 1:
            raise ValueError("limits must be >= 1")
        self.max_players = max_players
        self.max_joins = max_joins
        self.window_s = window_s
        self.burst_joins = burst_joins
        self.burst_window_s = burst_window_s
        self.max_addresses = max_addresses
        self._players: dict[str, list[str]] = {}
        self._pending: dict[str, int] = {}
        self._joins: OrderedDict[str, deque[float]] = OrderedDict()
        self._sources: dict[str, str] = {}  # label -> address of a source that burst
        self._labels: dict[str, str] = {}  # address -> its label
        self._source_joins: dict[str, int] = {}  # label -> joins seen since it burst
        self._removed: set[str] = set()  # addresses whose players the host removed
        # The last `burst_joins` successful joins of each address with players.
        self._recent: dict[str, deque[float]] = {}

    def players(self, addr: str, is_active: Callable[[str], bool]) -> int:
        """Players from `addr` still in the game (the kicked ones are forgotten here)."""
        ids = self._players.get(addr)
        if ids is None:
            return 0
        ids[:] = [player_id for player_id in ids if is_active(player_id)]
        if not ids:
            del self._players[addr]
            self._recent.pop(addr, None)
        return len(ids)

    def admit(self, addr: str, now: float, is_active: Callable[[str], bool]) -> str | None:
        """None and a reserved place if `addr` may join at `now`; else "players" (it has as
        many players as allowed), "joins" (it joined too often in the window) or "removed"
        (the host removed its players)."""
        times = self._joins.pop(addr, None) or deque()
        _drop_older(times, now - self.window_s)
        if times:
            self._joins[addr] = times  # most recently seen last
        if addr in self._removed:
            return "removed"
        pending = self._pending.get(addr, 0)
        # Kicks only lower the count: the list is filtered (a walk over the address's
        # players) only when, unfiltered, it would refuse the join.
        known = len(self._players.get(addr, ()))
        if (
            known + pending >= self.max_players
            and self.players(addr, is_active) + pending >= self.max_players
        ):
            return "players"
        if len(times) >= self.max_joins:
            return "joins"
        times.append(now)
        self._joins[addr] = times
        while len(self._joins) > self.max_addresses:
            self._joins.popitem(last=False)
        self._pending[addr] = pending + 1
        return None

    def joined(self, addr: str, player_id: str, now: float) -> bool:
        """The reserved join of `addr` succeeded as `player_id`; True if `addr` is a burst
        source (`burst_joins` joins within `burst_window_s`, now or before)."""
        self._release(addr)
        self._players.setdefault(addr, []).append(player_id)
        label = self._labels.get(addr)
        if label is not None:
            self._source_joins[label] += 1
            return True
        recent = self._recent.setdefault(addr, deque(maxlen=self.burst_joins))
        recent.append(now)
        if len(recent) < self.burst_joins or recent[0] <= now - self.burst_window_s:
            return False
        del self._recent[addr]
        label = str(len(self._sources) + 1)
        self._sources[label] = addr
        self._labels[addr] = label
        self._source_joins[label] = self.burst_joins
        return True

    # Burst sources: named by a label, so a projected console never shows an address.

    def sources(self, is_active: Callable[[str], bool]) -> list[tuple[str, int, int]]:
        """(label, joins since it burst, players still in the game) of each source the host
        has not removed."""
        return [
            (label, self._source_joins[label], self.players(addr, is_active))
            for label, addr in self._sources.items()
            if addr not in self._removed
        ]

    def remove(self, label: str, is_active: Callable[[str], bool]) -> list[str] | None:
        """The players of source `label` (to kick), refusing its joins from now on; None if
        there is no such source."""
        addr = self._sources.get(label)
        if addr is None or addr in self._removed:
            return None
        self._removed.add(addr)
        players = self._players.get(addr, [])
        return [player_id for player_id in players if is_active(player_id)]

    def failed(self, addr: str) -> None:
        """The reserved join of `addr` was refused (a taken name...): its place is free."""
        self._release(addr)

    def _release(self, addr: str) -> None:
        pending = self._pending.get(addr, 0)
        if pending <= 0:
            raise ValueError(f"no join reserved for {addr!r}")
        if pending == 1:
            del self._pending[addr]
        else:
            self._pending[addr] = pending - 1


Network = ipaddress.IPv4Network | ipaddress.IPv6Network


def parse_network(text: str) -> Network:
    """`ADDR` or `ADDR/PREFIX` as a network (ValueError if it is neither)."""
    return ipaddress.ip_network(text.strip(), strict=False)


class TrustedProxies:
    """The client address of a request: the peer's, unless the peer is a trusted proxy.

    From a trusted proxy, `X-Forwarded-For` is read from the right (each proxy appends the
    address it received the request from) past any other trusted proxies; the first other
    address is the client. Whatever the client itself wrote further left is never believed.
    A header that is missing or unreadable at that point leaves the proxy's own address.
    """

    def __init__(self, networks: Iterable[str] = ()) -> None:
        """`networks`: addresses or networks (`10.0.0.1`, `10.0.0.0/8`, `::1`)."""
        self.networks = tuple(parse_network(text) for text in networks)

    def trusted(self, addr: str) -> bool:
        """Whether `addr` is one of the trusted proxies."""
        if not self.networks:
            return False
        try:
            ip = ipaddress.ip_address(addr)
        except ValueError:
            return False
        return any(ip in network for network in self.networks)

    def client(self, peer: str, forwarded_for: Iterable[str]) -> str:
        """The client's address given the peer's and the `X-Forwarded-For` header values."""
        if not self.trusted(peer):
            return peer
        hops = [hop.strip() for value in forwarded_for for hop in value.split(",")]
        for hop in reversed(hops):
            try:
                address = str(ipaddress.ip_address(hop.strip("[]")))
            except ValueError:
                return peer
            if not self.trusted(address):
                return address
        return peer


DEFAULT_PER_ADDRESS_CAP: Final = 64  # a classroom behind one NAT shares an address
