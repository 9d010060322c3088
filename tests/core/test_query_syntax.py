"""The query language's parser: every construct, malformed input with its column, and never
an exception but QueryError, whatever the text."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from timeline_tui.core.query_syntax import (
    FIELDS,
    WORD,
    And,
    Or,
    QueryError,
    Term,
    days_of,
    parse_query,
)

TODAY = date(2025, 8, 20)


def parsed(text: str) -> tuple[Term | Or, ...]:
    return parse_query(text, TODAY).items


def error(text: str) -> QueryError:
    with pytest.raises(QueryError) as caught:
        parse_query(text, TODAY)
    return caught.value


def day(text: str) -> int:
    return date.fromisoformat(text).toordinal()


def test_words_and_phrases_are_anded_terms() -> None:
    assert parsed('ceasefire "security  guarantees" Putin\'s') == (
        Term(WORD, "ceasefire"), Term(WORD, "security guarantees"), Term(WORD, "Putin's"),
    )  # fmt: skip
    assert parse_query("", TODAY) == And() == parse_query("   ", TODAY)


def test_an_unclosed_quote_is_the_phrase_so_far() -> None:
    assert parsed('"security gu') == (Term(WORD, "security gu"),)
    assert parsed('"') == ()


def test_minus_leaves_out_a_word_a_phrase_or_a_field() -> None:
    assert parsed('Zelenskyy -Trump -"White House" -tag:x') == (
        Term(WORD, "Zelenskyy"), Term(WORD, "Trump", negated=True),
        Term(WORD, "White House", negated=True), Term("tag", "x", negated=True),
    )  # fmt: skip


def test_every_field_parses_with_a_word_or_a_quoted_value() -> None:
    assert parsed('actor:"von der Leyen" tag:"security guarantees" place:Kyiv') == (
        Term("actor", "von der Leyen"), Term("tag", "security guarantees"), Term("place", "Kyiv"),
    )  # fmt: skip
    assert parsed("STATUS:Reported source:seed-article file:*.toml") == (
        Term("status", "reported"), Term("source", "seed-article"), Term("file", "*.toml"),
    )  # fmt: skip
    assert parsed("is:stale has:quote has:problem is:star") == (
        Term("is", "stale"), Term("has", "quote"), Term("has", "problem"), Term("is", "star"),
    )  # fmt: skip


def test_a_field_with_nothing_yet_after_it_is_left_out() -> None:
    assert parsed("actor: ceasefire tag:") == (Term(WORD, "ceasefire"),)


def test_dates_are_read_into_the_days_they_cover() -> None:
    after, before, on = parsed('after:2025-08-16 before:"18 Aug 2025" on:2025-08')
    assert after.days == (day("2025-08-16"),) * 2
    assert before.days == (day("2025-08-18"),) * 2
    assert on.days == (day("2025-08-01"), day("2025-08-31"))
    assert days_of("2024", TODAY) == (day("2024-01-01"), day("2024-12-31"))
    assert days_of("2024-02", TODAY) == (day("2024-02-01"), day("2024-02-29"))


def test_relative_dates_count_from_today() -> None:
    assert days_of("today", TODAY) == (day("2025-08-20"),) * 2
    assert days_of("yesterday", TODAY) == (day("2025-08-19"),) * 2
    assert days_of("-3d", TODAY) == (day("2025-08-17"),) * 2
    assert days_of("-2w", TODAY) == (day("2025-08-06"),) * 2
    assert days_of("last Friday", TODAY) == (day("2025-08-15"),) * 2


def test_a_word_that_is_an_iso_date_means_on_that_date() -> None:
    (term,) = parsed("2025-08-18")
    assert (term.field, term.days) == ("on", (day("2025-08-18"),) * 2)
    assert parsed('"2025-08-18"') == (Term(WORD, "2025-08-18"),)  # quoted: the text
    assert parsed("13:15") == (Term(WORD, "13:15"),)  # no field: a word


def test_or_joins_the_terms_on_either_side_and_binds_tighter_than_and() -> None:
    assert parsed("ceasefire OR sanctions kyiv") == (
        Or((Term(WORD, "ceasefire"), Term(WORD, "sanctions"))), Term(WORD, "kyiv"),
    )  # fmt: skip
    assert parsed("a OR tag:b OR -c") == (
        Or((Term(WORD, "a"), Term("tag", "b"), Term(WORD, "c", negated=True))),
    )
    assert parsed("this or that") == (Term(WORD, "this"), Term(WORD, "or"), Term(WORD, "that"))


@pytest.mark.parametrize(
    ("text", "column", "words"),
    [
        ("ceasefire OR", 11, "after it"),
        ("OR ceasefire", 1, "before it"),
        ("a OR OR b", 6, "before it"),
        ("kyiv -", 6, "nothing after -"),
        ("kyiv tga:x", 6, "did you mean tag:?"),
        ("kyiv -tga:x", 7, "unknown field tga:"),
        ("zzzz:x", 1, "the fields: actor, tag, place"),
        ("status:happened", 8, "occurred, scheduled, reported, cancelled"),
        ("is:starred", 4, "star, new, changed, stale"),
        ("has:quotes", 5, "quote, note, problem, conflict"),
        ("after:blah", 7, "cannot read the date 'blah'"),
        ('x on:"31 Feb 2025"', 6, "cannot read the date"),
        ("before:-9999999d", 8, "cannot read the date"),
    ],
)
def test_what_does_not_parse_says_what_and_where(text: str, column: int, words: str) -> None:
    problem = error(text)
    assert problem.column == column
    assert words in problem.message
    assert str(problem).startswith(f"column {column}: ")


_PIECES = st.sampled_from(
    [*(f"{name}:" for name in FIELDS), "-", '"', "OR", " ", "x", "2025-08-18", "-3d", ":", "\0"]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(_PIECES, st.text(max_size=6)), max_size=12).map("".join))
def test_any_text_parses_or_is_a_query_error(text: str) -> None:
    try:
        query = parse_query(text, TODAY)
    except QueryError as problem:
        assert 1 <= problem.column <= len(text) + 1
    else:
        assert isinstance(query, And)
