"""Defaults of the game's rules that the layers above share (one home for each)."""

from __future__ import annotations

from typing import Final

# Joins beyond the cap get `game_full`. The session and the server take the same default,
# and a teacher changes it with `--max-players`.
DEFAULT_MAX_PLAYERS: Final = 2000

# "+10 s" at most this much at once.
MAX_ADD_TIME_MS: Final = 300_000
