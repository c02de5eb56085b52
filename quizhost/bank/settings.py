"""The bank's settings: its `defaults:`, teams, language, and the settings a question may
override (time, read time, points, scoring, negative marking, image).

`SettingsChecker` adds these checks to the kinds' (`kinds.py`); `rules.BankChecker` builds
on it with the structure of a bank and its questions. Each check reports a problem and
returns the default (or None) when the value is wrong.
"""

from __future__ import annotations

import re
from pathlib import Path, PurePosixPath

from ruamel.yaml.nodes import Node, ScalarNode

from quizhost.bank import spec
from quizhost.bank.kinds import KindChecker
from quizhost.bank.models import PointsMode, ScoringMode
from quizhost.bank.nodes import STR, describe, tag_of
from quizhost.formats import number_text


class Defaults:
    """The bank's `defaults:` as they apply to each question."""

    def __init__(self) -> None:
        self.time_ms = spec.DEFAULT_TIME_S * 1000
        self.points = PointsMode.STANDARD
        self.shuffle_questions = False
        self.shuffle_choices = False
        self.read_time_ms: int | None = None
        self.auto_close: bool | None = None
        self.leaderboard_every: int | None = None
        self.scoring = ScoringMode.SPEED
        self.wrong_points = 0
        self.math = False


