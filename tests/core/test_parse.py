"""parse(text, path): records and diagnostics from one file's text, with lines and columns."""

from __future__ import annotations

import textwrap
import time

import pytest
from support import LINE_SEPARATORS, errors, only, warnings_

from timeline_tui.core.columns import group_key
from timeline_tui.core.model import Precision
from timeline_tui.records.lines import toml_lines
from timeline_tui.records.parse import parse
from timeline_tui.view.rows import group_label, marks


def parse_text(text: str, path: str = "x.toml"):
    return parse(textwrap.dedent(text).lstrip("\n"), path)


GOOD = """
    [[events]]
    id = "first"
    title = "First"
    when = 2025-08-15
"""


def test_a_well_formed_event_reads_every_field():
    parsed = parse_text("""
        [meta]
        source = "article"
        [[events]]
        id = "talks"
        title = "Talks"
        when = 2025-08-18
        end = 2025-08-18T16:00:00-04:00
        status = "scheduled"
        location = "White House"
        actors = ["Trump", "Zelenskyy"]
        tags = ["ceasefire", " ", "territory"]
        summary = "  Several words.  "
        related = ["other"]
        notes = "n"
        [[events.quotes]]
        speaker = "Zelenskyy"
        text = "positive meeting"
    """)
    assert parsed.diagnostics == []
    (event,) = parsed.events
    assert (event.id, event.title, event.status, event.location) == (
        "talks", "Talks", "scheduled", "White House"
    )  # fmt: skip
    assert event.actors == ("Trump", "Zelenskyy")
    assert event.tags == ("ceasefire", "territory")  # blank entries dropped
    assert event.summary == "Several words."
    assert event.sources == ("article",)  # from meta.source
    assert event.related == ("other",)
    assert event.end is not None and event.end.iso() == "2025-08-18T16:00-04:00"
    assert (event.file, event.line) == ("x.toml", 3)
    (quote,) = event.quotes
    assert (quote.speaker, quote.text, quote.source, quote.line) == (
        "Zelenskyy", "positive meeting", "article", 15
    )  # fmt: skip


def test_status_defaults_to_occurred():
    assert parse_text(GOOD).events[0].status == "occurred"


def test_a_single_string_is_taken_as_a_list_of_one():
    parsed = parse_text(GOOD + '    actors = "Trump"\n')
    assert parsed.events[0].actors == ("Trump",)


def test_event_lines_are_their_table_headers():
    parsed = parse_text("""
        # a comment
        [[events]]
        id = "a"
        title = "A"
        when = 2025-08-15

          [[ events ]]  # spaced header
          id = "b"
          title = "B"
          when = 2025-08-16
    """)
    assert [(e.id, e.line) for e in parsed.events] == [("a", 2), ("b", 7)]


def test_inline_array_of_events_is_read():
    parsed = parse_text("""
        events = [
          { id = "a", title = "A", when = 2025-08-15 },
          { id = "b", title = "B", when = 2025-08-16 },
        ]
    """)
    assert [e.id for e in parsed.events] == ["a", "b"]
    assert parsed.diagnostics == []


def test_crlf_line_endings_read_like_lf():
    lf = textwrap.dedent(GOOD).lstrip("\n") + 'summary = """two\nlines"""\n'
    crlf = parse(lf.replace("\n", "\r\n"), "x.toml")
    assert crlf.diagnostics == []
    (event,) = crlf.events
    assert (event.id, event.line) == ("first", 1)
    assert event.summary.splitlines() == ["two", "lines"]


LINE_FOUR = ["status = 'bogus'", "when = = 2025-08-18"]


@pytest.mark.parametrize("fourth", LINE_FOUR, ids=["schema", "toml"])
def test_line_numbers_count_only_newlines(fourth):
    (problem,) = parse(LINE_SEPARATORS.format(fourth), "x.toml").diagnostics
    assert problem.line == 4


def test_toml_lines_break_at_newlines_only():
    assert toml_lines("a\u2028b\r\nc\x85\x0c\nd\re\n") == ["a\u2028b", "c\x85\x0c", "d\re"]
    assert toml_lines("") == [] and toml_lines("\n") == [""]


# ── malformed TOML ──────────────────────────────────────────────────────


