"""A class roster: which nickname is which student, read from a CSV a teacher keeps.

The file has a header row with a `nickname` column and a `name` column (any case, any other
columns ignored). Nicknames match case-insensitively, as the game compares them.
"""

from __future__ import annotations

import csv
from pathlib import Path

from attrs import frozen


class RosterError(Exception):
    """The roster cannot be read; the message names the file and what is wrong."""


def nickname_key(nickname: str) -> str:
    """How nicknames are matched across games and against a roster: case-insensitively."""
    return nickname.strip().casefold()


@frozen
class Roster:
    """Real names by nickname key."""

    names: dict[str, str]

    def name_of(self, nickname: str) -> str | None:
        return self.names.get(nickname_key(nickname))


def load_roster(path: Path) -> Roster:
    """Read `path` (UTF-8, with or without a byte-order mark); RosterError says what is wrong."""
    try:
        with path.open(encoding="utf-8-sig", newline="") as file:
            rows = list(csv.reader(file))
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise RosterError(f"{path}: cannot read the roster: {exc}") from exc
    if not rows:
        raise RosterError(f"{path}: the roster is empty")
    header = [cell.strip().casefold() for cell in rows[0]]
    if "nickname" not in header or "name" not in header:
        raise RosterError(f"{path}: the first row needs a 'nickname' and a 'name' column")
    nick, name = header.index("nickname"), header.index("name")
    names: dict[str, str] = {}
    for line, row in enumerate(rows[1:], start=2):
        if len(row) <= max(nick, name) or not row[nick].strip():
            continue
        key = nickname_key(row[nick])
        if key in names:
            raise RosterError(f"{path}:{line}: the nickname {row[nick]!r} is listed twice")
        names[key] = row[name].strip()
    return Roster(names)
