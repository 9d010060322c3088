"""Imports: every real TimelineJS and iCalendar file, the TOML writer on hostile text, HTML
stripping, and each format's dates."""

from __future__ import annotations

import csv
import json
import textwrap
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

import icalendar
import pytest
import tomli
from hypothesis import given
from hypothesis import strategies as st
from support import SHARED, errors

from timeline_tui.formats.conversion import Converted
from timeline_tui.formats.html_text import Link, strip_html
from timeline_tui.formats.importing import import_files
from timeline_tui.formats.toml_records import records_toml, toml_string, toml_value
from timeline_tui.loading.workspace import load

REAL = SHARED / "data" / "real"
TIMELINEJS = sorted((REAL / "timelinejs").glob("*.json"))
ICS = sorted((REAL / "ics").glob("*.ics"))
HOSTILE = [
    '"""', "'''", "\\", "\\u0041", "a\nb\r\nc", "[/", "[@click=app.quit]x", "\x1b]52;c;aGk=\x07",
    "\x00\x7f\x9f", "\u202e\u2028", "= + - @", "#not a comment", "é ☃ 𝄞",
]  # fmt: skip


def imported(tmp_path: Path, *files: Path, **options: object) -> tuple[list[Converted], Path]:
    out = tmp_path / "out"
    return import_files([str(f) for f in files], str(out), **options), out  # type: ignore[arg-type]


def timelinejs_events(path: Path) -> int:
    return len(json.loads(path.read_text(encoding="utf-8"))["events"])


def vevents(path: Path) -> int:
    return len(icalendar.Calendar.from_ical(path.read_bytes()).walk("VEVENT"))


def spreadsheet_events(path: Path) -> int:
    with path.open(newline="", encoding="utf-8") as handle:
        return sum(1 for row in csv.DictReader(handle) if row["Type"].strip() != "title")


@pytest.mark.parametrize(
    ("path", "count"),
    [
        *((p, timelinejs_events) for p in TIMELINEJS),
        *((p, vevents) for p in ICS),
        (REAL / "timelinejs" / "my-own-timeline.csv", spreadsheet_events),
    ],
    ids=lambda value: value.name if isinstance(value, Path) else "",
)
def test_every_real_file_imports_every_event_and_checks_clean(tmp_path, path, count) -> None:
    (result,), out = imported(tmp_path, path)
    timeline = load([str(out)])
    assert len(timeline.events) == result.events == count(path) > 0
    assert list(timeline.diagnostics) == []
    assert result.problems.skipped == 0


@pytest.mark.parametrize("path", [*TIMELINEJS, *ICS], ids=lambda p: p.name)
def test_what_was_written_reads_back_as_the_records_made(tmp_path, path) -> None:
    """Re-reading the TOML written gives the events the importer made, field by field."""
    (result,), out = imported(tmp_path, path)
    (made,) = result.files
    written = tomli.loads((out / made.name).read_text(encoding="utf-8"))
    kept = [{k: v for k, v in e.items() if v not in (None, "", [])} for e in made.events]
    assert written["events"] == kept
    assert written.get("sources", []) == [{k: v for k, v in s.items() if v} for s in made.sources]


def test_real_ics_dates_keep_their_zone_and_days(tmp_path) -> None:
    _, out = imported(tmp_path, ICS[0], ICS[1])
    events = {e.id: e for e in load([str(out)]).events}
    ceuta = events[
        "427b1c89c8c64227b3d1b2683c1a6def" + "0" * 32
    ]  # TZID=Africa/Ceuta, the commonest
    assert ceuta.when.zone == "Africa/Ceuta" and ceuta.when.iso() == "2011-10-22T15:00+02:00"
    assert len({e.when.zone for e in events.values()} - {None}) > 2  # UTC and offsets too


@given(st.text())
def test_toml_string_reads_back_exactly(text: str) -> None:
    assert tomli.loads(f"x = {toml_string(text)}")["x"] == text


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_text_survives_the_whole_import(tmp_path, text) -> None:
    source = tmp_path / "hostile.json"
    slide = {"start_date": {"year": "2020"}, "text": {"headline": "h", "text": text}}
    source.write_text(json.dumps({"events": [slide]}), encoding="utf-8")
    _, out = imported(tmp_path, source)
    written = tomli.loads((out / "hostile.toml").read_text(encoding="utf-8"))
    assert written["events"][0].get("summary", "") == strip_html(text).text


def test_toml_values_of_every_kind() -> None:
    berlin = timezone(timedelta(hours=2))
    values = [
        "s", True, 3, date(2025, 8, 18), datetime(2025, 8, 18, 10, 5),
        datetime(2025, 8, 18, 10, 5, 7, tzinfo=UTC), datetime(2025, 8, 18, tzinfo=berlin),
        ["a", "b"],
    ]  # fmt: skip
    read = tomli.loads("".join(f"v{n} = {toml_value(v)}\n" for n, v in enumerate(values)))
    assert list(read.values()) == values
    assert toml_value(values[5]).endswith("07Z")


