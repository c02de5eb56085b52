"""Play one small scripted game through a real server and keep its database as a golden file.

Stored formats are forever: `test_golden.py` replays the database this script wrote (with the
release named in its file name) and must get the scores the players were shown, for as long
as quizhost exists. Never regenerate an existing golden file; add a new one for a new release:

    .venv/bin/python -m tests.golden.make_golden tests/golden/game-0.1.0

writes `game-0.1.0.db` and `game-0.1.0.json` (the scores and ranks each player's phone showed
on the podium, plus the journal's kinds in order).

The game: seven questions of every kind, five players, answers right, wrong, partial and
missing, a pause with added time, a question closed by its timer, a reconnect with the
player's token, a lobby lock, and a kick in the middle of the game.
"""

from __future__ import annotations

import asyncio
import json
import sqlite3
import sys
from pathlib import Path
from typing import Any

from websockets.asyncio.client import ClientConnection, connect

from quizhost.bank.models import (
    Bank,
    ChoiceQuestion,
    OrderQuestion,
    PointsMode,
    PollQuestion,
    SliderQuestion,
    TrueFalseQuestion,
    TypeAnswerQuestion,
)
from quizhost.server.app import QuizServer
from quizhost.session import Session, SessionConfig
from quizhost.store import Store

HOST_TOKEN = "golden-host-token-0123456789"
TIMEOUT = 10.0

BANK = Bank(
    title="Golden game",
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
        ),
        TrueFalseQuestion(text="The Sun is a star.", answer=True, points=PointsMode.DOUBLE),
        TypeAnswerQuestion(text="Chemical symbol of gold?", accepted=("Au",), time_limit_ms=2_000),
        SliderQuestion(
            text="Apollo 11 landed in?",
            minimum=1950,
            maximum=2000,
            step=1,
            answer=1969,
            margin=2,
        ),
        OrderQuestion(text="Planets from the Sun", items=("Mercury", "Venus", "Earth", "Mars")),
        PollQuestion(text="Favourite subject?", choices=("Maths", "Art"), points=PointsMode.NONE),
    ),
)


class Phone:
    """One player's websocket, keeping every frame it received."""

    def __init__(self, name: str, link: ClientConnection) -> None:
        self.name = name
        self.link = link
        self.frames: list[dict[str, Any]] = []
        self.player_id = ""
        self.token = ""

    async def send(self, **frame: Any) -> None:
        await self.link.send(json.dumps(frame))

    async def expect(self, frame_type: str) -> dict[str, Any]:
        while True:
            frame: dict[str, Any] = json.loads(await asyncio.wait_for(self.link.recv(), TIMEOUT))
            self.frames.append(frame)
            if frame["type"] == frame_type:
                return frame
            if frame["type"] not in ("lobby", "host_state", "paused", "resumed", "time_added"):
                raise AssertionError(f"{self.name}: expected {frame_type}, got {frame}")


async def open_phone(url: str, name: str) -> Phone:
    return Phone(name, await connect(url + "/ws/play"))


async def play(out: Path) -> None:
    db_path = out.parent / f"{out.name}.db"
    if db_path.exists():
        raise SystemExit(f"{db_path} exists: golden files are never regenerated")
    store = await Store.open(db_path)
    session = await Session.create(
        BANK, store, SessionConfig(join_url="http://127.0.0.1/?pin={pin}"), seed=20261130
    )
    server = QuizServer(session, host_token=HOST_TOKEN)
    await server.start("127.0.0.1", 0)
    url = f"ws://127.0.0.1:{server.port}"
    try:
        expected = await script(url, session.pin)
    finally:
        await server.stop()
        await session.close()
        await store.close()
    with sqlite3.connect(db_path) as db:
        kinds = [row[0] for row in db.execute("SELECT kind FROM commands ORDER BY seq")]
    db.close()
    expected["game_id"] = session.game_id
    expected["journal_kinds"] = kinds
    (out.parent / f"{out.name}.json").write_text(
        json.dumps(expected, indent=2, ensure_ascii=False) + "\n"
    )


