"""The JSON Schema: valid JSON, the loader's keys, and the copy shipped in docs/ up to date."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path
from typing import Any

import pytest
from conftest import Check

from quizhost.bank import spec
from quizhost.bank.schema import bank_schema

DOCS_SCHEMA = Path(__file__).resolve().parents[2] / "docs" / "quizhost-bank.schema.json"


def walk(node: Any) -> list[dict[str, Any]]:
    """Every object in the schema, depth first."""
    found: list[dict[str, Any]] = []
    if isinstance(node, dict):
        found.append(node)
        for value in node.values():
            found.extend(walk(value))
    elif isinstance(node, list):
        for value in node:
            found.extend(walk(value))
    return found


def test_schema_is_draft_07_json_with_the_top_level_keys() -> None:
    """It serialises to JSON and describes the top level strictly."""
    schema = json.loads(json.dumps(bank_schema()))
    assert schema["$schema"] == "http://json-schema.org/draft-07/schema#"
    assert schema["type"] == "object"
    assert schema["additionalProperties"] is False
    assert set(schema["properties"]) == {
        "title",
        "description",
        "language",
        "defaults",
        "questions",
        "rounds",
        "teams",
    }
    assert set(schema["definitions"]) == {"question", "answer_text", "choice", "slider"}


def test_schema_keys_are_the_loader_keys() -> None:
    """Each mapping in the schema allows exactly the keys the loader accepts there."""
    schema = bank_schema()
    definitions = schema["definitions"]
    assert tuple(schema["properties"]) == spec.TOP_KEYS
    assert tuple(schema["properties"]["defaults"]["properties"]) == spec.DEFAULTS_KEYS
    assert set(definitions["question"]["properties"]) == set(spec.QUESTION_KEYS)
    assert tuple(definitions["slider"]["properties"]) == spec.SLIDER_KEYS
    choice_object = definitions["choice"]["oneOf"][1]
    assert tuple(choice_object["properties"]) == spec.CHOICE_KEYS
    kinds = [branch["required"] for branch in definitions["question"]["oneOf"]]
    assert kinds == [[kind] for kind in spec.KIND_KEYS]


def test_every_object_is_closed_and_every_property_described() -> None:
    """additionalProperties is false wherever properties are listed; each has a description."""
    for node in walk(bank_schema()):
        if "properties" in node:
            assert node["additionalProperties"] is False
            for name, prop in node["properties"].items():
                assert prop.get("description"), name


def test_schema_bounds_come_from_the_models() -> None:
    """Times, choice counts and the points enum match the loader's bounds."""
    question = bank_schema()["definitions"]["question"]["properties"]
    assert (question["time"]["minimum"], question["time"]["maximum"]) == (5, 240)
    assert (question["choices"]["minItems"], question["choices"]["maxItems"]) == (2, 6)
    assert question["points"]["enum"] == ["standard", "double", "none"]


def test_poll_branch_forbids_points_multiple_and_wrong() -> None:
    """The poll branch forbids points, multiple and wrong; choices allows them."""
    branches = {b["required"][0]: b for b in bank_schema()["definitions"]["question"]["oneOf"]}
    forbidden = [alt["required"][0] for alt in branches["poll"]["not"]["anyOf"]]
    assert sorted(forbidden) == ["multiple", "points", "wrong"]
    assert "not" not in branches["choices"]


@pytest.mark.parametrize("key", spec.QUESTION_KEYS)
def test_every_schema_question_key_is_known_to_the_loader(check: Check, key: str) -> None:
    """A bank using any key the schema offers gets no 'unknown key' problem for it."""
    report = check(
        textwrap.dedent(
            f"""\
            title: T
            questions:
              - question: Q?
                {key}: x
            """
        )
    )
    assert not any("unknown key" in problem.message for problem in report.problems)


def test_image_pattern_matches_what_the_loader_accepts() -> None:
    """The schema's image pattern accepts relative image paths and refuses escapes."""
    import re

    image = bank_schema()["definitions"]["question"]["properties"]["image"]
    pattern = re.compile(image["oneOf"][0]["pattern"])
    assert pattern.search("images/a.SVG")
    assert pattern.search("a.jpeg")
    for refused in ("/abs.png", "~/a.png", "../a.png", "a/../../b.png", "a.txt"):
        assert not pattern.search(refused), refused


def test_image_takes_a_path_or_a_file_with_alt_text() -> None:
    """The schema offers both forms of `image`, the long one closed to other keys."""
    image = bank_schema()["definitions"]["question"]["properties"]["image"]
    path_form, long_form = image["oneOf"]
    assert path_form["type"] == "string"
    assert long_form["required"] == [spec.IMAGE_FILE]
    assert tuple(long_form["properties"]) == spec.IMAGE_KEYS
    assert long_form["properties"][spec.IMAGE_FILE]["pattern"] == path_form["pattern"]


def test_docs_schema_is_up_to_date() -> None:
    """docs/quizhost-bank.schema.json is what `quizhost schema` prints (regenerate if not)."""
    assert json.loads(DOCS_SCHEMA.read_text(encoding="utf-8")) == bank_schema()
