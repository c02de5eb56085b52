"""Results of stored games: the list, one game's facts and totals, and the CSV tables.

A game's results are rebuilt by replaying its journal into the bank it was played with (both
stored in the database), so points, streak bonuses, totals and ranks are exactly what the
players were shown, whatever happened to the YAML file since. One fact is kept per player and
revealed question (`Outcome`); totals are counted from the facts. Used by `quizhost results`,
the reports (`quizhost.reports`) and the console's past-games screen.
"""

from __future__ import annotations

import csv
import enum
from collections import Counter
from collections.abc import Mapping, Sequence
from pathlib import Path

from attrs import Factory, define, frozen

from quizhost.bank.models import Kind
from quizhost.core import (
    Answer,
    AnswerAccepted,
    ChoiceAnswer,
    ChoicesAnswer,
    Game,
    OrderAnswer,
    PublicQuestion,
    QuestionClosed,
    QuestionOpened,
    TeamStanding,
    TextAnswer,
    ValueAnswer,
)
from quizhost.core.assignment import StudentResult, StudentRun
from quizhost.formats import number_text, seconds_text
from quizhost.session.assignment_journal import is_assignment, rebuild_assignment
from quizhost.session.journal import JournalError, Rebuilt, Step, rebuild
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


class Verdict(enum.StrEnum):
    """How one player did on one question, as the CSV's `correct` column and the grid say it."""

    RIGHT = "yes"
    PARTLY = "partly"  # some points for part of a multiple-choice or order answer
    WRONG = "no"
    NO_ANSWER = "no answer"
    POLL = "poll"  # answered a poll: no answer is right or wrong


@frozen
class PlayerResultRow:
    """One player's game; `rank` is None for a kicked player, who is kept (and marked)."""

    rank: int | None
    name: str
    score: int
    correct: int  # questions answered correctly (polls excluded)
    answered: int  # questions answered at all
    average_response_ms: int | None
    partly: int = 0  # questions answered partly right
    kicked: bool = False
    player_id: str = ""
    team: str | None = None  # a team game: the player's team


@frozen
class ChoiceCount:
    """One answer given to a question and by how many players; `right` marks the key."""

    label: str
    count: int
    right: bool


@frozen
class QuestionResultRow:
    index: int
    text: str
    kind: Kind
    answered: int
    correct: int | None  # None for polls
    average_points: float
    partly: int = 0
    right_answer: str = ""  # empty for polls
    distribution: tuple[ChoiceCount, ...] = ()  # every choice in display order, else top answers
    players: int = 0  # players in the game when it closed: who could have answered

    @property
    def share_correct(self) -> float | None:
        """Correct answers out of all answers given; None for polls or when nobody answered."""
        if self.correct is None or self.answered == 0:
            return None
        return self.correct / self.answered


@frozen
class Outcome:
    """One player's outcome of one revealed question: one fact, a row of the CSV export."""

    player_id: str
    name: str
    question_index: int
    answer: str
    verdict: Verdict
    points: int  # streak bonus included, as the player was shown
    response_ms: int | None


@frozen
class GameResults:
    game: GameSummary
    players: tuple[PlayerResultRow, ...]  # ranked players best first, then kicked ones
    questions: tuple[QuestionResultRow, ...]  # revealed questions only, in play order
    answers: tuple[Outcome, ...]  # by player (as in `players`), then question
    total_questions: int = 0  # in the bank, revealed or not
    started_ms: int | None = None  # the first question opened
    last_reveal_ms: int | None = None  # the last question revealed
    teams: tuple[TeamStanding, ...] = ()  # a team game: the game's own standings, best first

    @property
    def ranked(self) -> tuple[PlayerResultRow, ...]:
        """The players still in the game at the end (what averages and charts count)."""
        return tuple(p for p in self.players if not p.kicked)

    @property
    def average_score(self) -> float:
        ranked = self.ranked
        return sum(p.score for p in ranked) / len(ranked) if ranked else 0.0

    @property
    def accuracy(self) -> float | None:
        """Right answers out of all answers to scored questions (polls excluded)."""
        scored = [q for q in self.questions if q.correct is not None]
        answered = sum(q.answered for q in scored)
        return sum(q.correct or 0 for q in scored) / answered if answered else None

    @property
    def duration_ms(self) -> int | None:
        """From the first question opening to the last reveal: the time spent on questions,
        not the lobby before or a podium left on the wall after."""
        if self.started_ms is None or self.last_reveal_ms is None:
            return None
        return self.last_reveal_ms - self.started_ms

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


