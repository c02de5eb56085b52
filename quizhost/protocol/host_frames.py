"""The host console's frame: `host_state`, the whole game as the host sees it.

Apart from the players' frames (outbound.py): one audience, one frame, and its own shape.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Protocol

from quizhost.core import (
    LeaderboardEntry,
    Phase,
    PublicQuestion,
    QuestionClosed,
    RoundShown,
    TeamStanding,
)
from quizhost.core.spread import AnswerSpread
from quizhost.protocol import PROTOCOL_VERSION
from quizhost.protocol.outbound import (
    encode,
    encode_json,
    question_fields,
    reveal_fields,
    round_fields,
    spread_json,
    team_rows,
)

# The host's view. The session builds it (`quizhost.session.views.HostView`); these protocols
# say what this encoder reads of it, so the wire format lives here and nowhere else.


class HostPlayer(Protocol):
    @property
    def id(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def score(self) -> int: ...
    @property
    def connected(self) -> bool: ...
    @property
    def team(self) -> str | None: ...
    @property
    def answered(self) -> bool: ...
    @property
    def extra_percent(self) -> int: ...


class HostQuestion(Protocol):
    @property
    def question(self) -> PublicQuestion: ...
    @property
    def remaining_ms(self) -> int | None: ...
    @property
    def image_url(self) -> str | None: ...
    @property
    def opens_in_ms(self) -> int | None: ...
    @property
    def waiting_for_extra(self) -> Sequence[str]: ...


class HostReveal(Protocol):
    @property
    def closed(self) -> QuestionClosed: ...
    @property
    def spread(self) -> AnswerSpread | None: ...


class HostAlert(Protocol):
    """A burst of joins from one source, named by a label (never its address)."""

    @property
    def source(self) -> str: ...
    @property
    def joins(self) -> int: ...
    @property
    def players(self) -> int: ...
    @property
    def text(self) -> str: ...


class HostState(Protocol):
    """The whole game as the host sees it at one instant."""

    @property
    def game_id(self) -> str: ...
    @property
    def pin(self) -> str: ...
    @property
    def join_url(self) -> str: ...
    @property
    def state(self) -> Phase: ...
    @property
    def locked(self) -> bool: ...
    @property
    def max_players(self) -> int: ...
    @property
    def warning(self) -> str | None: ...
    @property
    def questions_left(self) -> int: ...
    @property
    def alerts(self) -> Sequence[HostAlert]: ...
    @property
    def players(self) -> Sequence[HostPlayer]: ...
    @property
    def question(self) -> HostQuestion | None: ...
    @property
    def answered(self) -> int: ...
    @property
    def answer_counts(self) -> Sequence[int] | None: ...
    @property
    def reveal(self) -> HostReveal | None: ...
    @property
    def leaderboard(self) -> Sequence[LeaderboardEntry]: ...
    @property
    def round(self) -> RoundShown | None: ...
    @property
    def teams(self) -> Sequence[TeamStanding]: ...
    @property
    def autoplay_ms(self) -> int: ...
    @property
    def autoplay_next_ms(self) -> int | None: ...
    @property
    def players_version(self) -> int: ...


class _EncodedPlayers:
    """The last player list encoded, by the identity of its (immutable) rows tuple: views of
    one `players_version` share the tuple, and the console and every host share the view."""

    rows: object = None
    data: bytes = b"[]"


_LAST_PLAYERS = _EncodedPlayers()


def players_json(players: Sequence[HostPlayer]) -> bytes:
    """`players` as the JSON array of `host_state`, encoded once per tuple of rows."""
    if isinstance(players, tuple) and players is _LAST_PLAYERS.rows:
        return _LAST_PLAYERS.data
    data = encode_json(
        [
            {
                "id": p.id,
                "name": p.name,
                "score": p.score,
                "connected": p.connected,
                "answered": p.answered,
            }
            | ({"team": p.team} if p.team is not None else {})
            | ({"extra_percent": p.extra_percent} if p.extra_percent else {})
            for p in players
        ]
    )
    if isinstance(players, tuple):
        _LAST_PLAYERS.rows, _LAST_PLAYERS.data = players, data
    return data


def host_state_frame(view: HostState, *, players: bool = True) -> bytes:
    """The `host_state` frame (docs/protocol.md): the whole state, or (`players` False, for a
    host that asked for lists only when they change) all but the player list."""
    frame: dict[str, Any] = {
        "type": "host_state",
        "protocol": PROTOCOL_VERSION,
        "game_id": view.game_id,
        "pin": view.pin,
        "join_url": view.join_url,
        "state": view.state.value,
        "locked": view.locked,
        "max_players": view.max_players,
        "warning": view.warning,
        "autoplay_ms": view.autoplay_ms,
        "autoplay_next_ms": view.autoplay_next_ms,
        "alerts": [
            {"source": a.source, "joins": a.joins, "players": a.players, "text": a.text}
            for a in view.alerts
        ],
        "questions_left": view.questions_left,
        "players_version": view.players_version,
    }
    if view.teams:
        frame["teams"] = team_rows(view.teams)
    if view.question is not None:
        info = view.question
        frame["question"] = {
            **question_fields(info.question, info.image_url),
            "remaining_ms": info.remaining_ms,
        }
        if info.opens_in_ms is not None:  # the intro: answers not open yet
            frame["question"]["opens_in_ms"] = info.opens_in_ms
        if info.waiting_for_extra:  # the class's time is up; these players' is not
            frame["question"]["waiting_for_extra"] = list(info.waiting_for_extra)
        frame["answered"] = view.answered
        counts = view.answer_counts
        frame["answer_counts"] = list(counts) if counts is not None else None
    if view.round is not None:
        frame["round"] = round_fields(view.round)
    if view.reveal is not None:
        frame["reveal"] = reveal_fields(view.reveal.closed)
        if view.reveal.spread is not None:
            frame["reveal"]["spread"] = spread_json(view.reveal.spread)
    if view.leaderboard:
        frame["leaderboard"] = [
            {
                "id": row.player_id,
                "name": row.name,
                "score": row.score,
                "rank": row.rank,
                "gained": row.gained,
                "previous_rank": row.previous_rank,
            }
            for row in view.leaderboard
        ]
    if not players:
        return encode(frame)
    return encode(frame)[:-1] + b',"players":' + players_json(view.players) + b"}"
