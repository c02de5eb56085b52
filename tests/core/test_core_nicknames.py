"""Nickname rules against abuse: invisible names, look-alikes from other scripts, emoji kept
whole, and letters buried under combining marks."""

from __future__ import annotations

import pytest
from core_kit import assert_rejected, lobby

from quizhost.core import ErrorCode, Join, PlayerJoined
from quizhost.core.nicknames import (
    MAX_NAME_LENGTH,
    check_name,
    cut_to_graphemes,
    graphemes,
    name_key,
    name_problem,
    normalize_name,
    skeleton,
)

FAMILY = "\U0001f468\u200d\U0001f469\u200d\U0001f467"  # man ZWJ woman ZWJ girl: one picture
RAINBOW_FLAG = "\U0001f3f3\ufe0f\u200d\U0001f308"
HEART_HANDS = "\U0001faf6\U0001f3fd"  # with a skin tone


@pytest.mark.parametrize(
    "raw",
    [
        "\u3164\u3164\u3164",  # Hangul filler: a letter by category, draws nothing
        "\uffa0\uffa0",  # half-width Hangul filler
        "\u115f\u1160",  # Hangul choseong and jungseong fillers
        "\u2800\u2800",  # blank Braille pattern: a symbol that draws nothing
        "\u0301\u0308\u0327",  # combining marks with no letter to sit on
        "\u034f\u034f",  # combining grapheme joiner
        "\u180e\u2060\u2061",  # Mongolian vowel separator, word joiner, function application
        "\U000e0041\U000e0042",  # tag characters
    ],
)
def test_invisible_names_are_name_invalid(raw: str) -> None:
    """A name that draws nothing is refused, however its characters are categorised."""
    assert check_name(raw) is None
    assert_rejected(lobby(), Join("id", raw), 0, ErrorCode.NAME_INVALID)


def test_invisible_padding_does_not_make_a_new_name() -> None:
    """'Ada' padded with fillers or blank Braille is 'Ada' again: taken."""
    assert normalize_name("Ada\u3164\u2800") == "Ada"
    assert_rejected(lobby(None, "Ada"), Join("id", "Ada\u2800\u3164"), 0, ErrorCode.NAME_TAKEN)


@pytest.mark.parametrize(
    ("taken", "copy"),
    [
        ("Ada", "\u0410da"),  # Cyrillic capital A
        ("Ada", "\u0430da"),  # Cyrillic small a
        ("Paypal", "\u0420\u0430ypal"),  # Cyrillic Er and a
        ("Bob", "\u0392ob"),  # Greek capital Beta
        ("Scott", "\u0405cott"),  # Cyrillic Dze
        ("joe", "j\u043ee"),  # Cyrillic o
        ("Ada", "\U0001d400da"),  # mathematical bold A (NFKC alone already did this)
    ],
)
def test_look_alikes_from_other_scripts_are_name_taken(taken: str, copy: str) -> None:
    """Names with the same confusable skeleton (TR39) clash, whatever their script."""
    assert name_key(normalize_name(copy)) == name_key(taken)
    assert_rejected(lobby(None, taken), Join("id", copy), 0, ErrorCode.NAME_TAKEN)


@pytest.mark.parametrize(("one", "other"), [("Ada", "Eda"), ("Anna", "Anja"), ("Léa", "Lea")])
def test_different_names_stay_different(one: str, other: str) -> None:
    """The skeleton does not merge names a reader tells apart (accents are letters)."""
    assert name_key(one) != name_key(other)


def test_skeleton_is_the_standard_mapping() -> None:
    """A few lines of Unicode's confusables.txt, read through the package's data."""
    assert skeleton("\u0430") == "a"
    assert skeleton("\u0399") == skeleton("l")  # Greek Iota reads as l, like Latin I
    assert skeleton("m") == "rn"


@pytest.mark.parametrize("emoji", [FAMILY, RAINBOW_FLAG, HEART_HANDS])
def test_an_emoji_sequence_stays_one_character(emoji: str) -> None:
    """The joiners and selectors inside an emoji are kept: the family is not split in three."""
    name = f"Ada {emoji}"
    assert normalize_name(name) == name
    assert graphemes(normalize_name(name))[-1] == emoji
    game = lobby()
    assert game.handle(Join("id", name), 0) == [PlayerJoined("id", name)]


def test_a_joiner_between_letters_is_still_removed() -> None:
    """Only joiners inside emoji sequences survive; between letters they hide a clone."""
    assert normalize_name("A\u200dda") == "Ada"
    assert normalize_name("\u200d\U0001f468") == "\U0001f468"


def test_length_is_counted_in_characters_a_reader_sees() -> None:
    """Twenty family emoji are 20 characters (100 code points would be refused otherwise)."""
    assert name_problem(FAMILY * 7) is None  # 35 code points, 7 characters
    assert name_problem("é" * MAX_NAME_LENGTH) is None
    assert name_problem("e\u0301" * MAX_NAME_LENGTH) is None  # decomposed: 40 code points
    assert name_problem("x" * (MAX_NAME_LENGTH + 1)) is not None
    assert_rejected(lobby(), Join("id", FAMILY * 21), 0, ErrorCode.NAME_INVALID)


def test_a_letter_under_many_combining_marks_is_refused() -> None:
    """One letter with 200 accents is one grapheme but 201 code points: refused."""
    zalgo = "A" + "\u0301\u0300\u0308\u0327" * 50
    assert len(graphemes(zalgo)) == 1
    assert name_problem(normalize_name(zalgo)) is not None
    assert_rejected(lobby(), Join("id", zalgo), 0, ErrorCode.NAME_INVALID)
    tall = "Ada" + "\u0301" * 6  # short, but a tower on one letter
    assert name_problem(normalize_name(tall)) is not None
    assert name_problem("Zoe\u0308") is None


def test_cutting_keeps_whole_characters() -> None:
    """A cut never leaves half an emoji or an accent without its letter."""
    assert cut_to_graphemes(f"A{FAMILY}e\u0301x", 3) == f"A{FAMILY}e\u0301"
    assert cut_to_graphemes("Ada", 10) == "Ada"
