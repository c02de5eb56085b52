"""A session's settings and the small facts every session kind shares: the wall clock, a
bank's images, the error a restore raises."""

from __future__ import annotations

import time
from pathlib import Path

from attrs import define, field

from quizhost.bank.models import Bank
from quizhost.core.settings import DEFAULT_MAX_PLAYERS
from quizhost.session.names import NamePolicy


class RestoreError(Exception):
    """A stored game cannot be brought back; the message says why."""


def wall_clock_ms() -> int:
    """Milliseconds since the epoch: deadlines stay meaningful across a restart."""
    return time.time_ns() // 1_000_000


@define
class SessionConfig:
    max_players: int = DEFAULT_MAX_PLAYERS
    names: NamePolicy = field(factory=NamePolicy)
    join_url: str = ""  # the URL the QR code encodes; "{pin}" is replaced by the game's PIN
    token_ttl_s: int = 12 * 3600
    host_update_interval_s: float = 0.25  # longer for a big class: session.host_interval_s
    lobby_update_interval_s: float = 1.0  # the same: session.lobby_interval_s
    screen_update_interval_s: float = 0.25  # the big screen: at most about four views a second


def bank_images(bank: Bank) -> dict[str, tuple[str, Path]]:
    """Each image path used in the bank -> (URL name under /images/, file on disk)."""
    images: dict[str, tuple[str, Path]] = {}
    if bank.directory is None:
        return images
    for question in bank.questions:
        if question.image and question.image not in images:
            path = bank.directory / question.image
            images[question.image] = (f"{len(images)}{path.suffix.lower()}", path)
    return images
