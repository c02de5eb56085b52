"""The big screen's view: what the room sees, kept small whatever the number of players.

`ScreenFeed` watches the core's events (O(1) work per answer) and keeps only what the
projector needs: the names that joined last, and for the open question the typed answers'
tallies or the slider's buckets. `view()` turns that and the game into a `ScreenView`, whose
size is bounded (top five, twelve names, five typed answers, ten buckets); the session
coalesces the views to at most about four a second.
"""

from __future__ import annotations

from collections import Counter, deque
from collections.abc import Iterable, Mapping

from quizhost.bank.models import Bank, SliderQuestion, TypeAnswerQuestion
from quizhost.bank.textmatch import normalize_answer
from quizhost.core import (
    AnswerAccepted,
    AnswerWithdrawn,
    ErrorCode,
    Event,
    Game,
    LeaderboardEntry,
    LeaderboardShown,
    Phase,
    PlayerForgotten,
    PlayerJoined,
    PlayerKicked,
    PodiumShown,
    QuestionOpened,
    Rejected,
    TextAnswer,
    ValueAnswer,
)
from quizhost.protocol.screen import (
    RECENT_NAMES,
    SCREEN_TOP_SIZE,
    SLIDER_BUCKETS,
    TYPED_ANSWER_MIN_PLAYERS,
    TYPED_ANSWERS_SHOWN,
    ScreenReveal,
    ScreenView,
    SliderSpread,
    TypedAnswer,
)
from quizhost.session.names import NamePolicy

# The intro shows the question alone, answers not yet open.
_SHOWS_QUESTION = frozenset(
    {Phase.INTRO.value, Phase.QUESTION.value, Phase.PAUSED.value, Phase.REVEAL.value}
)
_SHOWS_RANKING = frozenset({Phase.LEADERBOARD, Phase.PODIUM, Phase.ENDED})


class ScreenFeed:
    """Follows the game's events for the big screen; `view()` builds what it shows."""

    def __init__(
        self,
        game: Game,
        bank: Bank,
        *,
        names: NamePolicy,
        image_urls: Mapping[str, str],
        pin: str,
        join_url: str,
    ) -> None:
        self._game = game
        self._bank = bank
        self._names = names
        self._image_urls = image_urls
        self._pin = pin
        self._join_url = join_url
        self._joined: deque[tuple[str, str]] = deque(maxlen=RECENT_NAMES)
        self._top: tuple[LeaderboardEntry, ...] = ()
        # The open question's answers, by player (so a withdrawn answer can be taken back).
        self._keys: dict[str, str | int] = {}
        self._typed: Counter[str] = Counter()
        self._spelling: dict[str, str] = {}  # normalised typed answer -> first spelling seen
        self._buckets: list[int] = [0] * SLIDER_BUCKETS

    def observe(self, events: Iterable[Event]) -> None:
        """Take note of what happened (call with every batch of events the core returned)."""
        for event in events:
            match event:  # answers first: a burst is made of them
                case AnswerAccepted(player_id=player_id, answer=TextAnswer(text=text)):
                    key = normalize_answer(text)
                    if key:
                        self._keys[player_id] = key
                        self._typed[key] += 1
                        self._spelling.setdefault(key, " ".join(text.split()))
                case AnswerAccepted(player_id=player_id, answer=ValueAnswer(value=value)):
                    bucket = self._bucket(value)
                    if bucket is not None:
                        self._keys[player_id] = bucket
                        self._buckets[bucket] += 1
                case AnswerAccepted():
                    pass  # a choice: the game counts choices
                case PlayerJoined(player_id=player_id, name=name):
                    self._joined.append((player_id, name))
                case PlayerKicked(player_id=player_id) | PlayerForgotten(player_id=player_id):
                    self._forget_name(player_id)
                case QuestionOpened():
                    self._keys.clear()
                    self._typed.clear()
                    self._spelling.clear()
                    self._buckets = [0] * SLIDER_BUCKETS
                case AnswerWithdrawn(player_id=player_id):
                    self._withdraw(player_id)
                case LeaderboardShown(entries=entries) | PodiumShown(entries=entries):
                    self._top = entries[:SCREEN_TOP_SIZE]

    def view(self, now_ms: int) -> ScreenView:
        game = self._game
        question = game.question if game.phase.value in _SHOWS_QUESTION else None
        image_url = None
        if question is not None and question.image is not None:
            image_url = self._image_urls.get(question.image)
        return ScreenView(
            state=game.phase.value,
            pin=self._pin,
            join_url=self._join_url,
            locked=game.locked,
            players=game.active_count,
            joined=tuple(n for _, n in self._joined) if game.phase is Phase.LOBBY else (),
            question=question,
            image_url=image_url,
            remaining_ms=game.remaining_ms(now_ms) if question is not None else None,
            answered=game.answered_count,
            reveal=self._reveal() if game.phase is Phase.REVEAL else None,
            top=self._top if game.phase in _SHOWS_RANKING else (),
            opens_in_ms=game.intro_remaining_ms(now_ms),
            round=game.round_shown() if game.phase is Phase.ROUND else None,
            teams=game.team_ranking() if game.phase in _SHOWS_RANKING else (),
        )

    # Helpers.

    def _forget_name(self, player_id: str) -> None:
        kept = [(pid, name) for pid, name in self._joined if pid != player_id]
        self._joined = deque(kept, maxlen=RECENT_NAMES)

    def _withdraw(self, player_id: str) -> None:
        key = self._keys.pop(player_id, None)
        if isinstance(key, str):
            self._typed[key] -= 1
        elif isinstance(key, int):
            self._buckets[key] -= 1

    def use_bank(self, bank: Bank) -> None:
        """Read questions from `bank` from now on (the game's bank was reloaded in the lobby)."""
        self._bank = bank

    def _bank_question(self) -> object:
        index = self._game.question_index
        if index is None:
            return None
        return self._bank.questions[self._game.bank_index(index)]

    def _bucket(self, value: float) -> int | None:
        question = self._bank_question()
        if not isinstance(question, SliderQuestion):
            return None
        span = question.maximum - question.minimum
        if span <= 0:
            return 0
        share = (value - question.minimum) / span
        return min(SLIDER_BUCKETS - 1, max(0, int(share * SLIDER_BUCKETS)))

    def _reveal(self) -> ScreenReveal | None:
        closed = self._game.last_reveal
        if closed is None:
            return None
        question = self._bank_question()
        if isinstance(question, TypeAnswerQuestion):
            return ScreenReveal(closed, accepted=question.accepted, typed=self._common_typed())
        if isinstance(question, SliderQuestion):
            spread = SliderSpread(question.answer, question.margin, tuple(self._buckets))
            return ScreenReveal(closed, slider=spread)
        return ScreenReveal(closed)

    def _common_typed(self) -> tuple[TypedAnswer, ...]:
        """The most common typed answers given by at least two players, none with a word
        the school blocked for nicknames (the projector shows no one's rude word)."""
        shown: list[TypedAnswer] = []
        for key, players in self._typed.most_common():
            if players < TYPED_ANSWER_MIN_PLAYERS or len(shown) == TYPED_ANSWERS_SHOWN:
                break
            spelling = self._spelling[key]
            try:
                self._names.check(spelling)
            except Rejected as exc:
                if exc.code is ErrorCode.NAME_INVALID:
                    continue
                raise
            shown.append(TypedAnswer(spelling, players))
        return tuple(shown)
