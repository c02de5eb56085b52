"""Abuse limits with an injected clock: rate, strikes, PIN guessing, connection caps."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from quizhost.server.limits import (
    AddressRateLimiter,
    ConnectionCounter,
    JoinLimiter,
    PinGuessThrottle,
    RateLimiter,
    TokenBucket,
    TrustedProxies,
    Verdict,
)


def test_bucket_allows_burst_then_refills_at_rate() -> None:
    """A full bucket gives `burst` frames at once, then `rate` a second."""
    bucket = TokenBucket(rate=10, burst=5)
    assert [bucket.allow(0.0) for _ in range(6)] == [True] * 5 + [False]
    assert bucket.allow(0.05) is False  # half a token
    assert bucket.allow(0.1) is True
    assert [bucket.allow(10.0) for _ in range(6)] == [True] * 5 + [False]  # capped at burst


def test_bucket_ignores_a_clock_going_backwards() -> None:
    """A clock that steps back never mints tokens."""
    bucket = TokenBucket(rate=1, burst=1, now=100.0)
    assert bucket.allow(100.0)
    assert not bucket.allow(50.0)
    assert not bucket.allow(100.5)


def test_steady_client_within_rate_is_never_limited() -> None:
    """20 frames a second for a minute is fine under the default limiter."""
    limiter = RateLimiter()
    assert all(limiter.check(i / 20) is Verdict.OK for i in range(20 * 60))


def test_flood_is_limited_then_closed() -> None:
    """Over the rate → LIMITED; more than max_strikes limited frames in the window → CLOSE."""
    limiter = RateLimiter(rate=1, burst=2, max_strikes=3, window_s=10)
    verdicts = [limiter.check(0.0) for _ in range(6)]
    assert verdicts == [Verdict.OK, Verdict.OK] + [Verdict.LIMITED] * 3 + [Verdict.CLOSE]


def test_a_limited_connection_waits_until_its_next_frame_would_pass() -> None:
    """`wait` is how long the server holds a limited connection's reading: until a token."""
    limiter = RateLimiter(rate=4, burst=2)
    assert limiter.wait(0.0) == 0.0
    assert [limiter.check(0.0) for _ in range(3)] == [Verdict.OK, Verdict.OK, Verdict.LIMITED]
    assert limiter.wait(0.0) == pytest.approx(0.25)
    assert limiter.wait(0.1) == pytest.approx(0.15)
    assert limiter.check(0.25) is Verdict.OK  # the wait was long enough, and no longer
    assert limiter.check(0.25) is Verdict.LIMITED


def test_strikes_expire_after_the_window() -> None:
    """Occasional bursts spread over time never add up to CLOSE."""
    limiter = RateLimiter(rate=1, burst=1, max_strikes=2, window_s=5)
    for t in range(0, 100, 6):  # two frames at once every 6 s: one strike each time
        assert limiter.check(float(t)) is Verdict.OK
        assert limiter.check(float(t)) is Verdict.LIMITED


def test_pin_throttle_blocks_after_max_failures_then_unblocks() -> None:
    """The 10th wrong PIN within a minute blocks the address for block_s."""
    throttle = PinGuessThrottle(max_failures=10, window_s=60, block_s=60)
    for i in range(9):
        assert throttle.record_failure("10.0.0.5", float(i)) is False
        assert not throttle.blocked("10.0.0.5", float(i))
    assert throttle.record_failure("10.0.0.5", 9.0) is True
    assert throttle.blocked("10.0.0.5", 10.0)
    assert not throttle.blocked("10.0.0.6", 10.0)  # other addresses unaffected
    assert throttle.blocked("10.0.0.5", 68.9)
    assert not throttle.blocked("10.0.0.5", 69.0)
    assert throttle.record_failure("10.0.0.5", 70.0) is False  # counting starts afresh


def test_pin_failures_spread_out_never_block() -> None:
    """A wrong PIN every 7 seconds never reaches 10 in a minute."""
    throttle = PinGuessThrottle(max_failures=10, window_s=60, block_s=60)
    for i in range(100):
        assert throttle.record_failure("a", i * 7.0) is False
    assert not throttle.blocked("a", 700.0)


