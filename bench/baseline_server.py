"""The baseline: what bare websockets does on this machine with the same traffic.

    python -m bench.baseline_server --port 0

No game, no store, no validation: just enough of the protocol for the load generator. `join`
gets `welcome` (+ `lobby`), `resume` gets `welcome` + the current question, `answer` gets
`answer_ack` at once; the host's `start`/`next`/`skip` broadcast one pre-serialised frame
(`question`, `reveal`, `leaderboard`, `podium`) to every player with `websockets.broadcast`.
Same server options as quizhost (no compression, small max_size, the same pings and listen
backlog), so every
figure of a quizhost run can be read as a ratio to this one.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import signal
import socket
from typing import Any

from websockets.asyncio.server import ServerConnection, broadcast, serve

PIN = "123456"
QUESTIONS: list[dict[str, Any]] = [
    {"kind": "choice", "choices": ["Sydney", "Canberra", "Melbourne", "Perth"]},
    {"kind": "choice", "multiple": True, "choices": ["2", "3", "4", "9"]},
    {"kind": "true_false", "choices": ["True", "False"]},
    {"kind": "type_answer"},
    {"kind": "slider", "min": 1950, "max": 2000, "step": 1},
    {"kind": "order", "items": ["Mercury", "Venus", "Earth", "Mars"]},
    {"kind": "poll", "choices": ["Maths", "Science", "History", "Art"]},
]


def encode(frame: dict[str, Any]) -> bytes:
    return json.dumps(frame, separators=(",", ":")).encode()


def question_frame(index: int) -> bytes:
    q = QUESTIONS[index % len(QUESTIONS)]
    return encode(
        {
            "type": "question",
            "index": index,
            "total": len(QUESTIONS),
            "kind": q["kind"],
            "text": "A question of about the usual length for a classroom quiz?",
            "multiple": q.get("multiple", False),
            "time_limit_ms": 240000,
            "points": "standard",
            "image": None,
            **{k: v for k, v in q.items() if k not in ("kind", "multiple")},
            "remaining_ms": 240000,
        }
    )


class Baseline:
    def __init__(self) -> None:
        self.players: set[ServerConnection] = set()
        self.state = "lobby"
        self.index = -1

    def broadcast(self, frame: bytes) -> None:
        broadcast(self.players, frame, text=True)

    async def handle(self, link: ServerConnection) -> None:
        assert link.request is not None
        host = link.request.path == "/ws/host"
        try:
            async for data in link:
                message = json.loads(data)
                kind = message["type"]
                if host:
                    self.host_command(kind)
                elif kind == "answer":
                    await link.send(
                        encode({"type": "answer_ack", "question": message["question"]}), text=True
                    )
                elif kind in ("join", "resume"):
                    self.players.add(link)
                    welcome = {"type": "welcome", "player_id": "p", "name": "n", "token": "t"}
                    await link.send(encode({**welcome, "state": self.state}), text=True)
                    if self.state == "question":
                        await link.send(question_frame(self.index), text=True)
                    elif self.state == "lobby":
                        await link.send(
                            encode({"type": "lobby", "players": len(self.players)}), text=True
                        )
        except Exception:
            pass
        finally:
            self.players.discard(link)

    def host_command(self, kind: str) -> None:
        if kind == "start" or (kind == "next" and self.state == "leaderboard"):
            self.index += 1
            if self.index < len(QUESTIONS):
                self.state = "question"
                self.broadcast(question_frame(self.index))
            else:
                self.state = "podium"
                self.broadcast(encode({"type": "podium", "top": [], "you": {"rank": 1}}))
        elif kind == "skip":
            self.state = "reveal"
            self.broadcast(encode({"type": "reveal", "index": self.index, "correct": 1}))
        elif kind == "next" and self.state == "reveal":
            self.state = "leaderboard"
            self.broadcast(encode({"type": "leaderboard", "top": [], "you": {"rank": 1}}))


async def main(port: int) -> None:
    baseline = Baseline()
    sock = socket.create_server(("127.0.0.1", port))
    async with serve(
        baseline.handle,
        sock=sock,
        compression=None,
        max_size=4096,
        max_queue=8,
        ping_interval=20,
        ping_timeout=20,
        server_header=None,
        backlog=4096,  # as quizhost (ServerSettings.listen_backlog)
    ):
        bound = sock.getsockname()[1]
        print(
            f"baseline server\n  Players join at  http://127.0.0.1:{bound}/?pin={PIN}", flush=True
        )
        print(f"  Game PIN         {PIN}", flush=True)
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        loop.add_signal_handler(signal.SIGTERM, stop.set)
        loop.add_signal_handler(signal.SIGINT, stop.set)
        await stop.wait()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--port", type=int, default=0)
    asyncio.run(main(parser.parse_args().port))
