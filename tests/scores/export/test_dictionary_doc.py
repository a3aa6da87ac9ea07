"""The committed data dictionary page is the one the declared columns generate."""

from pathlib import Path

from games.registry import EXERCISES
from scores.export.dictionary import dictionary_markdown

DOC = Path(__file__).resolve().parents[3] / "docs" / "data-dictionary.md"


def test_committed_dictionary_matches_the_code():
    expected = dictionary_markdown([e.spec for e in EXERCISES])
    assert DOC.read_text(encoding="utf-8") == expected, "regenerate: python tools/data_dictionary.py docs/data-dictionary.md"