def test_connection_counter_caps_per_address_and_globally() -> None:
    """Per-address and global caps both refuse; release frees the slot."""
    counter = ConnectionCounter(per_address_cap=2, global_cap=3)
    assert counter.try_acquire("a") and counter.try_acquire("a")
    assert not counter.try_acquire("a")
    assert counter.try_acquire("b")
    assert not counter.try_acquire("c")  # global cap
    counter.release("a")
    assert counter.try_acquire("c")
    assert counter.total == 3 and counter.count("a") == 1
    counter.release("a")
    assert counter.count("a") == 0 and len(counter) == 2
    with pytest.raises(ValueError):
        counter.release("a")


_events = st.lists(st.tuples(st.integers(0, 400), st.floats(0, 1e4, allow_nan=False)), max_size=400)


@settings(max_examples=60, deadline=None)
@given(_events)
def test_pin_throttle_table_stays_bounded(events: list[tuple[int, float]]) -> None:
    """However many addresses fail, at most max_addresses are remembered."""
    throttle = PinGuessThrottle(max_failures=2, window_s=30, block_s=30, max_addresses=16)
    now = 0.0
    for addr, step in events:
        now += step / 100
        throttle.record_failure(f"10.0.{addr // 256}.{addr % 256}", now)
        assert len(throttle._failures) <= 16 and len(throttle._blocked_until) <= 16
        assert all(len(times) <= 2 for times in throttle._failures.values())


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.booleans(), st.integers(0, 50)), max_size=300))
def test_connection_counter_stays_consistent_and_bounded(ops: list[tuple[bool, int]]) -> None:
    """The table only holds addresses with open connections and never exceeds the caps."""
    counter = ConnectionCounter(per_address_cap=3, global_cap=20)
    held: list[str] = []
    for acquire, n in ops:
        addr = f"a{n}"
        if acquire:
            if counter.try_acquire(addr):
                held.append(addr)
        elif addr in held:
            held.remove(addr)
            counter.release(addr)
        assert counter.total == len(held) <= 20
        assert len(counter) == len(set(held))
        assert all(counter.count(a) == held.count(a) <= 3 for a in set(held))


def test_address_rate_limiter_says_how_long_to_wait() -> None:
    """Each address has its own bucket; a refused request learns when the next token comes."""
    limiter = AddressRateLimiter(rate=2, burst=3)
    assert [limiter.check("a", 0.0) for _ in range(3)] == [0.0, 0.0, 0.0]
    assert limiter.check("a", 0.0) == pytest.approx(0.5)
    assert limiter.check("b", 0.0) == 0.0
    assert limiter.check("a", 0.25) == pytest.approx(0.25)
    assert limiter.check("a", 0.5) == 0.0


@given(st.lists(st.integers(min_value=0, max_value=50), max_size=300))
@settings(max_examples=50)
def test_address_rate_limiter_table_stays_bounded(addresses: list[int]) -> None:
    """However many addresses come by, at most max_addresses buckets are kept."""
    limiter = AddressRateLimiter(rate=1, burst=1, max_addresses=8)
    for now, address in enumerate(addresses):
        limiter.check(f"10.0.0.{address}", float(now))
        assert len(limiter) <= 8


def test_join_limiter_counts_reserved_places_and_forgets_kicked_players() -> None:
    """Places reserved by joins in flight count; a failed join frees its place; a player who
    is no longer active (kicked) stops counting."""
    limiter = JoinLimiter(max_players=2, max_joins=10, window_s=60)
    active = {"p1", "p2"}
    assert limiter.admit("a", 0.0, active.__contains__) is None
    assert limiter.admit("a", 0.0, active.__contains__) is None
    assert limiter.admit("a", 0.0, active.__contains__) == "players"  # two in flight
    limiter.failed("a")
    limiter.joined("a", "p1", 0.0)
    assert limiter.admit("a", 1.0, active.__contains__) is None
    limiter.joined("a", "p2", 1.0)
    assert limiter.admit("a", 2.0, active.__contains__) == "players"
    active.discard("p1")  # kicked
    assert limiter.players("a", active.__contains__) == 1
    assert limiter.admit("a", 3.0, active.__contains__) is None
    assert limiter.admit("b", 3.0, active.__contains__) is None


def test_join_limiter_window_of_joins() -> None:
    """At most max_joins within window_s per address, failed ones included; then free again."""
    limiter = JoinLimiter(max_players=100, max_joins=3, window_s=60)
    for second in range(3):
        assert limiter.admit("a", float(second), lambda _: True) is None
        limiter.failed("a")
    assert limiter.admit("a", 10.0, lambda _: True) == "joins"
    assert limiter.admit("a", 60.5, lambda _: True) is None