async def script(url: str, pin: str) -> dict[str, Any]:
    host = await connect(url + "/ws/host")
    await host.send(json.dumps({"type": "host", "token": HOST_TOKEN}))

    async def command(**frame: Any) -> None:
        await host.send(json.dumps(frame))

    phones = {name: await open_phone(url, name) for name in ("Ada", "Bo", "Cy", "Dee", "Eve")}
    for phone in phones.values():
        await phone.send(type="join", pin=pin, name=phone.name)
        welcome = await phone.expect("welcome")
        phone.player_id, phone.token = welcome["player_id"], welcome["token"]
    ada, bo, cy, dee, eve = phones.values()
    await command(type="lock")
    await command(type="unlock")
    await asyncio.sleep(0.2)

    async def question() -> dict[str, Any]:
        frames = [await p.expect("question") for p in phones.values()]
        return frames[0]

    async def answer(phone: Phone, index: int, **value: Any) -> None:
        await phone.send(type="answer", question=index, **value)
        await phone.expect("answer_ack")

    async def reveal_then_leaderboard() -> None:
        for phone in phones.values():
            await phone.expect("reveal")
        await command(type="next")
        for phone in phones.values():
            await phone.expect("leaderboard")
        await command(type="next")

    # 1. Single choice, with a pause and added time; closed by skip.
    await command(type="start")
    await question()
    await answer(ada, 0, choice=1)
    await command(type="pause")
    await asyncio.sleep(0.3)
    await command(type="add_time", ms=5_000)
    await command(type="resume")
    await asyncio.sleep(0.2)
    await answer(bo, 0, choice=0)
    await answer(cy, 0, choice=1)
    await answer(eve, 0, choice=1)
    await command(type="skip")
    await reveal_then_leaderboard()

    # 2. Multiple choice: right, partial, wrong; Dee reconnects with her token first.
    await question()
    await dee.link.close()
    token = dee.token
    phones["Dee"] = dee = await open_phone(url, "Dee")
    await dee.send(type="resume", token=token)
    dee.token = (await dee.expect("welcome"))["token"]
    await dee.expect("question")  # where the game is
    await answer(ada, 1, choices=[0, 1])
    await answer(bo, 1, choices=[0])
    await answer(cy, 1, choices=[0, 2])
    await answer(dee, 1, choices=[0, 1])
    await answer(eve, 1, choices=[1])
    await command(type="skip")
    await reveal_then_leaderboard()

    # 3. True/false (double points); Eve is kicked while the question is open.
    await question()
    await answer(bo, 2, choice=0)
    await answer(ada, 2, choice=1)
    await command(type="kick", player_id=eve.player_id)
    await eve.expect("kicked")
    del phones["Eve"]
    await answer(cy, 2, choice=0)
    await command(type="skip")
    await reveal_then_leaderboard()

    # 4. Type the answer, closed by its own 2 s timer.
    await question()
    await answer(ada, 3, text="au")
    await answer(cy, 3, text="Ag")
    await answer(dee, 3, text=" AU ")
    await reveal_then_leaderboard()

    # 5. Slider: exact, within tolerance, outside it.
    await question()
    await answer(ada, 4, value=1970)
    await answer(bo, 4, value=1969)
    await answer(cy, 4, value=1990)
    await command(type="skip")
    await reveal_then_leaderboard()

    # 6. Order (items are shuffled for display: map them back by text).
    shown = (await question())["items"]
    right = [shown.index(item) for item in ("Mercury", "Venus", "Earth", "Mars")]
    await answer(ada, 5, order=right)
    await answer(bo, 5, order=[right[1], right[0], right[2], right[3]])
    await answer(dee, 5, order=list(reversed(right)))
    await command(type="skip")
    await reveal_then_leaderboard()

    # 7. Poll: scores nothing.
    await question()
    await answer(ada, 6, choice=0)
    await answer(bo, 6, choice=1)
    await command(type="skip")
    for phone in phones.values():
        await phone.expect("reveal")
    await command(type="next")
    for phone in phones.values():
        await phone.expect("leaderboard")
    await command(type="next")
    podium = {p.name: await p.expect("podium") for p in phones.values()}
    await command(type="end")
    for phone in phones.values():
        await phone.expect("ended")
        await phone.link.close()
    await host.close()
    return {
        "scores": {name: frame["you"]["score"] for name, frame in podium.items()},
        "ranks": {name: frame["you"]["rank"] for name, frame in podium.items()},
        "kicked": ["Eve"],
    }


if __name__ == "__main__":
    asyncio.run(play(Path(sys.argv[1])))
