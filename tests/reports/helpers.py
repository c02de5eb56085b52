"""Stored games for the report tests: a real journal in a real SQLite database.

`Journal` plays commands through the real core (so a command the game refuses fails the test
at once) and appends each to the store exactly as the session journals it; results and reports
then rebuild the game with the same replay `--resume` uses. Times are chosen, so response times
and scores are known to the millisecond.
"""

from __future__ import annotations

import random

import attrs

from quizhost.bank.models import (
    Bank,
    ChoiceQuestion,
    OrderQuestion,
    PointsMode,
    PollQuestion,
    SliderQuestion,
    TypeAnswerQuestion,
)
from quizhost.bank.snapshot import bank_to_json
from quizhost.core import (
    Answer,
    ChoiceAnswer,
    ChoicesAnswer,
    Command,
    Event,
    Game,
    GameSettings,
    Join,
    Kick,
    Next,
    OrderAnswer,
    QuestionClosed,
    Skip,
    Start,
    SubmitAnswer,
    TextAnswer,
    ValueAnswer,
)
from quizhost.session.journal import REPLAY_MAX_PLAYERS, settings_to_json
from quizhost.session.persist import Persister
from quizhost.store import Store

DAY_MS = 86_400_000
T0 = 1_780_000_000_000  # 2026-05-28, a fixed creation time

CLASS_QUIZ = Bank(
    title="Class quiz",
    questions=(
        ChoiceQuestion(
            text="Capital of Australia?",
            choices=("Sydney", "Canberra", "Melbourne"),
            correct=frozenset({1}),
            time_limit_ms=20_000,
        ),
        ChoiceQuestion(
            text="Which are prime?",
            choices=("2", "3", "4", "9"),
            correct=frozenset({0, 1}),
            multiple=True,
            time_limit_ms=20_000,
        ),
        TypeAnswerQuestion(text="Chemical symbol of gold?", accepted=("Au",), time_limit_ms=20_000),
        OrderQuestion(
            text="Planets from the Sun",
            items=("Mercury", "Venus", "Earth", "Mars"),
            time_limit_ms=20_000,
        ),
        SliderQuestion(
            text="Apollo 11 landed in?",
            minimum=1950,
            maximum=2000,
            step=1,
            answer=1969,
            time_limit_ms=20_000,
        ),
        PollQuestion(
            text="Favourite subject?",
            choices=("Maths", "Art"),
            points=PointsMode.NONE,
            time_limit_ms=20_000,
        ),
    ),
)


class Journal:
    """One game being stored: `do` plays a command at a chosen time and journals it."""

    def __init__(self, store: Store, game_id: str, bank: Bank, created_at_ms: int = T0) -> None:
        self.store = store
        self.game_id = game_id
        self.bank = bank
        self.created_at_ms = created_at_ms
        self.now = created_at_ms
        self.game = Game(bank, seed=1, max_players=REPLAY_MAX_PLAYERS)
        self.played: list[tuple[Command, list[Event], int]] = []
        self.events: list[Event] = []
        self.times: list[int] = []  # when each of `events` happened

    async def create(self) -> Journal:
        await self.store.create_game(
            self.game_id,
            pin="123456",
            bank_title=self.bank.title,
            bank_path="quiz.yaml",
            seed=1,
            created_at_ms=self.created_at_ms,
            bank_json=bank_to_json(self.bank),
            settings_json=settings_to_json(GameSettings()),
        )
        return self

    def do(self, command: Command, after_ms: int = 100) -> list[Event]:
        """Play `command`; `save` stores it as the live session does (journal and rows)."""
        self.now += after_ms
        events = self.game.handle(command, self.now)
        self.events += events
        self.times += [self.now] * len(events)
        self.played.append((command, events, self.now))
        return events

    def join(self, *names: str) -> list[str]:
        ids = [f"p{self.game.active_count + i}-{name}" for i, name in enumerate(names)]
        for player_id, name in zip(ids, names, strict=True):
            self.do(Join(player_id, name), after_ms=10)
        return ids

    def answer(self, player_id: str, answer: Answer, after_ms: int) -> None:
        index = self.game.question_index
        assert index is not None
        self.do(SubmitAnswer(player_id, index, answer), after_ms=after_ms)

    def order_of(self, *texts: str) -> OrderAnswer:
        """An order answer naming items by text (the game shows them shuffled)."""
        question = self.game.question
        assert question is not None
        return OrderAnswer(tuple(question.items.index(t) for t in texts))

    def reveal_and_next(self) -> None:
        self.do(Skip(), after_ms=500)
        self.do(Next(), after_ms=500)
        self.do(Next(), after_ms=500)

    def closes(self) -> list[QuestionClosed]:
        """The reveals the live game made, straight from the core: what tests check against."""
        return [e for e in self.events if isinstance(e, QuestionClosed)]

    def name_of(self, player_id: str) -> str:
        return self.game.players[player_id].name

    async def save(self, state: str = "ended") -> str:
        persister = Persister(self.store, self.game_id, self.game, seq=0)
        for command, events, at_ms in self.played:
            await persister.save(command, events, at_ms)
        self.played.clear()
        ended = self.now if state == "ended" else None
        await self.store.set_game_state(self.game_id, state, ended_at_ms=ended)
        return self.game_id


