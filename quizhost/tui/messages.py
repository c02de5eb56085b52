"""Messages the console passes upwards."""

from __future__ import annotations

from textual.message import Message

from quizhost.session.progress import ProgressView
from quizhost.session.views import HostView


class ViewChanged(Message):
    """The session has a new view. A newer one replaces any still queued (Toolong's trick),
    so a burst of answers never makes the console lag behind the game."""

    def __init__(self, view: HostView) -> None:
        super().__init__()
        self.view = view

    def can_replace(self, message: Message) -> bool:
        return isinstance(message, ViewChanged)


class ProgressChanged(Message):
    """A self-paced assignment has a new progress view; a newer one replaces a queued one."""

    def __init__(self, view: ProgressView) -> None:
        super().__init__()
        self.view = view

    def can_replace(self, message: Message) -> bool:
        return isinstance(message, ProgressChanged)