@pytest.mark.parametrize(
    ("text", "line", "column"),
    [
        ("x = 1\ny = = 2\n", 2, 5),
        ('[[events]]\nid = "a"\ntitle = "unclosed\nwhen = 2025-08-17\n', 3, 18),
        ("a = 1\na = 2\n", 2, 6),
        ("[meta]\n[meta]\n", 2, 6),
    ],
)
def test_malformed_toml_is_one_error_at_tomlis_position(text, line, column):
    parsed = parse(text, "bad.toml")
    assert not parsed.readable
    assert parsed.events == []
    (problem,) = parsed.diagnostics
    assert (problem.path, problem.line, problem.column, problem.severity) == (
        "bad.toml", line, column, "error"
    )  # fmt: skip
    assert problem.message.startswith("invalid TOML: ")


def test_deep_nesting_is_a_diagnostic_not_an_exception():
    for text in (
        "a = " + "[" * 100_000,
        "a = " + "{b = " * 100_000,
        "a = " + "[" * 100_000 + "]" * 100_000,
    ):
        parsed = parse(text, "deep.toml")
        assert not parsed.readable
        (problem,) = errors(parsed.diagnostics)
        assert problem.line >= 1 and problem.column >= 1


def test_huge_integer_is_an_error_at_its_line_not_an_exception():
    text = textwrap.dedent(GOOD).lstrip("\n") + "when2 = 1\ncount = " + "7" * 5000 + "\n"
    parsed = parse("[meta]\n" + text.replace("when = 2025-08-15", "when = 1"), "big.toml")
    (problem,) = errors(parsed.diagnostics)
    assert (problem.line, problem.column) == (7, 9)
    assert "digits" in problem.message
    assert len(problem.message) < 200


def test_huge_integer_parse_is_fast():
    start = time.perf_counter()
    parse("a = " + "1" * 200_000 + "\n", "big.toml")
    assert time.perf_counter() - start < 2


def test_integer_as_when_is_an_error_not_an_exception():
    parsed = parse_text(GOOD.replace("2025-08-15", "1"))
    assert parsed.events[0].when.unreadable
    assert only(errors(parsed.diagnostics), "expected a date").line == 4


# ── schema: types and required fields ───────────────────────────────────


def test_wrong_type_is_an_error_at_the_key_and_the_event_is_kept():
    parsed = parse_text("""
        [[events]]
        id = "a"
        title = "A"
        when = 2025-08-15
          actors = [1, 2]
        tags = "fine"
        location = 5
    """)
    (event,) = parsed.events
    assert event.actors == () and event.tags == ("fine",) and event.location == ""
    actors = only(parsed.diagnostics, "'actors'")
    assert (actors.line, actors.column, actors.severity) == (5, 3, "error")
    assert "integer" in actors.message
    location = only(parsed.diagnostics, "'location'")
    assert (location.line, location.column, location.severity) == (7, 1, "error")


def test_wrong_type_of_title_is_an_error_at_its_line():
    parsed = parse_text(GOOD.replace('title = "First"', "title = 2025-08-15"))
    problem = only(parsed.diagnostics, "'title' must be a string")
    assert (problem.line, problem.severity) == (3, "error")
    assert parsed.events[0].id == "first"


def test_missing_id_is_an_error_and_a_made_up_id_is_used():
    parsed = parse_text(GOOD.replace('id = "first"\n', "") + GOOD)
    assert [e.id for e in parsed.events] == ["x.toml:1", "first"]
    problem = only(parsed.diagnostics, "no 'id'")
    assert (problem.line, problem.severity) == (1, "error")


def test_missing_when_is_an_error_and_the_event_is_listed_as_date_unreadable():
    parsed = parse_text(
        GOOD.replace("first", "a")
        + GOOD.replace("when = 2025-08-15", "")
        + GOOD.replace("first", "c")
    )
    assert [e.id for e in parsed.events] == ["a", "first", "c"]
    assert parsed.events[1].when.unreadable
    problem = only(parsed.diagnostics, "no 'when'")
    assert (problem.line, problem.severity) == (6, "error")


def test_missing_title_is_an_error_and_the_id_stands_in():
    parsed = parse_text(GOOD.replace('title = "First"\n', ""))
    assert parsed.events[0].title == "first"
    problem = only(parsed.diagnostics, "no 'title'")
    assert (problem.line, problem.severity) == (1, "error")


def test_bad_date_is_an_error_at_when_and_the_event_is_still_listed():
    parsed = parse_text(
        GOOD + GOOD.replace("first", "second").replace("2025-08-15", '"the day after"')
    )
    assert [e.id for e in parsed.events] == ["first", "second"]
    assert parsed.events[1].when.unreadable and parsed.events[1].title == "First"
    problem = only(parsed.diagnostics, "the day after")
    assert (problem.line, problem.column, problem.severity) == (9, 1, "error")