async def class_game(store: Store, game_id: str = "class-game", created_at_ms: int = T0) -> Journal:
    """The class quiz with four players: Ada mostly right, Bo partly, '=cmd' (a formula-like
    nickname) wrong, Dee kicked after question 2; then the game ends."""
    j = await Journal(store, game_id, CLASS_QUIZ, created_at_ms).create()
    ada, bo, cmd, dee = j.join("Ada", "Bo", "=cmd", "Dee")
    j.do(Start())
    # 1. single choice: Ada, Bo right; =cmd wrong; Dee right
    j.answer(ada, ChoiceAnswer(1), 2_000)
    j.answer(bo, ChoiceAnswer(1), 4_000)
    j.answer(cmd, ChoiceAnswer(0), 1_000)
    j.answer(dee, ChoiceAnswer(1), 1_000)
    j.reveal_and_next()
    # 2. multiple: Ada exact; Bo one of two (partly); =cmd one right one wrong (0 points: no)
    j.answer(ada, ChoicesAnswer({0, 1}), 3_000)
    j.answer(bo, ChoicesAnswer({0}), 3_000)
    j.answer(cmd, ChoicesAnswer({0, 2}), 3_000)
    j.reveal_and_next()
    j.do(Kick(dee), after_ms=100)
    # 3. typed: Ada 'au' (right), Bo 'Ag' (wrong), =cmd none
    j.answer(ada, TextAnswer("au"), 5_000)
    j.answer(bo, TextAnswer("Ag"), 6_000)
    j.reveal_and_next()
    # 4. order: Ada right; Bo two placed (partly); =cmd none
    j.answer(ada, j.order_of("Mercury", "Venus", "Earth", "Mars"), 7_000)
    j.answer(bo, j.order_of("Mercury", "Venus", "Mars", "Earth"), 7_000)
    j.reveal_and_next()
    # 5. slider: Ada wrong, Bo right
    j.answer(ada, ValueAnswer(1970), 2_000)
    j.answer(bo, ValueAnswer(1969), 2_000)
    j.reveal_and_next()
    # 6. poll: everyone left answers
    j.answer(ada, ChoiceAnswer(1), 1_000)
    j.answer(bo, ChoiceAnswer(0), 1_000)
    j.answer(cmd, ChoiceAnswer(1), 1_000)
    j.do(Skip(), after_ms=500)
    j.do(Next(), after_ms=500)
    j.do(Next(), after_ms=500)  # podium
    j.do(Next(), after_ms=500)  # ended
    await j.save()
    return j


# A large made-up class: for the screenshot and the report benchmark.

FIRST_NAMES = (
    "Ada",
    "Bo",
    "Cy",
    "Dee",
    "Eli",
    "Fay",
    "Gus",
    "Hana",
    "Ivo",
    "Jun",
    "Kai",
    "Lea",
    "Mo",
    "Nia",
    "Oz",
    "Pia",
    "Quin",
    "Rae",
    "Sol",
    "Tia",
    "Uma",
    "Vic",
    "Wes",
    "Xia",
)


def made_up_bank(questions: int) -> Bank:
    """`questions` questions cycling through the kinds of CLASS_QUIZ (poll included)."""
    kinds = CLASS_QUIZ.questions
    return Bank(
        title="Science revision",
        questions=tuple(
            attrs.evolve(kinds[i % len(kinds)], text=f"{kinds[i % len(kinds)].text} ({i + 1})")
            for i in range(questions)
        ),
    )


def _answer_for(j: Journal, right: bool, rng: random.Random) -> Answer:
    """A right or a wrong answer to the open question of the made-up bank."""
    question = j.game.question
    assert question is not None
    text = question.text
    if text.startswith("Capital"):
        return ChoiceAnswer(1 if right else rng.choice((0, 2)))
    if text.startswith("Which are prime"):
        return ChoicesAnswer({0, 1} if right else rng.choice(({0}, {1, 2}, {3})))
    if text.startswith("Chemical"):
        return TextAnswer("Au" if right else rng.choice(("Ag", "Gd", "Go")))
    if text.startswith("Planets"):
        order = ["Mercury", "Venus", "Earth", "Mars"]
        if not right:
            rng.shuffle(order)
        return j.order_of(*order)
    if text.startswith("Apollo"):
        return ValueAnswer(1969 if right else rng.randint(1960, 1975))
    return ChoiceAnswer(rng.randint(0, 1))  # the poll


async def made_up_game(
    store: Store,
    game_id: str,
    players: int,
    questions: int,
    seed: int = 7,
    created_at_ms: int = T0,
) -> Journal:
    """A whole game of `players` with skills from weak to strong; some skip a question."""
    rng = random.Random(seed)
    j = await Journal(store, game_id, made_up_bank(questions), created_at_ms).create()
    names = [
        f"{FIRST_NAMES[i % len(FIRST_NAMES)]}{'' if i < len(FIRST_NAMES) else i}"
        for i in range(players)
    ]
    ids = j.join(*names)
    skill = {pid: 0.15 + 0.8 * rng.random() for pid in ids}
    j.do(Start())
    for number in range(questions):
        for pid in rng.sample(ids, len(ids)):
            if rng.random() < 0.06:
                continue  # no answer
            answer = _answer_for(j, rng.random() < skill[pid], rng)
            j.answer(pid, answer, after_ms=rng.randint(1, 18_000 // max(1, len(ids))) + 1)
        j.do(Skip(), after_ms=200)
        j.do(Next(), after_ms=500)
        j.do(Next(), after_ms=500)
        if number == questions - 1:
            j.do(Next(), after_ms=500)  # the podium ended: the game is over
    await j.save()
    return j
