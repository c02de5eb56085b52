"""A quiz played through with no players, for an author to check it before class.

`quizhost preview` shows what the console shows during a game: each round title, each
question and its reveal. Rather than draw them a second way, it plays the bank in the real
game core (start, skip each question to its reveal, next) and keeps the host views the
session would build at each of those steps; the console's own phase views draw them. The
questions and choices come in the order written (the preview turns shuffling off), so what
is on the screen can be found in the file.

The big screen's view of each step (`preview_steps`) comes from the same game, through the
real `ScreenFeed`, at the same moment as the host view: the two cannot drift apart.
"""

from __future__ import annotations

from attrs import evolve, frozen

from quizhost.bank.models import AnyQuestion, Bank, ChoiceQuestion, PollQuestion
from quizhost.core import Game, GameSettings, Next, Phase, Skip, Start
from quizhost.protocol.screen import ScreenView
from quizhost.session.config import bank_images
from quizhost.session.names import NamePolicy
from quizhost.session.screen import ScreenFeed
from quizhost.session.views import HostView, build_host_view

#: The phases a preview stops at: nothing else shows a question (no players, no scores).
SHOWN = (Phase.ROUND, Phase.QUESTION, Phase.REVEAL)
PREVIEW_PIN = "000000"
PREVIEW_NOW_MS = 0  # the game clock stands still: each question shows its full time


def as_written(bank: Bank) -> Bank:
    """The bank with shuffling off, so the preview follows the file."""

    def unshuffled(question: AnyQuestion) -> AnyQuestion:
        if isinstance(question, ChoiceQuestion | PollQuestion) and question.shuffle:
            return evolve(question, shuffle=False)
        return question

    return evolve(
        bank,
        shuffle_questions=False,
        questions=tuple(unshuffled(question) for question in bank.questions),
    )


@frozen
class PreviewStep:
    """One step of the preview as the console (`host`) and the big screen (`screen`) show it."""

    host: HostView
    screen: ScreenView


def preview_image_urls(bank: Bank) -> dict[str, str]:
    """Each image path in the bank -> the URL the server serves it at, as in a game."""
    return {path: f"/images/{name}" for path, (name, _) in bank_images(bank).items()}


def preview_steps(bank: Bank, image_urls: dict[str, str] | None = None) -> list[PreviewStep]:
    """Every step of the quiz as the console and the big screen would show it: round titles,
    then each question followed by its reveal (correct answers, explanation)."""
    shown = as_written(bank)
    urls = image_urls or {}
    game = Game(shown, seed=0, settings=GameSettings(read_ms=0, leaderboard_every=0))
    feed = ScreenFeed(
        game, shown, names=NamePolicy(), image_urls=urls, pin=PREVIEW_PIN, join_url=""
    )
    steps: list[PreviewStep] = []
    feed.observe(game.handle(Start(), PREVIEW_NOW_MS))
    while game.phase not in (Phase.PODIUM, Phase.ENDED):
        if game.phase in SHOWN:
            host = build_host_view(
                game,
                game_id="preview",
                pin=PREVIEW_PIN,
                join_url="",
                now_ms=PREVIEW_NOW_MS,
                image_urls=urls,
                leaderboard=(),
                max_players=0,
            )
            steps.append(PreviewStep(host, feed.view(PREVIEW_NOW_MS)))
        command = Skip() if game.phase is Phase.QUESTION else Next()
        feed.observe(game.handle(command, PREVIEW_NOW_MS))
    return steps


def preview_views(bank: Bank, image_urls: dict[str, str] | None = None) -> list[HostView]:
    """The console's side of `preview_steps`."""
    return [step.host for step in preview_steps(bank, image_urls)]
