"""Banks stored with a game come back exactly, without reading any file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from quizhost.bank import load_bank
from quizhost.bank.snapshot import SnapshotError, bank_from_json, bank_to_json

BANKS = sorted((Path(__file__).resolve().parents[2] / "question_banks").glob("*.yaml"))


@pytest.mark.parametrize("path", BANKS, ids=lambda p: p.name)
def test_shipped_banks_round_trip(path: Path) -> None:
    """Every shipped bank (every question kind) survives bank_to_json -> bank_from_json."""
    bank = load_bank(path)
    assert bank_from_json(bank_to_json(bank)) == bank


@pytest.mark.parametrize(
    "text",
    [
        "not json",
        '{"format": 99}',
        '{"format": 1}',
        '{"format": 1, "title": "T", "description": null, "shuffle_questions": false,'
        ' "source": null, "questions": [{"class": "Essay"}]}',
        '{"format": 1, "title": "T", "description": null, "shuffle_questions": false,'
        ' "source": null, "questions": [{"class": "PollQuestion", "points": "lots"}]}',
    ],
)
def test_damaged_snapshots_are_a_clear_error(text: str) -> None:
    """Damaged or foreign snapshots raise SnapshotError, never something else."""
    with pytest.raises(SnapshotError):
        bank_from_json(text)


def test_snapshot_is_json_with_a_format_number() -> None:
    """The stored form says which format it is, so a later version can migrate it."""
    data = json.loads(bank_to_json(load_bank(BANKS[0])))
    assert data["format"] == 1 and data["questions"]
