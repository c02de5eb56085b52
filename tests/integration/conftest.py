"""Fixtures of the wire tests live in wire.py with their helpers."""

from tests.integration.processes import kill_servers_left_running
from tests.integration.wire import close_clients_left_open, game, short_game

__all__ = ["close_clients_left_open", "game", "kill_servers_left_running", "short_game"]
