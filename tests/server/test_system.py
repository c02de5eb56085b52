"""The operating-system guards, without a server: the repeat filter and the connection budget."""

from __future__ import annotations

import logging

from quizhost.server.settings import ServerSettings
from quizhost.server.system import RepeatFilter, connection_budget, fit_to_open_files


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def record(msg: str, *args: object, name: str = "asyncio") -> logging.LogRecord:
    return logging.LogRecord(name, logging.ERROR, __file__, 1, msg, args, None)


def test_the_same_message_passes_once_a_second_and_says_how_many_were_held() -> None:
    """A flood of one message becomes one line a second, with a count of what was dropped."""
    clock = Clock()
    limit = RepeatFilter(1.0, clock)
    assert limit.filter(record("accept failed: %s", 24))
    held = [limit.filter(record("accept failed: %s", n)) for n in range(500)]
    assert not any(held)
    assert limit.filter(record("another message"))  # other messages are not held back
    clock.now += 1.0
    passed = record("accept failed: %s", 24)
    assert limit.filter(passed)
    assert "500 more like this held back" in passed.getMessage()


def test_the_budget_leaves_a_reserve_and_never_reaches_zero() -> None:
    assert connection_budget(256, 20) == 256 - 20 - 25
    assert connection_budget(65_536, 30) == 65_536 - 30 - 6_553
    assert connection_budget(30, 20) == 1


def test_settings_are_only_changed_when_the_limit_is_what_caps_them() -> None:
    settings = ServerSettings()
    assert fit_to_open_files(settings, None, 2000) == (settings, None)
    assert fit_to_open_files(settings, 1_000_000, 2000) == (settings, None)
    fitted, note = fit_to_open_files(settings, 256, 2000)
    assert fitted.max_connections < 256 and fitted.listen_backlog <= fitted.max_connections
    assert fitted.connections_per_address <= fitted.max_connections
    assert note is not None and "only 256 files" in note and "`ulimit -n 4096`" in note
    fitted, note = fit_to_open_files(settings, 4096, 2000)  # capped, but room for the class
    assert fitted.max_connections < 4096 and note is None
