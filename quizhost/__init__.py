"""quizhost: a live quiz game server for a classroom (Kahoot-style)."""

from importlib.metadata import PackageNotFoundError, version

try:
    # pyproject.toml's `version` is the one place it is written; the installed metadata says it.
    __version__ = version("quizhost")
except PackageNotFoundError:  # run from a source tree that was never installed
    __version__ = "0+unknown"
