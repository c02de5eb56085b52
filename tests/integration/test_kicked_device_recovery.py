"""A kicked device stays refused after `kill -9` and `--resume`: the refused set is rebuilt
from the journal (the device ids are in the journaled joins and rejoins)."""

from __future__ import annotations

from pathlib import Path

from quizhost.protocol import CLOSE_KICKED
from tests.integration.wire import Client
from tests.kit.crash import latest_state, serve, stop
from tests.kit.processes import ServeProcess, host

JOINED_FROM = "ada-phone-3f2b8c0e5a1d4c6e"  # Ada joined from it
RESUMED_FROM = "ada-tablet-9c1e7a2b4d6f80a3"  # Ada came back from it once
BOBS = "bob-phone-0d4e2f1a6c8b7e5d"


async def first_frame(served: ServeProcess, **frame: str) -> tuple[Client, dict[str, object]]:
    client = await Client.connect(served.url, "/ws/play")
    await client.send(**frame)
    return client, await client.recv()


async def test_a_kicked_device_is_still_refused_after_a_crash(tmp_path: Path) -> None:
    """Ada's two devices are refused before and after the crash; Bob and new phones are not."""
    served = await serve(tmp_path)
    try:
        boss = await host(served.url)
        ada, welcome = await first_frame(
            served, type="join", pin=served.pin, name="Ada", device=JOINED_FROM
        )
        await ada.close()
        again, back = await first_frame(
            served, type="resume", token=str(welcome["token"]), device=RESUMED_FROM
        )
        assert back["type"] == "welcome"
        bob, bob_welcome = await first_frame(
            served, type="join", pin=served.pin, name="Bob", device=BOBS
        )
        await boss.send(type="kick", player_id=str(welcome["player_id"]))
        assert (await again.expect("kicked"))["type"] == "kicked"
        await latest_state(boss, lambda f: [p["name"] for p in f["players"]] == ["Bob"])
    except BaseException:
        await stop(served)
        raise
    await served.kill()

    served = await serve(tmp_path, "--resume")
    try:
        for name, device in (("Zed", JOINED_FROM), ("Yan", RESUMED_FROM)):
            client, frame = await first_frame(
                served, type="join", pin=served.pin, name=name, device=device
            )
            assert frame == {"type": "kicked"}, (name, frame)
            await client.link.wait_closed()
            assert client.link.close_code == CLOSE_KICKED
        client, frame = await first_frame(
            served, type="resume", token=str(welcome["token"]), device=JOINED_FROM
        )
        assert frame == {"type": "kicked"}

        bob, frame = await first_frame(
            served, type="resume", token=str(bob_welcome["token"]), device=BOBS
        )
        assert frame["type"] == "welcome" and frame["name"] == "Bob"
        new, frame = await first_frame(
            served, type="join", pin=served.pin, name="Zed", device="a-new-phone-00000000"
        )
        assert frame["type"] == "welcome"
        for player in (bob, new):
            await player.close()
    finally:
        await stop(served)
