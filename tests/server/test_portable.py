"""The server runs where POSIX-only calls are missing, as on Windows: a real subprocess."""

from __future__ import annotations

import asyncio
import os
import re
import signal
import socket
import subprocess
import sys
from pathlib import Path

from quizhost.portable import EVENT_LOOP_ENV, reuse_address
from tests.integration.wire import Client

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "question_banks" / "sample.yaml"

# Run `quizhost` as on Windows: no `resource` module, and event loops without signal handlers.
WINDOWS_LIKE = """
import asyncio, sys
sys.modules["resource"] = None  # import resource -> ImportError, as on Windows

def refuse(self, *args, **kwargs):
    print("add_signal_handler refused", file=sys.stderr, flush=True)
    raise NotImplementedError

for cls in {type(asyncio.new_event_loop()), asyncio.AbstractEventLoop}:
    cls.add_signal_handler = refuse
    cls.remove_signal_handler = lambda self, signum: (_ for _ in ()).throw(NotImplementedError)

from quizhost.cli import main
raise SystemExit(main(sys.argv[1:]))
"""


async def test_serve_runs_and_stops_on_ctrl_c_without_posix_signal_handlers(
    tmp_path: Path,
) -> None:
    """No `resource`, no add_signal_handler: a player still joins, Ctrl+C still stops (exit 0)."""
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-c",
        WINDOWS_LIKE,
        "serve",
        str(SAMPLE),
        "--host",
        "127.0.0.1",
        "--port",
        "0",
        "--db",
        str(tmp_path / "q.db"),
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
        # Windows has no uvloop: asyncio's loop, the one patched above.
        env={**os.environ, "PYTHONPATH": str(ROOT), EVENT_LOOP_ENV: "asyncio"},
        cwd=ROOT,
    )
    assert process.stdout is not None and process.stderr is not None
    try:
        banner = ""
        while "Host channel" not in banner:
            line = await asyncio.wait_for(process.stdout.readline(), 15)
            assert line, (await process.stderr.read()).decode()
            banner += line.decode()
        url = re.search(r"http://127\.0\.0\.1:(\d+)/\?pin=(\d{6})", banner)
        assert url is not None, banner
        player = await Client.connect(f"ws://127.0.0.1:{url.group(1)}", "/ws/play")
        await player.send(type="join", pin=url.group(2), name="Ada")
        assert (await player.expect("welcome"))["name"] == "Ada"

        process.send_signal(signal.SIGINT)  # what Ctrl+C sends on every system
        assert await asyncio.wait_for(process.wait(), 15) == 0
        await asyncio.wait_for(player.link.wait_closed(), 10)
        assert player.link.close_code == 1001
        errors = (await process.stderr.read()).decode()
        assert "add_signal_handler refused" in errors  # the fallback was taken
        assert "Traceback" not in errors, errors
    finally:
        if process.returncode is None:
            process.kill()
            await process.wait()


def test_a_restarted_server_rebinds_but_never_shares_a_listening_port() -> None:
    """With the option set, a second socket cannot bind a port that is listening."""
    with socket.socket() as first, socket.socket() as second:
        reuse_address(first)
        first.bind(("127.0.0.1", 0))
        first.listen()
        reuse_address(second)
        try:
            second.bind(first.getsockname())
        except OSError:
            pass
        else:
            raise AssertionError("two sockets share a listening port")


def test_output_in_a_windows_code_page_replaces_what_it_cannot_show(tmp_path: Path) -> None:
    """Piped output in cp1252 (Windows' default there): an emoji becomes '?', no traceback."""
    bank = tmp_path / "emoji.yaml"
    bank.write_text(
        "title: Animals 🦊\nquestions:\n  - question: Which one is 🦊?\n"
        "    choices: [Dog, {correct: Fox}]\n",
        encoding="utf-8",
    )
    shown = subprocess.run(
        [sys.executable, "-m", "quizhost", "show", str(bank)],
        capture_output=True,
        env={**os.environ, "PYTHONIOENCODING": "cp1252"},
        cwd=ROOT,
        timeout=60,
    )
    assert shown.returncode == 0, shown.stderr.decode("cp1252", "replace")
    out = shown.stdout.decode("cp1252")
    assert "Animals ? (1 question)" in out and "[x] Fox" in out
