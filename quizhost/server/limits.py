"""Abuse limits, pure and clock-injected: every method takes `now` (seconds, any monotonic
origin), so tests need no sleeping and the server passes `loop.time()`.

- `RateLimiter`: a token bucket per connection plus a strike window, answering OK, LIMITED
  (send `rate_limited`, drop the frame) or CLOSE (sustained abuse: close with 1008).
- `FailureThrottle`: failed guesses per address (wrong PINs, wrong host tokens); blocks an
  address after too many in a window.
- `ConnectionCounter`: open connections per address and in total.
- `AddressRateLimiter`: a token bucket per address (HTTP requests).

Tables keyed by address have a hard size cap, so a flood of spoofed or rotating addresses
costs bounded memory.
"""

from __future__ import annotations

import enum
from collections import OrderedDict, deque
from typing import Final


class Verdict(enum.Enum):
    """What to do with one inbound frame."""

    OK = "ok"
    LIMITED = "limited"
    CLOSE = "close"


class TokenBucket:
    """`rate` tokens a second, at most `burst` saved; each frame costs one token."""

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


class RateLimiter:
    """A connection's frame limit: over the rate is LIMITED; more than `max_strikes` limited
    frames within `window_s` is CLOSE (a client ignoring `rate_limited` errors).

    Default: about 20 frames a second with bursts of 40, as the protocol promises.
    """

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
        self._strikes: deque[float] = deque()

    def check(self, now: float) -> Verdict:
        """The verdict for one frame received at `now`."""
        if self._bucket.allow(now):
            return Verdict.OK
        self._strikes.append(now)
        while self._strikes and self._strikes[0] <= now - self.window_s:
            self._strikes.popleft()
        if len(self._strikes) > self.max_strikes:
            return Verdict.CLOSE
        return Verdict.LIMITED


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
        while times and times[0] <= now - self.window_s:
            times.popleft()
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

    def try_acquire(self, addr: str) -> bool:
        """Take a slot for a new connection from `addr`; False if a cap is reached."""
        current = self._by_addr.get(addr, 0)
        if self.total >= self.global_cap or current >= self.per_address_cap:
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


DEFAULT_PER_ADDRESS_CAP: Final = 64  # a classroom behind one NAT shares an address
