"""The JSON Schema of a bank, so editors complete and check banks while authors type.

Draft-07, the draft redhat.vscode-yaml supports best. Built from `quizhost.bank.spec`, the
same names and bounds the loader checks. The loader stays the authority: a schema cannot say
that an image exists or that a slider's range is a whole number of steps.
"""

from __future__ import annotations

from typing import Any

from quizhost.bank import spec
from quizhost.bank.models import (
    MAX_CHOICES,
    MAX_ORDER_ITEMS,
    MIN_CHOICES,
    MIN_ORDER_ITEMS,
)

DRAFT = "http://json-schema.org/draft-07/schema#"

JSON = dict[str, Any]


def _text(description: str, most: int) -> JSON:
    # Numbers are allowed where text is: `- 2` is the choice "2".
    return {
        "description": description,
        "type": ["string", "number"],
        "minLength": 1,
        "maxLength": most,
        "pattern": r"\S",
    }


def _ref(name: str, description: str | None = None) -> JSON:
    schema: JSON = {"$ref": f"#/definitions/{name}"}
    if description:
        # draft-07 ignores siblings of $ref; wrapping in allOf keeps the description.
        return {"description": description, "allOf": [schema]}
    return schema


def _number(key: str, **bounds: float) -> JSON:
    return {"description": spec.DESCRIPTIONS[key], "type": "number", **bounds}


def _time() -> JSON:
    return _number(spec.TIME, minimum=spec.MIN_TIME_S, maximum=spec.MAX_TIME_S)


def _scoring() -> JSON:
    return {
        "description": spec.DESCRIPTIONS[spec.SCORING],
        "type": "string",
        "enum": list(spec.SCORING_VALUES),
    }


def _wrong() -> JSON:
    return {
        "description": spec.DESCRIPTIONS[spec.WRONG],
        "type": "integer",
        "minimum": spec.WRONG_MIN,
        "maximum": 0,
    }


def _read_time() -> JSON:
    return _number(spec.READ_TIME, minimum=0, maximum=spec.MAX_READ_TIME_S)


def _points() -> JSON:
    return {
        "description": spec.DESCRIPTIONS[spec.POINTS],
        "type": "string",
        "enum": list(spec.POINTS_VALUES),
    }


def _flag(key: str) -> JSON:
    return {"description": spec.DESCRIPTIONS[key], "type": "boolean"}


def _question() -> JSON:
    kinds: dict[str, JSON] = {
        spec.CHOICES: {
            "description": spec.DESCRIPTIONS[spec.CHOICES],
            "type": "array",
            "minItems": MIN_CHOICES,
            "maxItems": MAX_CHOICES,
            "items": _ref("choice"),
        },
        spec.TRUE_FALSE: _flag(spec.TRUE_FALSE),
        spec.ACCEPT: {
            "description": spec.DESCRIPTIONS[spec.ACCEPT],
            "oneOf": [
                _ref("answer_text"),
                {
                    "type": "array",
                    "minItems": 1,
                    "maxItems": spec.MAX_ACCEPTED,
                    "items": _ref("answer_text"),
                },
            ],
        },
        spec.SLIDER: _ref("slider", spec.DESCRIPTIONS[spec.SLIDER]),
        spec.ORDER: {
            "description": spec.DESCRIPTIONS[spec.ORDER],
            "type": "array",
            "minItems": MIN_ORDER_ITEMS,
            "maxItems": MAX_ORDER_ITEMS,
            "items": _ref("answer_text"),
        },
        spec.POLL: {
            "description": spec.DESCRIPTIONS[spec.POLL],
            "type": "array",
            "minItems": MIN_CHOICES,
            "maxItems": MAX_CHOICES,
            "items": _ref("answer_text"),
        },
    }
    common: dict[str, JSON] = {
        spec.QUESTION: _text(spec.DESCRIPTIONS[spec.QUESTION], spec.MAX_QUESTION_CHARS),
        spec.TIME: _time(),
        spec.POINTS: _points(),
        spec.IMAGE: {
            "description": spec.DESCRIPTIONS[spec.IMAGE],
            "oneOf": [
                _image_path(spec.DESCRIPTIONS[spec.IMAGE]),
                {
                    "type": "object",
                    "required": [spec.IMAGE_FILE],
                    "additionalProperties": False,
                    "properties": {
                        spec.IMAGE_FILE: _image_path(spec.DESCRIPTIONS[spec.IMAGE_FILE]),
                        spec.IMAGE_ALT: _text(
                            spec.DESCRIPTIONS[spec.IMAGE_ALT], spec.MAX_ALT_CHARS
                        ),
                    },
                },
            ],
        },
        spec.EXPLANATION: _text(spec.DESCRIPTIONS[spec.EXPLANATION], spec.MAX_EXPLANATION_CHARS),
        spec.SHUFFLE: _flag(spec.SHUFFLE),
        spec.MULTIPLE: _flag(spec.MULTIPLE),
        spec.READ_TIME: _read_time(),
        spec.SCORING: _scoring(),
        spec.WRONG: _wrong(),
        spec.MATH: _flag(spec.MATH),
    }
    # Keys that only some kinds take: each kind's branch forbids the others'.
    only_for = {spec.SHUFFLE: spec.SHUFFLE_KINDS, spec.MULTIPLE: spec.MULTIPLE_KINDS}
    branches = []
    for kind in spec.KIND_KEYS:
        forbidden = [key for key, kinds_ in only_for.items() if kind not in kinds_]
        if kind == spec.POLL:
            forbidden.extend((spec.POINTS, spec.WRONG))
        branch: JSON = {"required": [kind]}
        if forbidden:
            branch["not"] = {"anyOf": [{"required": [key]} for key in forbidden]}
        branches.append(branch)
    return {
        "description": "One question: its text and exactly one of "
        + ", ".join(spec.KIND_KEYS)
        + ".",
        "type": "object",
        "required": [spec.QUESTION],
        "properties": {**common, **kinds},
        "additionalProperties": False,
        "oneOf": branches,
    }


