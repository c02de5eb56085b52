"""The rules a game is played by, chosen when it is created.

A game's settings are stored with it and handed to every replay of it (`--resume`, results,
reports), so a stored game replays under the rules it was played by even after the defaults
change. Today's game has no rule to choose: the class is the one place where rules are added
(a read time, auto-close, a scoring mode, teams, leaderboard pacing), each as a field whose
default is the behaviour before it existed, so games stored earlier replay exactly as played.
Capacity (the player cap) is not a rule: a resumed game may be given another.
"""

from __future__ import annotations

from attrs import frozen


@frozen
class GameSettings:
    """The rules of one game (frozen: they never change while it is played)."""
