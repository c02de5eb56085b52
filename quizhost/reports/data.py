"""What a report of one game shows, built from its results (no second copy of the rules).

`quizhost.results.game_results` replays the game's journal through the core, as `--resume`
does, and keeps one fact per player and question. Everything here is counted from those facts:
the overview, the score distribution, the questions hardest first, the player x question grid,
who needs help and, when a game had teams, the teams. Renderers (html, xlsx) only lay it out.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final

from attrs import frozen

from quizhost.reports.roster import Roster
from quizhost.results import (
    GameResults,
    PlayerResultRow,
    QuestionResultRow,
    Verdict,
    game_results,
)
from quizhost.store import Store

DEFAULT_NEEDS_HELP_PERCENT: Final = 50
SCORE_BINS: Final = 10  # bars of the score distribution


@frozen
class Overview:
    players: int  # still in the game at the end (kicked ones are listed, not counted)
    kicked: int
    average_score: float
    accuracy: float | None  # right answers / answers to scored questions; None if none
    duration_ms: int | None  # first question opened -> last command
    questions: int  # revealed
    total_questions: int  # in the bank


@frozen
class ScoreBin:
    """Players whose score is in [low, high] (high included only in the last bin)."""

    low: int
    high: int
    count: int


@frozen
class GridRow:
    """One player's row of the grid: a verdict per revealed question, None when not in the
    game at that question (joined later)."""

    player: PlayerResultRow
    real_name: str | None
    cells: tuple[Verdict | None, ...]


@frozen
class HelpRow:
    """A player under the needs-help line: right answers out of the scored questions."""

    player: PlayerResultRow
    real_name: str | None
    right: int
    partly: int
    scored: int

    @property
    def share(self) -> float:
        return self.right / self.scored if self.scored else 0.0


@frozen
class TeamRow:
    """A team's total; games are played without teams today, so reports get none yet."""

    name: str
    players: int
    score: int
    average_score: float


@frozen
class Report:
    results: GameResults
    overview: Overview
    score_bins: tuple[ScoreBin, ...]
    hardest_first: tuple[QuestionResultRow, ...]  # scored questions by success, lowest first
    grid: tuple[GridRow, ...]
    needs_help: tuple[HelpRow, ...]  # lowest share first
    needs_help_percent: int
    teams: tuple[TeamRow, ...]
    real_names: dict[str, str]  # player id -> name from the roster, for those it lists

    def display_name(self, player: PlayerResultRow) -> str:
        """'Real Name (nickname)' when the roster knows the player, else the nickname."""
        real = self.real_names.get(player.player_id)
        return f"{real} ({player.name})" if real else player.name


async def game_report(
    store: Store,
    game_id: str,
    *,
    needs_help_percent: int = DEFAULT_NEEDS_HELP_PERCENT,
    roster: Roster | None = None,
) -> Report:
    """The report of a stored game (raises `quizhost.results.ResultsError`)."""
    results = await game_results(store, game_id)
    return build_report(results, needs_help_percent=needs_help_percent, roster=roster)


def build_report(
    results: GameResults,
    *,
    needs_help_percent: int = DEFAULT_NEEDS_HELP_PERCENT,
    roster: Roster | None = None,
) -> Report:
    real_names = {}
    if roster is not None:
        for player in results.players:
            real = roster.name_of(player.name)
            if real:
                real_names[player.player_id] = real
    grid = _grid(results, real_names)
    return Report(
        results=results,
        overview=Overview(
            players=len(results.ranked),
            kicked=len(results.players) - len(results.ranked),
            average_score=results.average_score,
            accuracy=results.accuracy,
            duration_ms=results.duration_ms,
            questions=len(results.questions),
            total_questions=results.total_questions,
        ),
        score_bins=score_bins([p.score for p in results.ranked]),
        hardest_first=tuple(
            sorted(
                (q for q in results.questions if q.share_correct is not None),
                key=lambda q: (q.share_correct, q.index),
            )
        ),
        grid=grid,
        needs_help=_needs_help(results, grid, needs_help_percent),
        needs_help_percent=needs_help_percent,
        teams=_teams(results.ranked),
        real_names=real_names,
    )


def score_bins(scores: Sequence[int], bins: int = SCORE_BINS) -> tuple[ScoreBin, ...]:
    """Equal bins from 0 to the best score, of a width a teacher can read (1, 2, 5, 10 ...)."""
    if not scores:
        return ()
    top = max(max(scores), 0)
    width = _nice_width(max(top, 1) / bins)
    tallies = [0] * (top // width + 1)
    for score in scores:
        tallies[max(score, 0) // width] += 1
    return tuple(ScoreBin(i * width, (i + 1) * width - 1, n) for i, n in enumerate(tallies))


def _nice_width(raw: float) -> int:
    """The smallest of 1, 2, 5, 10, 20, 50, ... at least `raw`: bins a teacher can read."""
    step = 1
    while True:
        for factor in (1, 2, 5):
            if step * factor >= raw:
                return step * factor
        step *= 10


def _grid(results: GameResults, real_names: dict[str, str]) -> tuple[GridRow, ...]:
    columns = {q.index: i for i, q in enumerate(results.questions)}
    cells: dict[str, list[Verdict | None]] = {
        p.player_id: [None] * len(columns) for p in results.players
    }
    for outcome in results.answers:
        cells[outcome.player_id][columns[outcome.question_index]] = outcome.verdict
    return tuple(
        GridRow(p, real_names.get(p.player_id), tuple(cells[p.player_id])) for p in results.players
    )


def _needs_help(results: GameResults, grid: Sequence[GridRow], percent: int) -> tuple[HelpRow, ...]:
    """Players still in the game whose right answers are under `percent` of the scored
    questions they were in (polls excluded: they have no right answer)."""
    scored = [q.correct is not None for q in results.questions]
    rows = []
    for row in grid:
        if row.player.kicked:
            continue
        verdicts = [v for v, s in zip(row.cells, scored, strict=True) if s and v is not None]
        if not verdicts:
            continue
        right = verdicts.count(Verdict.RIGHT)
        if right * 100 < percent * len(verdicts):
            help_row = HelpRow(
                row.player, row.real_name, right, verdicts.count(Verdict.PARTLY), len(verdicts)
            )
            rows.append(help_row)
    return tuple(sorted(rows, key=lambda r: (r.share, r.player.name.casefold())))


def _teams(players: Sequence[PlayerResultRow]) -> tuple[TeamRow, ...]:
    teams: dict[str, list[PlayerResultRow]] = {}
    for player in players:
        if player.team is not None:
            teams.setdefault(player.team, []).append(player)
    rows = [
        TeamRow(
            name,
            len(members),
            sum(p.score for p in members),
            sum(p.score for p in members) / len(members),
        )
        for name, members in teams.items()
    ]
    return tuple(sorted(rows, key=lambda t: (-t.score, t.name)))
