"""Values a fuzzing run found crashing the loader: each is now a diagnostic at its place."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest
from support import CRASHERS, errors, event_ids, only

from timeline_tui.core.dates import DateError, from_text, zone_from_name
from timeline_tui.loading.discovery import discover
from timeline_tui.loading.reading import read_bytes, read_document
from timeline_tui.loading.workspace import load
from timeline_tui.records.parse import parse


def one_event(body: str, meta: str = "") -> tuple[object, list]:
    """Parse `meta` then one event whose keys are `body`: (the event or None, diagnostics)."""
    text = f"{meta}\n[[events]]\nid = 'e'\ntitle = 'T'\n{body}\n"
    parsed = parse(text, "x.toml")
    return (parsed.events[0] if parsed.events else None), parsed.diagnostics


# ── each crash issue 11 names, through the whole load ───────────────────

GOOD = "\n[[events]]\nid = 'good'\ntitle = 'Good'\nwhen = 2025-08-18\n"


@pytest.mark.parametrize("name", CRASHERS)
def test_a_value_that_once_crashed_is_an_error_at_its_place_and_the_rest_of_its_file_loads(
    write, name
):
    content, line, message = CRASHERS[name]
    path = write(name, content + GOOD)
    timeline = load([str(path)])
    problem = only(errors(timeline.diagnostics), message)
    assert (problem.path, problem.line, problem.column) == (str(path), line, 1)
    assert "internal error" not in problem.message
    assert "good" in event_ids(timeline)


# ── relative days past the calendar ─────────────────────────────────────

EDGES = [
    ("9999-12-31", "next Monday", "past year 9999"),
    ("9999-12-31", "tomorrow", "past year 9999"),
    ("9999-12-31", "Saturday 10:00", "past year 9999"),
    ("0001-01-01", "yesterday", "before year 1"),
    ("0001-01-01", "last Friday", "before year 1"),
]


@pytest.mark.parametrize(("reference", "text", "side"), EDGES)
def test_relative_day_past_the_calendar_is_a_date_error(reference, text, side):
    with pytest.raises(DateError, match=f"{text!r} from {reference} falls {side}"):
        from_text(text, date.fromisoformat(reference))


@pytest.mark.parametrize(("reference", "text", "side"), EDGES)
def test_relative_day_past_the_calendar_is_an_error_at_when(reference, text, side):
    event, diagnostics = one_event(f'when = "{text}"', f"[meta]\nreference_date = {reference}")
    assert event.when.unreadable
    problem = only(errors(diagnostics), side)
    assert (problem.path, problem.line, problem.column) == ("x.toml", 6, 1)


def test_relative_day_at_the_last_day_still_reads():
    assert from_text("Friday", date(9999, 12, 31)).iso() == "9999-12-31"
    assert from_text("today", date(1, 1, 1)).iso() == "0001-01-01"


# ── UTC offsets of a day or more ────────────────────────────────────────


@pytest.mark.parametrize("zone", ["UTC-24", "UTC+24", "+2400", "GMT+25", "+9999"])
def test_offset_of_a_day_or_more_is_a_date_error(zone):
    with pytest.raises(DateError, match="less than 24 hours"):
        from_text(f"2025-08-18 10:00 {zone}")


def test_offset_just_under_a_day_still_reads():
    assert from_text("2025-08-18 10:00 -23:59").iso() == "2025-08-18T10:00-23:59"


@pytest.mark.parametrize("key", ["when", "end"])
def test_offset_of_a_day_in_an_event_is_an_error_at_its_key(key):
    body = 'when = 2025-08-18\nend = "2025-08-18 10:00 UTC-24"'
    if key == "when":
        body = 'when = "2025-08-18 10:00 UTC-24"'
    event, diagnostics = one_event(body)
    problem = only(errors(diagnostics), "less than 24 hours")
    assert (problem.line, problem.column) == (5 if key == "when" else 6, 1)
    assert event.when.unreadable == (key == "when")


def test_offset_of_a_day_in_a_source_date_is_an_error_at_its_key():
    parsed = parse('[[sources]]\nid = "s"\ndate = "2025-08-18 10:00 UTC-24"\n', "x.toml")
    problem = only(errors(parsed.diagnostics), "less than 24 hours")
    assert (problem.line, problem.column) == (3, 1)
    assert [source.id for source in parsed.sources] == ["s"]


# ── a NUL character in a path ───────────────────────────────────────────

NUL_DOCUMENT = """
[[sources]]
id = "s"
document = "doc\\u0000.txt"

