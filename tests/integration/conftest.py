"""Fixtures of the wire tests live in wire.py with their helpers."""

from tests.integration.wire import game, short_game

__all__ = ["game", "short_game"]
