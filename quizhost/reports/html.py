"""The report as one self-contained HTML file: opens from a USB stick, prints on A4.

No script, no stylesheet, font or image from anywhere else: the style is inline and the charts
are SVG drawn by `svg`. Every verdict in the grid is a colour *and* a symbol, so a black and
white print still tells right from wrong. All text from banks and nicknames is escaped.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from html import escape
from pathlib import Path
from typing import Final

from quizhost.bank.maths import shown_as_text
from quizhost.formats import date_text, score_text
from quizhost.reports.data import Report
from quizhost.reports.formulas import text_html
from quizhost.reports.svg import Bar, bar_chart, column_chart
from quizhost.results import QuestionResultRow, Verdict

#: Each verdict's symbol and words in the grid (the CSS gives each its colour).
MARKS: Final = {
    Verdict.RIGHT: ("✓", "right"),
    Verdict.PARTLY: ("◐", "partly right"),
    Verdict.WRONG: ("✗", "wrong"),
    Verdict.NO_ANSWER: ("–", "no answer"),
    Verdict.POLL: ("•", "answered (poll)"),
}
NOT_IN_GAME: Final = ("", "not in the game")

STYLE: Final = """
:root { --right: #1b7f3b; --partly: #b7791f; --wrong: #c0392b; --none: #777; --ink: #1d1d1f; }
* { box-sizing: border-box; }
body { font: 14px/1.45 system-ui, sans-serif; color: var(--ink); margin: 0 auto; padding: 24px;
       max-width: 1000px; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
h1 { font-size: 24px; margin: 0 0 4px; } h2 { font-size: 18px; margin: 28px 0 8px;
  border-bottom: 2px solid #ddd; padding-bottom: 4px; } h3 { font-size: 15px; margin: 0 0 6px; }
.meta { color: #555; margin: 0 0 12px; } .note { background: #fff6d6; padding: 6px 10px; }
.cards { display: grid; grid-template-columns: repeat(4, 1fr); gap: 10px; }
.card { border: 1px solid #ccc; border-radius: 6px; padding: 10px; }
.card b { display: block; font-size: 22px; } .card span { color: #555; }
svg.chart { width: 100%; max-width: 900px; height: auto; display: block; }
svg .track { fill: #eee; } svg .bar { fill: #4a6fa5; } svg .bar.marked { fill: var(--right); }
svg.columns .bar { fill: #4a6fa5; } svg .axis { stroke: #999; } svg text { fill: var(--ink); }
.question { break-inside: avoid; border: 1px solid #ddd; border-radius: 6px; padding: 10px;
  margin: 10px 0; }
.question .answer { margin: 0 0 6px; } .question .stats { color: #555; margin: 0 0 6px; }
table { border-collapse: collapse; width: 100%; } th, td { padding: 3px 6px; text-align: left;
  border-bottom: 1px solid #e4e4e4; } th { background: #f3f3f3; } td.num, th.num
  { text-align: right; font-variant-numeric: tabular-nums; }
table.grid td.v, table.grid th.q { text-align: center; width: 2.2em; padding: 2px; }
.v { font-weight: bold; } .v.right { color: #fff; background: var(--right); }
.v.partly { background: var(--partly); color: #fff; } .v.wrong { background: var(--wrong);
  color: #fff; } .v.none { color: var(--none); } .v.poll { color: var(--ink); }
.legend span { display: inline-block; margin-right: 14px; }
.legend b { display: inline-block; width: 1.6em; text-align: center; }
.kicked { color: #777; font-style: italic; }
@page { size: A4; margin: 12mm; }
@media print {
  body { padding: 0; max-width: none; font-size: 11px; }
  h2 { break-after: avoid; } section { break-inside: auto; }
  .cards { grid-template-columns: repeat(4, 1fr); } tr { break-inside: avoid; }
  thead { display: table-header-group; }
  table.grid td.v, table.grid th.q { width: auto; padding: 1px; }  /* 40 questions fit */
}
"""


def render_html(report: Report) -> str:
    """The whole report as one HTML document (a string)."""
    game = report.results.game
    title = f"{game.bank_title} — results"
    body = [
        f"<h1>{escape(game.bank_title)}</h1>",
        f'<p class="meta">Game {escape(game.id)} · {escape(date_text(game.created_at_ms))} · '
        f"{escape(game.state)}</p>",
        *_unfinished_note(report),
        _overview(report),
        _score_distribution(report),
        _success_bars(report),
        _teams(report),
        _needs_help(report),
        _grid(report),
        _players(report),
        _questions(report),
    ]
    return (
        '<!doctype html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(title)}</title><style>{STYLE}</style></head>"
        f"<body><main>{''.join(body)}</main></body></html>\n"
    )


def write_html(report: Report, path: Path) -> None:
    path.write_text(render_html(report), encoding="utf-8")


# Sections.


def _unfinished_note(report: Report) -> list[str]:
    o = report.overview
    if o.questions >= o.total_questions:
        return []
    return [
        f'<p class="note">{o.questions} of {o.total_questions} questions revealed so far: '
        "this report shows those only.</p>"
    ]


def _percent(share: float | None) -> str:
    return "–" if share is None else f"{share:.0%}"


def _duration(ms: int | None) -> str:
    if ms is None:
        return "–"
    minutes, seconds = divmod(round(ms / 1000), 60)
    return f"{minutes} min {seconds:02d} s"


def _overview(report: Report) -> str:
    o = report.overview
    players = f"{o.players}" + (f" <span>(+{o.kicked} removed)</span>" if o.kicked else "")
    cards = [
        (players, "players"),
        (escape(score_text(round(o.average_score))), "average score"),
        (_percent(o.accuracy), "right answers"),
        (_duration(o.duration_ms), "duration"),
    ]
    inner = "".join(
        f'<div class="card"><b>{value}</b><span>{label}</span></div>' for value, label in cards
    )
    return f'<section id="overview"><h2>Overview</h2><div class="cards">{inner}</div></section>'


def _score_distribution(report: Report) -> str:
    columns = [(f"{score_text(b.low)}–{score_text(b.high)}", b.count) for b in report.score_bins]
    chart = column_chart("How many players scored in each range", columns) if columns else ""
    return (
        f'<section id="scores"><h2>Score distribution</h2>{chart or "<p>No players.</p>"}</section>'
    )


def _success_bars(report: Report) -> str:
    bars = [
        Bar(
            f"{q.index + 1}. {shown_as_text(q.text, q.math)}",
            q.share_correct or 0.0,
            f"{_percent(q.share_correct)} ({q.correct}/{q.answered})",
        )
        for q in report.hardest_first
    ]
    chart = (
        bar_chart("Share of right answers per question, hardest first", bars, css="bars success")
        if bars
        else "<p>No scored question was revealed.</p>"
    )
    return f'<section id="success"><h2>Questions, hardest first</h2>{chart}</section>'


def _questions(report: Report) -> str:
    blocks = [_question(q) for q in report.results.questions]
    return f'<section id="questions"><h2>Each question</h2>{"".join(blocks)}</section>'


def _question(q: QuestionResultRow) -> str:
    most = max((c.count for c in q.distribution), default=0) or 1
    bars = [
        Bar(
            ("✓ " if c.right else "") + shown_as_text(c.label, q.math),
            c.count / most,
            str(c.count),
            c.right,
        )
        for c in q.distribution
    ]
    chart = bar_chart(f"Answers to question {q.index + 1}", bars, css="bars answers")
    right = (
        f'<p class="answer">Right answer: <b>{text_html(q.right_answer, q.math)}</b></p>'
        if q.right_answer
        else '<p class="answer">A poll: no answer is right.</p>'
    )
    stats = f"{q.answered} of {q.players} answered"
    if q.correct is not None:
        stats += f" · {q.correct} right · {q.partly} partly · {_percent(q.share_correct)}"
    stats += f" · {q.average_points:.0f} points on average"
    return (
        f'<div class="question"><h3>{q.index + 1}. {text_html(q.text, q.math)} '
        f"<small>({escape(q.kind.value.replace('_', ' '))})</small></h3>{right}"
        f'<p class="stats">{stats}</p>{chart if bars else ""}</div>'
    )


def _legend() -> str:
    items = "".join(
        f'<span><b class="v {_css(v)}">{symbol}</b> {words}</span>'
        for v, (symbol, words) in MARKS.items()
    )
    return f'<p class="legend">{items}</p>'


def _css(verdict: Verdict | None) -> str:
    return {
        Verdict.RIGHT: "right",
        Verdict.PARTLY: "partly",
        Verdict.WRONG: "wrong",
        Verdict.NO_ANSWER: "none",
        Verdict.POLL: "poll",
        None: "absent",
    }[verdict]


def _grid(report: Report) -> str:
    questions = report.results.questions
    titles = [escape(shown_as_text(q.text, q.math)) for q in questions]
    head = "".join(
        f'<th class="q" scope="col" title="{title}">{q.index + 1}</th>'
        for q, title in zip(questions, titles, strict=True)
    )
    rows = []
    for row in report.grid:
        cells = []
        for verdict in row.cells:
            symbol, words = MARKS[verdict] if verdict is not None else NOT_IN_GAME
            cells.append(f'<td class="v {_css(verdict)}" title="{words}">{symbol}</td>')
        name_class = ' class="kicked"' if row.player.kicked else ""
        rows.append(
            f'<tr><th scope="row"{name_class}>{escape(report.display_name(row.player))}'
            f"{' (removed)' if row.player.kicked else ''}</th>{''.join(cells)}</tr>"
        )
    return (
        '<section id="grid"><h2>Players × questions</h2>'
        f"{_legend()}"
        f'<table class="grid"><thead><tr><th scope="col">Player</th>{head}</tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table></section>"
    )


def _table(header: Sequence[tuple[str, bool]], rows: Iterable[Sequence[str]]) -> str:
    """A table; `header` gives each column's name and whether it holds numbers."""
    head = "".join(f'<th scope="col"{" class=num" if n else ""}>{h}</th>' for h, n in header)
    body = "".join(
        "<tr>"
        + "".join(
            f"<td{' class=num' if header[i][1] else ''}>{cell}</td>" for i, cell in enumerate(row)
        )
        + "</tr>"
        for row in rows
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _needs_help(report: Report) -> str:
    heading = f"Needs help: under {report.needs_help_percent}% right"
    if not report.needs_help:
        return f'<section id="needs-help"><h2>{heading}</h2><p>Nobody.</p></section>'
    table = _table(
        (("Player", False), ("Right", True), ("Partly", True), ("Share right", True)),
        (
            (
                escape(report.display_name(r.player)),
                f"{r.right} of {r.scored}",
                str(r.partly),
                _percent(r.share),
            )
            for r in report.needs_help
        ),
    )
    return (
        f'<section id="needs-help"><h2>{heading}</h2><p>Polls are not counted.</p>{table}</section>'
    )


def _players(report: Report) -> str:
    table = _table(
        (
            ("Rank", True),
            ("Player", False),
            ("Score", True),
            ("Right", True),
            ("Partly", True),
            ("Answered", True),
            ("Average time", True),
        ),
        (
            (
                "removed" if p.rank is None else str(p.rank),
                escape(report.display_name(p)),
                escape(score_text(p.score)),
                str(p.correct),
                str(p.partly),
                str(p.answered),
                "–" if p.average_response_ms is None else f"{p.average_response_ms / 1000:.1f} s",
            )
            for p in report.results.players
        ),
    )
    return f'<section id="players"><h2>Players</h2>{table}</section>'


def _teams(report: Report) -> str:
    if not report.teams:
        return ""
    table = _table(
        (("Team", False), ("Players", True), ("Score", True), ("Average", True)),
        (
            (
                escape(t.name),
                str(t.players),
                escape(score_text(t.score)),
                escape(score_text(round(t.average_score))),
            )
            for t in report.teams
        ),
    )
    return f'<section id="teams"><h2>Teams</h2>{table}</section>'