def _questions() -> JSON:
    return {
        "description": spec.DESCRIPTIONS[spec.QUESTIONS],
        "type": "array",
        "minItems": 1,
        "items": _ref("question"),
    }


def _image_path(description: str) -> JSON:
    return {
        "description": description,
        "type": "string",
        "maxLength": spec.MAX_IMAGE_PATH_CHARS,
        # Relative, no '..', one of the image suffixes in any letter case.
        "pattern": r"^(?![/~])(?!.*(^|/)\.\.(/|$)).*\.("
        + "|".join(_any_case(suffix[1:]) for suffix in spec.IMAGE_SUFFIXES)
        + ")$",
    }


def _any_case(word: str) -> str:
    return "".join(f"[{char.lower()}{char.upper()}]" for char in word)


def bank_schema() -> JSON:
    """The JSON Schema (draft-07) of a question bank file, as a JSON-ready dict."""
    slider_properties = {key: _number(key) for key in spec.SLIDER_KEYS}
    slider_properties[spec.STEP]["exclusiveMinimum"] = 0
    slider_properties[spec.MARGIN]["minimum"] = 0
    return {
        "$schema": DRAFT,
        "title": "quizhost question bank",
        "description": "A quiz for quizhost: a title, optional defaults and the questions. "
        "Check a bank with `quizhost validate BANK.yaml`.",
        "type": "object",
        "required": list(spec.TOP_REQUIRED),
        "additionalProperties": False,
        "properties": {
            spec.TITLE: _text(spec.DESCRIPTIONS[spec.TITLE], spec.MAX_TITLE_CHARS),
            spec.DESCRIPTION: _text(
                spec.DESCRIPTIONS[spec.DESCRIPTION], spec.MAX_DESCRIPTION_CHARS
            ),
            spec.LANGUAGE: {
                "description": spec.DESCRIPTIONS[spec.LANGUAGE],
                "type": "string",
                "pattern": spec.LANGUAGE_TAG,
            },
            spec.DEFAULTS: {
                "description": spec.DESCRIPTIONS[spec.DEFAULTS],
                "type": "object",
                "additionalProperties": False,
                "properties": {
                    spec.TIME: {**_time(), "default": spec.DEFAULT_TIME_S},
                    spec.POINTS: {**_points(), "default": "standard"},
                    spec.SHUFFLE_QUESTIONS: {**_flag(spec.SHUFFLE_QUESTIONS), "default": False},
                    spec.SHUFFLE_CHOICES: {**_flag(spec.SHUFFLE_CHOICES), "default": False},
                    spec.READ_TIME: {**_read_time(), "default": 3},
                    spec.AUTO_CLOSE: {**_flag(spec.AUTO_CLOSE), "default": True},
                    spec.SCORING: {**_scoring(), "default": "speed"},
                    spec.WRONG: {**_wrong(), "default": 0},
                    spec.LEADERBOARD: {
                        "description": spec.DESCRIPTIONS[spec.LEADERBOARD],
                        "type": "string",
                        "pattern": spec.LEADERBOARD_PATTERN,
                        "default": spec.LEADERBOARD_EVERY_QUESTION,
                    },
                    spec.MATH: {**_flag(spec.MATH), "default": False},
                },
            },
            spec.QUESTIONS: _questions(),
            spec.TEAMS: {
                "description": spec.DESCRIPTIONS[spec.TEAMS],
                "type": "array",
                "minItems": spec.MIN_TEAMS,
                "maxItems": spec.MAX_TEAMS,
                "uniqueItems": True,
                "items": _text("A team name.", spec.MAX_TEAM_CHARS),
            },
            spec.ROUNDS: {
                "description": spec.DESCRIPTIONS[spec.ROUNDS],
                "type": "array",
                "minItems": 1,
                "items": {
                    "type": "object",
                    "required": list(spec.ROUND_KEYS),
                    "additionalProperties": False,
                    "properties": {
                        spec.TITLE: _text("The round's title.", spec.MAX_TITLE_CHARS),
                        spec.QUESTIONS: _questions(),
                    },
                },
            },
        },
        "oneOf": [{"required": [spec.QUESTIONS]}, {"required": [spec.ROUNDS]}],
        "definitions": {
            "question": _question(),
            "answer_text": _text("An answer, option or item.", spec.MAX_CHOICE_CHARS),
            "choice": {
                "description": "A choice: plain text, or `correct: TEXT` for a right one.",
                "oneOf": [
                    _ref("answer_text"),
                    {
                        "type": "object",
                        "required": [spec.CORRECT],
                        "additionalProperties": False,
                        "properties": {
                            spec.CORRECT: _text(
                                spec.DESCRIPTIONS[spec.CORRECT], spec.MAX_CHOICE_CHARS
                            )
                        },
                    },
                ],
            },
            "slider": {
                "type": "object",
                "required": list(spec.SLIDER_REQUIRED),
                "additionalProperties": False,
                "properties": slider_properties,
            },
        },
    }
