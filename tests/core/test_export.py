"""Exports (formats/*_export.py): each format on the seed, read back by a reader of that
format, and hostile text in every field shown literally, never as markup, HTML or a formula."""

from __future__ import annotations

import csv
import io
import json
import re
from datetime import UTC, date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import icalendar
import pytest
from markdown_it import MarkdownIt
from support import Write

from timeline_tui.core.timeline import Timeline
from timeline_tui.formats.annotation import Annotation
from timeline_tui.formats.csv_export import HEADER, neutralised, to_csv
from timeline_tui.formats.export import (
    FORMATS,
    ExportRequest,
    TargetExists,
    render,
    write_export,
)
from timeline_tui.formats.ical_export import to_ical
from timeline_tui.formats.json_export import to_json
from timeline_tui.formats.json_records import event_json
from timeline_tui.formats.markdown_export import escape_markdown, to_markdown
from timeline_tui.formats.timelinejs_export import to_timelinejs
from timeline_tui.loading.workspace import load

HOSTILE = "[click](javascript:x) <script>alert(1)</script> &amp; *b* `c` \\ # | \x1b[31m"
FORMULA = '=HYPERLINK("http://evil","x")'

HOSTILE_TOML = f'''
[[sources]]
id = "s[1](x)"
title = {json.dumps(HOSTILE)}
url = "javascript:alert(1)"

[[sources]]
id = "web"
title = "Web"
url = "https://example.org/a?b=1&c=<2>"

[[events]]
id = "evil"
title = {json.dumps(HOSTILE)}
when = 2025-08-18T13:15:00-04:00
end = 2025-08-18T15:00:00-04:00
location = {json.dumps(FORMULA)}
actors = [{json.dumps("+Mallory <b>")}]
tags = ["@tag", "-x", "a,b;c"]
summary = """# Heading
- list
1. ordered
> quote
<img src=x onerror=alert(1)>
====
"""
notes = "@SUM(A1)"
sources = ["s[1](x)", "web"]

[[events.quotes]]
speaker = "+Mallory <b>"
text = "</blockquote><script>x</script>"
'''


def hostile(write: Write) -> Timeline:
    return load([str(write("evil.toml", HOSTILE_TOML, dedent=False))])


def zoned(write: Write) -> Timeline:
    path = write(
        "zoned.toml",
        '[meta]\ntimezone = "America/New_York"\n[[events]]\nid = "t"\ntitle = "T"\n'
        "when = 2025-08-18T13:15:00\nend = 2025-08-18T15:00:00\n"
        '[[events]]\nid = "y"\ntitle = "Y"\nwhen = "2024"\n'
        '[[events]]\nid = "f"\ntitle = "F"\nwhen = 2025-08-20T09:00:00+02:00\n'
        '[[events]]\nid = "m"\ntitle = "M"\nwhen = "August 2025"\napproximate = true\n',
        dedent=False,
    )
    return load([str(path)])


def html_of(markdown: str) -> str:
    return MarkdownIt("commonmark").enable(["table", "strikethrough"]).render(markdown)


# -- Markdown ----------------------------------------------------------------------------


def test_markdown_has_day_headings_in_time_order(seed: Timeline) -> None:
    text = to_markdown(list(seed.events), seed)
    headings = [line for line in text.splitlines() if line.startswith("## ")]
    assert headings == [  # as the app's day groups: bounds in their own, ahead of their days
        "## between 15 and 17 Aug 2025",
        "## Fri 15 Aug 2025",
        "## by 17 Aug 2025",
        "## after 17 Aug 2025",
        "## Sun 17 Aug 2025",
        "## Mon 18 Aug 2025",
    ]
    titles = [line for line in text.splitlines() if line.startswith("### ")]
    assert len(titles) == len(seed.events)
    assert text.startswith("# Chronology\n")


def test_markdown_defines_one_footnote_per_source(seed: Timeline) -> None:
    text = to_markdown(list(seed.events), seed)
    cited = {s for e in seed.events for s in e.sources}
    definitions = [line for line in text.splitlines() if line.startswith("[^")]
    assert len(definitions) == len(cited) == 1
    assert definitions[0].startswith("[^seed-article]: Zelenskyy to press for ceasefire")
    assert text.count("[^seed-article]") == len(seed.events) + 1
    assert '<sup class="footnote-ref">' not in html_of(text)  # plain CommonMark: still text


def test_markdown_quotes_are_blockquotes_with_their_speaker(seed: Timeline) -> None:
    text = to_markdown(list(seed.events), seed)
    assert "> “to stop the killing”\n>\n> — Ursula von der Leyen" in text


