"""Results of stored games: the list, one game's tables, and CSV export.

A game's results are rebuilt by replaying its journal into the bank it was played with (both
stored in the database), so points, streak bonuses, totals and ranks are exactly what the
players were shown, whatever happened to the YAML file since. Used by `quizhost results` (which
prints the tables) and the console's past-games screen.
"""

from __future__ import annotations

import csv
from collections.abc import Sequence
from pathlib import Path

from attrs import define, frozen

from quizhost.bank.models import Kind
from quizhost.core import (
    Answer,
    AnswerAccepted,
    ChoiceAnswer,
    ChoicesAnswer,
    OrderAnswer,
    PublicQuestion,
    QuestionClosed,
    QuestionOpened,
    TextAnswer,
    ValueAnswer,
)
from quizhost.core.assignment import StudentResult
from quizhost.formats import number_text, seconds_text
from quizhost.session.journal import JournalError, rebuild
from quizhost.session.selfpaced import is_assignment, rebuild_assignment
from quizhost.store import GameRecord, Store


class ResultsError(Exception):
    """The game is unknown or its stored record cannot be read; the message says which."""


@frozen
class GameSummary:
    id: str
    created_at_ms: int
    bank_title: str
    players: int
    state: str


@frozen
class PlayerResultRow:
    rank: int
    name: str
    score: int
    correct: int  # questions answered correctly (polls excluded)
    answered: int  # questions answered at all
    average_response_ms: int | None


@frozen
class QuestionResultRow:
    index: int
    text: str
    kind: Kind
    answered: int
    correct: int | None  # None for polls
    average_points: float

    @property
    def share_correct(self) -> float | None:
        """Correct answers out of all answers given; None for polls or when nobody answered."""
        if self.correct is None or self.answered == 0:
            return None
        return self.correct / self.answered


@frozen
class AnswerRow:
    """One player's outcome of one question: a row of the CSV export."""

    name: str
    question_index: int
    question: str
    answer: str
    correct: bool | None
    points: int
    response_ms: int | None
    total: int
    rank: int


@frozen
class GameResults:
    game: GameSummary
    players: tuple[PlayerResultRow, ...]
    questions: tuple[QuestionResultRow, ...]
    answers: tuple[AnswerRow, ...]

    @property
    def average_score(self) -> float:
        return sum(p.score for p in self.players) / len(self.players) if self.players else 0.0

    @property
    def hardest_question(self) -> QuestionResultRow | None:
        """The question with the lowest share of correct answers (polls excluded)."""
        scored = [q for q in self.questions if q.share_correct is not None]
        return min(scored, key=lambda q: (q.share_correct, q.index)) if scored else None


async def list_games(store: Store) -> list[GameSummary]:
    """Every stored game, newest first."""
    return [await _summary(store, record) for record in await store.list_games()]


async def _summary(store: Store, record: GameRecord) -> GameSummary:
    players = await store.players(record.id)
    return GameSummary(
        id=record.id,
        created_at_ms=record.created_at_ms,
        bank_title=record.bank_title,
        players=sum(1 for p in players if not p.kicked),
        state=record.state,
    )


async def find_game(store: Store, game_id: str) -> GameRecord:
    """A game by id or unique id prefix (ids are long; a prefix is what people type)."""
    record = await store.game(game_id)
    if record is not None:
        return record
    matches = [g for g in await store.list_games() if g.id.startswith(game_id)]
    if len(matches) == 1:
        return matches[0]
    if not matches:
        raise ResultsError(f"no game {game_id!r}: `quizhost results` lists the stored games")
    raise ResultsError(f"{game_id!r} matches several games: type more of the id")


@define
class _Tally:
    answered: int = 0
    correct: int = 0
    response_ms: int = 0