def test_unknown_status_is_an_error_with_a_hint_and_kept_as_written():
    parsed = parse_text(GOOD + '    status = "Schedulled"\n')
    assert parsed.events[0].status == "Schedulled"
    problem = only(errors(parsed.diagnostics), "unknown status")
    assert "did you mean 'scheduled'" in problem.message
    assert problem.line == 5


def test_status_is_case_insensitive():
    assert parse_text(GOOD + '    status = "Reported"\n').events[0].status == "reported"


def test_events_that_are_not_tables_are_an_error():
    parsed = parse_text('title = "x"\nevents = 5\n')
    problem = only(errors(parsed.diagnostics), "'events' must be an array of tables")
    assert problem.line == 2


def test_meta_that_is_not_a_table_is_an_error():
    parsed = parse_text('meta = "x"\n' + textwrap.dedent(GOOD))
    assert only(errors(parsed.diagnostics), "'meta' must be a table")
    assert [e.id for e in parsed.events] == ["first"]


def test_quote_without_text_is_left_out_with_an_error_at_its_line():
    parsed = parse_text(
        GOOD
        + """
        [[events.quotes]]
        speaker = "Zelenskyy"
        [[events.quotes]]
        text = "unattributed words"
    """
    )
    (quote,) = parsed.events[0].quotes
    assert (quote.speaker, quote.text, quote.line) == ("", "unattributed words", 8)
    assert only(errors(parsed.diagnostics), "needs its 'text'").line == 6
    assert only(warnings_(parsed.diagnostics), "no 'speaker'").line == 8


def test_actor_records_are_read_with_their_lines():
    parsed = parse_text("""
        [[actors]]
        id = "france"
        name = "France"
        kind = "country"

        [[actors]]
        name = "Emmanuel Macron"
        aliases = ["Macron"]
        affiliations = ["france"]
    """)
    france, macron = parsed.actors
    assert (france.id, france.kind, france.line) == ("france", "country", 1)
    assert (macron.id, macron.name, macron.aliases, macron.line) == (
        "emmanuel-macron", "Emmanuel Macron", ("Macron",), 6
    )  # fmt: skip


def test_actor_without_id_or_name_is_an_error():
    parsed = parse_text('[[actors]]\nkind = "person"\n')
    assert parsed.actors == []
    assert only(errors(parsed.diagnostics), "needs an 'id' or a 'name'").line == 1


def test_unknown_actor_kind_is_a_warning_with_a_hint():
    parsed = parse_text('[[actors]]\nid = "x"\nkind = "persno"\n')
    problem = only(warnings_(parsed.diagnostics), "unknown actor kind")
    assert "did you mean 'person'" in problem.message
    assert problem.line == 3


def test_source_document_is_resolved_relative_to_the_file():
    parsed = parse_text(
        '[[sources]]\nid = "s"\ndocument = "../seeds/a.txt"\n', "/data/events/s.toml"
    )
    assert parsed.sources[0].document == "/data/seeds/a.txt"


def test_source_without_id_is_an_error():
    parsed = parse_text('[[sources]]\ntitle = "t"\n')
    assert parsed.sources == []
    assert only(errors(parsed.diagnostics), "needs an 'id'").line == 1


# ── unknown keys ────────────────────────────────────────────────────────


@pytest.mark.parametrize(
    ("text", "key", "hint", "line"),
    [
        (GOOD + "    titel = 'x'\n", "titel", "title", 5),
        (GOOD + "    actor = ['x']\n", "actor", "actors", 5),
        ("[meta]\nreferencedate = 2025-08-17\n", "referencedate", "reference_date", 2),
        ("[[actors]]\nid = 'a'\n  alias = ['b']\n", "alias", "aliases", 3),
        ("[[sources]]\nid = 's'\ndocumnet = 'x'\n", "documnet", "document", 3),
        ("[meta]\nsource = 's'\n[[event]]\nid = 'a'\n", "event", "events", 3),
        (
            GOOD + "    [[events.quotes]]\n    text = 'x'\n    speakr = 'y'\n",
            "speakr",
            "speaker",
            7,
        ),
    ],
)
def test_unknown_key_is_a_warning_with_did_you_mean(text, key, hint, line):
    parsed = parse_text(text)
    problem = only(parsed.diagnostics, f"unknown key {key!r}")
    assert problem.severity == "warning"
    assert f"did you mean {hint!r}" in problem.message
    assert problem.line == line


def test_unknown_key_column_is_where_the_key_starts():
    parsed = parse_text(GOOD + "      colour = 'red'\n")
    problem = only(parsed.diagnostics, "unknown key 'colour'")
    assert (problem.line, problem.column) == (5, 3)
    assert "did you mean" not in problem.message
    assert parsed.events[0].id == "first"


