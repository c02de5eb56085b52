"""The report's numbers: needs help without polls, the score bins, the overview."""

from __future__ import annotations

import attrs

from quizhost.core import QuestionClosed, QuestionOpened
from quizhost.reports import build_report
from quizhost.reports.data import score_bins
from quizhost.reports.html import render_html
from quizhost.results import Verdict, game_results
from quizhost.store import Store
from tests.reports.helpers import made_up_game


async def test_an_unanswered_poll_does_not_count_against_a_player(store: Store) -> None:
    """Needs help counts scored questions only, answered or not; a skipped poll is not one."""
    j = await made_up_game(store, "big", players=24, questions=8)
    report = build_report(await game_results(store, "big"), needs_help_percent=100)
    polls = [i for i, q in enumerate(report.results.questions) if q.correct is None]
    assert len(polls) == 1
    skipped_poll = [r for r in report.grid if r.cells[polls[0]] is Verdict.NO_ANSWER]
    assert skipped_poll, "the made-up game has someone who skipped the poll"
    assert {r.scored for r in report.needs_help} == {7}
    # Right answers, straight from the core's reveals, for each player listed.
    right = {
        j.name_of(pid): sum(1 for c in j.closes() if c.results[pid].correct)
        for pid in j.game.players
    }
    assert {r.player.name: r.right for r in report.needs_help} == {
        name: n for name, n in right.items() if n < 7
    }


async def test_the_overview_counts_from_the_reveals(store: Store) -> None:
    """Players, accuracy, average and duration (first question to last reveal) as the core
    played them."""
    j = await made_up_game(store, "big", players=30, questions=6)
    report = build_report(await game_results(store, "big"))
    closes = j.closes()
    answers = [r for c in closes if c.correct is not None for r in c.results.values() if r.answered]
    assert report.overview.players == 30 and report.overview.questions == 6
    assert report.overview.accuracy == sum(1 for r in answers if r.correct) / len(answers)
    scores = [p.score for p in j.game.players.values()]
    assert report.overview.average_score == sum(scores) / len(scores)
    assert sum(b.count for b in report.score_bins) == 30
    opened = [t for t, e in zip(j.times, j.events, strict=True) if isinstance(e, QuestionOpened)]
    revealed = [t for t, e in zip(j.times, j.events, strict=True) if isinstance(e, QuestionClosed)]
    assert report.overview.duration_ms == revealed[-1] - opened[0]


def test_score_bins_have_readable_edges() -> None:
    """Widths of 1, 2 or 5 times a power of ten; every score in exactly one bin."""
    bins = score_bins([0, 950, 1_000, 7_300])
    assert [(b.low, b.high) for b in bins][:2] == [(0, 999), (1_000, 1_999)]
    assert [b.count for b in bins] == [2, 1, 0, 0, 0, 0, 0, 1]
    assert score_bins([]) == () and [b.count for b in score_bins([0, 0])] == [2]


async def test_teams_are_totalled_when_players_have_one(store: Store) -> None:
    """Games have no teams yet; the data is ready: players with a team give the teams' table,
    and the HTML report shows it."""
    await made_up_game(store, "big", players=6, questions=2)
    results = await game_results(store, "big")
    assert build_report(results).teams == ()
    teamed = attrs.evolve(
        results,
        players=tuple(
            attrs.evolve(p, team="Red" if i % 2 else "Blue") for i, p in enumerate(results.players)
        ),
    )
    report = build_report(teamed)
    totals = {t.name: t.score for t in report.teams}
    assert totals == {
        team: sum(p.score for p in teamed.players if p.team == team) for team in ("Red", "Blue")
    }
    assert [t.players for t in report.teams] == [3, 3]
    assert '<section id="teams">' in render_html(report)
