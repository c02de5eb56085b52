"""The host's progress view of an assignment, coalesced for its listeners.

Every answer marks the view as changed; rebuilding and sending it for each would cost the
host's screen more than the students' answers cost the server.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Final

from quizhost.session.progress import ProgressView
from quizhost.session.timers import Coalescer

log = logging.getLogger(__name__)

ProgressListener = Callable[[ProgressView], None]

#: The host's progress view comes at most this often (and at least once a second while
#: students work, since every answer marks it).
PROGRESS_INTERVAL_S: Final = 0.5


class ProgressFeed:
    """Listeners of one assignment's progress; `build` makes a fresh view when one is due."""

    def __init__(self, build: Callable[[], ProgressView]) -> None:
        self._build = build
        self._listeners: list[ProgressListener] = []
        self._coalescer = Coalescer(self._flush, lambda: PROGRESS_INTERVAL_S, trailing=False)

    def subscribe(self, listener: ProgressListener) -> Callable[[], None]:
        """Send `listener` the view now and whenever it changed; returns the way to stop."""
        self._listeners.append(listener)
        listener(self._build())

        def unsubscribe() -> None:
            if listener in self._listeners:
                self._listeners.remove(listener)

        return unsubscribe

    def changed(self) -> None:
        """Students progressed: a fresh view is due (no work when nobody listens)."""
        if self._listeners:
            self._coalescer.mark()

    def stop(self) -> None:
        self._coalescer.stop()

    def _flush(self) -> None:
        view = self._build()
        for listener in list(self._listeners):
            try:
                listener(view)
            except Exception:
                log.exception("progress listener failed")
