"""One line at the top: the quiz title, the phase, the players and whether joining is open."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from quizhost.core import Phase
from quizhost.formats import number_text
from quizhost.session.views import HostView
from quizhost.tui.text import literal

PHASE_LABELS = {
    Phase.LOBBY: "Lobby",
    Phase.ROUND: "Round title",
    Phase.INTRO: "Get ready",
    Phase.QUESTION: "Question",
    Phase.PAUSED: "Paused",
    Phase.REVEAL: "Answer",
    Phase.LEADERBOARD: "Leaderboard",
    Phase.PODIUM: "Podium",
    Phase.ENDED: "Game over",
}


class TopBar(Static):
    def __init__(self, title: str, *, id: str | None = None) -> None:
        super().__init__("", id=id, markup=False)
        self._title = title
        self._view: HostView | None = None

    def set_title(self, title: str) -> None:
        """The quiz title, shown at once (the bank was reloaded): the session's next view may
        have arrived already, and an idle lobby sends no other."""
        self._title = title
        if self._view is not None:
            self.show(self._view)

    def show(self, view: HostView) -> None:
        self._view = view
        text = Text(no_wrap=True, overflow="ellipsis", end="")
        text.append(" quizhost ", style="bold reverse")
        text.append(" ")
        text.append_text(literal(self._title, "bold"))
        text.append(f"  ·  {PHASE_LABELS[view.state]}")
        text.append(f"  ·  {view.player_count} player{'s' if view.player_count != 1 else ''}")
        if view.round is not None:
            text.append(f"  ·  round {view.round.index + 1}/{view.round.total}")
        if view.locked:
            text.append("  ·  locked", style="bold")
        if view.autoplay_ms:
            text.append(f"  ·  autoplay {number_text(view.autoplay_ms / 1000)} s", style="bold")
        self.update(text)


class SaveWarning(Static):
    """A red line under the top bar while the database cannot be written (the game goes on)."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("", id=id, markup=False)
        self.display = False

    def show(self, view: HostView) -> None:
        # Bursts of joins from one source share the line: both need the teacher's eyes.
        lines = [view.warning] if view.warning is not None else []
        lines.extend(f"w removes them · {alert.text}" for alert in view.alerts[:1])
        lines.extend(alert.text for alert in view.alerts[1:])
        self.display = bool(lines)
        if lines:
            self.update(literal("\n".join(f"⚠ {line}" for line in lines)))
