"""Reports of stored games for teachers: the data, then one renderer per format.

`data` turns a game's results (rebuilt from the journal by `quizhost.results`, the replay
`--resume` uses) into what every report shows; `html`, `xlsx` and the CSV tables in
`quizhost.results` only lay it out. `progress` follows a class over several games, `roster`
reads the optional nickname -> real name list.
"""

from quizhost.reports.data import (
    DEFAULT_NEEDS_HELP_PERCENT,
    GridRow,
    HelpRow,
    Overview,
    Report,
    ScoreBin,
    TeamRow,
    build_report,
    game_report,
)
from quizhost.reports.roster import Roster, RosterError, load_roster

__all__ = [
    "DEFAULT_NEEDS_HELP_PERCENT",
    "GridRow",
    "HelpRow",
    "Overview",
    "Report",
    "Roster",
    "RosterError",
    "ScoreBin",
    "TeamRow",
    "build_report",
    "game_report",
    "load_roster",
]
