"""Highlighting marks what search finds: match_spans folds exactly as the haystacks do."""

from __future__ import annotations

import sys
import unicodedata
from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from timeline_tui.core.query import parse_search
from timeline_tui.core.search import (
    Haystacks,
    folded_with_offsets,
    match_spans,
    search_fold,
    utf8,
)


def marked(text: str, search: str) -> list[str]:
    """The pieces of text marked for a search typed as the user types it."""
    return [text[start:end] for start, end in match_spans(text, parse_search(search).terms)]


def test_sharp_s_is_marked_by_ss() -> None:
    assert marked("Hauptstraße", "strasse") == ["straße"]
    assert marked("Hauptstraße", "STRASSE") == ["straße"]


def test_a_span_never_splits_a_character() -> None:
    """One "s" matches half of the "ss" that "ß" folds to: the whole "ß" is marked."""
    assert marked("Maß", "s") == ["ß"]
    assert marked("Maß", "ass") == ["aß"]
    assert marked("Maß", "sa") == []


def test_marks_after_a_dotted_capital_i_are_not_shifted() -> None:
    """İ folds to two code points (i and a combining dot); the marks after it stay put."""
    assert marked("İstanbul talks on ceasefire", "ceasefire") == ["ceasefire"]
    assert marked("İstanbul talks on ceasefire", "talks") == ["talks"]
    assert marked("İstanbul talks on ceasefire", "i̇stanbul") == ["İstanbul"]


def test_capitals_and_final_sigma() -> None:
    """Final sigma and capital sigma fold alike, whichever of them is typed."""
    assert marked("ΣΊΣΥΦΟΣ", "σίσυφος") == ["ΣΊΣΥΦΟΣ"]
    assert marked("Ο σίσυφος", "ΣΊΣΥΦΟΣ") == ["σίσυφος"]
    assert marked("Talks in KYIV", "kyiv") == ["KYIV"]


def test_ligatures() -> None:
    assert marked("Camp ﬁre near Kharkiv", "fire") == ["ﬁre"]
    assert marked("Camp fire near Kharkiv", "ﬁre") == ["fire"]
    assert marked("Camp ﬁre", "i") == ["ﬁ"]


@pytest.fixture(scope="module")
def every() -> str:
    """Every character a str can hold but surrogates (which no text read holds)."""
    return "".join(chr(code) for code in range(sys.maxunicode + 1) if not 0xD800 <= code < 0xE000)


def test_folding_by_character_is_the_search_fold(every: str) -> None:
    """Over every character: folding one by one gives the search fold, only combining
    marks fold to nothing, and no ASCII character to other than one (so only the others
    need looking at)."""
    pieces = list(map(search_fold, every))
    assert "".join(pieces) == search_fold(every)
    gone = {char for char, piece in zip(every, pieces, strict=True) if not piece}
    assert "\u0301" in gone and "\u0307" in gone
    assert all(unicodedata.category(char).startswith("M") for char in gone)
    assert all(len(piece) == 1 for piece in pieces[:128])
    wide = [char for char, piece in zip(every, pieces, strict=True) if len(piece) > 1]
    assert "ß" in wide and "ﬁ" in wide


@pytest.mark.parametrize(
    ("text", "typed"),
    [("İstanbul", "istanbul"), ("Istanbul", "İSTANBUL"), ("Café", "cafe"), ("cafe", "Café"),
     ("Cafe\u0301", "café"), ("Zelenskyy in Kyïv", "kyiv")],
)  # fmt: skip
def test_search_ignores_case_and_accents(text: str, typed: str) -> None:
    assert Haystacks([utf8(search_fold(text))]).holding(search_fold(typed)) == [0]
    assert marked(text, typed) != []


def test_offsets_point_at_the_character_each_folded_one_came_from(every: str) -> None:
    """Every character that folds to several, between ones that fold to one (ASCII or not)."""
    text = "".join(f"{char}xÉ" for char in every if len(search_fold(char)) > 1) + "İ"
    folded, origin = folded_with_offsets(text)
    assert folded == search_fold(text)
    assert list(origin) == sorted(origin)
    counts = Counter(origin)
    assert all(counts[index] == len(search_fold(char)) for index, char in enumerate(text))
    assert folded_with_offsets("Straße") == ("strasse", [0, 1, 2, 3, 4, 4, 5])
    assert folded_with_offsets("Kyiv") == ("kyiv", range(4))


def test_spans_are_merged_and_terms_may_be_unfolded() -> None:
    assert match_spans("Straße and STRASSE", ["STRASSE", "and"]) == [(0, 6), (7, 10), (11, 18)]
    assert match_spans("talks", ["tal", "lks"]) == [(0, 5)]
    assert match_spans("talks", ["", "absent"]) == []


# Letters that fold to more than one code point, or differently from lower(): ß, İ, ligatures,
# Greek sigma and iota with diaeresis and tonos, Armenian ligature; combining marks; ASCII.
_TRICKY = "ßẞİıﬁﬂﬀﬃΣσςΐΰևŉǰ\u0301\u0307\u0308 "
# A list joined, not st.text: st.text would merge the alphabets into one, drawn from evenly.
texts = st.lists(
    st.one_of(
        st.sampled_from(_TRICKY),  # twice as likely as each of the others
        st.sampled_from(_TRICKY),
        st.sampled_from("aefiklnrstSTRAFEIK"),
        st.characters(codec="utf-8", exclude_characters="\0"),
    ),
    max_size=20,
).map("".join)


@st.composite
def text_and_term(draw: st.DrawFn) -> tuple[str, str]:
    """A text, and a term: most often a piece of its fold (so found), else any text."""
    text = draw(texts)
    folded = search_fold(text)
    if folded and draw(st.integers(0, 3)):
        start = draw(st.integers(0, len(folded) - 1))
        end = draw(st.integers(start + 1, len(folded)))
        return text, folded[start:end]
    return text, draw(texts.filter(search_fold))  # a term of marks alone is no term


@settings(max_examples=200, deadline=None)
@given(text_and_term())
def test_highlight_marks_exactly_what_search_finds(case: tuple[str, str]) -> None:
    text, term = case
    found = Haystacks([utf8(search_fold(text))]).holding(search_fold(term))
    spans = match_spans(text, [term])
    assert bool(spans) == bool(found)
    edges = [edge for span in spans for edge in span]
    assert edges == sorted(set(edges))  # sorted, apart, none empty
    assert all(0 <= edge <= len(text) for edge in edges)
    for start, end in spans:
        assert search_fold(term) in search_fold(text[start:end])
