"""Provenance: independent publishers, grades, conflicts, the quote checks and their figures,
the source dates, and the query's sources:/publishers:/has:conflict (on tests/data/provenance,
which is made up)."""

from __future__ import annotations

from pathlib import Path

import pytest
from support import errors, only, warnings_

from timeline_tui.core import provenance
from timeline_tui.core.matching import evaluate
from timeline_tui.core.model import Event, Quote, Source, When
from timeline_tui.core.query import Index
from timeline_tui.core.query_syntax import QueryError, parse_query
from timeline_tui.core.timeline import Timeline
from timeline_tui.loading.workspace import load
from timeline_tui.records.parse import parse
from timeline_tui.view.provenance import conflicting_ids, quote_check, source_rows
from timeline_tui.view.rows import CONTESTED_MARK, SINGLE_SOURCE_MARK, provenance_mark

DATA = Path(__file__).resolve().parents[1] / "data" / "provenance"
STORY, PROBLEMS = DATA / "story", DATA / "problems"


@pytest.fixture(scope="module")
def story() -> Timeline:
    return load([str(STORY)])


@pytest.fixture(scope="module")
def problems() -> Timeline:
    return load([str(PROBLEMS)])


def source(source_id: str, publisher: str = "") -> Source:
    return Source(source_id, publisher=publisher)


# ── independence ────────────────────────────────────────────────────────


def test_two_sources_of_one_publisher_count_once_whatever_their_case_and_spacing():
    sources = {s.id: s for s in (source("a", "Harbour Gazette"), source("b", " harbour  GAZETTE"))}
    assert provenance.independent_count(["a", "b"], sources) == 1
    assert provenance.cited_count(["a", "b"]) == 2


def test_a_source_without_publisher_or_definition_counts_as_its_own():
    sources = {s.id: s for s in (source("a", "Gazette"), source("b"), source("c"))}
    assert provenance.independent_count(["a", "b", "c", "undefined"], sources) == 4
    assert provenance.independent_count(["b", "b"], sources) == 1


def test_reported_by_says_sources_and_independent_publishers():
    sources = {s.id: s for s in (source("a", "G"), source("b", "g"), source("c", "Radio"))}
    assert provenance.reported_by(["a", "b", "c"], sources) == (
        "reported by 3 sources (2 independent publishers)"
    )
    assert (
        provenance.reported_by(["a"], sources) == "reported by 1 source (1 independent publisher)"
    )
    assert provenance.reported_by([], sources) == "no source given"


def test_the_columns_count_each_events_sources_and_publishers(story):
    fields = story.columns.fields
    counted = {
        event.id: (fields.cited[at], fields.independent[at])
        for at, event in enumerate(story.events)
    }
    assert counted == {
        "bridge-closed": (2, 1),  # the Gazette's print and web stories
        "bridge-closed-radio": (1, 1),
        "ferry-promised": (2, 2),
        "council-vote": (1, 1),
    }


# ── grades ──────────────────────────────────────────────────────────────


def test_a_grade_is_read_in_either_case_and_anything_else_is_an_error_at_its_line():
    text = '[[sources]]\nid = "a"\nreliability = "b"\n\n[[sources]]\nid = "z"\nreliability = "G"\n'
    parsed = parse(text, "s.toml")
    assert [s.reliability for s in parsed.sources] == ["B", ""]
    problem = only(errors(parsed.diagnostics), "'reliability' must be one letter A to F")
    assert (problem.line, problem.column) == (7, 1)


def test_grade_text_names_the_admiralty_meaning():
    assert provenance.grade_text(Source("a", reliability="F")) == "F (reliability cannot be judged)"
    assert provenance.grade_text(Source("a")) == "ungraded"


# ── conflicts ───────────────────────────────────────────────────────────


def test_a_conflict_named_by_one_record_contests_both(story):
    one, other = story.index_of("bridge-closed"), story.index_of("bridge-closed-radio")
    fields = story.columns.fields
    assert fields.conflicts == {one: (other,), other: (one,)}
    assert list(fields.contested) == sorted([one, other])
    assert conflicting_ids(story.events[other], story) == ["bridge-closed"]
    assert conflicting_ids(story.events[one], story) == ["bridge-closed-radio"]


def test_a_conflicts_id_not_loaded_is_a_warning_at_its_event_and_still_contests(problems):
    problem = only(warnings_(problems.diagnostics), "conflicting record 'no-such-record'")
    assert (Path(problem.path).name, problem.line) == ("events.toml", 3)
    position = problems.index_of("conflict-with-nobody")
    assert list(problems.columns.fields.contested) == [position]
    assert conflicting_ids(problems.events[position], problems) == ["no-such-record"]


def test_a_record_listing_itself_in_its_conflicts_is_warned(write):
    path = write(
        "a.toml", '[[events]]\nid = "x"\ntitle = "X"\nwhen = 2031-01-01\nconflicts = ["x"]\n'
    )
    timeline = load([str(path)])
    only(warnings_(timeline.diagnostics), "'x' lists itself in its conflicts")
    assert timeline.columns.fields.conflicts == {}


