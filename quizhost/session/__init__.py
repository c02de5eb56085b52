"""One running game: the only owner of the game core, its timers, fan-out and persistence."""

from quizhost.session.session import Session, SessionConfig
from quizhost.session.views import HostView

__all__ = ["HostView", "Session", "SessionConfig"]
