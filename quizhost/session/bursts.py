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
"""

from __future__ import annotations

import gc

_enabled = False


def enable() -> None:
    """Freeze at each question and collect at the game's end, in this process."""
    global _enabled
    _enabled = True


def question_opened() -> None:
    if _enabled:
        gc.freeze()


def game_ended() -> None:
    if _enabled:
        gc.unfreeze()
        gc.collect()
        gc.freeze()  # what is still alive now lives until the process ends