def test_records_keep_only_the_fields_of_our_format() -> None:
    text = records_toml(["a comment"], events=[{"id": "e", "title": "T", "when": "2020",
                                                "colour": "red", "tags": []}])  # fmt: skip
    assert text.startswith("# a comment\n")
    assert tomli.loads(text) == {"events": [{"id": "e", "title": "T", "when": "2020"}]}


def test_html_is_stripped_links_kept_scripts_dropped() -> None:
    stripped = strip_html(
        '<p>Tom &amp; <a href="https://x.org/a?b=1&amp;c=2">Jerry</a></p><script>alert(1)</script>'
        "<p>second&nbsp;para<br/>line &lt;b&gt;</p>"
    )
    assert stripped.text == "Tom & Jerry\n\nsecond\xa0para\nline <b>"
    assert stripped.links == [Link("https://x.org/a?b=1&c=2", "Jerry")]
    assert strip_html("1 < 2 and [/b]").text == "1 < 2 and [/b]"


def test_timelinejs_dates_to_the_precision_given(tmp_path) -> None:
    slides = [
        {"start_date": {"year": "1850"}, "text": {"headline": "year"}},
        {"start_date": {"year": "1850", "month": "7"}, "text": {"headline": "month"}},
        {"start_date": {"year": "1850", "month": "7", "day": "4"}, "end_date": {"year": "1851"},
         "text": {"headline": "day"}, "group": "g", "display_date": "Summer 1850"},
        {"start_date": {"year": "1850", "month": "7", "day": "4", "hour": "13"},
         "text": {"headline": "hour"}},
        {"start_date": {"year": "-44"}, "text": {"headline": "caesar"}},
    ]  # fmt: skip
    source = tmp_path / "t.json"
    source.write_text(json.dumps({"events": slides, "eras": [{}]}), encoding="utf-8")
    (result,), out = imported(tmp_path, source)
    events = {e.id: e for e in load([str(out)]).events}
    assert events["year"].when.iso() == "1850"
    assert events["month"].when.iso() == "1850-07"
    assert events["day"].when.iso() == "1850-07-04" and events["day"].end.iso() == "1851"
    assert events["day"].tags == ("g",) and events["day"].notes == "display date: Summer 1850"
    assert events["hour"].when.precision.label == "hour"
    lines = result.problems.lines("t.json")
    assert lines == [
        "t.json: skipped: start date year -44 is outside 1 to 9999 (1 event: 5)",
        "t.json: eras left out (our format has none) (1 era: '1')",
    ]


def test_ics_dates_zones_ranges_and_rules(tmp_path) -> None:
    source = tmp_path / "c.ics"
    source.write_text(
        textwrap.dedent("""\
        BEGIN:VCALENDAR
        VERSION:2.0
        BEGIN:VEVENT
        UID:a@x
        SUMMARY:All day\\, three days
        DTSTART;VALUE=DATE:20250818
        DTEND;VALUE=DATE:20250821
        CATEGORIES:one,two
        URL:https://example.org/e
        END:VEVENT
        BEGIN:VEVENT
        UID:b@x
        SUMMARY:Berlin
        DTSTART;TZID=Europe/Berlin:20250818T100000
        DESCRIPTION:<b>bold</b> &amp; <a href="https://x.org">link</a>
        RRULE:FREQ=YEARLY;COUNT=3
        END:VEVENT
        BEGIN:VEVENT
        UID:c@x
        SUMMARY:Utc <b>as written</b>
        DTSTART:20250818T100000Z
        LOCATION:Kyiv
        END:VEVENT
        END:VCALENDAR
        """).replace("\n", "\r\n"),
        encoding="utf-8",
    )
    (result,), out = imported(tmp_path, source)
    timeline = load([str(out)])
    assert errors(timeline.diagnostics) == []
    a, b, c = (next(e for e in timeline.events if e.id == i) for i in ("a-x", "b-x", "c-x"))
    assert (a.title, a.when.iso(), a.end.iso(), a.tags) == (
        "All day, three days", "2025-08-18", "2025-08-20", ("one", "two"),
    )  # fmt: skip
    assert timeline.sources[a.sources[0]].url == "https://example.org/e"
    assert b.when.zone == "Europe/Berlin" and b.when.iso() == "2025-08-18T10:00+02:00"
    assert b.notes == "recurs: FREQ=YEARLY;COUNT=3" and b.summary == "bold & link"
    assert c.title == "Utc <b>as written</b>"  # SUMMARY is plain text: its markup is kept
    assert timeline.sources[b.sources[0]].url == "https://x.org"
    assert c.when.zone == "UTC" and c.location == "Kyiv"
    assert result.problems.lines("c.ics") == [
        "c.ics: recurring: imported once, the rule in its notes (1 event: 2)"
    ]