def when(day: str) -> When:
    return parse(f'[[events]]\nid = "e"\ntitle = "t"\nwhen = {day}\n', "x").events[0].when


def test_differences_name_date_place_actors_and_figures():
    one = Event("a", "Bridge shut, 200 turned back", when("2031-03-01"), location="North",
                actors=("ada",))  # fmt: skip
    other = Event("b", "Bridge shut", when("2031-03-02"), location="South", actors=("police",),
                  quotes=(Quote("", "some 300 were sent back"),))  # fmt: skip
    found = {d.field: (d.one, d.other) for d in provenance.differences(one, other, str.upper)}
    assert found == {
        "date": ("2031-03-01", "2031-03-02"),
        "place": ("North", "South"),
        "actors": ("ADA", "POLICE"),
        "figures": ("200", "300"),
    }
    assert provenance.differences(one, one, str) == []


# ── quote checks ────────────────────────────────────────────────────────


def test_numbers_are_found_with_thousands_separators_dropped():
    assert provenance.numbers_in("40,000 troops on 18 Aug 2025, 3.5% and 13:15") == [
        "40000", "18", "2025", "3.5", "13:15",
    ]  # fmt: skip
    document = set(provenance.numbers_in("some 40000 troops in 2025"))
    assert provenance.missing_numbers("40,000 troops in 2024", document) == ["2024"]


def test_a_quote_not_found_reports_each_figure_missing_from_its_document(problems):
    assert only(errors(problems.diagnostics), "quote not found").line == 38
    figure = only(errors(problems.diagnostics), "the number 9 in a quote")
    assert (Path(figure.path).name, figure.line) == ("events.toml", 38)
    assert not [d for d in problems.diagnostics if "the number 2 " in d.message]  # "7 to 2"


def test_a_found_quote_has_no_figure_problem(story):
    assert story.diagnostics == ()


def test_each_quote_says_what_became_of_its_check(story, problems):
    def check(timeline: Timeline, event_id: str) -> str:
        event = timeline.events[timeline.index_of(event_id)]
        return quote_check(event.quotes[0], event, timeline)

    assert check(story, "bridge-closed") == "checked against 'gazette-print': found"
    assert check(problems, "wrong-figure") == "checked against 'council-minutes': NOT found"
    assert check(problems, "unchecked-quote") == (
        "checked against 'lost-notes': unchecked (document not read)"
    )
    unread = only(warnings_(problems.diagnostics), "missing.txt cannot be read")
    assert (Path(unread.path).name, unread.line) == ("sources.toml", 16)


def test_a_source_with_no_document_leaves_its_quotes_not_checked(write):
    text = (
        '[[sources]]\nid = "s"\n\n[[events]]\nid = "e"\ntitle = "t"\nwhen = 2031-01-01\n'
        'source = "s"\n[[events.quotes]]\ntext = "anything"\n'
    )
    timeline = load([str(write("a.toml", text))])
    event = timeline.events[0]
    assert (
        quote_check(event.quotes[0], event, timeline)
        == "checked against 's': not checked (no document)"
    )


# ── cited sources and their dates ───────────────────────────────────────


def test_a_source_cited_but_never_defined_is_a_warning_at_the_event(problems):
    problem = only(warnings_(problems.diagnostics), "unknown source 'nobody-published-this'")
    assert problem.line == 10


def test_a_source_dated_before_an_event_it_reports_is_a_warning_at_the_event(problems):
    problem = only(warnings_(problems.diagnostics), "source 'early-bulletin' is dated 2031-03-01")
    assert (Path(problem.path).name, problem.line) == ("events.toml", 16)


@pytest.mark.parametrize(
    ("status", "source_date", "warned"),
    [
        ("occurred", "2031-03-01", True),
        ("reported", "2031-03-01", True),
        ("scheduled", "2031-03-01", False),  # a source may announce what is to come
        ("occurred", "2031-03-04", False),  # the same day
        ("occurred", "2031-03", False),  # a month covering the event's day
        ("occurred", "2031-02", True),
    ],
)
def test_source_dates_are_checked_against_what_is_said_to_have_happened(
    write, status, source_date, warned
):
    date = f'"{source_date}"' if len(source_date) < 10 else source_date
    text = (
        f'[[sources]]\nid = "s"\ndate = {date}\n\n[[events]]\nid = "e"\ntitle = "t"\n'
        f'when = 2031-03-04\nstatus = "{status}"\nsource = "s"\n'
    )
    timeline = load([str(write("a.toml", text))])
    found = [d for d in timeline.diagnostics if "is dated" in d.message]
    assert bool(found) == warned


# ── the query ───────────────────────────────────────────────────────────


