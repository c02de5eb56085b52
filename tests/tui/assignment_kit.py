"""Helpers of the progress screen's tests: a deterministic assignment and a class working on it.

Students here reach the session through in-process links (the `Link` seam the session is
built around), so a class of 500 costs no sockets; the wire itself is tested in
tests/integration/test_selfpaced.py.
"""

from __future__ import annotations

from pathlib import Path

from quizhost.bank.models import Bank, ChoiceQuestion
from quizhost.core import ChoiceAnswer, GameSettings
from quizhost.server.app import QuizServer
from quizhost.server.runner import Served
from quizhost.session import SessionConfig
from quizhost.session.selfpaced import SelfPacedSession
from quizhost.store import Store
from quizhost.tui.app import QuizConsole
from tests.tui.console import FROZEN_MS, JOIN_URL, PIN

QUESTIONS = 12
BANK = Bank(
    title="Fractions homework",
    questions=tuple(
        ChoiceQuestion(
            text=f"Question {n + 1}: which is {n + 1}/{n + 2}?",
            choices=("this one", "that one", "neither"),
            correct=frozenset({0}),
        )
        for n in range(QUESTIONS)
    ),
)
FIRST_NAMES = (
    "Ada", "Grace", "Linus", "Margaret", "Alan", "Barbara", "Dennis", "Edsger", "Frances",
    "Guido", "Hedy", "Ivan", "Joan", "Ken", "Lynn", "Niklaus", "Radia", "Sophie", "Tim", "Yukihiro",
)  # fmt: skip


def student_names(count: int) -> list[str]:
    """Ada 1, Grace 1, ... Ada 2: digits, since look-alike letters (I, l) count as one name."""
    return [
        f"{FIRST_NAMES[i % len(FIRST_NAMES)]} {i // len(FIRST_NAMES) + 1}" for i in range(count)
    ]


class RecordingLink:
    """A student's connection inside the process: keeps what the session sends it."""

    def __init__(self) -> None:
        self.frames: list[bytes] = []
        self.closed: int | None = None

    def send(self, frame: bytes) -> None:
        self.frames.append(frame)

    async def close(self, code: int, reason: str = "") -> None:
        self.closed = code


class AssignmentStarter:
    """`start_server` for an assignment, with a fixed PIN and seed and a frozen clock; keeps
    the session it started, for the test to drive the class."""

    def __init__(self, db_path: Path, *, until_ms: int | None = None) -> None:
        self.db_path = db_path
        self.until_ms = until_ms
        self.session: SelfPacedSession | None = None

    async def __call__(self) -> Served:
        store = await Store.open(self.db_path)
        config = SessionConfig(join_url=JOIN_URL, max_players=5000)
        rules = GameSettings(until_ms=self.until_ms, auto_next_ms=3_600_000)
        session = await SelfPacedSession.create(
            BANK, store, config, settings=rules, clock=lambda: FROZEN_MS, seed=7, pin=PIN
        )
        server = QuizServer(session, host_token="console-test-token-0123456789")
        await server.start("127.0.0.1", 0)
        self.session = session
        return Served(server, session, store, "console-test-token", False, [])


def assignment_console(db_path: Path) -> tuple[QuizConsole, AssignmentStarter]:
    starter = AssignmentStarter(db_path)
    return QuizConsole(starter, ticker=lambda: 0.0), starter


async def class_at_work(session: SelfPacedSession, count: int) -> list[str]:
    """`count` students mid-assignment: student i has done i % 9 questions (none for every
    seventh, who has not started), right unless the question number and i share a factor 3."""
    ids = []
    for number, name in enumerate(student_names(count)):
        student = await session.join(RecordingLink(), name)
        ids.append(student)
        if number % 7 == 6:
            continue
        await session.next(student, -1)
        for question in range(number % 9):
            right = (question + number) % 3 != 0
            await session.answer(student, question, ChoiceAnswer(0 if right else 1))
            await session.next(student, question)
    return ids
