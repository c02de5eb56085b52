"""The host's progress view of an assignment, coalesced for its listeners.

Every answer marks the view as changed; rebuilding and sending it for each would cost the
host's screen more than the students' answers cost the server.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Final

from quizhost.session.feed import ViewFeed
from quizhost.session.progress import ProgressView

ProgressListener = Callable[[ProgressView], None]

#: The host's progress view comes at most this often (and at least once a second while
#: students work, since every answer marks it).
PROGRESS_INTERVAL_S: Final = 0.5


def progress_feed(build: Callable[[], ProgressView]) -> ViewFeed[ProgressView]:
    """The assignment's progress feed: the same coalesced feed as the host's live view."""
    return ViewFeed(build, lambda: PROGRESS_INTERVAL_S, "progress")
