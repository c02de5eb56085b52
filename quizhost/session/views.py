"""What the host sees: one immutable snapshot of the whole game.

The Textual console renders it and the `/ws/host` channel sends it as `host_state` (encoded by
`quizhost.protocol.host_frames.host_state_frame`); both get the same object, built once per
coalesced update.
"""

from __future__ import annotations

from collections.abc import Iterable

from attrs import frozen

from quizhost.core import (
    AnswerAccepted,
    AnswerWithdrawn,
    AutoplayChanged,
    Event,
    ExtraTimeSet,
    Game,
    LeaderboardEntry,
    LockChanged,
    Paused,
    Phase,
    Player,
    PlayerForgotten,
    PlayerJoined,
    PlayerKicked,
    PlayerLeft,
    PlayerRejoined,
    PublicQuestion,
    QuestionClosed,
    Resumed,
    RoundShown,
    TeamStanding,
    TimeAdded,
)
from quizhost.core.settings import DEFAULT_AUTOPLAY_MS
from quizhost.core.spread import AnswerSpread


@frozen
class PlayerRow:
    id: str
    name: str
    score: int
    connected: bool
    team: str | None = None  # a team game
    answered: bool = False  # the open (or just revealed) question; False outside questions
    extra_percent: int = 0  # extra time the host gave this player (0: none)


@frozen
class QuestionInfo:
    question: PublicQuestion
    remaining_ms: int | None
    image_url: str | None
    opens_in_ms: int | None = None  # during the intro: time before answers open
    # After the class's time is up: the ids of the players whose extra time still runs.
    waiting_for_extra: tuple[str, ...] = ()


@frozen
class RevealInfo:
    closed: QuestionClosed
    spread: AnswerSpread | None = None  # what was typed, where slider values fell


RankRow = LeaderboardEntry  # the host's leaderboard rows are the core's entries, top ten


@frozen
class SourceAlert:
    """Many joins in a few seconds from one device or network. `source` is a label, never
    the address: the console may be projected."""

    source: str
    joins: int
    players: int

    @property
    def text(self) -> str:
        return (
            f"{self.joins} joins in a few seconds from one device or network "
            f"(source {self.source}, {self.players} players in the game)"
        )


@frozen
class HostView:
    """The whole game as the host sees it, at one instant."""

    game_id: str
    pin: str
    join_url: str
    state: Phase
    locked: bool
    players: tuple[PlayerRow, ...]
    question: QuestionInfo | None
    answered: int
    answer_counts: tuple[int, ...] | None
    reveal: RevealInfo | None
    leaderboard: tuple[RankRow, ...]
    max_players: int
    warning: str | None = None  # something could not be saved (disk full, database locked)
    round: RoundShown | None = None  # the round being played (a bank with rounds)
    teams: tuple[TeamStanding, ...] = ()  # a team game: every team, best first
    autoplay_ms: int = 0  # 0: off; else each reveal and leaderboard shows this long
    autoplay_next_ms: int | None = None  # time left before autoplay moves on
    autoplay_preset_ms: int = DEFAULT_AUTOPLAY_MS  # what turning autoplay on sets
    alerts: tuple[SourceAlert, ...] = ()  # bursts of joins (set by the server)
    questions_left: int = 0  # not opened yet: 0 on the last leaderboard (the podium is next)
    #: Changes whenever a row of `players` may have; equal versions, the very same tuple.
    players_version: int = 0

    @property
    def player_count(self) -> int:
        return len(self.players)


