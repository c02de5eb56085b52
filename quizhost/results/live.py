"""A live game's results from its replay, one fact per player and revealed question."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence

from attrs import Factory, define

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
    TextAnswer,
    ValueAnswer,
)
from quizhost.formats import number_text
from quizhost.results.model import (
    ChoiceCount,
    GameResults,
    GameSummary,
    Outcome,
    PlayerResultRow,
    QuestionResultRow,
    Verdict,
)
from quizhost.session.journal import Rebuilt, Step
from quizhost.store import GameRecord, Store


async def summary_of(store: Store, record: GameRecord) -> GameSummary:
    players = await store.players(record.id)
    return GameSummary(
        id=record.id,
        created_at_ms=record.created_at_ms,
        bank_title=record.bank_title,
        players=sum(1 for p in players if not p.kicked),
        state=record.state,
    )


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


def verdict_of(
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
                verdict=verdict_of(question, accepted, result.correct),
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
        math=question.math,
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
    return top_answers(answered)


def top_answers(answered: Sequence[Outcome]) -> tuple[ChoiceCount, ...]:
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