[[events]]
id = "quoted"
title = "Quoted"
when = 2025-08-18
source = "s"
[[events.quotes]]
speaker = "Someone"
text = "words"
"""


def test_nul_in_a_source_document_is_an_error_at_its_key_and_the_source_kept():
    parsed = parse(NUL_DOCUMENT.lstrip(), "x.toml")
    problem = only(errors(parsed.diagnostics), "NUL")
    assert (problem.line, problem.column) == (3, 1)
    assert [(source.id, source.document) for source in parsed.sources] == [("s", None)]


def test_nul_in_a_source_document_costs_no_event(write):
    path = write("nul.toml", NUL_DOCUMENT.lstrip())
    timeline = load([str(path)])
    assert event_ids(timeline) == ["quoted"]
    assert only(errors(timeline.diagnostics), "NUL").line == 3


def test_reading_a_path_with_a_nul_is_a_diagnostic(tmp_path: Path):
    path = str(tmp_path / "a\0b.toml")
    problem = read_bytes(path)
    assert not isinstance(problem, bytes)
    assert "NUL" in problem.message and problem.path == path
    assert read_document(path) is None


def test_finding_a_path_with_a_nul_is_a_diagnostic(tmp_path: Path):
    found = discover([str(tmp_path / "a\0b")])
    assert found.files == []
    assert "NUL" in only(found.diagnostics, "NUL").message


# ── time zone names ─────────────────────────────────────────────────────

ODD_ZONES = ["a." * 300 + "x/y", "a" * 5000, "Europe/../Berlin", "./UTC", "Europe/Berlin\0"]


@pytest.mark.parametrize("name", ODD_ZONES, ids=["dotted", "long", "dot-dot", "dot", "nul"])
def test_a_name_no_zone_has_is_a_date_error(name):
    reason = "too long" if len(name) > 255 else "not an IANA name"
    with pytest.raises(DateError, match=reason) as caught:
        zone_from_name(name)
    assert len(str(caught.value)) < 120  # the name is cut short, not repeated whole


@pytest.mark.parametrize("name", ["Etc/GMT+5", "America/Argentina/ComodRivadavia", "UTC"])
def test_iana_names_still_read(name):
    assert zone_from_name(name).key == name


def test_a_deeply_dotted_meta_timezone_is_an_error_at_its_key():
    meta = f'[meta]\ntimezone = "{"a." * 300}x/y"'
    event, diagnostics = one_event("when = 2025-08-18T10:00:00", meta)
    assert only(errors(diagnostics), "time zone name too long").line == 2
    assert event.when.zone is None  # still read, as a floating time


# ── files whose read behaves oddly (/proc/kmsg) ─────────────────────────


@pytest.mark.parametrize(
    "reads", [[None], [b"x" * 101, None], ["text"]], ids=["nothing", "partly", "not-bytes"]
)
def test_a_read_that_would_block_is_a_diagnostic(write, blocking_reads, reads):
    path = write("kmsg.toml", "x" * 100)
    blocking_reads(path, reads)
    problem = read_bytes(str(path))
    assert not isinstance(problem, bytes)
    assert "would block" in problem.message and problem.path == str(path)


def test_a_symlink_to_a_file_that_would_block_costs_no_other_file(write, tmp_path, blocking_reads):
    write("good.toml", "[[events]]\nid = 'g'\ntitle = 'G'\nwhen = 2025-08-18\n")
    (tmp_path / "kmsg.toml").symlink_to(write("kmsg.txt", "x"))
    blocking_reads(tmp_path / "kmsg.txt")
    timeline = load([str(tmp_path)])
    assert event_ids(timeline) == ["g"]
    assert only(errors(timeline.diagnostics), "would block").path == str(tmp_path / "kmsg.toml")


@pytest.mark.skipif(not os.access("/proc/self/status", os.R_OK), reason="no /proc here")
def test_a_symlink_to_a_proc_file_is_read_as_it_is(tmp_path):
    (tmp_path / "status.toml").symlink_to("/proc/self/status")
    timeline = load([str(tmp_path)])
    assert event_ids(timeline) == []
    assert only(errors(timeline.diagnostics), "invalid TOML").line >= 1
