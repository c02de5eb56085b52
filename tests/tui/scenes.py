"""Scenes of a game for snapshots and the docs' screenshots: each drives the console there.

Every scene runs on the deterministic server of `console.fixed_console` with real players on
websockets, and returns once the console shows the result.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from textual.pilot import Pilot

from quizhost.core import Phase
from quizhost.tui.screens.confirm import ConfirmDialog
from quizhost.tui.screens.past_games import GameResultsScreen, PastGamesScreen
from quizhost.tui.widgets.players import PlayerList
from tests.integration.wire import Client
from tests.tui.console import answer, join, press_to, ready, screen_text, until

NAMES = ("Ada", "Grace", "Linus", "Margaret")
Scene = Callable[[Pilot[Any]], Awaitable[None]]
_clients: list[Client] = []  # kept alive until the app stops the server (1001)


async def _lobby_of(pilot: Pilot[Any], names: tuple[str, ...]) -> None:
    """The console's lobby once every one of `names` joined (and is listed)."""
    screen = await ready(pilot)
    for name in names:
        _clients.append(await join(pilot.app, name))
    players = screen.query_one(PlayerList)
    await until(pilot, lambda: players.option_count == len(names), "every player")


async def lobby(pilot: Pilot[Any]) -> None:
    await _lobby_of(pilot, NAMES)


async def question(pilot: Pilot[Any]) -> None:
    await lobby(pilot)
    await press_to(pilot, "s", Phase.QUESTION)
    ada, grace, linus, _ = _clients[-4:]
    await answer(ada, 0, choice=1)
    await answer(grace, 0, choice=1)
    await answer(linus, 0, choice=0)
    await until(pilot, lambda: "answered 3/4" in screen_text(pilot.app), "3 answers")


async def paused(pilot: Pilot[Any]) -> None:
    await question(pilot)
    await press_to(pilot, "p", Phase.PAUSED)


async def reveal(pilot: Pilot[Any]) -> None:
    await question(pilot)
    await press_to(pilot, "k", Phase.REVEAL)


async def leaderboard(pilot: Pilot[Any]) -> None:
    await reveal(pilot)
    await press_to(pilot, "n", Phase.LEADERBOARD)


async def second_leaderboard(pilot: Pilot[Any]) -> None:
    """After question 2: Linus catches up, Grace falls back (movement arrows)."""
    await leaderboard(pilot)
    ada, grace, linus, margaret = _clients[-4:]
    await press_to(pilot, "n", Phase.QUESTION)
    await answer(linus, 1, choice=0)
    await answer(margaret, 1, choice=0)
    await answer(ada, 1, choice=0)
    await answer(grace, 1, choice=1)
    await press_to(pilot, "k", Phase.REVEAL)
    await press_to(pilot, "n", Phase.LEADERBOARD)


async def podium(pilot: Pilot[Any]) -> None:
    await second_leaderboard(pilot)
    await press_to(pilot, "n", Phase.QUESTION)
    await answer(_clients[-2], 2, text="au")
    await press_to(pilot, "k", Phase.REVEAL)
    await press_to(pilot, "n", Phase.LEADERBOARD)
    await press_to(pilot, "n", Phase.PODIUM)


async def ended(pilot: Pilot[Any]) -> None:
    await podium(pilot)
    await press_to(pilot, "n", Phase.ENDED)
    await until(pilot, lambda: "Hardest question" in screen_text(pilot.app), "the summary")


async def past_games(pilot: Pilot[Any]) -> None:
    await ended(pilot)
    await pilot.press("g")
    await until(pilot, lambda: isinstance(pilot.app.screen, PastGamesScreen), "past games")
    await until(pilot, lambda: "Console test quiz" in screen_text(pilot.app), "the list")


async def game_results(pilot: Pilot[Any]) -> None:
    await past_games(pilot)
    await pilot.press("enter")
    await until(pilot, lambda: isinstance(pilot.app.screen, GameResultsScreen), "results")
    await until(pilot, lambda: "Hardest:" in screen_text(pilot.app), "the results")


async def confirm_end(pilot: Pilot[Any]) -> None:
    await question(pilot)
    await pilot.press("e")
    await until(pilot, lambda: isinstance(pilot.app.screen, ConfirmDialog), "the dialog")


async def light_theme(pilot: Pilot[Any]) -> None:
    await question(pilot)
    await pilot.press("t")


# Scenes of the second bank (console.KINDS_BANK): what players typed, slid and ordered.

KINDS_NAMES = ("Ada", "Grace", "Linus", "Margaret", "Edsger")


async def kinds_lobby(pilot: Pilot[Any]) -> None:
    await _lobby_of(pilot, KINDS_NAMES)


async def typed_question(pilot: Pilot[Any]) -> None:
    """Four of five answered; Edsger has not."""
    await kinds_lobby(pilot)
    await press_to(pilot, "s", Phase.QUESTION)
    ada, grace, linus, margaret, _ = _clients[-5:]
    await answer(ada, 0, text="6")
    await answer(grace, 0, text="Six")
    await answer(linus, 0, text="seven")
    await answer(margaret, 0, text="six")
    await until(pilot, lambda: "answered 4/5" in screen_text(pilot.app), "4 answers")


async def typed_reveal(pilot: Pilot[Any]) -> None:
    await typed_question(pilot)
    await press_to(pilot, "k", Phase.REVEAL)


async def _next_question(pilot: Pilot[Any]) -> None:
    await press_to(pilot, "n", Phase.LEADERBOARD)
    await press_to(pilot, "n", Phase.QUESTION)


async def slider_reveal(pilot: Pilot[Any]) -> None:
    await typed_reveal(pilot)
    await _next_question(pilot)
    for client, year in zip(_clients[-5:], (1969, 1970, 1972, 1960, 1990), strict=True):
        await answer(client, 1, value=year)
    await press_to(pilot, "k", Phase.REVEAL)


async def order_question(pilot: Pilot[Any]) -> None:
    await slider_reveal(pilot)
    await _next_question(pilot)


async def order_reveal(pilot: Pilot[Any]) -> None:
    """Shown as WWW, Newcomen, Gutenberg, Bell: Ada has it right, Grace swaps the first two."""
    await order_question(pilot)
    await answer(_clients[-5], 2, order=[2, 1, 3, 0])
    await answer(_clients[-4], 2, order=[1, 2, 3, 0])
    await press_to(pilot, "k", Phase.REVEAL)


async def image_question(pilot: Pilot[Any]) -> None:
    await order_reveal(pilot)
    await _next_question(pilot)
