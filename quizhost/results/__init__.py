"""Results of stored games: the list, one game's facts and totals, and the CSV tables.

A game's results are rebuilt by replaying its journal into the bank it was played with (both
stored in the database), so points, streak bonuses, totals and ranks are exactly what the
players were shown, whatever happened to the YAML file since. One fact is kept per player and
revealed question (`Outcome`); totals are counted from the facts. Used by `quizhost results`,
the reports (`quizhost.reports`) and the console's past-games screen.

By job: `model` (what results are made of), `live` and `assignment` (the two replays),
`stored` (finding games), `tables` (CSV). Everything public is importable from here.
"""

from quizhost.results.assignment import assignment_results
from quizhost.results.live import TOP_ANSWERS, describe_answer, results_of
from quizhost.results.model import (
    ChoiceCount,
    GameResults,
    GameSummary,
    Outcome,
    PlayerResultRow,
    QuestionResultRow,
    ResultsError,
    Verdict,
)
from quizhost.results.stored import find_game, game_results, list_games
from quizhost.results.tables import (
    ANSWER_COLUMNS,
    SUMMARY_COLUMNS,
    answer_table,
    safe_cell,
    summary_table,
    write_csv,
    yes_no,
)

__all__ = [
    "ANSWER_COLUMNS",
    "SUMMARY_COLUMNS",
    "TOP_ANSWERS",
    "ChoiceCount",
    "GameResults",
    "GameSummary",
    "Outcome",
    "PlayerResultRow",
    "QuestionResultRow",
    "ResultsError",
    "Verdict",
    "answer_table",
    "assignment_results",
    "describe_answer",
    "find_game",
    "game_results",
    "list_games",
    "results_of",
    "safe_cell",
    "summary_table",
    "write_csv",
    "yes_no",
]