def test_markdown_times_show_with_their_zone(write: Write) -> None:
    timeline = zoned(write)
    text = to_markdown(list(timeline.events), timeline)
    assert "### 13:15 EDT · T" in text
    assert "## 2024 · no month given" in text
    in_utc = to_markdown(list(timeline.events), timeline, zone=ZoneInfo("UTC"))
    assert "### 17:15 UTC · T" in in_utc


def test_markdown_shows_hostile_text_literally(write: Write) -> None:
    timeline = hostile(write)
    rendered = html_of(to_markdown(list(timeline.events), timeline))
    tags = re.findall(r"<([a-z0-9]+)[ >]", rendered)
    # Only the export's own structure: the title, the day, the event, its facts, the quote.
    assert sorted(set(tags)) == ["blockquote", "h1", "h2", "h3", "li", "p", "strong", "ul"]
    assert (tags.count("h1"), tags.count("h2"), tags.count("h3"), tags.count("ul")) == (1, 1, 1, 1)
    assert "[click](javascript:x) &lt;script&gt;alert(1)&lt;/script&gt; &amp;amp;" in rendered
    assert "\x1b" not in rendered and "␛[31m" in rendered
    assert "<p># Heading\n- list\n1. ordered\n&gt; quote\n&lt;img" in rendered


def test_markdown_escape_leaves_plain_words_alone() -> None:
    assert (
        escape_markdown("Trump–Putin meet, in Alaska (US).") == "Trump–Putin meet, in Alaska (US)."
    )
    assert escape_markdown("- 1. x") == "\\- 1. x"
    assert escape_markdown("2025. A year") == "2025\\. A year"


def test_markdown_adds_stars_and_notes_when_given(seed: Timeline) -> None:
    first = seed.events[0]
    notes = {first.id: Annotation(star=True, note="Check *this*")}
    text = to_markdown(list(seed.events), seed, notes=notes)
    assert f"### ★ {escape_markdown(first.title)}" in text
    assert "Check \\*this\\*" in text
    assert "★" not in to_markdown(list(seed.events), seed)


# -- CSV ---------------------------------------------------------------------------------


def rows_of(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text, newline="")))


def test_csv_has_a_header_and_one_row_per_event(seed: Timeline) -> None:
    text = to_csv(list(seed.events), seed)
    assert text.splitlines()[0] == ",".join(HEADER)
    assert text.endswith("\r\n") and "\n" not in text.replace("\r\n", "")
    rows = rows_of(text)
    assert [r["id"] for r in rows] == [e.id for e in seed.events]
    white_house = next(r for r in rows if r["id"] == "white-house-talks")
    assert white_house["start"] == "2025-08-18" and white_house["precision"] == "day"
    assert white_house["actors"].startswith("Volodymyr Zelenskyy; Donald Trump; ")
    assert white_house["status"] == "scheduled" and white_house["sources"] == "seed-article"


def test_csv_neutralises_formula_cells(write: Write) -> None:
    timeline = hostile(write)
    (row,) = rows_of(to_csv(list(timeline.events), timeline))
    assert row["location"] == "'" + FORMULA
    assert row["actors"] == "'+Mallory <b>"
    assert row["tags"] == "'@tag; -x; a,b;c"
    assert row["notes"] == "'@SUM(A1)"
    assert row["title"] == HOSTILE.replace("\x1b", "␛")  # exactly, but the escape made visible
    assert row["summary"].startswith("# Heading\n- list\n")  # newlines kept, in quotes


@pytest.mark.parametrize("cell", ["=1+1", "+1", "-1", "@A1", "\t=1", "\r=1"])
def test_neutralised_cells_start_with_a_quote(cell: str) -> None:
    assert neutralised(cell) == "'" + cell
    assert neutralised("a=1") == "a=1"


def test_csv_adds_star_and_note_columns_when_given(seed: Timeline) -> None:
    notes = {seed.events[0].id: Annotation(star=True, note="=bad")}
    rows = rows_of(to_csv(list(seed.events), seed, notes=notes))
    assert (rows[0]["star"], rows[0]["analyst_note"]) == ("yes", "'=bad")
    assert (rows[1]["star"], rows[1]["analyst_note"]) == ("", "")


# -- JSON --------------------------------------------------------------------------------


def test_json_is_the_list_json_schema(seed: Timeline) -> None:
    records = json.loads(to_json(list(seed.events), seed))
    assert records == [event_json(e, seed) for e in seed.events]