async def game_results(store: Store, game_id: str) -> GameResults:
    """One game's results, rebuilt by replaying its journal (the replay `--resume` uses)."""
    record = await find_game(store, game_id)
    if is_assignment(record):
        return await assignment_results(store, record)
    try:
        rebuilt = await rebuild(store, record)
    except JournalError as exc:
        raise ResultsError(str(exc)) from exc
    return results_of(rebuilt, await _summary(store, record))


@define
class _Played:
    """What the replay's events say, gathered in one pass."""

    questions: dict[int, PublicQuestion] = Factory(dict)
    given: dict[tuple[int, str], AnswerAccepted] = Factory(dict)
    closed: list[QuestionClosed] = Factory(list)
    started_ms: int | None = None
    last_reveal_ms: int | None = None

    def read(self, steps: Sequence[Step]) -> None:
        for at_ms, _command, events in steps:
            for event in events:
                if isinstance(event, QuestionOpened):
                    self.questions[event.question.index] = event.question
                    if self.started_ms is None:
                        self.started_ms = at_ms
                elif isinstance(event, AnswerAccepted):
                    self.given[(event.question, event.player_id)] = event
                elif isinstance(event, QuestionClosed):
                    self.closed.append(event)
                    self.last_reveal_ms = at_ms


def results_of(rebuilt: Rebuilt, summary: GameSummary) -> GameResults:
    """The results of a replayed game: facts per player and question, then their totals."""
    played = _Played()
    played.read(rebuilt.steps)
    game = rebuilt.game
    names = {pid: player.name for pid, player in game.players.items()}
    outcomes = [
        outcome
        for close in played.closed
        for outcome in _outcomes(close, played.questions[close.index], played.given, names)
    ]
    order = [r.player_id for r in game.ranking()]
    order += [pid for pid, player in game.players.items() if player.kicked]
    place = {pid: i for i, pid in enumerate(order)}
    outcomes.sort(key=lambda o: (place.get(o.player_id, len(order)), o.question_index))
    return GameResults(
        game=summary,
        players=_player_rows(game, order, outcomes),
        questions=tuple(
            _question_row(close, played.questions[close.index], outcomes, played.given)
            for close in played.closed
        ),
        answers=tuple(outcomes),
        total_questions=game.total_questions,
        started_ms=played.started_ms,
        last_reveal_ms=played.last_reveal_ms,
        teams=game.team_ranking(),
    )


def _verdict(
    question: PublicQuestion, accepted: AnswerAccepted | None, correct: bool | None
) -> Verdict:
    if accepted is None:
        return Verdict.NO_ANSWER
    if question.kind is Kind.POLL:
        return Verdict.POLL
    if correct:
        return Verdict.RIGHT
    # Only multiple choice and order give part of the points for a wrong answer.
    return Verdict.PARTLY if accepted.points > 0 else Verdict.WRONG


def _outcomes(
    close: QuestionClosed,
    question: PublicQuestion,
    given: Mapping[tuple[int, str], AnswerAccepted],
    names: Mapping[str, str],
) -> list[Outcome]:
    """Every player in the game when `close` revealed the question (kicked later included)."""
    rows = []
    for player_id, result in close.results.items():
        accepted = given.get((close.index, player_id)) if result.answered else None
        rows.append(
            Outcome(
                player_id=player_id,
                name=names[player_id],
                question_index=close.index,
                answer=describe_answer(question, accepted.answer) if accepted else "",
                verdict=_verdict(question, accepted, result.correct),
                points=result.points,
                response_ms=accepted.elapsed_ms if accepted else None,
            )
        )
    return rows


def _player_rows(
    game: Game, order: Sequence[str], outcomes: Sequence[Outcome]
) -> tuple[PlayerResultRow, ...]:
    mine: dict[str, list[Outcome]] = {pid: [] for pid in order}
    for outcome in outcomes:
        mine[outcome.player_id].append(outcome)
    ranks = {r.player_id: r.rank for r in game.ranking()}
    rows = []
    for pid in order:
        player = game.players[pid]
        times = [o.response_ms for o in mine[pid] if o.response_ms is not None]
        verdicts = [o.verdict for o in mine[pid]]
        rows.append(
            PlayerResultRow(
                rank=ranks.get(pid),
                name=player.name,
                score=player.score,
                correct=verdicts.count(Verdict.RIGHT),
                answered=len(times),
                average_response_ms=sum(times) // len(times) if times else None,
                partly=verdicts.count(Verdict.PARTLY),
                kicked=player.kicked,
                player_id=pid,
                team=player.team,
            )
        )
    return tuple(rows)


