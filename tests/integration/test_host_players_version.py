"""`host_state` carries the player list only when it changed, for a host that asks for that."""

from __future__ import annotations

import asyncio
from typing import Any

from tests.integration.wire import HOST_TOKEN, Client, Running, host, host_state_where, join


async def lean_host(running: Running) -> Client:
    """A host that keeps the last player list (`players_when_changed`)."""
    client = await Client.connect(running.url, "/ws/host")
    await client.send(type="host", token=HOST_TOKEN, players_when_changed=True)
    await client.expect("host_state")
    return client


def states(client: Client) -> list[dict[str, Any]]:
    return [f for f in client.frames if f["type"] == "host_state"]


async def test_a_lean_host_gets_each_player_list_once_and_a_v1_host_every_time(
    game: Running,
) -> None:
    """Lists come once per players_version; a lock alone sends none; a v1 host gets all."""
    lean = await lean_host(game)
    v1 = await host(game)
    first = states(lean)[0]
    assert first["players"] == [] and isinstance(first["players_version"], int)

    ada, _ = await join(game, "Ada")
    await host_state_where(lean, lambda f: len(f.get("players", [])) == 1)
    await host_state_where(v1, lambda f: len(f["players"]) == 1)
    await lean.send(type="lock")
    locked = await host_state_where(lean, lambda f: f["locked"])
    await host_state_where(v1, lambda f: f["locked"])
    assert "players" not in locked  # a lock changes no player row
    await lean.send(type="unlock")
    await host_state_where(lean, lambda f: not f["locked"])
    await ada.close()  # Ada's row changes: connected false
    gone = await host_state_where(
        lean, lambda f: f.get("players") and not f["players"][0]["connected"]
    )
    await host_state_where(v1, lambda f: not f["players"][0]["connected"])
    await asyncio.sleep(0.2)  # anything still coalesced arrives

    listed = [f["players_version"] for f in states(lean) if "players" in f]
    assert listed == sorted(set(listed)), "a list was sent twice for one version"
    last = None
    for frame in states(lean):
        if "players" in frame:
            last = frame["players_version"]
        else:
            assert frame["players_version"] == last  # omitted only when the host has it
    assert any("players" not in f for f in states(lean))
    assert gone["players"][0]["name"] == "Ada"
    assert all("players" in f for f in states(v1))
    assert [f["players_version"] for f in states(v1)] == sorted(
        f["players_version"] for f in states(v1)
    )


async def test_a_lean_host_that_reconnects_gets_the_list_at_once(game: Running) -> None:
    """The version is per connection: a new connection starts with the whole list."""
    await join(game, "Ada")
    first = await lean_host(game)
    await host_state_where(first, lambda f: len(f.get("players", [])) == 1)
    await first.close()
    second = await lean_host(game)
    assert [p["name"] for p in states(second)[0]["players"]] == ["Ada"]


async def test_the_player_list_is_omitted_during_a_question_until_someone_answers(
    game: Running,
) -> None:
    """While a question runs and nobody answers, the countdown frames carry no list."""
    lean = await lean_host(game)
    ada, _ = await join(game, "Ada")
    await join(game, "Bo")
    await host_state_where(lean, lambda f: len(f.get("players", [])) == 2)
    await lean.send(type="start")
    await ada.expect("question")
    opened = await host_state_where(lean, lambda f: f["state"] == "question")
    await lean.send(type="add_time", ms=5000)  # the question changes, the rows do not
    added = await host_state_where(
        lean,
        lambda f: (
            f["state"] == "question"
            and f["question"]["remaining_ms"] > opened["question"]["remaining_ms"] + 2000
        ),
    )
    assert "players" not in added
    assert added["players_version"] == opened["players_version"]
    await ada.expect("time_added")
    await ada.send(type="answer", question=0, choice=1)
    await ada.expect("answer_ack")
    answered = await host_state_where(lean, lambda f: f["answered"] == 1 and "players" in f)
    assert [p["answered"] for p in answered["players"] if p["name"] == "Ada"] == [True]
    assert answered["players_version"] > added["players_version"]
