"""One running game: the only owner of the game core, its timers, fan-out and persistence."""

from quizhost.session.link import Link
from quizhost.session.session import RestoreError, Session, SessionConfig
from quizhost.session.views import HostView

__all__ = ["HostView", "Link", "RestoreError", "Session", "SessionConfig"]