def _question_row(
    close: QuestionClosed,
    question: PublicQuestion,
    outcomes: Sequence[Outcome],
    given: Mapping[tuple[int, str], AnswerAccepted],
) -> QuestionResultRow:
    mine = [o for o in outcomes if o.question_index == close.index]
    answered = [o for o in mine if o.verdict is not Verdict.NO_ANSWER]
    poll = question.kind is Kind.POLL
    verdicts = [o.verdict for o in mine]
    return QuestionResultRow(
        index=close.index,
        text=question.text,
        kind=question.kind,
        answered=len(answered),
        correct=None if poll else verdicts.count(Verdict.RIGHT),
        average_points=sum(o.points for o in answered) / len(answered) if answered else 0.0,
        partly=verdicts.count(Verdict.PARTLY),
        right_answer="" if close.correct is None else describe_answer(question, close.correct),
        distribution=_distribution(question, close.correct, answered, given),
        players=len(mine),
    )


TOP_ANSWERS = 5  # typed, slider and order answers: the most given, then "other"


def _distribution(
    question: PublicQuestion,
    key: Answer | None,
    answered: Sequence[Outcome],
    given: Mapping[tuple[int, str], AnswerAccepted],
) -> tuple[ChoiceCount, ...]:
    """How many gave each answer: every choice for choice kinds, the commonest otherwise."""
    if question.choices:
        picked: Counter[int] = Counter()
        for outcome in answered:
            picked.update(_picks(given[(outcome.question_index, outcome.player_id)].answer))
        right = _picks(key) if key is not None else ()
        return tuple(
            ChoiceCount(label, picked[i], i in right) for i, label in enumerate(question.choices)
        )
    return _top_answers(answered)


def _top_answers(answered: Sequence[Outcome]) -> tuple[ChoiceCount, ...]:
    """The answers given most, by their text, then the rest as "other answers"."""
    counts = Counter(o.answer for o in answered)
    right_texts = {o.answer for o in answered if o.verdict is Verdict.RIGHT}
    top = counts.most_common(TOP_ANSWERS)
    rows = [ChoiceCount(text, n, text in right_texts) for text, n in top]
    rest = sum(counts.values()) - sum(n for _text, n in top)
    if rest:
        rows.append(ChoiceCount("other answers", rest, False))
    return tuple(rows)


def _picks(answer: Answer) -> tuple[int, ...]:
    """The display choices an answer picks (none for kinds without choices)."""
    if isinstance(answer, ChoiceAnswer):
        return (answer.choice,)
    if isinstance(answer, ChoicesAnswer):
        return tuple(sorted(answer.choices))
    return ()


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
# (Excel in particular) open accents and emoji in nicknames correctly. One fact per row: the
# answers file has no totals (they are in the summary), times carry their unit in the header.

ANSWER_COLUMNS = (
    "nickname",
    "kicked",
    "question",
    "question_text",
    "answer",
    "right_answer",
    "correct",
    "points",
    "response_time_s",
)
SUMMARY_COLUMNS = (
    "rank",
    "nickname",
    "kicked",
    "score",
    "correct",
    "partly",
    "answered",
    "questions",
    "average_response_time_s",
)


def safe_cell(text: str) -> str:
    """Keep a nickname like '=HYPERLINK(...)' from running as a spreadsheet formula."""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def yes_no(value: bool) -> str:
    return "yes" if value else "no"


def _with_team(rows: list[list[str]], teams: Sequence[str | None], after: int) -> list[list[str]]:
    """A team game's tables get a `team` column after column `after`; others stay as they were."""
    if not any(teams):
        return rows
    header, *body = rows
    return [[*header[: after + 1], "team", *header[after + 1 :]]] + [
        [*row[: after + 1], safe_cell(team or ""), *row[after + 1 :]]
        for row, team in zip(body, teams, strict=True)
    ]


def answer_table(results: GameResults) -> list[list[str]]:
    """One row per player and revealed question (kicked players included, marked)."""
    team = {p.player_id: p.team for p in results.players}
    return _with_team(_answer_rows(results), [team.get(o.player_id) for o in results.answers], 0)