def test_json_adds_star_and_note_when_given(seed: Timeline) -> None:
    notes = {seed.events[0].id: Annotation(star=True, note="n")}
    records = json.loads(to_json(list(seed.events), seed, notes=notes))
    assert (records[0]["star"], records[0]["analyst_note"]) == (True, "n")
    assert (records[1]["star"], records[1]["analyst_note"]) == (False, "")


# -- iCalendar ---------------------------------------------------------------------------


def vevents(text: str) -> dict[str, icalendar.Event]:
    calendar = icalendar.Calendar.from_ical(text)
    return {str(e["uid"]).removesuffix("@timeline-tui"): e for e in calendar.walk("VEVENT")}


STAMP = datetime(2026, 1, 1, tzinfo=UTC)


def test_ics_round_trips_every_seed_event(seed: Timeline) -> None:
    found = vevents(to_ical(list(seed.events), seed, stamp=STAMP))
    assert list(found) == [e.id for e in seed.events]
    for event in seed.events:
        vevent = found[event.id]
        assert str(vevent["summary"]) == event.title
        assert str(vevent.get("location", "")) == event.location
        assert [str(c) for c in vevent.categories] == list(event.tags)
        assert str(vevent["x-timeline-precision"]) == event.when.precision.label
        assert ("x-timeline-approximate" in vevent) == event.when.approximate
        assert vevent.decoded("dtstamp") == STAMP
        assert event.summary.strip() in str(vevent["description"])


def test_ics_days_are_dates_and_months_span_all_day(seed: Timeline) -> None:
    found = vevents(to_ical(list(seed.events), seed))
    day = found["white-house-talks"]
    assert day.decoded("dtstart") == date(2025, 8, 18)
    assert not isinstance(day.decoded("dtstart"), datetime)
    assert day.decoded("dtend") == date(2025, 8, 19)
    assert str(day["status"]) == "TENTATIVE"
    bounded = found["witkoff-article5-statement"]  # between 15 and 17 Aug: all three days
    assert (bounded.decoded("dtstart"), bounded.decoded("dtend")) == (
        date(2025, 8, 15),
        date(2025, 8, 18),
    )
    assert str(bounded["x-timeline-earliest"]) == "2025-08-15"
    assert str(bounded["x-timeline-latest"]) == "2025-08-17"
    assert str(found["trump-putin-meeting"]["status"]) == "CONFIRMED"


def test_ics_months_span_all_day(write: Write) -> None:
    timeline = zoned(write)
    month = vevents(to_ical(list(timeline.events), timeline))["m"]
    assert (month.decoded("dtstart"), month.decoded("dtend")) == (
        date(2025, 8, 1),
        date(2025, 9, 1),
    )
    assert str(month["x-timeline-approximate"]) == "TRUE"


def test_ics_times_keep_their_zone(write: Write) -> None:
    timeline = zoned(write)
    text = to_ical(list(timeline.events), timeline)
    found = vevents(text)
    start, end = found["t"].decoded("dtstart"), found["t"].decoded("dtend")
    assert start == datetime(2025, 8, 18, 13, 15, tzinfo=ZoneInfo("America/New_York"))
    assert getattr(start.tzinfo, "key", None) == "America/New_York"
    assert end.hour == 15
    assert "DTSTART;TZID=America/New_York:20250818T131500" in text
    assert "BEGIN:VTIMEZONE" in text
    assert found["f"].decoded("dtstart") == datetime(2025, 8, 20, 7, tzinfo=UTC)  # an offset
    year = found["y"]
    assert (year.decoded("dtstart"), year.decoded("dtend")) == (date(2024, 1, 1), date(2025, 1, 1))


def test_ics_hostile_text_round_trips_escaped(write: Write) -> None:
    timeline = hostile(write)
    text = to_ical(list(timeline.events), timeline)
    assert "\x1b" not in text
    (vevent,) = vevents(text).values()
    assert str(vevent["summary"]) == HOSTILE.replace("\x1b", "␛")
    assert str(vevent["location"]) == FORMULA
    assert [str(c) for c in vevent.categories] == ["@tag", "-x", "a,b;c"]
    assert "</blockquote><script>x</script>" in str(vevent["description"])


# -- TimelineJS --------------------------------------------------------------------------