def test_unknown_keys_are_reported_in_file_order():
    keys = [f"k{n}" for n in range(12)]
    text = GOOD + "".join(f"    {key} = 1\n" for key in keys)
    parsed = parse_text(text)
    assert [d.line for d in parsed.diagnostics] == list(range(5, 5 + len(keys)))


# ── empty and odd files ─────────────────────────────────────────────────


def test_file_without_records_is_a_warning():
    parsed = parse("# just a comment\n", "x.toml")
    assert parsed.readable
    (problem,) = parsed.diagnostics
    assert problem.severity == "warning"


def test_empty_events_array_is_fine():
    parsed = parse("events = []\n", "x.toml")
    assert parsed.readable and parsed.events == [] and parsed.diagnostics == []


def test_one_bad_event_never_costs_the_rest_of_its_file():
    parsed = parse_text("""
        [[events]]
        id = "good-1"
        title = "G1"
        when = 2025-08-15
        [[events]]
        id = 5
        title = ["wrong"]
        when = "gibberish"
        [[events]]
        id = "good-2"
        title = "G2"
        when = "August 2025"
        bogus = true
        [[events]]
        [[events]]
        id = "good-3"
        title = "G3"
        when = 2025-08-18T10:00:00Z
    """)
    ids = [e.id for e in parsed.events]
    assert ids == ["good-1", "x.toml:5", "good-2", "x.toml:14", "good-3"]
    assert parsed.events[2].when.precision == Precision.MONTH
    assert len(errors(parsed.diagnostics)) >= 3


# ── every problem of an event, on the event ─────────────────────────────


def test_an_unreadable_when_still_checks_and_reports_every_other_field():
    parsed = parse_text("""
        [[events]]
        id = "e"
        title = 5
        when = "the day after the summit"
        location = 7
        status = "rumoured"
    """)
    (event,) = parsed.events
    assert event.when.unreadable and event.status == "rumoured"
    assert sorted(d.line for d in parsed.diagnostics) == [1, 3, 4, 5, 6]  # 1: no 'title'
    assert {d.severity for d in parsed.diagnostics} == {"error"}
    assert all(d.event_line == 1 for d in parsed.diagnostics)


def test_diagnostics_name_the_line_of_their_event_and_none_outside_events():
    parsed = parse_text("""
        [meta]
        bogus = 1
        [[events]]
        id = "a"
        title = "A"
        when = 2025-08-15
        [[events]]
        id = "b"
        title = "B"
        when = 2025-08-16
        tags = 3
        [[events.quotes]]
        speaker = "x"
    """)
    assert [(d.line, d.event_line) for d in parsed.diagnostics] == [(2, 0), (11, 7), (12, 7)]


def test_unreadable_dates_sort_after_every_date_under_date_unreadable():
    parsed = parse_text(GOOD.replace("2025-08-15", '"someday"') + GOOD.replace("first", "x"))
    unreadable, dated = parsed.events
    assert dated.sort_key < unreadable.sort_key
    assert unreadable.when.display() == "date unreadable" and unreadable.when.iso() == ""
    assert group_label(unreadable) == "date unreadable"
    assert group_key(unreadable) != group_key(dated)
    assert group_key(unreadable) not in {group_key(e) for e in parse_text(
        GOOD.replace("2025-08-15", '"9999"')).events}  # fmt: skip


@pytest.mark.parametrize(
    ("when", "end", "warned"),
    [
        ("2025-08-18T15:00:00Z", "2025-08-18T13:00:00Z", True),
        ("2025-08-18", "2025-08-17", True),
        ("2025-08-18T15:00:00Z", "2025-08-18", False),  # the end's day holds the start
        ("2025-08-18", "2025-08-18T09:00:00Z", False),
        ("2025-08-18T15:00:00-04:00", "2025-08-18T20:00:00Z", False),  # 16:00 in New York
        ('"August 2025"', "2025-08-01", False),
    ],
)
def test_end_before_the_start_is_a_warning_at_end(when, end, warned):
    parsed = parse_text(GOOD.replace("2025-08-15", when) + f"    end = {end}\n")
    found = [d for d in parsed.diagnostics if "before the start" in d.message]
    assert [(d.line, d.severity) for d in found] == ([(5, "warning")] if warned else [])
    assert parsed.events[0].end is not None  # kept as written


def test_an_unknown_status_is_marked_in_the_row():
    parsed = parse_text(GOOD + '    status = "rumoured"\n')
    assert marks(parsed.events[0]) == "? "
    assert marks(parsed.events[0], has_problem=True) == "?⚠"