def test_join_limiter_release_without_reserve_is_an_error() -> None:
    """joined/failed must follow an admit: a bug, not a silent miscount."""
    with pytest.raises(ValueError):
        JoinLimiter().failed("a")


@pytest.mark.parametrize(
    ("peer", "forwarded", "client"),
    [
        ("192.168.1.5", ["10.0.0.1"], "192.168.1.5"),  # not a proxy: header ignored
        ("127.0.0.1", [], "127.0.0.1"),  # a proxy that did not say
        ("127.0.0.1", ["10.0.0.1"], "10.0.0.1"),
        ("127.0.0.1", ["6.6.6.6, 10.0.0.1"], "10.0.0.1"),  # the client's own claim is left
        ("127.0.0.1", ["10.0.0.1, 172.16.0.2"], "10.0.0.1"),  # past a second trusted proxy
        ("127.0.0.1", ["10.0.0.1", "10.0.0.2"], "10.0.0.2"),  # two headers: one list
        ("127.0.0.1", ["junk"], "127.0.0.1"),  # unreadable: the proxy's own address
        ("127.0.0.1", ["[2001:db8::1]"], "2001:db8::1"),
    ],
)
def test_forwarded_for_is_read_from_the_right_past_trusted_proxies(
    peer: str, forwarded: list[str], client: str
) -> None:
    """The client is the rightmost X-Forwarded-For entry that is not a trusted proxy."""
    proxies = TrustedProxies(["127.0.0.1", "172.16.0.0/12"])
    assert proxies.client(peer, forwarded) == client


def test_no_trusted_proxy_means_no_header_is_believed() -> None:
    """By default nothing is a proxy."""
    assert TrustedProxies().client("127.0.0.1", ["10.0.0.1"]) == "127.0.0.1"
    with pytest.raises(ValueError):
        TrustedProxies(["not-a-network"])


def test_a_burst_of_joins_names_a_source_the_host_can_remove() -> None:
    """burst_joins joins within burst_window_s make a source with a label; removing it gives
    its active players and refuses its joins from then on."""
    limiter = JoinLimiter(max_players=100, max_joins=100, burst_joins=3, burst_window_s=10)
    active: set[str] = set()
    for index in range(3):
        assert limiter.admit("a", float(index), active.__contains__) is None
        active.add(f"p{index}")
        assert limiter.joined("a", f"p{index}", float(index)) is (index == 2)
    assert limiter.sources(active.__contains__) == [("1", 3, 3)]
    active.discard("p0")
    assert limiter.remove("2", active.__contains__) is None
    assert limiter.remove("1", active.__contains__) == ["p1", "p2"]
    assert limiter.admit("a", 5.0, active.__contains__) == "removed"
    assert limiter.sources(active.__contains__) == []
    assert limiter.remove("1", active.__contains__) is None


def test_joins_spread_out_make_no_source() -> None:
    """The same number of joins over more than the window is no burst."""
    limiter = JoinLimiter(max_players=100, max_joins=100, burst_joins=3, burst_window_s=10)
    for index in range(6):
        assert limiter.admit("a", index * 6.0, lambda _: True) is None
        assert limiter.joined("a", f"p{index}", index * 6.0) is False


def test_uncapped_connections_count_only_against_the_global_cap() -> None:
    """A trusted proxy's connections are not held to the per-address cap; the total is."""
    counter = ConnectionCounter(per_address_cap=1, global_cap=3)
    assert counter.try_acquire("proxy", capped=False)
    assert counter.try_acquire("proxy", capped=False)
    assert not counter.try_acquire("proxy")  # capped: over its address's 1
    assert counter.try_acquire("other")
    assert not counter.try_acquire("proxy", capped=False)  # the total is full
    assert counter.count("proxy") == 2 and counter.total == 3


def test_a_burst_counts_successful_joins_not_attempts() -> None:
    """Joins reserved at once (bots in parallel) make a source only as they succeed, and its
    count is of joins that happened."""
    limiter = JoinLimiter(max_players=100, max_joins=100, burst_joins=3, burst_window_s=10)
    for _ in range(4):
        assert limiter.admit("a", 0.0, lambda _: True) is None
    limiter.failed("a")
    assert [limiter.joined("a", f"p{i}", 0.5) for i in range(3)] == [False, False, True]
    assert limiter.sources(lambda _: True) == [("1", 3, 3)]