async def game_results(store: Store, game_id: str) -> GameResults:
    """One game's results, rebuilt by replaying its journal."""
    record = await find_game(store, game_id)
    if is_assignment(record):
        return await assignment_results(store, record)
    try:
        rebuilt = await rebuild(store, record)
    except JournalError as exc:
        raise ResultsError(str(exc)) from exc
    game = rebuilt.game
    questions: dict[int, PublicQuestion] = {}
    given: dict[tuple[int, str], AnswerAccepted] = {}
    closed: list[QuestionClosed] = []
    for _at, _command, events in rebuilt.steps:
        for event in events:
            if isinstance(event, QuestionOpened):
                questions[event.question.index] = event.question
            elif isinstance(event, AnswerAccepted):
                given[(event.question, event.player_id)] = event
            elif isinstance(event, QuestionClosed):
                closed.append(event)

    ranking = game.ranking()
    final = {r.player_id: r for r in ranking}
    tallies = {r.player_id: _Tally() for r in ranking}
    answer_rows: list[AnswerRow] = []
    question_rows: list[QuestionResultRow] = []
    for close in closed:
        question = questions[close.index]
        poll = question.kind is Kind.POLL
        answered = correct = points = 0
        for player_id, result in close.results.items():
            if player_id not in final:
                continue  # kicked later: not in the results
            accepted = given.get((close.index, player_id))
            tally = tallies[player_id]
            if result.answered:
                answered += 1
                tally.answered += 1
                points += result.points
                if accepted is not None:
                    tally.response_ms += accepted.elapsed_ms
            if result.correct and not poll:
                correct += 1
                tally.correct += 1
            answer_rows.append(
                AnswerRow(
                    name=final[player_id].name,
                    question_index=close.index,
                    question=question.text,
                    answer=describe_answer(question, accepted.answer) if accepted else "",
                    correct=None if poll or not result.answered else bool(result.correct),
                    points=result.points,
                    response_ms=accepted.elapsed_ms if accepted else None,
                    total=final[player_id].score,
                    rank=final[player_id].rank,
                )
            )
        question_rows.append(
            QuestionResultRow(
                index=close.index,
                text=question.text,
                kind=question.kind,
                answered=answered,
                correct=None if poll else correct,
                average_points=points / answered if answered else 0.0,
            )
        )
    player_rows = tuple(
        PlayerResultRow(
            rank=r.rank,
            name=r.name,
            score=r.score,
            correct=tallies[r.player_id].correct,
            answered=tallies[r.player_id].answered,
            average_response_ms=(
                tallies[r.player_id].response_ms // tallies[r.player_id].answered
                if tallies[r.player_id].answered
                else None
            ),
        )
        for r in ranking
    )
    answer_rows.sort(key=lambda row: (row.rank, row.question_index))
    return GameResults(
        game=await _summary(store, record),
        players=player_rows,
        questions=tuple(question_rows),
        answers=tuple(answer_rows),
    )


def describe_answer(question: PublicQuestion, answer: Answer) -> str:
    """An answer in words, as the player saw the choices: 'Canberra', 'Venus > Earth'."""
    labels = question.choices or question.items

    def label(index: int) -> str:
        return labels[index] if 0 <= index < len(labels) else f"#{index}"

    match answer:
        case ChoiceAnswer(choice=choice):
            return label(choice)
        case ChoicesAnswer(choices=choices):
            return "; ".join(label(i) for i in sorted(choices))
        case TextAnswer(text=text):
            return text
        case ValueAnswer(value=value):
            return number_text(value)
        case OrderAnswer(order=order):
            return " > ".join(label(i) for i in order)


# CSV export. UTF-8 with a byte-order mark and CRLF line ends, so spreadsheet programs
# (Excel in particular) open accents and emoji in nicknames correctly.

ANSWER_COLUMNS = (
    "nickname",
    "question",
    "question_text",
    "answer",
    "correct",
    "points",
    "response_time_s",
    "total",
    "rank",
)
SUMMARY_COLUMNS = ("rank", "nickname", "score", "correct", "answered", "average_response_s")


def _yes_no(value: bool | None) -> str:
    return "" if value is None else ("yes" if value else "no")