class SettingsChecker(KindChecker):
    """The checks of settings, for the bank as a whole and for one question."""

    directory: Path  # the bank's folder: images are looked up in it

    def language(self, node: Node) -> str | None:
        text = self.text(node, "'language'", 35)
        if text is not None and not re.fullmatch(spec.LANGUAGE_TAG, text):
            self.problem(
                node,
                f"'language' must be a language tag such as en, fr or pt-BR; got '{text}'",
            )
            return None
        return text

    def defaults(self, entry: tuple[ScalarNode, Node] | None) -> Defaults:
        result = Defaults()
        if entry is None:
            return result
        node = entry[1]
        if not self.is_mapping(node, "'defaults' must be a mapping of settings"):
            return result
        fields = self.mapping(node, "'defaults'", spec.DEFAULTS_KEYS)
        if spec.TIME in fields:
            result.time_ms = self.time(fields[spec.TIME][1], result.time_ms)
        if spec.POINTS in fields:
            result.points = self.points(fields[spec.POINTS][1], result.points)
        for key in (spec.SHUFFLE_QUESTIONS, spec.SHUFFLE_CHOICES, spec.MATH):
            if key in fields:
                value = self.boolean(fields[key][1], f"'{key}'")
                setattr(result, key, bool(value))
        if spec.READ_TIME in fields:
            result.read_time_ms = self.read_time(fields[spec.READ_TIME][1], None)
        if spec.AUTO_CLOSE in fields:
            value = self.boolean(fields[spec.AUTO_CLOSE][1], f"'{spec.AUTO_CLOSE}'")
            result.auto_close = None if value is None else bool(value)
        if spec.LEADERBOARD in fields:
            result.leaderboard_every = self.leaderboard(fields[spec.LEADERBOARD][1])
        if spec.SCORING in fields:
            result.scoring = self.scoring(fields[spec.SCORING][1], result.scoring)
        if spec.WRONG in fields:
            result.wrong_points = self.wrong(fields[spec.WRONG][1], result.wrong_points)
        return result

    def teams(self, node: Node) -> tuple[str, ...]:
        """A team game's team names: 2 to 20, different (ignoring case), short."""
        items = self.sequence(node, "'teams'", "team name", spec.MIN_TEAMS, spec.MAX_TEAMS)
        names: list[str] = []
        for item in items or []:
            name = self.text(item, "a team name", spec.MAX_TEAM_CHARS)
            if name is None:
                continue
            if name.casefold() in {n.casefold() for n in names}:
                self.problem(item, f"the team {name!r} is named twice; give each team its own name")
                continue
            names.append(name)
        return tuple(names)

    def scoring(self, node: Node, default: ScoringMode) -> ScoringMode:
        word = self.choice_of(node, "'scoring'", spec.SCORING_VALUES)
        return default if word is None else ScoringMode(word)

    def wrong(self, node: Node, default: int) -> int:
        """Negative marking: a whole number from MIN_WRONG_POINTS to 0."""
        value = self.number(node, "'wrong'")
        if value is None:
            return default
        if value != int(value) or not spec.WRONG_MIN <= value <= 0:
            self.problem(
                node,
                f"'wrong' is the (negative) points of a wrong answer, a whole number from "
                f"{spec.WRONG_MIN} to 0, e.g. -250; got {number_text(value)}",
            )
            return default
        return int(value)

    def leaderboard(self, node: Node) -> int | None:
        """`every_question` -> 1, `every N` -> N, `end_only` -> 0."""
        text = node.value if isinstance(node, ScalarNode) and tag_of(node) == STR else None
        if isinstance(text, str) and re.match(spec.LEADERBOARD_PATTERN, text):
            if text == spec.LEADERBOARD_END_ONLY:
                return 0
            return 1 if text == spec.LEADERBOARD_EVERY_QUESTION else int(text.split()[1])
        self.problem(
            node,
            "'leaderboard' is every_question, 'every N' (N from 1 to 999) or end_only; "
            f"got {describe(node)}",
        )
        return None

    def time(self, node: Node, default: int) -> int:
        seconds = self.number(node, "'time'")
        if seconds is None:
            return default
        if not spec.MIN_TIME_S <= seconds <= spec.MAX_TIME_S:
            self.problem(
                node,
                f"'time' is in seconds, from {spec.MIN_TIME_S} to {spec.MAX_TIME_S}; "
                f"got {number_text(seconds)}",
            )
            return default
        return round(seconds * 1000)

    def read_time(self, node: Node, default: int | None) -> int | None:
        """The question intro in seconds (0: none), as milliseconds."""
        seconds = self.number(node, "'read_time'")
        if seconds is None:
            return default
        if not 0 <= seconds <= spec.MAX_READ_TIME_S:
            self.problem(
                node,
                f"'read_time' is in seconds, from 0 (no intro) to {spec.MAX_READ_TIME_S}; "
                f"got {number_text(seconds)}",
            )
            return default
        return round(seconds * 1000)

    def points(self, node: Node, default: PointsMode) -> PointsMode:
        word = self.choice_of(node, "'points'", spec.POINTS_VALUES)
        return default if word is None else PointsMode(word)

    def image(self, node: Node) -> tuple[str | None, str | None]:
        """The image's path and its alt text: `image: PATH` or `image: {file: PATH, alt: TEXT}`."""
        if isinstance(node, ScalarNode):
            return self.image_path(node), None
        if not self.is_mapping(
            node, "'image' must be a file path or a mapping with 'file' and 'alt'"
        ):
            return None, None
        fields = self.mapping(node, "'image'", spec.IMAGE_KEYS)
        alt = None
        if spec.IMAGE_ALT in fields:
            alt = self.text(fields[spec.IMAGE_ALT][1], "'alt'", spec.MAX_ALT_CHARS)
        if spec.IMAGE_FILE not in fields:
            self.missing(node, spec.IMAGE_FILE, "missing 'file' in 'image'; add 'file: PATH'")
            return None, alt
        return self.image_path(fields[spec.IMAGE_FILE][1]), alt

    def image_path(self, node: Node) -> str | None:
        """A path relative to the bank's folder, to an existing image file inside it."""
        text = self.text(node, "'image'", spec.MAX_IMAGE_PATH_CHARS)
        if text is None:
            return None
        path = PurePosixPath(text)
        if "\\" in text:
            self.problem(node, "write the image path with forward slashes ('/')")
        elif path.is_absolute() or text.startswith("~"):
            self.problem(
                node, f"'image' must be a path relative to the bank's folder; got '{text}'"
            )
        elif ".." in path.parts:
            self.problem(node, "'image' must stay inside the bank's folder; remove '..'")
        elif path.suffix.lower() not in spec.IMAGE_SUFFIXES:
            suffixes = ", ".join(spec.IMAGE_SUFFIXES)
            self.problem(node, f"'image' must be one of {suffixes}; got '{text}'")
        else:
            return self._image_file(node, path)
        return None

    def _image_file(self, node: Node, path: PurePosixPath) -> str | None:
        full = self.directory / path
        if not full.resolve().is_relative_to(self.directory.resolve()):
            self.problem(node, f"'image' links outside the bank's folder: {full}")
        elif not full.is_file():
            self.problem(node, f"image not found: looked for {full}")
        else:
            return path.as_posix()
        return None
