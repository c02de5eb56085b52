"""A class's progress over several games: one row per student, one score per game.

Players are matched across games by nickname, case-insensitively; with a roster, by the real
name the roster gives their nickname (so 'ada' in one game and 'Ada L' in another are one
student when the roster lists both). A student missing from a game has no score for it.

A game played with `--friendly-names` gave every player a name the server drew ('Brave
Otter'), different each game: matching those would be wrong, so such a game (every nickname
one the server could have drawn) is left out of the rows and named in `Progress.unmatched`.
"""

from __future__ import annotations

from collections.abc import Sequence

from attrs import frozen

from quizhost.formats import date_text
from quizhost.reports.roster import Roster, nickname_key
from quizhost.results import GameResults, GameSummary, safe_cell
from quizhost.session.names import ADJECTIVES, ANIMALS

_FRIENDLY = frozenset(f"{adjective} {animal}" for adjective in ADJECTIVES for animal in ANIMALS)


@frozen
class ProgressRow:
    name: str  # the real name from the roster, else the nickname as first seen
    nicknames: tuple[str, ...]  # every nickname used, in game order
    scores: tuple[int | None, ...]  # one per game, None when not in it

    @property
    def average(self) -> float | None:
        played = [s for s in self.scores if s is not None]
        return sum(played) / len(played) if played else None


@frozen
class Progress:
    games: tuple[GameSummary, ...]  # oldest first, those matched
    rows: tuple[ProgressRow, ...]  # by name
    unmatched: tuple[GameSummary, ...] = ()  # played with friendly names: left out


def friendly_names(results: GameResults) -> bool:
    """Whether every player has a name the server draws with `--friendly-names`."""
    return bool(results.players) and all(p.name in _FRIENDLY for p in results.players)


def build_progress(games: Sequence[GameResults], roster: Roster | None = None) -> Progress:
    """Match the players of `games` (oldest first) into one row per student."""
    by_date = sorted(games, key=lambda g: (g.game.created_at_ms, g.game.id))
    ordered = [g for g in by_date if not friendly_names(g)]
    names: dict[str, str] = {}
    nicknames: dict[str, list[str]] = {}
    scores: dict[str, list[int | None]] = {}
    for column, results in enumerate(ordered):
        for player in results.players:
            real = roster.name_of(player.name) if roster is not None else None
            key = "roster:" + real.casefold() if real else nickname_key(player.name)
            names.setdefault(key, real or player.name)
            scores.setdefault(key, [None] * len(ordered))[column] = player.score
            used = nicknames.setdefault(key, [])
            if player.name not in used:
                used.append(player.name)
    rows = [ProgressRow(names[key], tuple(nicknames[key]), tuple(scores[key])) for key in scores]
    rows.sort(key=lambda r: r.name.casefold())
    unmatched = tuple(g.game for g in by_date if friendly_names(g))
    return Progress(tuple(g.game for g in ordered), tuple(rows), unmatched)


def game_label(game: GameSummary) -> str:
    """A column header for a game: its date and quiz."""
    return f"{date_text(game.created_at_ms)} {game.bank_title}"


def progress_table(progress: Progress) -> list[list[str]]:
    """The CSV/terminal table: name, nicknames, a score per game, the average."""
    header = ["name", "nicknames", *(game_label(g) for g in progress.games), "average_score"]
    return [[safe_cell(h) for h in header]] + [
        [
            safe_cell(row.name),
            safe_cell(" / ".join(row.nicknames)),
            *("" if s is None else str(s) for s in row.scores),
            "" if row.average is None else f"{row.average:.0f}",
        ]
        for row in progress.rows
    ]
