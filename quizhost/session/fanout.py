"""Frames to the players' phones: events in, one serialisation per audience out.

Players never get a frame per answer. A frame everyone shares (`question`, `paused`, `ended`)
is encoded once and queued on every link; a per-player frame (`reveal`, `leaderboard`,
`podium`) shares a pre-serialised prefix and appends the player's own part; the lobby count is
coalesced to about one frame a second, however fast players join.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable, Mapping
from types import MappingProxyType

from quizhost.core import (
    AnswerAccepted,
    AnswerWithdrawn,
    Event,
    ExtraTimeSet,
    Game,
    GameEnded,
    LeaderboardEntry,
    LeaderboardShown,
    Paused,
    Phase,
    PlayerForgotten,
    PlayerJoined,
    PlayerKicked,
    PlayerLeft,
    PlayerRejoined,
    PodiumShown,
    PublicQuestion,
    QuestionClosed,
    QuestionIntroduced,
    QuestionOpened,
    Resumed,
    RoundShown,
    TeamStanding,
    TimeAdded,
)
from quizhost.protocol import CLOSE_KICKED, CLOSE_REPLACED, outbound
from quizhost.session.link import Link
from quizhost.session.timers import Clock, Coalescer

Spawn = Callable[[Awaitable[object]], None]


class Fanout:
    """The connected players' links, and what each is sent when the game changes."""

    def __init__(
        self,
        game: Game,
        *,
        clock: Clock,
        image_urls: Mapping[str, str],
        lobby_interval_s: Callable[[], float],
        spawn: Spawn,
    ) -> None:
        self._game = game
        self._clock = clock
        self._image_urls = image_urls
        self._spawn = spawn
        self._links: dict[str, Link] = {}
        self._ranking: tuple[LeaderboardEntry, ...] = ()
        self._ranking_by_id: dict[str, LeaderboardEntry] = {}
        self._teams: tuple[TeamStanding, ...] = ()
        self._lobby = Coalescer(self._flush_lobby, lobby_interval_s, trailing=True)
        self._lobby_sent = -1

    @property
    def links(self) -> Mapping[str, Link]:
        """The connected players' links by player id (read-only)."""
        return MappingProxyType(self._links)

    @property
    def ranking(self) -> tuple[LeaderboardEntry, ...]:
        """The last ranking shown (leaderboard or podium), best first."""
        return self._ranking

    def remember_ranking(
        self, entries: tuple[LeaderboardEntry, ...], teams: tuple[TeamStanding, ...] = ()
    ) -> None:
        self._ranking = entries
        self._teams = teams
        self._ranking_by_id = {entry.player_id: entry for entry in entries}

    def stop(self) -> None:
        self._lobby.stop()

    # Links coming and going.

    def attach(self, player_id: str, link: Link, welcome: bytes) -> None:
        """`link` now speaks for the player: send `welcome`, then where the game is.

        An older link of the same player is closed (replaced by this one).
        """
        old = self._links.get(player_id)
        if old is not None and old is not link:
            self._spawn(old.close(CLOSE_REPLACED, "replaced by a newer connection"))
        self._links[player_id] = link
        link.send(welcome)
        for frame in self._state_frames(player_id):
            link.send(frame)

    def detach(self, player_id: str, link: Link) -> bool:
        """Forget a closed link; False if it was an older one, already replaced."""
        if self._links.get(player_id) is not link:
            return False
        del self._links[player_id]
        return True

    def send_to(self, player_id: str, frame: bytes) -> None:
        link = self._links.get(player_id)
        if link is not None:
            link.send(frame)

    # Events to frames.

    def dispatch(self, events: Iterable[Event]) -> None:
        for event in events:
            if type(event) in _NOTHING_FOR_PHONES:  # an answer's event, first of all
                continue
            match event:
                case PlayerJoined():
                    self._lobby.mark()
                case PlayerKicked(player_id=player_id):
                    self._kick_link(player_id)
                    self._lobby.mark()
                case QuestionClosed():
                    self._send_reveals(event)
                case LeaderboardShown(entries=entries, teams=teams):
                    self._send_ranking("leaderboard", entries, outbound.LEADERBOARD_SIZE, teams)
                case PodiumShown(entries=entries, teams=teams):
                    self._send_ranking("podium", entries, outbound.PODIUM_SIZE, teams)
                case ExtraTimeSet(player_id=player_id, remaining_ms=remaining_ms):
                    if remaining_ms is not None:  # mid-question: their own clock, at once
                        for frame in self._state_frames(player_id):
                            self.send_to(player_id, frame)
                case _:
                    shared = self._shared_frame(event)
                    if shared is not None:
                        self._broadcast(shared, self._own_clock_frames(event))

    def _shared_frame(self, event: Event) -> bytes | None:
        """The frame every phone gets alike for `event`, if any."""
        match event:
            case RoundShown():
                return outbound.round_frame(event)
            case QuestionIntroduced(question=question, read_ms=read_ms):
                return outbound.get_ready_frame(question, read_ms, self._image_url())
            case QuestionOpened(question=question, remaining_ms=remaining_ms):
                return outbound.question_frame(question, remaining_ms, self._image_url())
            case Paused():
                return outbound.PAUSED
            case Resumed(remaining_ms=remaining_ms):
                return outbound.remaining_frame("resumed", remaining_ms)
            case TimeAdded(remaining_ms=remaining_ms):
                return outbound.remaining_frame("time_added", remaining_ms)
            case GameEnded():
                return outbound.ENDED
        return None

    def _own_clock_frames(self, event: Event) -> dict[str, bytes]:
        """The frames of the connected players with extra time whose clock `event` set, by id
        (usually none: everyone else shares the one frame)."""
        marked = self._game.extra_time
        if not marked or not isinstance(event, QuestionOpened | Resumed | TimeAdded):
            return {}
        game, own = self._game, {}
        for player_id, percent in marked.items():
            if player_id not in self._links:
                continue
            extra = game.extra_ms_of(player_id)
            if isinstance(event, QuestionOpened):
                own[player_id] = outbound.question_frame(
                    event.question,
                    event.remaining_ms + extra,
                    self._image_url(),
                    extra_percent=percent,
                    limit_ms=game.player_limit_ms(player_id),
                )
            else:  # the class still has time here: theirs is that plus their extra
                frame_type = "resumed" if isinstance(event, Resumed) else "time_added"
                own[player_id] = outbound.remaining_frame(frame_type, event.remaining_ms + extra)
        return own

    def _question_frame(self, player_id: str, question: PublicQuestion) -> bytes:
        """The open question with the player's own time left (and limit, when marked)."""
        game = self._game
        remaining = game.player_remaining_ms(player_id, self._clock()) or 0
        percent = game.extra_time.get(player_id, 0)
        return outbound.question_frame(
            question,
            remaining,
            self._image_url(),
            extra_percent=percent,
            limit_ms=game.player_limit_ms(player_id) if percent else None,
        )

    def _state_frames(self, player_id: str) -> list[bytes]:
        """What a (re)joining phone needs to land where the game is."""
        game = self._game
        phase = game.phase
        if phase is Phase.LOBBY:
            return [outbound.lobby_frame(game.active_count)]
        shown = game.round_shown()
        if phase is Phase.ROUND and shown is not None:
            return [outbound.round_frame(shown)]
        if phase is Phase.INTRO and game.question is not None:
            read_ms = game.intro_remaining_ms(self._clock()) or 0
            return [outbound.get_ready_frame(game.question, read_ms, self._image_url())]
        if phase in (Phase.QUESTION, Phase.PAUSED) and game.question is not None:
            frames = [self._question_frame(player_id, game.question)]
            if phase is Phase.PAUSED:
                frames.append(outbound.PAUSED)
            if game.has_answered(player_id):
                frames.append(outbound.answer_ack_frame(game.question.index))
            return frames
        if phase is Phase.REVEAL and game.last_reveal is not None:
            closed = game.last_reveal
            score, rank = self._score_and_rank(player_id)
            you = outbound.reveal_you(closed.results.get(player_id), score, rank)
            return [outbound.reveal_frame(self._reveal_prefix(closed), you)]
        if phase in (Phase.LEADERBOARD, Phase.PODIUM):
            frame_type, size = (
                ("leaderboard", outbound.LEADERBOARD_SIZE)
                if phase is Phase.LEADERBOARD
                else ("podium", outbound.PODIUM_SIZE)
            )
            prefix = outbound.ranking_prefix(frame_type, self._ranking, size, self._teams)
            score, rank = self._score_and_rank(player_id)
            return [outbound.ranking_frame(prefix, rank, score)]
        return [outbound.ENDED]

    def _score_and_rank(self, player_id: str) -> tuple[int, int]:
        entry = self._ranking_by_id.get(player_id)
        if entry is not None:
            return entry.score, entry.rank
        for ranked in self._game.ranking():  # a newcomer since the last ranking: rare
            if ranked.player_id == player_id:
                return ranked.score, ranked.rank
        return 0, self._game.active_count

    def _reveal_prefix(self, closed: QuestionClosed) -> bytes:
        return outbound.reveal_prefix(closed, self._game.question, self._image_url())

    def _image_url(self) -> str | None:
        question = self._game.question
        if question is None or question.image is None:
            return None
        return self._image_urls.get(question.image)

    def _send_reveals(self, closed: QuestionClosed) -> None:
        prefix = self._reveal_prefix(closed)
        results = closed.results
        for player_id, link in self._links.items():
            result = results.get(player_id)
            if result is None:
                score, rank = self._score_and_rank(player_id)
                you = outbound.reveal_you(None, score, rank)
            else:
                you = outbound.reveal_you(result, result.score, result.rank)
            link.send(outbound.reveal_frame(prefix, you))

    def _send_ranking(
        self,
        frame_type: str,
        entries: tuple[LeaderboardEntry, ...],
        size: int,
        teams: tuple[TeamStanding, ...],
    ) -> None:
        self.remember_ranking(entries, teams)
        prefix = outbound.ranking_prefix(frame_type, entries, size, teams)
        for player_id, link in self._links.items():
            score, rank = self._score_and_rank(player_id)
            link.send(outbound.ranking_frame(prefix, rank, score))

    def _kick_link(self, player_id: str) -> None:
        link = self._links.pop(player_id, None)
        if link is not None:
            link.send(outbound.KICKED)
            self._spawn(link.close(CLOSE_KICKED, "kicked by the host"))

    def _broadcast(self, frame: bytes, own: Mapping[str, bytes] | None = None) -> None:
        """`frame` to every connected player, or their `own` frame instead where one is given."""
        if not own:
            for link in self._links.values():
                link.send(frame)
            return
        for player_id, link in self._links.items():
            link.send(own.get(player_id, frame))

    def _flush_lobby(self) -> None:
        if self._game.phase is not Phase.LOBBY:
            return
        count = self._game.active_count
        if count != self._lobby_sent:
            self._lobby_sent = count
            self._broadcast(outbound.lobby_frame(count))


#: Events no phone hears of (the answering phone gets its ack from the session): skipped
#: before the match below, which would try every case on each answer of a burst.
_NOTHING_FOR_PHONES: frozenset[type[Event]] = frozenset(
    {AnswerAccepted, AnswerWithdrawn, PlayerLeft, PlayerRejoined, PlayerForgotten}
)
