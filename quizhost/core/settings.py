"""The rules a game is played by, chosen when it is created, and the defaults the layers share.

A game's settings are stored with it and handed to every replay of it (`--resume`, results,
reports), so a stored game replays under the rules it was played by even after the defaults
change. The class is the one place where rules are added (a read time, auto-close, a scoring
mode, teams, leaderboard pacing), each as a field whose default is the behaviour before it
existed, so games stored earlier replay exactly as played. A new game gets today's defaults
from `new_game_settings`, not from the field defaults. Capacity (the player cap) is not a
rule: a resumed game may be given another.
"""

from __future__ import annotations

from typing import Final

from attrs import field, frozen

from quizhost.bank.models import Bank

# Joins beyond the cap get `game_full`. The session and the server take the same default,
# and a teacher changes it with `--max-players`.
DEFAULT_MAX_PLAYERS: Final = 2000

# "+10 s" at most this much at once.
MAX_ADD_TIME_MS: Final = 300_000

# The question intro of a new game whose bank sets no `read_time` (Kahoot shows ~3 s too).
NEW_GAME_READ_MS: Final = 3_000
MAX_READ_MS: Final = 60_000

# Autoplay: each of reveal and leaderboard shows this long, then the game moves on.
MIN_AUTOPLAY_MS: Final = 1_000
MAX_AUTOPLAY_MS: Final = 600_000
DEFAULT_AUTOPLAY_MS: Final = 10_000  # the console's toggle, when --autoplay named no time


def check_autoplay_ms(value: int) -> int:
    """0 (off) or MIN_AUTOPLAY_MS..MAX_AUTOPLAY_MS; ValueError otherwise."""
    if type(value) is not int or not (value == 0 or MIN_AUTOPLAY_MS <= value <= MAX_AUTOPLAY_MS):
        raise ValueError(
            f"autoplay must be 0 (off) or {MIN_AUTOPLAY_MS}..{MAX_AUTOPLAY_MS} ms, not {value!r}"
        )
    return value


# Extra time for a player (an accommodation): the shares of the time limit a host can add.
# Fixed steps, not any number, so the console is three keys and a typo cannot give +500 %.
EXTRA_TIME_PERCENTS: Final = (25, 50, 100)


def check_extra_percent(value: int) -> int:
    """0 (no extra time) or one of EXTRA_TIME_PERCENTS; ValueError otherwise."""
    if type(value) is not int or (value != 0 and value not in EXTRA_TIME_PERCENTS):
        allowed = ", ".join(str(p) for p in EXTRA_TIME_PERCENTS)
        raise ValueError(f"percent must be 0 (off) or one of {allowed}, not {value!r}")
    return value


def _read_ms(value: int) -> int:
    if type(value) is not int or not 0 <= value <= MAX_READ_MS:
        raise ValueError(f"read_ms must be an integer in 0..{MAX_READ_MS}, not {value!r}")
    return value


def _leaderboard_every(value: int) -> int:
    if type(value) is not int or not 0 <= value <= 1000:
        raise ValueError(f"leaderboard_every must be an integer in 0..1000, not {value!r}")
    return value


MAX_TEAMS: Final = 20
MAX_TEAM_NAME = 20
# The names `--teams N` gives, in order (then "Team 9", "Team 10" ...).
TEAM_NAMES: Final = ("Red", "Blue", "Green", "Yellow", "Purple", "Orange", "Pink", "Teal")


def team_names(count: int) -> tuple[str, ...]:
    """`--teams N`: N names, the colours first."""
    return tuple(TEAM_NAMES[i] if i < len(TEAM_NAMES) else f"Team {i + 1}" for i in range(count))


def _teams(value: tuple[str, ...] | list[str]) -> tuple[str, ...]:
    names = tuple(value)
    if len(names) > MAX_TEAMS or len(names) == 1:
        raise ValueError(f"a team game has 2 to {MAX_TEAMS} teams, not {len(names)}")
    folded = {name.casefold() for name in names}
    if len(folded) != len(names) or not all(
        isinstance(n, str) and 1 <= len(n.strip()) <= MAX_TEAM_NAME and n == n.strip()
        for n in names
    ):
        raise ValueError(f"team names must be different, 1 to {MAX_TEAM_NAME} characters")
    return names


def _flag(value: bool) -> bool:
    if type(value) is not bool:
        raise ValueError(f"expected true or false, not {value!r}")
    return value


@frozen
class GameSettings:
    """The rules of one game (frozen: they never change while it is played).

    - `read_ms`: the question intro (phones show "get ready", answers not yet open) for a
      question whose bank sets no `read_time`; 0: answers open with the question.
    - `auto_close`: a question closes as soon as every connected, non-kicked player answered.
    - `leaderboard_every`: the leaderboard after every Nth question (1: each; 0: only at the
      end, and always at the end of a round).
    - `teams`: the team names of a team game (none: every player for themselves);
      `teams_auto`: players are put in the smallest team, whatever they pick.
    - `autoplay_ms`: autoplay at the start (`--autoplay`); the host turns it on and off later
      with the journaled `Autoplay` command.
    """

    read_ms: int = field(default=0, converter=_read_ms)
    auto_close: bool = field(default=False, converter=_flag)
    autoplay_ms: int = field(default=0, converter=check_autoplay_ms)
    leaderboard_every: int = field(default=1, converter=_leaderboard_every)
    teams: tuple[str, ...] = field(default=(), converter=_teams)
    teams_auto: bool = field(default=False, converter=_flag)

    # Self-paced (an assignment, core/assignment.py): each student works through the questions
    # on their own clock. `until_ms` (epoch ms, None: open until the teacher ends it) is when
    # the assignment stops taking new questions; `auto_next_ms` how long a student's result
    # stays before the next question comes by itself.
    self_paced: bool = False
    until_ms: int | None = None
    auto_next_ms: int = 5_000


def new_game_settings(
    bank: Bank,
    *,
    auto_close: bool = True,
    autoplay_ms: int = 0,
    teams: tuple[str, ...] = (),
    teams_auto: bool = False,
) -> GameSettings:
    """The rules of a game created today: a 3 s intro, auto-close unless the bank or the
    teacher (`--no-auto-close`) turns it off, autoplay if the teacher asked (`--autoplay`)."""
    return GameSettings(
        read_ms=NEW_GAME_READ_MS,
        auto_close=auto_close and bank.auto_close is not False,
        autoplay_ms=autoplay_ms,
        leaderboard_every=1 if bank.leaderboard_every is None else bank.leaderboard_every,
        teams=teams or bank.teams,
        teams_auto=teams_auto,
    )