def _safe_cell(text: str) -> str:
    """Keep a nickname like '=HYPERLINK(...)' from running as a spreadsheet formula."""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def answer_table(results: GameResults) -> list[list[str]]:
    return [list(ANSWER_COLUMNS)] + [
        [
            _safe_cell(row.name),
            str(row.question_index + 1),
            _safe_cell(row.question),
            _safe_cell(row.answer),
            _yes_no(row.correct),
            str(row.points),
            seconds_text(row.response_ms),
            str(row.total),
            str(row.rank),
        ]
        for row in results.answers
    ]


def summary_table(results: GameResults) -> list[list[str]]:
    return [list(SUMMARY_COLUMNS)] + [
        [
            str(p.rank),
            _safe_cell(p.name),
            str(p.score),
            str(p.correct),
            str(p.answered),
            seconds_text(p.average_response_ms),
        ]
        for p in results.players
    ]


def write_csv(rows: Sequence[Sequence[str]], path: Path) -> None:
    """Write rows as UTF-8 CSV (with BOM) that spreadsheet programs open correctly."""
    with path.open("w", encoding="utf-8-sig", newline="") as file:
        csv.writer(file).writerows(rows)


# Self-paced assignments: the same tables, from each student's own way through the questions.


async def assignment_results(store: Store, record: GameRecord) -> GameResults:
    """An assignment's results, replayed from its journal. Questions are numbered as in the
    bank (each student may have had another order); a student has a row for each question
    they got to, with their answer as their own screen showed the choices."""
    try:
        rebuilt = await rebuild_assignment(store, record)
    except JournalError as exc:
        raise ResultsError(str(exc)) from exc
    work = rebuilt.assignment
    ranking = work.ranking()
    final = {run.player.id: (run, rank) for run, rank in ranking}
    given: dict[tuple[str, int], AnswerAccepted] = {}
    tallies = {pid: _Tally() for pid in final}
    per_question = {i: _Tally() for i in range(work.total_questions)}
    points_of = dict.fromkeys(range(work.total_questions), 0)
    answer_rows: list[AnswerRow] = []
    for event in rebuilt.events:
        if isinstance(event, AnswerAccepted):
            given[(event.player_id, event.question)] = event
        if not isinstance(event, StudentResult) or event.player_id not in final:
            continue
        run, rank = final[event.player_id]
        played = run.questions[event.index].public
        bank_index = run.questions[event.index].bank_index
        accepted = given.get((event.player_id, event.index))
        poll = played.kind is Kind.POLL
        tally, question = tallies[event.player_id], per_question[bank_index]
        if event.answered:
            tally.answered += 1
            question.answered += 1
            points_of[bank_index] += event.points
            if accepted is not None:
                tally.response_ms += accepted.elapsed_ms
        if event.correct and not poll:
            tally.correct += 1
            question.correct += 1
        answer_rows.append(
            AnswerRow(
                name=run.player.name,
                question_index=bank_index,
                question=played.text,
                answer=describe_answer(played, accepted.answer) if accepted else "",
                correct=None if poll or not event.answered else bool(event.correct),
                points=event.points,
                response_ms=accepted.elapsed_ms if accepted else None,
                total=run.player.score,
                rank=rank,
            )
        )
    question_rows = tuple(
        QuestionResultRow(
            index=i,
            text=q.text,
            kind=q.kind,
            answered=per_question[i].answered,
            correct=None if q.kind is Kind.POLL else per_question[i].correct,
            average_points=points_of[i] / per_question[i].answered
            if per_question[i].answered
            else 0.0,
        )
        for i, q in enumerate(rebuilt.bank.questions)
    )
    player_rows = tuple(
        PlayerResultRow(
            rank=rank,
            name=run.player.name,
            score=run.player.score,
            correct=tallies[run.player.id].correct,
            answered=tallies[run.player.id].answered,
            average_response_ms=(
                tallies[run.player.id].response_ms // tallies[run.player.id].answered
                if tallies[run.player.id].answered
                else None
            ),
        )
        for run, rank in ranking
    )
    answer_rows.sort(key=lambda row: (row.rank, row.question_index))
    return GameResults(
        game=await _summary(store, record),
        players=player_rows,
        questions=question_rows,
        answers=tuple(answer_rows),
    )
