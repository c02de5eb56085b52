"""quizhost: a live quiz game server for a classroom (Kahoot-style)."""

from __future__ import annotations

from typing import Any


def __getattr__(name: str) -> Any:
    """`__version__`, read on first use from the installed metadata.

    pyproject.toml's `version` is the one place it is written. Lazily, because
    importlib.metadata loads email, zipfile and socket: the pure core must not pay for them.
    """
    if name != "__version__":
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("quizhost")
    except PackageNotFoundError:  # run from a source tree that was never installed
        return "0+unknown"
