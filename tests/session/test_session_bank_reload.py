"""The bank reload under the console: a real file, store and server, no console."""

from __future__ import annotations

import asyncio
import shutil
import urllib.request
from pathlib import Path

from quizhost.bank import load_bank
from quizhost.bank.snapshot import bank_from_json
from quizhost.server.reload import BankReloader, Refused, Reloaded
from tests.integration.wire import start_server, stop_server

ROOT = Path(__file__).parents[2]
PLAIN = """\
title: Plain
questions:
  - question: The Sun is a star.
    true_false: true
"""
WITH_IMAGE = """\
title: With a flag
questions:
  - question: Which flag is this?
    image: {file: flag.svg, alt: A red disc on white}
    choices: [{correct: Japan}, Palau]
"""


def fetch(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=5) as response:
        body: bytes = response.read()
        return body


async def test_a_reloaded_bank_serves_its_images_and_is_stored(tmp_path: Path) -> None:
    """The new bank's image is served over HTTP and the stored snapshot is the new bank."""
    path = tmp_path / "quiz.yaml"
    path.write_text(PLAIN, "utf-8")
    running = await start_server(load_bank(path), tmp_path / "quiz.db")
    try:
        reloader = BankReloader(path, running.session, running.server)
        assert await reloader.poll() is None  # nothing changed
        shutil.copy(ROOT / "question_banks" / "images" / "flag-japan.svg", tmp_path / "flag.svg")
        path.write_text(WITH_IMAGE, "utf-8")
        assert await reloader.poll() == Reloaded("With a flag", 1)
        (name, file) = running.session.images["flag.svg"]
        url = f"http://127.0.0.1:{running.server.port}/images/{name}"
        assert await asyncio.to_thread(fetch, url) == file.read_bytes()
        record = await running.store.game(running.session.game_id)
        assert record is not None and record.bank_json is not None
        stored = bank_from_json(record.bank_json)
        assert stored.title == "With a flag"
        assert stored.questions[0].image_alt == "A red disc on white"
    finally:
        await stop_server(running)


async def test_an_edit_changing_the_rules_or_a_missing_file_keeps_the_bank(
    tmp_path: Path,
) -> None:
    """Teams were fixed when the game was made: such an edit is refused, as is a deleted
    file; the game and its stored bank stay as they were."""
    path = tmp_path / "quiz.yaml"
    path.write_text(PLAIN, "utf-8")
    running = await start_server(load_bank(path), tmp_path / "quiz.db")
    try:
        reloader = BankReloader(path, running.session, running.server)
        path.write_text(PLAIN.replace("title: Plain", "title: Teams\nteams: [Red, Blue]"))
        outcome = await reloader.poll()
        assert isinstance(outcome, Refused)
        assert outcome.problems == (
            f"{path}: the edit changes the game's rules (teams, leaderboard or auto_close), "
            "which were set when the game was made: quit and start again to use them",
        )
        path.unlink()
        outcome = await reloader.poll()
        assert isinstance(outcome, Refused) and str(path) in outcome.problems[0]
        assert running.session.bank.title == "Plain"
        record = await running.store.game(running.session.game_id)
        assert record is not None and record.bank_title == "Plain"
    finally:
        await stop_server(running)
