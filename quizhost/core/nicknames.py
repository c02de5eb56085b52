"""Nickname rules: what a player may be called, and when two names are the same.

Normalisation (in this order): Unicode NFKC (full-width and styled letters become plain); remove
control (Cc), lone surrogate (Cs) and format (Cf) characters and every other default-ignorable
code point (zero-width spaces and joiners, bidi marks, variation selectors, Hangul fillers),
except the joiner and the variation selector inside an emoji sequence, so a ZWJ family emoji
stays one picture; read blank-looking symbols (the blank Braille pattern) as spaces; collapse
every run of whitespace to one space and strip.

A valid name then has 1..20 characters counted as a reader counts them, by extended grapheme
cluster (an emoji sequence or a letter with its accents is one), at most 50 code points, no
character carrying more than 5 combining marks, and at least one visible character (a letter,
digit, punctuation or symbol): a name of marks alone is invisible.

Two names clash when their keys are equal: reduced to their confusable skeleton, case-folded,
and reduced again (Unicode TR39: a Cyrillic "А" reads as a Latin "A"), with the mapping data of the
`confusable-homoglyphs` package (Unicode's confusables.txt).
"""

from __future__ import annotations

import functools
import json
import unicodedata
from importlib import resources
from typing import Final

import regex

MAX_NAME_LENGTH: Final = 20  # grapheme clusters
MAX_NAME_CODE_POINTS: Final = 50
MAX_MARKS_PER_CHARACTER: Final = 5

_REMOVED_CATEGORIES = frozenset({"Cc", "Cf", "Cs"})
_ZWJ = "\u200d"
_EMOJI_VS = "\ufe0f"
#: Symbols that draw nothing but are not whitespace by Unicode's rules: read as a space.
_BLANKS = str.maketrans({"\u2800": " "})
_GRAPHEME = regex.compile(r"\X")
_INVISIBLE = regex.compile(r"[\p{Default_Ignorable_Code_Point}\p{Cc}\p{Cf}\p{Cs}]")
_PICTOGRAPHIC = regex.compile(r"\p{Extended_Pictographic}")
_MARK_CATEGORIES = frozenset({"Mn", "Me"})
_VISIBLE_CATEGORY_CLASSES = frozenset("LNPS")


def _pictographic(ch: str) -> bool:
    return _PICTOGRAPHIC.match(ch) is not None


def _keep(text: str, index: int) -> bool:
    """Whether the invisible character at `index` belongs to an emoji sequence."""
    ch = text[index]
    before = text[index - 1] if index > 0 else ""
    if ch == _EMOJI_VS:
        return bool(before) and _pictographic(before)
    if ch == _ZWJ:
        after = text[index + 1] if index + 1 < len(text) else ""
        # The joiner may follow a variation selector or a skin tone: look past them.
        back = index - 1
        while back >= 0 and (text[back] == _EMOJI_VS or "\U0001f3fb" <= text[back] <= "\U0001f3ff"):
            back -= 1
        return back >= 0 and _pictographic(text[back]) and bool(after) and _pictographic(after)
    return False


def normalize_name(name: str) -> str:
    """The name as it will be shown; may be empty, too long or invisible (see `check_name`)."""
    text = unicodedata.normalize("NFKC", name).translate(_BLANKS)
    kept = [
        ch
        for index, ch in enumerate(text)
        if not (unicodedata.category(ch) in _REMOVED_CATEGORIES or _INVISIBLE.match(ch) is not None)
        or _keep(text, index)
    ]
    return " ".join("".join(kept).split())


def graphemes(text: str) -> list[str]:
    """The characters of `text` as a reader counts them (extended grapheme clusters)."""
    return _GRAPHEME.findall(text)


def cut_to_graphemes(text: str, limit: int) -> str:
    """At most `limit` grapheme clusters of `text`: never half an emoji or a bare accent."""
    return "".join(graphemes(text)[:limit])


def _visible(cluster: str) -> bool:
    return any(unicodedata.category(ch)[0] in _VISIBLE_CATEGORY_CLASSES for ch in cluster)


def name_problem(normal_name: str) -> str | None:
    """Why a normalised name is refused, in words for the player; None when it is valid."""
    clusters = graphemes(normal_name)
    if not any(_visible(cluster) for cluster in clusters):
        return "a name needs at least one visible letter, digit or symbol"
    if len(clusters) > MAX_NAME_LENGTH:
        return f"a name has at most {MAX_NAME_LENGTH} characters"
    if len(normal_name) > MAX_NAME_CODE_POINTS:
        return "this name is too long: use fewer accents or emoji"
    for cluster in clusters:
        decomposed = unicodedata.normalize("NFD", cluster)
        marks = sum(unicodedata.category(ch) in _MARK_CATEGORIES for ch in decomposed)
        if marks > MAX_MARKS_PER_CHARACTER:
            return "a character of this name carries too many accents"
    return None


def check_name(name: str) -> str | None:
    """The normalised name, or None when `name_problem` refuses it."""
    normal = normalize_name(name)
    return normal if name_problem(normal) is None else None


@functools.cache
def _skeleton_map() -> dict[str, str]:
    """One code point -> its confusable prototype, from the package's confusables.json.

    The package stores each line of confusables.txt both ways (source -> prototype and
    prototype -> source). A prototype is never a source, and a source has exactly one
    prototype, so: a character listed with several look-alikes is a prototype (maps to
    itself); one listed with a single look-alike maps to it unless that look-alike is the
    prototype of several; a pair that only know each other map both to the smaller one, which
    gives the same classes of look-alikes as the standard's direction would.
    """
    data = resources.files("confusable_homoglyphs").joinpath("confusables.json").read_text("utf-8")
    table: dict[str, list[dict[str, str]]] = json.loads(data)

    def clean(text: str) -> str:
        return text.replace("\u200e", "").replace("\u200f", "")

    mapping: dict[str, str] = {}
    for char, alikes in table.items():
        if len(char) != 1 or len(alikes) != 1:
            continue
        other = clean(alikes[0]["c"])
        if len(other) != 1:
            mapping[char] = other  # a character that reads as several ("m" -> "rn")
            continue
        partners = table.get(other, [])
        if len(partners) > 1 or other < char:
            mapping[char] = other
    return mapping


def load_confusables() -> None:
    """Read Unicode's confusables now: the first name compared reads them (~20 ms of JSON),
    and a server calls this before it listens, so that is not a phone's join in the middle of
    a class joining at once."""
    _skeleton_map()


def skeleton(text: str) -> str:
    """The TR39 skeleton of `text`: NFD, each character replaced by its prototype, NFD again."""
    mapping = _skeleton_map()
    decomposed = unicodedata.normalize("NFD", text)
    return unicodedata.normalize("NFD", "".join(mapping.get(ch, ch) for ch in decomposed))


def name_key(normal_name: str) -> str:
    """What two names are compared by: invisible characters dropped, then the skeleton of the
    case-folded skeleton (a Greek capital Beta reads as B before it is folded to b)."""
    visible = _INVISIBLE.sub("", unicodedata.normalize("NFKC", normal_name))
    return skeleton(unicodedata.normalize("NFKC", skeleton(visible).casefold()))
