"""quizhost: a live quiz game server for a classroom (Kahoot-style)."""

__version__ = "0.1.0"
