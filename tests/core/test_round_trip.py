"""Round trips of the real files (../shared/data/real): every TimelineJS and iCalendar file
imports with the events it holds, checks clean, exports back to its own format, and that
export imports again to the same events (count, titles, dates to the precision known).
The TimelineJS spreadsheet CSV goes back out as TimelineJS JSON, the one TimelineJS form
we write."""

from __future__ import annotations

from pathlib import Path

import pytest
from support import SHARED

from timeline_tui.core.model import Event, Precision, When
from timeline_tui.core.sanitizer import sanitize
from timeline_tui.core.timeline import Timeline
from timeline_tui.formats.export import ExportRequest, render
from timeline_tui.formats.importing import import_files
from timeline_tui.formats.toml_records import toml_string
from timeline_tui.loading.workspace import load

REAL = SHARED / "data" / "real"
KNOWN_COUNTS = {
    "eras.json": 20, "houston_timeline3.json": 18, "republican_timeline3.json": 13,
    "twain_marktwain.json": 17, "Germany.ics": 159, "issue42.ics": 4_778,
    "my-own-timeline.csv": None,  # whatever the sheet holds (test_import counts its rows)
}  # fmt: skip
FILES = sorted([*(REAL / "timelinejs").glob("*.json"), *(REAL / "timelinejs").glob("*.csv"),
                *(REAL / "ics").glob("*.ics")])  # fmt: skip
EXPORT_FORMAT = {".json": ("timelinejs", ".json"), ".csv": ("timelinejs", ".json"),
                 ".ics": ("ics", ".ics")}  # fmt: skip


def imported(source: Path, folder: Path) -> Timeline:
    (result,) = import_files([str(source)], str(folder))
    assert result.problems.skipped == 0
    return load([str(folder)])


def moment(when: When | None) -> str | float:
    """A date as known: a time as its instant to the minute or hour (a time given with only
    an offset goes out in UTC, ical_export.py; seconds are below the finest precision, and
    TimelineJS is written to the minute), a day or coarser as written."""
    if when is None:
        return ""
    if when.precision < Precision.HOUR:
        return when.iso()
    return when.instant // (60 if when.precision == Precision.MINUTE else 3600)


def facts(event: Event) -> tuple[str, str, str | float, str | float]:
    """What must survive a round trip: the title, the date to its precision, its end."""
    when = event.when
    return (event.title.strip(), when.precision.label, moment(when), moment(event.end))


def test_every_real_file_is_covered() -> None:
    assert {path.name for path in FILES} == set(KNOWN_COUNTS)  # a new file needs its count


@pytest.mark.parametrize("source", FILES, ids=lambda path: path.name)
def test_a_real_file_round_trips_through_its_own_format(tmp_path: Path, source: Path) -> None:
    first = imported(source, tmp_path / "first")
    count = KNOWN_COUNTS[source.name]
    assert count is None or len(first.events) == count
    assert list(first.diagnostics) == []  # `timeline check` clean
    kind, suffix = EXPORT_FORMAT[source.suffix]
    exported = tmp_path / f"exported{suffix}"
    events = list(first.events)
    exported.write_text(render(ExportRequest(kind), events, first), encoding="utf-8")
    again = imported(exported, tmp_path / "again")
    assert list(again.diagnostics) == []
    assert len(again.events) == len(first.events)
    assert sorted(map(facts, again.events)) == sorted(map(facts, first.events))


HOSTILE = [
    '"""', "'''", "\\", "\\u0041", "[/", "[@click=app.quit]x", "<b>bold</b> & <script>x</script>",
    "\x1b]52;c;aGk=\x07", "\u202e\u2028", "= + - @", "#not a comment", "é ☃ 𝄞", "a,b;c:d",
]  # fmt: skip


@pytest.mark.parametrize("kind", ["timelinejs", "ics"])
def test_hostile_titles_round_trip(tmp_path: Path, kind: str) -> None:
    records = "".join(
        f"[[events]]\nid = 'e{i}'\ntitle = {toml_string(text)}\nwhen = 2025-08-{i + 1:02}\n"
        f"summary = {toml_string(text)}\n\n"
        for i, text in enumerate(HOSTILE)
    )
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "hostile.toml").write_text(records, encoding="utf-8")
    first = load([str(tmp_path / "in")])
    assert list(first.diagnostics) == []
    exported = tmp_path / f"hostile.{'json' if kind == 'timelinejs' else 'ics'}"
    exported.write_text(render(ExportRequest(kind), list(first.events), first), encoding="utf-8")
    again = imported(exported, tmp_path / "again")
    assert list(again.diagnostics) == []
    # exports make control characters visible (␛); titles come back as they were written
    # (iCalendar's SUMMARY is plain text, so its markup is kept, as TimelineJS's is escaped)
    expected = [sanitize(e.title) for e in first.events]
    assert [e.title for e in again.events] == expected
