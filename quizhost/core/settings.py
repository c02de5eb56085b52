"""The rules a game is played by, chosen when it is created, and the defaults the layers share.

A game's settings are stored with it and handed to every replay of it (`--resume`, results,
reports), so a stored game replays under the rules it was played by even after the defaults
change. Today's game has no rule to choose: the class is the one place where rules are added
(a read time, auto-close, a scoring mode, teams, leaderboard pacing), each as a field whose
default is the behaviour before it existed, so games stored earlier replay exactly as played.
Capacity (the player cap) is not a rule: a resumed game may be given another.
"""

from __future__ import annotations

from typing import Final

from attrs import frozen

# Joins beyond the cap get `game_full`. The session and the server take the same default,
# and a teacher changes it with `--max-players`.
DEFAULT_MAX_PLAYERS: Final = 2000

# "+10 s" at most this much at once.
MAX_ADD_TIME_MS: Final = 300_000


@frozen
class GameSettings:
    """The rules of one game (frozen: they never change while it is played)."""

    # Self-paced (an assignment, core/assignment.py): each student works through the questions
    # on their own clock. `until_ms` (epoch ms, None: open until the teacher ends it) is when
    # the assignment stops taking new questions; `auto_next_ms` how long a student's result
    # stays before the next question comes by itself.
    self_paced: bool = False
    until_ms: int | None = None
    auto_next_ms: int = 5_000
