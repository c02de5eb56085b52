"""The page's language catalogs: one per listed language, every key, the same placeholders."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

PLAYER_WEB = Path(__file__).resolve().parents[2] / "player_web"
CATALOGS = PLAYER_WEB / "i18n"
LISTED = re.compile(
    r'code: "([a-z]{2,3})", name: "[^"]+", dir: "(ltr|rtl)", catalog: "/i18n/\1\.json"'
)
PLACEHOLDER = re.compile(r"\{(\w+)\}")
WANTED = {"en", "de", "fr", "es", "pt", "it", "nl", "pl", "tr", "ar"}


def listed() -> dict[str, str]:
    """languages.js: code -> direction."""
    return dict(LISTED.findall((PLAYER_WEB / "languages.js").read_text(encoding="utf-8")))


def catalog(code: str) -> dict[str, str]:
    data = json.loads((CATALOGS / f"{code}.json").read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def test_every_listed_language_has_a_catalog_and_every_catalog_is_listed() -> None:
    """languages.js and i18n/ name the same languages, the ten the page promises at least."""
    codes = set(listed())
    assert codes == {p.stem for p in CATALOGS.glob("*.json")}
    assert codes >= WANTED
    assert listed()["ar"] == "rtl"
    assert {code for code, way in listed().items() if way == "rtl"} == {"ar"}


@pytest.mark.parametrize("code", sorted(WANTED - {"en"}))
def test_a_catalog_has_every_key_with_the_same_placeholders(code: str) -> None:
    """Nothing missing, nothing extra, and `{n}` where English has `{n}`."""
    english, other = catalog("en"), catalog(code)
    assert sorted(other) == sorted(english)
    for key, text in other.items():
        assert isinstance(text, str) and text.strip(), key
        assert set(PLACEHOLDER.findall(text)) == set(PLACEHOLDER.findall(english[key])), key


def test_every_key_the_page_asks_for_is_in_the_catalog() -> None:
    """Each literal key in `t("...")`, `plural("...")` and `data-i18n` exists in English."""
    english = catalog("en")
    wanted: set[str] = set()
    for path in PLAYER_WEB.glob("*.js"):
        wanted |= set(re.findall(r'\bt\("([a-zA-Z.]+)"', path.read_text(encoding="utf-8")))
        for key in re.findall(r'\bplural\("([a-zA-Z.]+)"', path.read_text(encoding="utf-8")):
            wanted |= {key + ".one", key + ".other"}
    html = (PLAYER_WEB / "index.html").read_text(encoding="utf-8")
    wanted |= set(re.findall(r'data-i18n(?:-label)?="([^"]+)"', html))
    # `t("join.error." + code)`: one message per join error the page knows.
    join = (PLAYER_WEB / "join.js").read_text(encoding="utf-8")
    block = join.split("export const JOIN_ERRORS = {", 1)[1].split("};", 1)[0]
    codes = re.findall(r"^\s*([a-z_]+):", block, re.MULTILINE)
    assert "bad_pin" in codes
    wanted = {key for key in wanted if not key.endswith(".")} | {f"join.error.{c}" for c in codes}
    assert len(wanted) > 50, "too few keys found: the pattern is wrong"
    assert wanted <= set(english), sorted(wanted - set(english))
