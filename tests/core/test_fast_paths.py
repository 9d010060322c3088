"""The quick paths of the load and the search give exactly what the plain ones give."""

from __future__ import annotations

import random
import re
import warnings
from dataclasses import fields

import pytest
from dateutil import parser as dateutil_parser

from timeline_tui.core import dates
from timeline_tui.core.model import Event, Quote, When
from timeline_tui.core.query import Index, Query, apply
from timeline_tui.records.lines import LineIndex
from timeline_tui.storage import makers


def dateutil_twice(text: str) -> object:
    """What dates._parse_twice computed before its quick path: dateutil, twice."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            a = dateutil_parser.parse(
                text, default=dates._DEFAULT_A, tzinfos=dates.TZ_ABBREVIATIONS
            )
            b = dateutil_parser.parse(
                text, default=dates._DEFAULT_B, tzinfos=dates.TZ_ABBREVIATIONS
            )
        except (ValueError, OverflowError, TypeError):
            return "error"
    return "warning" if caught else (a, b)


def date_texts(count: int) -> list[str]:
    rng = random.Random(7)
    months = [*dates._MONTHS, "Sept", "AUGUST", "Aug"]
    out = []
    for _ in range(count):
        month = rng.choice(months)
        day = rng.choice([1, 4, 9, 12, 28, 29, 30, 31, 0, 32, 45])
        year = rng.choice([2025, 2024, 1999, 999, "0999", "0000", 2100])
        clock = rng.choice(["", " 13:15", " 9:05", " 00:00", " 23:59", " 24:00", " 12:60"])
        zone = (
            rng.choice(["", " EDT", " edt", " UTC", " CEST", " MSK", " PST", " XYZ"])
            if clock
            else ""
        )
        weekday = rng.choice(["", "", "Fri ", "Friday, ", "mon ", "Thurs ", "Tue, "])
        form = rng.randrange(3)
        if form == 0:
            out.append(f"{weekday}{day} {month} {year}{clock}{zone}")
        elif form == 1:
            out.append(f"{weekday}{month} {day}{rng.choice([',', ''])} {year}{clock}{zone}")
        else:
            out.append(f"{month} {year}")
    return out


def test_common_date_forms_read_as_dateutil_reads_them() -> None:
    checked = 0
    for text in date_texts(3000):
        quick = dates._parse_common(text)
        if quick is None:
            continue
        checked += 1
        slow = dateutil_twice(text)
        assert slow == quick, text
        assert [d.tzname() for d in slow] == [d.tzname() for d in quick], text  # type: ignore[union-attr]
    assert checked > 1000


@pytest.mark.parametrize(
    "text", ["18 Aug 2025 13:15 EDT", "August 18, 2025", "August 2025", "Fri 15 Aug 2025"]
)
def test_from_text_gives_the_same_when_either_way(
    text: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    quick = dates.from_text(text)
    dates._parse_twice.cache_clear()
    monkeypatch.setattr(dates, "_parse_common", lambda text: None)
    assert dates.from_text(text) == quick
    assert dates.from_text(text).zone == quick.zone
    dates._parse_twice.cache_clear()


def test_maker_builds_what_the_constructor_builds(seed) -> None:  # type: ignore[no-untyped-def]
    for cls in (Event, When, Quote):
        for value in {Event: seed.events, When: [e.when for e in seed.events],
                      Quote: [q for e in seed.events for q in e.quotes]}[cls]:  # fmt: skip
            values = makers.fields_of(cls)(value)
            built = makers.maker(cls)(*values)
            assert built == cls(*values) == value
            assert type(built) is cls
    replaced = makers.replacer(Event)(seed.events[0], title="x")
    assert replaced.title == "x" and replaced.id == seed.events[0].id


def test_a_class_with_post_init_keeps_its_constructor() -> None:
    from dataclasses import dataclass

    @dataclass(frozen=True, slots=True)
    class Checked:
        value: int

        def __post_init__(self) -> None:
            if self.value < 0:
                raise ValueError("negative")

    assert makers.maker(Checked) is Checked


HEADER = re.compile(r"^[ \t]*\[\[?[ \t]*([A-Za-z0-9_.\"' -]+?)[ \t]*\]\]?", re.MULTILINE)


@pytest.mark.parametrize(
    "text",
    [
        "[[events]]\nid = 'a'\n[[events.quotes]]\ntext='x'\n[[events]]\n",
        '\n\n  [meta]\r\n\t[[ events ]]\r\nx = [1]\n[["events"]]\n',
        "a = 1\nb = '[[events]]'\n   [[actors]]\n[[events]]",
        "",
        "[[events]]",
    ],
)
def test_table_headers_are_found_where_a_line_by_line_scan_finds_them(text: str) -> None:
    index = LineIndex(text)
    expected = [
        (index.line_of(m.start()), m.group(1).replace(" ", "").replace('"', ""))
        for m in HEADER.finditer(text)
    ]
    assert index._headers == expected
    for line, _ in expected:
        assert index._line_start(line) == index._line_starts[line - 1]


def test_search_while_typing_equals_a_fresh_search(seed) -> None:  # type: ignore[no-untyped-def]
    index = Index.build(seed)
    typed = "security guarantees ceasefire"
    steps = [typed[:n] for n in range(1, len(typed) + 1)] + ["sec", "’", "it’s", "zel", "", "e e"]
    for text in steps:
        fresh = Index.build(seed)
        assert apply(Query(text=text), index) == apply(Query(text=text), fresh), text


def test_haystacks_read_back_as_text_and_match_non_ascii_terms(seed) -> None:  # type: ignore[no-untyped-def]
    index = Index.build(seed)
    for term in ["’", "it’s", "zelenskyy", "é", "\u2014", "x"]:
        expected = [i for i, hay in enumerate(index.haystacks) if term in hay]
        assert index.haystacks.holding(term) == expected
    assert len(index.haystacks) == len(seed.events)
    assert index.haystacks[0:2] == [index.haystacks[0], index.haystacks[1]]


def test_fields_of_follows_the_model() -> None:
    assert makers.fields_of(Quote)(Quote("a", "b", "c", 3)) == tuple(
        getattr(Quote("a", "b", "c", 3), f.name) for f in fields(Quote)
    )


def test_the_written_out_month_and_weekday_names_are_dateutils_own():
    from dateutil import parser

    from timeline_tui.core.dates import MONTH_NAMES, WEEKDAY_NAMES

    assert [tuple(n) for n in parser.parserinfo.MONTHS] == list(MONTH_NAMES)
    assert [tuple(n) for n in parser.parserinfo.WEEKDAYS] == list(WEEKDAY_NAMES)


def test_haystack_scan_finds_what_testing_each_event_finds() -> None:
    from timeline_tui.core.query import Haystacks

    texts = [
        f"event {n} {'common ' if n % 3 else ''}{'rare ’word’' if n % 997 == 0 else ''}"
        for n in range(3000)
    ]
    texts[-1] += " last"
    texts[0] = "first" + texts[0]
    hay = Haystacks([t.encode() for t in texts])
    for term in (
        "common",
        "rare ’word’",
        "event",
        "last",
        "first",
        "t 1",
        "absent",
        "",
        "\0",
        "2\0e",
    ):
        expected = [i for i, text in enumerate(texts) if term in text]
        assert hay.holding(term) == expected, term  # "common" switches to one by one midway
        assert hay.holding(term, range(0, 3000, 7)) == [i for i in expected if i % 7 == 0], term
    assert hay[2999] == texts[-1] and hay[-1] == texts[-1] and hay[0:2] == texts[0:2]


def key_by_search(text: str, key: str) -> tuple[int, int] | None:
    """Where LineIndex found a key before its one-pass index: a regex for the key, searched."""
    pattern = re.compile(rf"^([ \t]*)[\"']?{re.escape(key)}[\"']?[ \t]*=", re.MULTILINE)
    match = pattern.search(text)
    return None if match is None else (LineIndex(text).line_of(match.start()), len(match[1]) + 1)


@pytest.mark.parametrize(
    "text",
    [
        "a = 1\n  b=2\n\t'c d' = 3\n\"e\"  = 4\nf.g = 5\nh = 'i = 6'\nj\n= 7\na = 8\n",
        "x = '''\nk = 1\n'''\n'q\" = 1\n",
        "",
    ],
)
def test_keys_are_found_where_a_search_per_key_finds_them(text: str) -> None:
    keys = ["a", "b", "c d", "e", "f", "g", "f.g", "h", "i", "j", "x", "k", "q", "'q", "zz"]
    for key in keys:
        assert LineIndex(text)._find_key(key, 0, len(text)) == key_by_search(text, key), key
