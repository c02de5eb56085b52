"""One view per phase of the game; the game screen shows the one that fits the session's state.

Each gets the whole `HostView` through `show(view)` and draws its part; none sends commands.
"""

from __future__ import annotations

from quizhost.core import Phase
from quizhost.tui.phases.ended import EndedView
from quizhost.tui.phases.lobby import LobbyView
from quizhost.tui.phases.question import QuestionView
from quizhost.tui.phases.ranking import LeaderboardView, PodiumView
from quizhost.tui.phases.reveal import RevealView
from quizhost.tui.phases.round import RoundView

#: The id of the view that shows each phase (a paused question stays on the question view).
VIEW_OF_PHASE: dict[Phase, str] = {
    Phase.LOBBY: "lobby",
    Phase.ROUND: "round",
    Phase.INTRO: "question",
    Phase.QUESTION: "question",
    Phase.PAUSED: "question",
    Phase.REVEAL: "reveal",
    Phase.LEADERBOARD: "leaderboard",
    Phase.PODIUM: "podium",
    Phase.ENDED: "ended",
}

__all__ = [
    "VIEW_OF_PHASE",
    "EndedView",
    "LeaderboardView",
    "LobbyView",
    "PodiumView",
    "QuestionView",
    "RevealView",
    "RoundView",
]
