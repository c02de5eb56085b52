"""Views pushed to their listeners, coalesced: the host's and the big screen's.

Every command marks a view as changed; building and sending one per command would cost more
than the game itself, so a view goes out at most once per interval.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Generic, TypeVar

from quizhost.session.timers import Coalescer

log = logging.getLogger(__name__)

V = TypeVar("V")


class ViewFeed(Generic[V]):
    """Listeners of one kind of view; `build` makes a fresh view when one is due."""

    def __init__(self, build: Callable[[], V], interval_s: Callable[[], float], what: str) -> None:
        self._build = build
        self._what = what
        self._listeners: list[Callable[[V], None]] = []
        self._coalescer = Coalescer(self._flush, interval_s, trailing=False)

    def subscribe(self, listener: Callable[[V], None]) -> Callable[[], None]:
        """Send `listener` the view now and whenever it changed; returns the way to stop."""
        self._listeners.append(listener)
        listener(self._build())

        def unsubscribe() -> None:
            if listener in self._listeners:
                self._listeners.remove(listener)

        return unsubscribe

    def changed(self) -> None:
        """The view changed: a fresh one is due (no work when nobody listens)."""
        if self._listeners:
            self._coalescer.mark()

    def mark(self) -> None:
        """A fresh view is due, listened to or not."""
        self._coalescer.mark()

    def stop(self) -> None:
        self._coalescer.stop()

    def _flush(self) -> None:
        view = self._build()
        for listener in list(self._listeners):
            try:
                listener(view)
            except Exception:  # one broken view must not stop the game
                log.exception("%s listener failed", self._what)