def matched(timeline: Timeline, text: str) -> list[str]:
    positions = evaluate(parse_query(text), Index.build(timeline)).positions
    return [timeline.events[p].id for p in positions]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("sources:>=2", ["bridge-closed", "ferry-promised"]),
        ("sources:2", ["bridge-closed", "ferry-promised"]),
        ("sources:1", ["bridge-closed-radio", "council-vote"]),
        ("sources:<2", ["bridge-closed-radio", "council-vote"]),
        ("publishers:>1", ["ferry-promised"]),
        ("publishers:<=1", ["bridge-closed", "bridge-closed-radio", "council-vote"]),
        ("-publishers:1", ["ferry-promised"]),
        ("has:conflict", ["bridge-closed", "bridge-closed-radio"]),
        ("-has:conflict sources:1", ["council-vote"]),
        ("source:gazette-web", ["bridge-closed", "ferry-promised"]),
        ("sources:0", []),
    ],
)
def test_query_terms_of_provenance(story, query, expected):
    assert matched(story, query) == expected


@pytest.mark.parametrize(
    ("query", "column"),
    [("sources:two", 9), ("bridge publishers:>=x", 19), ("sources:2.5", 9), ("sources:=>2", 9)],
)
def test_a_malformed_count_is_an_error_at_its_value(query, column):
    with pytest.raises(QueryError) as raised:
        parse_query(query)
    assert raised.value.column == column
    assert "a count" in raised.value.message


def test_a_comparison_with_no_count_yet_is_being_typed():
    assert parse_query("sources:>=").items == ()


# ── what the screen shows ───────────────────────────────────────────────


def test_rows_mark_contested_and_single_publisher_events(story):
    fields = story.columns.fields
    marks = {e.id: provenance_mark(at, fields) for at, e in enumerate(story.events)}
    assert marks == {
        "bridge-closed": CONTESTED_MARK,  # contested wins over single publisher
        "bridge-closed-radio": CONTESTED_MARK,
        "ferry-promised": " ",
        "council-vote": SINGLE_SOURCE_MARK,
    }


def test_an_event_with_no_source_has_no_mark(write):
    timeline = load(
        [str(write("a.toml", '[[events]]\nid = "e"\ntitle = "t"\nwhen = 2031-01-01\n'))]
    )
    assert provenance_mark(0, timeline.columns.fields) == " "


def test_the_sources_screen_rows_count_events_and_quotes(story, problems):
    rows = {row.source_id: row for row in source_rows(story)}
    assert {k: (r.grade, r.events, r.quotes) for k, r in rows.items()} == {
        "gazette-print": ("B", 1, "1 quote: 1 found"),
        "gazette-web": ("B", 2, "no quotes checked"),
        "valley-radio": ("D", 3, "1 quote: 1 found"),
    }
    rows = {row.source_id: row for row in source_rows(problems)}
    assert rows["nobody-published-this"].label == "(not defined)"
    assert rows["lost-notes"].quotes == "1 quote: 1 unchecked"
    assert rows["council-minutes"].quotes == "1 quote: 1 not found"
    assert rows["early-bulletin"].label == "Morning bulletin · Valley Radio · 2031-03-01"


QUOTED = """[[events]]
id = "e"
title = "E"
when = 2031-03-10

[[events.quotes]]
speaker = "Clerk"
text = "About 40,000 people and 9 boats on 10.03.2031"

[[events]]
id = "f"
title = "F"
when = 2031-03-11
quotes = [{ speaker = "Clerk", text = "7 of them" }]
"""


def test_a_quotes_number_is_placed_on_its_text_line_as_written() -> None:
    from timeline_tui.records.lines import number_place

    assert number_place(QUOTED, 6, "40000") == (8, 15)  # written with its separator
    assert number_place(QUOTED, 6, "9") == (8, 33)
    assert number_place(QUOTED, 6, "10.03.2031") == (8, 44)
    assert number_place(QUOTED, 10, "7") == (14, 40)  # an inline table, at its event's line
    assert number_place(QUOTED, 6, "1") is None  # only whole numbers count
    assert number_place(QUOTED, 99, "9") is None  # a line past the end


def test_check_keeps_a_missing_numbers_place_when_the_number_is_not_found(tmp_path: Path) -> None:
    from timeline_tui.core.diagnostics import error
    from timeline_tui.loading.number_places import placed

    path = tmp_path / "e.toml"
    path.write_text(QUOTED, encoding="utf-8")
    message = "the number {} in a quote occurs nowhere in the document of 'm'"
    found = placed([error(str(path), 6, 1, message.format(40000), 1)])
    assert [(d.line, d.column) for d in found] == [(8, 15)]
    kept = [
        error(str(path), 6, 1, message.format(123), 1),
        error("/gone.toml", 6, 1, message.format(9)),
    ]
    assert [(d.line, d.column) for d in placed(kept)] == [(6, 1), (6, 1)]
    other = error(str(path), 6, 1, "something else 40000")
    assert placed([other]) == (other,)
