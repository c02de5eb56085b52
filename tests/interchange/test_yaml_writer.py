"""The YAML writer: any text an import brings in reads back as exactly that text."""

from __future__ import annotations

from io import StringIO

from hypothesis import given
from hypothesis import strategies as st
from ruamel.yaml import YAML

from quizhost.interchange.yamlout import scalar

# Texts as imports meet them: any characters a file can hold, quotes, colons, hashes, "yes".
ANY_TEXT = st.text(st.characters(exclude_categories=["Cs"]), min_size=1, max_size=40)
TEXTS = ANY_TEXT | st.sampled_from(
    ["yes", "No", "true", "null", "~", "- item", "a: b", "a #b", "'q'", '"q"', "1.50", "0x1F",
     "2024-01-01", "  padded ", "@home", "|bar", "{x}", "[x]", "*star", "&ref", "!tag", "%p"]
)  # fmt: skip


@given(TEXTS)
def test_scalar_reads_back_as_the_same_string(text: str) -> None:
    """`key: SCALAR` parsed by YAML 1.2 gives back `text`, whatever it holds."""
    loaded = YAML(typ="safe").load(StringIO(f"key: {scalar(text)}\n"))
    assert loaded == {"key": text}
