"""A self-paced assignment's results: the same tables, from each student's own way through
the questions.
"""

from __future__ import annotations

from collections.abc import Sequence

from quizhost.bank.models import AnyQuestion, Kind
from quizhost.core import (
    AnswerAccepted,
)
from quizhost.core.assignment import StudentResult, StudentRun
from quizhost.results.live import describe_answer, summary_of, top_answers, verdict_of
from quizhost.results.model import (
    GameResults,
    Outcome,
    PlayerResultRow,
    QuestionResultRow,
    ResultsError,
    Verdict,
)
from quizhost.session.assignment_journal import rebuild_assignment
from quizhost.session.journal import JournalError
from quizhost.store import GameRecord, Store

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
                verdict=verdict_of(played, accepted, event.correct),
                points=event.points,
                response_ms=accepted.elapsed_ms if accepted else None,
            )
        )
    place = {run.player.id: rank for run, rank in ranking}
    outcomes.sort(key=lambda o: (place[o.player_id], o.question_index))
    return GameResults(
        game=await summary_of(store, record),
        players=tuple(_student_row(run, rank, outcomes) for run, rank in ranking),
        questions=tuple(
            _bank_question_row(i, q, outcomes, right_answer.get(i, ""))
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
    index: int, question: AnyQuestion, outcomes: Sequence[Outcome], right_answer: str
) -> QuestionResultRow:
    kind = question.kind
    mine = [o for o in outcomes if o.question_index == index]
    answered = [o for o in mine if o.verdict is not Verdict.NO_ANSWER]
    verdicts = [o.verdict for o in mine]
    return QuestionResultRow(
        index=index,
        text=question.text,
        kind=kind,
        answered=len(answered),
        correct=None if kind is Kind.POLL else verdicts.count(Verdict.RIGHT),
        average_points=sum(o.points for o in answered) / len(answered) if answered else 0.0,
        partly=verdicts.count(Verdict.PARTLY),
        right_answer="" if kind is Kind.POLL else right_answer,
        distribution=top_answers(answered),
        players=len(mine),
        math=question.math,
    )
