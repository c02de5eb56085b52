"""Keeping the cyclic garbage collector out of a question's burst of answers.

A served game holds a few hundred long-lived objects per connected phone. Every object that
survives a young collection climbs to the older generations, and the collection of an older
generation walks all of them: with 10,000 phones, a pause of a sizeable fraction of a second,
landing in whichever question's burst happens to trip it (the last questions of a long game,
by then). So when a question opens, everything alive is frozen (`gc.freeze`: moved out of
the collector's sight, which costs nothing); during the burst the collector only walks what
the burst itself allocated. When the game ends everything is unfrozen and collected once.

Frozen objects that become cyclic garbage during the game wait for its end: the price is
bounded by one game. Only `quizhost serve` turns this on (`enable`), as it also tunes the
collector's thresholds; tests and library use leave the collector alone.

A class joining is a burst too, of connections: each leaves a few hundred objects that live
as long as it stays, and they fill the young generation every few hundred phones. A
collection then walks them all to keep every one (at 2,000 phones, two of 40-60 ms: ~50 µs
of each join; docs/performance.md, round seven). So a connection arriving, its handshake and
its join freeze the young generation instead, once it is nearly full. The garbage frozen with
it (an aborted connection leaves a cycle of ~2 KiB) is bounded: a game freezes so for the
arrival of at most twice its players' connections, then the collector works as before.
"""

from __future__ import annotations

import gc

#: Connections arriving freeze the young generation once it is this full (of its threshold).
YOUNG_FULL = 0.8

_enabled = False
_arrivals_per_game = 0
_arrivals_left = 0  # connections that may still freeze the young generation in this game


def enable(max_players: int) -> None:
    """Freeze at each question and while a class arrives, collect at the game's end."""
    global _enabled, _arrivals_per_game, _arrivals_left
    _enabled = True
    _arrivals_per_game = _arrivals_left = 2 * max_players


def question_opened() -> None:
    if _enabled:
        gc.freeze()


def game_ended() -> None:
    global _arrivals_left
    if _enabled:
        gc.unfreeze()
        gc.collect()
        gc.freeze()  # what is still alive now lives until the process ends
        _arrivals_left = _arrivals_per_game


def connection_arrived() -> None:
    """A connection was accepted: one of the game's arrivals; see `connection_settling`."""
    global _arrivals_left
    if _arrivals_left > 0:
        _arrivals_left -= 1
        connection_settling()


def connection_settling() -> None:
    """A connection's handshake or join is about to leave objects that stay with it: freeze
    the young generation if it is nearly full, rather than let the collector walk it."""
    if _arrivals_left > 0 and gc.get_count()[0] >= YOUNG_FULL * gc.get_threshold()[0]:
        gc.freeze()
