"""The game screen: the view of the current phase, and every host action as a key.

Which actions show in the footer comes from the core's `ALLOWED` table for the session's
phase (through the adapter), never from rules written here. Commands the session rejects
anyway (a race with the deadline, say) become a notification.
"""

from __future__ import annotations

import webbrowser
from collections.abc import Callable
from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import ContentSwitcher, Footer

from quizhost.core import (
    AddTime,
    Autoplay,
    End,
    HostCommand,
    Kick,
    Lock,
    Next,
    Pause,
    Phase,
    Rejected,
    Resume,
    Skip,
    Start,
    Unlock,
)
from quizhost.session.views import HostView
from quizhost.tui.adapter import (
    HostAdapter,
    Ignored,
    Refused,
    Reloaded,
    ReloadOutcome,
    ResultsError,
)
from quizhost.tui.messages import ViewChanged
from quizhost.tui.phases import (
    VIEW_OF_PHASE,
    EndedView,
    LeaderboardView,
    LobbyView,
    PodiumView,
    QuestionView,
    RevealView,
    RoundView,
)
from quizhost.tui.screens.confirm import ConfirmDialog
from quizhost.tui.screens.join import JoinScreen
from quizhost.tui.screens.past_games import PastGamesScreen
from quizhost.tui.screens.pick_player import PickPlayerDialog
from quizhost.tui.widgets.countdown import Ticker
from quizhost.tui.widgets.players import PlayerList
from quizhost.tui.widgets.topbar import SaveWarning, TopBar

ADD_TIME_MS = 10_000
BANK_POLL_S = 1.0  # how often the bank file is looked at for edits (a stat)
RELOAD_LINES = 8  # problems of a refused reload shown in the lobby

#: The host command behind each action, so `check_action` can ask the core's table.
COMMAND_OF_ACTION: dict[str, type[HostCommand]] = {
    "start": Start,
    "next": Next,
    "skip": Skip,
    "pause": Pause,
    "resume": Resume,
    "add_time": AddTime,
    "kick": Kick,
    "lock": Lock,
    "unlock": Unlock,
    "end": End,
    "autoplay": Autoplay,
    "autoplay_quietly": Autoplay,
}