def test_timelinejs_gives_only_the_known_date_parts(seed: Timeline, write: Write) -> None:
    document = json.loads(to_timelinejs(list(seed.events), seed))
    by_id = {e["unique_id"]: e for e in document["events"]}
    assert len(by_id) == len(seed.events)
    bounded = by_id["witkoff-article5-statement"]
    assert bounded["start_date"] == {"year": 2025, "month": 8, "day": 15}
    assert bounded["end_date"] == {"year": 2025, "month": 8, "day": 17}
    assert bounded["display_date"] == "between 15 and 17 Aug 2025"
    day = by_id["white-house-talks"]
    assert day["start_date"] == {"year": 2025, "month": 8, "day": 18}
    assert "display_date" not in day and "group" not in day
    timeline = zoned(write)
    timed = json.loads(to_timelinejs(list(timeline.events), timeline))["events"]
    month = next(e for e in timed if e["unique_id"] == "m")
    assert month["start_date"] == {"year": 2025, "month": 8}
    assert month["display_date"] == "about Aug 2025"
    t = next(e for e in timed if e["unique_id"] == "t")
    assert t["start_date"] == {"year": 2025, "month": 8, "day": 18, "hour": 13, "minute": 15}
    assert t["end_date"]["hour"] == 15


def test_timelinejs_groups_by_first_actor_when_asked(seed: Timeline) -> None:
    document = json.loads(to_timelinejs(list(seed.events), seed, group_by_actor=True))
    groups = {e["unique_id"]: e.get("group") for e in document["events"]}
    assert groups["white-house-talks"] == "Volodymyr Zelenskyy"


def test_timelinejs_escapes_html(write: Write) -> None:
    timeline = hostile(write)
    (event,) = json.loads(to_timelinejs(list(timeline.events), timeline, group_by_actor=True))[
        "events"
    ]
    assert event["text"]["headline"] == (
        "[click](javascript:x) &lt;script&gt;alert(1)&lt;/script&gt; &amp;amp; *b* `c` \\ # | ␛[31m"
    )
    body = event["text"]["text"]
    assert "<script" not in body and "<img" not in body and 'href="javascript' not in body
    assert "&lt;/blockquote&gt;&lt;script&gt;x&lt;/script&gt;" in body
    assert '<a href="https://example.org/a?b=1&amp;c=&lt;2&gt;">Web</a>' in body
    assert event["group"] == "+Mallory &lt;b&gt;"


# -- the dispatcher and the write --------------------------------------------------------


@pytest.mark.parametrize("kind", list(FORMATS))
def test_every_format_renders_the_seed(seed: Timeline, kind: str) -> None:
    text = render(ExportRequest(kind), list(seed.events), seed)
    assert text.endswith("\n")
    assert "Zelenskyy meets Trump at the White House" in text


def test_unknown_format_is_a_value_error(seed: Timeline) -> None:
    with pytest.raises(ValueError, match="unknown export format"):
        render(ExportRequest("pdf"), [], seed)


def test_write_export_refuses_an_existing_file_unless_forced(tmp_path: Path) -> None:
    target = tmp_path / "out.md"
    write_export(target, "one\n")
    with pytest.raises(TargetExists):
        write_export(target, "two\n")
    assert target.read_text() == "one\n"
    write_export(target, "two\n", force=True)
    assert target.read_text() == "two\n"
    assert [p.name for p in tmp_path.iterdir()] == ["out.md"]  # no temporary file left


GRADED_TOML = """
[[sources]]
id = "wire"
title = "Wire report"
url = "https://example.org/wire"
reliability = "B"

[[sources]]
id = "blog"
title = "A blog"

[[events]]
id = "e"
title = "E"
when = 2025-08-18
sources = ["wire", "blog", "undefined"]
"""


def graded(write: Write) -> Timeline:
    return load([str(write("graded.toml", GRADED_TOML, dedent=False))])


def test_every_export_that_writes_a_sources_fields_gives_its_grade(write: Write) -> None:
    timeline = graded(write)
    events = list(timeline.events)
    grade = "graded B (usually reliable)"
    notes = {
        line.split(":")[0]: line
        for line in to_markdown(events, timeline).splitlines()
        if line.startswith("[^")
    }
    assert notes["[^wire]"] == f"[^wire]: Wire report; {grade}. <https://example.org/wire>"
    assert notes["[^blog]"] == "[^blog]: A blog."  # ungraded: nothing said
    description = str(vevents(to_ical(events, timeline, stamp=STAMP))["e"]["description"])
    assert f"Source: Wire report, {grade}, https://example.org/wire" in description
    assert "Source: A blog\n" in description + "\n" and description.count("graded") == 1
    (entry,) = json.loads(to_timelinejs(events, timeline))["events"]
    assert f'<a href="https://example.org/wire">Wire report</a>, {grade}' in entry["text"]["text"]
    assert entry["text"]["text"].count("graded") == 1
    sources = json.loads(to_json(events, timeline))[0]["sources"]
    assert [s["reliability"] for s in sources] == ["B", None, None]