class PlayerRows:
    """The host's player rows, rebuilt only where the game changed them.

    Views go out up to four times a second and a row costs microseconds to build: 10,000 rows
    were tens of milliseconds per view while a class answered, though an answer changes one
    row. An event about one player (an answer, a join, a drop...) marks that player's row; any
    other event that may touch rows (a question opening or closing: every tick and score)
    marks them all. `changed` bumps the version; `rows` rebuilds what is marked at most once
    per version, keeping the other rows (the very same objects), so every view of a version
    shares one tuple and an encoder can reuse what it encoded of the rows that stayed.
    """

    __slots__ = ("_all", "_built", "_by_id", "_marked", "_rows", "version")

    def __init__(self) -> None:
        self.version = 0
        self._built = -1
        self._rows: tuple[PlayerRow, ...] = ()
        self._by_id: dict[str, PlayerRow] = {}  # in join order, kicked players left out
        self._marked: set[str] = set()
        self._all = True

    def changed(self) -> None:
        self.version += 1
        self._all = True

    def observe(self, events: Iterable[Event]) -> None:
        """Mark the rows `events` may change (none for a pause, a lock...)."""
        for event in events:  # a loop, not any(<genexpr>): this runs once per answer
            if isinstance(event, _LEAVE_ROWS_ALONE):
                continue
            self.version += 1
            if isinstance(event, _ONE_PLAYER):
                self._marked.add(event.player_id)
            else:
                self._all = True

    def rows(self, game: Game) -> tuple[PlayerRow, ...]:
        if self._built != self.version:
            asked = game.phase in _SHOWS_QUESTION
            players = game.players
            if self._all:
                self._by_id = {
                    p.id: _player_row(p, asked, game) for p in players.values() if not p.kicked
                }
            else:
                for player_id in self._marked:
                    player = players.get(player_id)
                    if player is None or player.kicked:
                        self._by_id.pop(player_id, None)
                    else:  # a new player goes last, as in join order; others keep their place
                        self._by_id[player_id] = _player_row(player, asked, game)
            self._marked.clear()
            self._all = False
            self._rows = tuple(self._by_id.values())
            self._built = self.version
        return self._rows


def _player_row(p: Player, asked: bool, game: Game) -> PlayerRow:
    return PlayerRow(
        id=p.id,
        name=p.name,
        score=p.score,
        connected=p.connected,
        answered=asked and game.has_answered(p.id),
        team=p.team,
        extra_percent=p.extra_percent,
    )


#: Events about one player's row only (`player_id`): an answer, a join, a drop and return...
_ONE_PLAYER = (
    AnswerAccepted,
    AnswerWithdrawn,
    ExtraTimeSet,
    PlayerForgotten,
    PlayerJoined,
    PlayerKicked,
    PlayerLeft,
    PlayerRejoined,
)

#: Events that change no player row: anything else (unknown ones included) bumps the version.
_LEAVE_ROWS_ALONE = (LockChanged, Paused, Resumed, TimeAdded, AutoplayChanged)

_SHOWS_QUESTION = frozenset({Phase.INTRO, Phase.QUESTION, Phase.PAUSED, Phase.REVEAL})
_SHOWS_RANKING = frozenset({Phase.LEADERBOARD, Phase.PODIUM, Phase.ENDED})


def build_host_view(
    game: Game,
    *,
    game_id: str,
    pin: str,
    join_url: str,
    now_ms: int,
    image_urls: dict[str, str],
    leaderboard: tuple[RankRow, ...],
    max_players: int,
    warning: str | None = None,
    alerts: tuple[SourceAlert, ...] = (),
    rows: PlayerRows | None = None,
) -> HostView:
    """The host's view of `game` now; its player rows from `rows` (fresh ones without)."""
    question = None
    if game.question is not None and game.phase in _SHOWS_QUESTION:
        public = game.question
        question = QuestionInfo(
            question=public,
            remaining_ms=game.remaining_ms(now_ms),
            image_url=image_urls.get(public.image) if public.image else None,
            opens_in_ms=game.intro_remaining_ms(now_ms),
            waiting_for_extra=tuple(game.waiting_for_extra(now_ms)),
        )
    reveal = None
    if game.phase is Phase.REVEAL and game.last_reveal is not None:
        reveal = RevealInfo(closed=game.last_reveal, spread=game.last_spread)
    due = game.autoplay_due_ms
    rows = PlayerRows() if rows is None else rows
    players = rows.rows(game)
    return HostView(
        game_id=game_id,
        pin=pin,
        join_url=join_url,
        state=game.phase,
        locked=game.locked,
        players=players,
        question=question,
        answered=game.answered_count,
        answer_counts=game.answer_counts,
        reveal=reveal,
        leaderboard=leaderboard if game.phase in _SHOWS_RANKING else (),
        max_players=max_players,
        warning=warning,
        round=game.round_shown(),
        teams=game.team_ranking(),
        autoplay_ms=game.autoplay_ms,
        autoplay_next_ms=None if due is None else max(0, due - now_ms),
        autoplay_preset_ms=game.settings.autoplay_ms or DEFAULT_AUTOPLAY_MS,
        alerts=alerts,
        questions_left=game.total_questions
        - (0 if game.question_index is None else game.question_index + 1),
        players_version=rows.version,
    )
