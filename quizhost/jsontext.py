"""Compact JSON text, written by orjson when the `quizhost[fast]` extra is installed.

Two writers need it on every answer of a burst: the frames sent to phones (protocol/outbound)
and the journal entries stored (store/records). orjson writes the same compact, UTF-8 text as
the standard library with `separators=(",", ":")` and `ensure_ascii=False` for the values we
write (finite numbers, strings, lists, dicts with string keys), 10-30 times faster; floats in
its shortest form, which reads back as the same number. Whatever it refuses (a non-string key,
an integer past 64 bits) the standard library writes.
"""

from __future__ import annotations

import json
from collections.abc import Callable

_fast: Callable[[object], bytes] | None
_fast_sorted: Callable[[object], bytes] | None
try:  # docs/performance.md: the [fast] extra
    import orjson

    _fast = orjson.dumps

    def _fast_sorted(value: object) -> bytes:
        return orjson.dumps(value, option=orjson.OPT_SORT_KEYS)

except ImportError:  # pragma: no cover - the extra is installed where the tests run
    _fast = _fast_sorted = None


def encode_std(value: object, *, sort_keys: bool = False) -> bytes:
    """Compact UTF-8 JSON with the standard library: the reference, and the fallback."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=sort_keys)
    return text.encode()


def encode(value: object, *, sort_keys: bool = False) -> bytes:
    """Any JSON value as compact UTF-8 JSON (keys sorted if asked)."""
    fast = _fast_sorted if sort_keys else _fast
    if fast is not None:
        try:
            return fast(value)
        except TypeError:
            pass
    return encode_std(value, sort_keys=sort_keys)