def _answer_rows(results: GameResults) -> list[list[str]]:
    kicked = {p.player_id for p in results.players if p.kicked}
    questions = {q.index: q for q in results.questions}
    return [list(ANSWER_COLUMNS)] + [
        [
            safe_cell(row.name),
            yes_no(row.player_id in kicked),
            str(row.question_index + 1),
            safe_cell(questions[row.question_index].text),
            safe_cell(row.answer),
            safe_cell(questions[row.question_index].right_answer),
            row.verdict.value,
            str(row.points),
            seconds_text(row.response_ms),
        ]
        for row in results.answers
    ]


def summary_table(results: GameResults) -> list[list[str]]:
    """One row per player with their totals; a kicked player has no rank."""
    return _with_team(_summary_rows(results), [p.team for p in results.players], 1)


def _summary_rows(results: GameResults) -> list[list[str]]:
    return [list(SUMMARY_COLUMNS)] + [
        [
            "" if p.rank is None else str(p.rank),
            safe_cell(p.name),
            yes_no(p.kicked),
            str(p.score),
            str(p.correct),
            str(p.partly),
            str(p.answered),
            str(len(results.questions)),
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
    bank (each student may have had another order); a student has an outcome for each question
    they got to, with their answer as their own screen showed the choices. Answers are counted
    by their text, since two students may have seen the choices in two orders."""
    try:
        rebuilt = await rebuild_assignment(store, record)
    except JournalError as exc:
        raise ResultsError(str(exc)) from exc
    work = rebuilt.assignment
    ranking = work.ranking()
    final = {run.player.id: (run, rank) for run, rank in ranking}
    given: dict[tuple[str, int], AnswerAccepted] = {}
    right_answer: dict[int, str] = {}
    outcomes: list[Outcome] = []
    for event in rebuilt.events:
        if isinstance(event, AnswerAccepted):
            given[(event.player_id, event.question)] = event
        if not isinstance(event, StudentResult) or event.player_id not in final:
            continue
        run, _rank = final[event.player_id]
        played = run.questions[event.index].public
        bank_index = run.questions[event.index].bank_index
        accepted = given.get((event.player_id, event.index)) if event.answered else None
        if event.reveal is not None:
            right_answer.setdefault(bank_index, describe_answer(played, event.reveal))
        outcomes.append(
            Outcome(
                player_id=run.player.id,
                name=run.player.name,
                question_index=bank_index,
                answer=describe_answer(played, accepted.answer) if accepted else "",
                verdict=_verdict(played, accepted, event.correct),
                points=event.points,
                response_ms=accepted.elapsed_ms if accepted else None,
            )
        )
    place = {run.player.id: rank for run, rank in ranking}
    outcomes.sort(key=lambda o: (place[o.player_id], o.question_index))
    return GameResults(
        game=await _summary(store, record),
        players=tuple(_student_row(run, rank, outcomes) for run, rank in ranking),
        questions=tuple(
            _bank_question_row(i, q.text, q.kind, outcomes, right_answer.get(i, ""))
            for i, q in enumerate(rebuilt.bank.questions)
        ),
        answers=tuple(outcomes),
        total_questions=work.total_questions,
    )


def _student_row(run: StudentRun, rank: int, outcomes: Sequence[Outcome]) -> PlayerResultRow:
    mine = [o for o in outcomes if o.player_id == run.player.id]
    times = [o.response_ms for o in mine if o.response_ms is not None]
    verdicts = [o.verdict for o in mine]
    return PlayerResultRow(
        rank=rank,
        name=run.player.name,
        score=run.player.score,
        correct=verdicts.count(Verdict.RIGHT),
        answered=len(times),
        average_response_ms=sum(times) // len(times) if times else None,
        partly=verdicts.count(Verdict.PARTLY),
        player_id=run.player.id,
    )


def _bank_question_row(
    index: int, text: str, kind: Kind, outcomes: Sequence[Outcome], right_answer: str
) -> QuestionResultRow:
    mine = [o for o in outcomes if o.question_index == index]
    answered = [o for o in mine if o.verdict is not Verdict.NO_ANSWER]
    verdicts = [o.verdict for o in mine]
    return QuestionResultRow(
        index=index,
        text=text,
        kind=kind,
        answered=len(answered),
        correct=None if kind is Kind.POLL else verdicts.count(Verdict.RIGHT),
        average_points=sum(o.points for o in answered) / len(answered) if answered else 0.0,
        partly=verdicts.count(Verdict.PARTLY),
        right_answer="" if kind is Kind.POLL else right_answer,
        distribution=_top_answers(answered),
        players=len(mine),
    )
