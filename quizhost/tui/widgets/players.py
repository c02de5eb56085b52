"""The players in the lobby: a list the teacher can move through (keys or mouse) to kick one."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from quizhost.session.views import PlayerRow
from quizhost.tui.text import literal


def player_label(player: PlayerRow, *, marks: bool = False) -> Text:
    """The name, offline or not; with `marks` also extra time (only in the dialogs the teacher
    opens: the lobby list may be projected, and a student's accommodation is not the class's
    business)."""
    label = literal(player.name)
    if marks and player.extra_percent:  # the same mark as tui/screens/extra_time.py
        label.append(f"  ⏱+{player.extra_percent}%", style="bold")
    if not player.connected:
        label.append("  (offline)", style="dim italic")
    return label


class PlayerList(OptionList):
    """Players by join order; keeps the highlighted player across updates."""

    def __init__(self, *, id: str | None = None, marks: bool = False) -> None:
        super().__init__(id=id, markup=False)
        self._shown: tuple[PlayerRow, ...] = ()
        self._marks = marks

    def show(self, players: Sequence[PlayerRow]) -> None:
        rows = tuple(players)
        if rows == self._shown:
            return
        keep = self.highlighted_player_id
        self._shown = rows
        self.clear_options()
        self.add_options([Option(player_label(p, marks=self._marks), id=p.id) for p in rows])
        ids = [p.id for p in rows]
        if keep in ids:
            self.highlighted = ids.index(keep)
        elif rows and self.has_focus:
            self.highlighted = min(self.highlighted or 0, len(rows) - 1)

    @property
    def highlighted_player_id(self) -> str | None:
        index = self.highlighted
        if index is None or not 0 <= index < len(self._shown):
            return None
        return self._shown[index].id

    def name_of(self, player_id: str) -> str:
        return next((p.name for p in self._shown if p.id == player_id), player_id)