class GameScreen(Screen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("s", "start", "Start"),
        Binding("n", "next", "Next"),
        Binding("p", "pause", "Pause"),
        Binding("r", "resume", "Resume"),
        Binding("a", "add_time", "+10 s"),
        Binding("k", "skip", "Skip"),
        Binding("x", "kick", "Kick"),
        Binding("l", "lock", "Lock"),
        Binding("u", "unlock", "Unlock"),
        Binding("e", "end", "End"),
        Binding("o", "autoplay", "Autoplay"),
        # The same key while a question is open, out of the footer: at 80 columns it is full.
        Binding("o", "autoplay_quietly", "Autoplay", show=False),
        Binding("w", "remove_burst", "Remove burst"),  # only while a burst alert shows
        Binding("g", "past_games", "Games"),
        Binding("j", "join_info", "Join"),
        Binding("b", "big_screen", "Screen", show=False),  # said in the lobby: the footer is full
        # The footer says which: "Show bars" while they are hidden, "Hide bars" while shown.
        Binding("v", "show_bars", "Show bars"),
        Binding("v", "hide_bars", "Hide bars"),
    ]

    def __init__(self, adapter: HostAdapter, ticker: Ticker) -> None:
        super().__init__()
        self.adapter = adapter
        self._ticker = ticker
        self.view: HostView | None = None
        self._unsubscribe: list[Callable[[], None]] = []
        self._summary_loaded = False

    def compose(self) -> ComposeResult:
        yield TopBar(self.adapter.bank_title, id="topbar")
        yield SaveWarning(id="save-warning")
        with ContentSwitcher(initial="lobby", id="phases"):
            yield LobbyView(id="lobby")
            yield RoundView(id="round")
            yield QuestionView(self._ticker, id="question")
            yield RevealView(id="reveal")
            yield LeaderboardView(id="leaderboard")
            yield PodiumView(id="podium")
            yield EndedView(id="ended")
        yield Footer(show_command_palette=False)

    def on_mount(self) -> None:
        self.query_one(PlayerList).focus()  # before a first view may push the join screen
        self._unsubscribe.append(self.adapter.subscribe(self._view_arrived))
        self.query_one(LobbyView).show_notes(self.adapter.notes)
        for note in self.adapter.notes:
            self.notify(note, title="Note", timeout=10, markup=False)
        self.set_interval(BANK_POLL_S, self.poll_bank)

    # The bank file, edited while players wait.

    @work(exclusive=True, group="bank")
    async def poll_bank(self) -> None:
        outcome = await self.adapter.poll_bank()
        if outcome is not None:
            self.show_reload(outcome)

    def show_reload(self, outcome: ReloadOutcome) -> None:
        """A reload in the lobby's notes (it stays) and as a notification."""
        lobby = self.query_one(LobbyView)
        if isinstance(outcome, Reloaded):
            plural = "s" if outcome.questions != 1 else ""
            note = f"Bank reloaded: {outcome.title} ({outcome.questions} question{plural})"
            self.query_one(TopBar).set_title(outcome.title)
            lobby.show_notes([*self.adapter.notes, note])
            self.notify(note, title="Bank reloaded", markup=False)
        elif isinstance(outcome, Refused):
            head = "Bank not reloaded (the game keeps its bank):"
            lobby.show_notes([*self.adapter.notes, head, *outcome.problems[:RELOAD_LINES]])
            self.notify(
                "\n".join(outcome.problems[:RELOAD_LINES]),
                title="Bank not reloaded",
                severity="error",
                timeout=15,
                markup=False,
            )
        else:
            assert isinstance(outcome, Ignored)
            self.notify(outcome.message, title="Bank edit ignored", severity="warning",
                        timeout=15, markup=False)  # fmt: skip

    def _view_arrived(self, view: HostView) -> None:
        """Called by the session (same loop, synchronously): queue it as a message."""
        self.post_message(ViewChanged(view))

    def on_unmount(self) -> None:
        for unsubscribe in self._unsubscribe:
            unsubscribe()
        self._unsubscribe.clear()

    # The view.

    @on(ViewChanged)
    def show_view(self, message: ViewChanged) -> None:
        view = message.view
        first = self.view is None
        self.view = view
        self.query_one(TopBar).show(view)
        self.query_one(SaveWarning).show(view)
        shown = VIEW_OF_PHASE[view.state]
        panel = self.query_one(f"#{shown}")
        assert isinstance(
            panel,
            LobbyView
            | RoundView
            | QuestionView
            | RevealView
            | LeaderboardView
            | PodiumView
            | EndedView,
        )
        panel.show(view)
        switcher = self.query_one(ContentSwitcher)
        if switcher.current != shown:
            switcher.current = shown
        if first and view.state not in (Phase.LOBBY, Phase.ENDED):
            self.call_after_refresh(self.action_join_info)  # resumed: the address may differ
        if view.state is Phase.ENDED and not self._summary_loaded:
            self._summary_loaded = True
            self.load_summary()
        self.refresh_bindings()

    @work(exclusive=True, group="summary")
    async def load_summary(self) -> None:
        try:
            results = await self.adapter.results(self.adapter.game_id)
        except ResultsError as exc:
            self.notify(str(exc), title="No summary", severity="warning", markup=False)
            return
        self.query_one(EndedView).show_results(results)

    # Which actions are offered.

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("show_bars", "hide_bars"):
            open_question = self.view is not None and self.view.state is Phase.QUESTION
            shown = self.query_one(QuestionView).live_bars
            return open_question and shown == (action == "hide_bars")
        command = COMMAND_OF_ACTION.get(action)
        if action in ("autoplay", "autoplay_quietly"):
            asked = self.view is not None and self.view.state in (Phase.QUESTION, Phase.PAUSED)
            if asked != (action == "autoplay_quietly"):
                return False
        if action == "remove_burst":
            return self.view is not None and bool(self.view.alerts)
        if action == "past_games":  # not while the class answers: the footer has no room for it
            return self.view is None or self.view.state is not Phase.QUESTION
        if action == "join_info":  # the lobby shows it already
            return self.view is not None and VIEW_OF_PHASE[self.view.state] != "lobby"
        if command is None:
            return True
        view = self.view
        if view is None or not self.adapter.allows(view.state, command):
            return False
        if command is Lock:
            return not view.locked
        if command is Unlock:
            return view.locked
        if command is Kick:
            return True if view.players else None  # the player is picked from a list
        return True

    # Actions: each sends one command.

    async def send(self, command: HostCommand) -> bool:
        """Send `command`; a refusal becomes a notification. True if it was done."""
        try:
            await self.adapter.command(command)
        except Rejected as exc:
            self.notify(exc.message, title="Not now", severity="warning", markup=False)
            return False
        return True

    # The big screen and the projected console.

    def action_big_screen(self) -> None:
        """Open the big screen in this computer's browser (drag it to the projector)."""
        url = self.adapter.screen_url
        self.notify(f"Big screen: {url}", title="Opening the browser", timeout=8, markup=False)
        self.open_browser(url)

    @work(thread=True, exclusive=True, group="browser")
    def open_browser(self, url: str) -> None:
        if not webbrowser.open(url, new=1):
            self.app.call_from_thread(
                self.notify, "No browser found: open the address above.", severity="warning"
            )

    def action_show_bars(self) -> None:
        self._set_live_bars(True)

    def action_hide_bars(self) -> None:
        self._set_live_bars(False)

    def _set_live_bars(self, shown: bool) -> None:
        """Kept for the rest of the game: every later question follows the choice."""
        panel = self.query_one(QuestionView)
        panel.live_bars = shown
        if self.view is not None and self.view.state is Phase.QUESTION:
            panel.show(self.view)
        self.refresh_bindings()

    async def action_start(self) -> None:
        await self.send(Start())

    async def action_next(self) -> None:
        await self.send(Next())

    async def action_skip(self) -> None:
        await self.send(Skip())

    async def action_pause(self) -> None:
        await self.send(Pause())

    async def action_resume(self) -> None:
        await self.send(Resume())

    async def action_add_time(self) -> None:
        if await self.send(AddTime(ms=ADD_TIME_MS)):
            self.notify(f"+{ADD_TIME_MS // 1000} seconds", timeout=2)

    async def action_lock(self) -> None:
        if await self.send(Lock()):
            self.notify("The game is locked: nobody else can join.", timeout=3)

    async def action_unlock(self) -> None:
        if await self.send(Unlock()):
            self.notify("The game is open to new players again.", timeout=3)

    def action_kick(self) -> None:
        """Ask which player first (a pick list), then whether to kick them: a highlight in
        the lobby list is not a choice (the first player is highlighted by default)."""
        view = self.view
        if view is None or not view.players:
            return
        names = {p.id: p.name for p in view.players}

        def picked(player_id: str | None) -> None:
            if player_id is not None:
                self._confirm_kick(player_id, names.get(player_id, player_id))

        self.app.push_screen(PickPlayerDialog(view.players), picked)

    @on(PlayerList.OptionSelected, "#players")
    def lobby_player_selected(self, event: PlayerList.OptionSelected) -> None:
        """Enter or a click on a name in the lobby is a choice: ask whether to kick them."""
        player_id, view = event.option.id, self.view
        if player_id is not None and view is not None and self.check_action("kick", ()):
            names = {p.id: p.name for p in view.players}
            self._confirm_kick(player_id, names.get(player_id, player_id))

    def _confirm_kick(self, player_id: str, name: str) -> None:
        async def kick(confirmed: bool | None) -> None:
            if confirmed:
                await self.send(Kick(player_id=player_id))

        self.app.push_screen(
            ConfirmDialog(f"Kick {name}? They cannot join this game again.", "Kick", "Keep"),
            kick,
        )

    def action_remove_burst(self) -> None:
        """Ask, then remove the players of the first burst source on the alert line."""
        view = self.view
        if view is None or not view.alerts:
            return
        alert = view.alerts[0]

        async def remove(confirmed: bool | None) -> None:
            if not confirmed:
                return
            try:
                await self.adapter.remove_source(alert.source)
            except Rejected as exc:
                self.notify(exc.message, title="Not now", severity="warning", markup=False)

        question = (
            f"Remove the {alert.players} players of source {alert.source}? "
            "Its later joins are refused too."
        )
        self.app.push_screen(ConfirmDialog(question, "Remove", "Keep"), remove)

    def action_end(self) -> None:
        async def end(confirmed: bool | None) -> None:
            if confirmed:
                await self.send(End())

        self.app.push_screen(
            ConfirmDialog("End the game now? Players see the end screen.", "End game", "Go on"),
            end,
        )

    async def action_autoplay(self) -> None:
        """Toggle autoplay: on with --autoplay's time (else 10 s), or off."""
        view = self.view
        if view is None:
            return
        ms = 0 if view.autoplay_ms else view.autoplay_preset_ms
        if await self.send(Autoplay(ms=ms)):
            seconds = ms // 1000
            self.notify(
                f"Autoplay on: every {seconds} s the game moves on." if ms else "Autoplay off.",
                timeout=3,
            )

    async def action_autoplay_quietly(self) -> None:
        await self.action_autoplay()

    def action_join_info(self) -> None:
        """Where players join, over the game (the lobby shows it already)."""
        if self.view is not None:
            self.app.push_screen(JoinScreen(self.view, self.adapter.notes))

    def action_past_games(self) -> None:
        self.app.push_screen(PastGamesScreen(self.adapter))
