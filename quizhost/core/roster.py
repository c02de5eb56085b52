"""The roster: who is in the game, under which name and team, connected or not, and in
which order they rank.

`Game` checks whether the game takes a newcomer at all (phase, lock, cap); the names, the
teams' sizes and the ranking order are kept true here. Players are replaced, never mutated.

Devices: a phone may say which device it is (an id it keeps for this game only). A device is
never an identity (the token is): it is only remembered with the players it came with, so a
kick refuses every device seen with that player, on any later join or rejoin. The ids come
in journaled commands, so a replay rebuilds the refused set.
"""

from __future__ import annotations

from attrs import define, evolve, field

from quizhost.core.errors import ErrorCode, Rejected
from quizhost.core.events import LeaderboardEntry
from quizhost.core.nicknames import name_key, name_problem, normalize_name
from quizhost.core.players import Player, Ranked, rank_key
from quizhost.core.teams import Teams


@define
class Roster:
    """Every player who ever joined (kicked ones included) and the non-kicked ranking."""

    teams: Teams
    players: dict[str, Player] = field(factory=dict)
    joins: int = 0  # join_seq of the next player (Forget leaves a gap, never a repeat)
    names: dict[str, str] = field(factory=dict)  # name key -> id; kicked names stay taken
    order: list[str] = field(factory=list)  # non-kicked ids, best first (sorted per close)
    connected: int = 0  # connected, non-kicked players
    devices: dict[str, set[str]] = field(factory=dict)  # player id -> devices seen with them
    refused: set[str] = field(factory=set)  # devices of kicked players: never let back in

    def in_game(self, player_id: str) -> Player | None:
        """The player if they joined and were not kicked."""
        player = self.players.get(player_id)
        return None if player is None or player.kicked else player

    def check_device(self, device: str | None) -> None:
        """Rejected (kicked) when `device` belongs to a kicked player."""
        if device is not None and device in self.refused:
            raise Rejected(ErrorCode.KICKED, "the host removed this device from the game")

    def seen(self, player_id: str, device: str | None) -> None:
        """Remember that `device` speaks for the player, so their kick refuses it."""
        if device is not None:
            self.devices.setdefault(player_id, set()).add(device)

    def add(
        self,
        player_id: str,
        raw_name: str,
        team: str | None,
        now: int,
        *,
        check_names: bool,
        device: str | None = None,
    ) -> Player:
        """A newcomer, connected, last in the ranking (0 points, joined last)."""
        self.check_device(device)
        name = normalize_name(raw_name)
        problem = name_problem(name)
        if problem is not None and check_names:
            raise Rejected(ErrorCode.NAME_INVALID, problem)
        key = name_key(name)
        if key in self.names and check_names:
            raise Rejected(ErrorCode.NAME_TAKEN, f"the name {name!r} is taken")
        picked = self.teams.pick(team)
        player = Player(player_id, name, joined_at_ms=now, join_seq=self.joins, team=picked)
        self.players[player_id] = player
        self.teams.joined(picked)
        self.names[key] = player_id
        self.seen(player_id, device)
        self.joins += 1
        self.connected += 1
        self.order.append(player_id)
        return player

    def set_connected(self, player: Player, connected: bool) -> bool:
        """Mark a non-kicked player (dis)connected; whether anything changed."""
        if player.connected is connected:
            return False
        self.players[player.id] = evolve(player, connected=connected)
        self.connected += 1 if connected else -1
        return True

    def forget(self, player: Player) -> None:
        """Remove a (disconnected) player who has done nothing, name and all."""
        self.teams.left(player.team)
        del self.players[player.id]
        del self.names[name_key(player.name)]
        self.devices.pop(player.id, None)
        self.order.remove(player.id)

    def kick(self, player: Player) -> None:
        """Out of the ranking for good (disconnected first); the name stays taken, and every
        device seen with the player is refused from now on."""
        self.refused |= self.devices.pop(player.id, set())
        self.players[player.id] = evolve(self.players[player.id], kicked=True)
        self.order.remove(player.id)
        self.teams.left(player.team)

    def sort(self) -> dict[str, int]:
        """Rank the non-kicked players after a close; their ranks by id."""
        self.order.sort(key=lambda pid: rank_key(self.players[pid]))
        return {pid: rank for rank, pid in enumerate(self.order, start=1)}

    def ranking(self) -> list[Ranked]:
        return [
            Ranked(pid, self.players[pid].name, self.players[pid].score, rank)
            for rank, pid in enumerate(self.order, start=1)
        ]

    def entries(
        self, gained: dict[str, int], previous_rank: dict[str, int]
    ) -> tuple[LeaderboardEntry, ...]:
        return tuple(
            LeaderboardEntry(
                pid,
                self.players[pid].name,
                self.players[pid].score,
                rank,
                gained.get(pid, 0),
                previous_rank.get(pid),
            )
            for rank, pid in enumerate(self.order, start=1)
        )
