"""Markdown export: a chronology to read as a briefing.

    # Chronology
    ## Aug 2025 · no day given        one heading a day; a coarse date under its own heading
    ### 13:15 · Title                 the time when one is known
    place, actors, status, tags; the summary; quotes as blockquotes with their speaker;
    sources as footnotes [^seed-article], defined once at the end with title, publisher,
    date, grade (`graded B (usually reliable)`, when it has one) and <URL> (http(s) only).

Every piece of text from a file is untrusted: control characters are made visible (the
sanitiser), and the characters Markdown acts on are escaped, so a title of
`[click](javascript:x)` or `<script>` reads literally and makes no link and no HTML.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from datetime import datetime, tzinfo

from timeline_tui.core.bounds import bounds_text
from timeline_tui.core.model import Event, Precision, Quote
from timeline_tui.core.sanitizer import sanitize, sanitize_line
from timeline_tui.core.timeline import Timeline
from timeline_tui.formats.annotation import Notes
from timeline_tui.formats.export_time import moment_in, shown_when
from timeline_tui.formats.json_records import source_grade

# Active anywhere in a line: escapes, code, emphasis, links, tables, strikethrough, headings'
# closing hashes. `<` and `&` are written as HTML entities (raw HTML, entity references).
_INLINE = re.compile(r"([\\`*_\[\]|~#])")
# Active at the start of a line: headings, lists, blockquotes, setext underlines, breaks.
_LINE_START = re.compile(r"^(\s*)([-+=>:]|\d+(?=[.)]))")
_URL_SAFE = re.compile(r"^https?://[^\s<>]+$", re.IGNORECASE)
_LABEL_UNSAFE = re.compile(r"[^A-Za-z0-9_-]+")


def escape_markdown(text: str) -> str:
    """One line of untrusted text as Markdown that shows it literally."""
    text = _INLINE.sub(r"\\\1", sanitize_line(text))
    text = text.replace("&", "&amp;").replace("<", "&lt;")
    return _LINE_START.sub(_escape_start, text.lstrip())


def _escape_start(match: re.Match[str]) -> str:
    marker = match.group(2)
    if marker.isdigit():  # `1.` or `1)` would start an ordered list: escape what follows
        return match.group(1) + marker + "\\"
    return match.group(1) + "\\" + marker


def escape_block(text: str) -> list[str]:
    """Free text of several lines as Markdown lines, each escaped (blank lines kept)."""
    return [escape_markdown(line) for line in sanitize(text).strip().splitlines()]


def day_heading(event: Event, zone: tzinfo | None) -> str:
    """`Fri 15 Aug 2025`, `Aug 2025 · no day given` or `2025 · no month given`, as the app's
    day groups, or for an event known only by its bounds those (`between 15 and 17 Aug 2025`,
    `by 17 Aug 2025`); in the display zone when a time is known."""
    if event.when.unreadable:
        return "date unreadable"
    if event.bounded:
        return bounds_text(event.earliest, event.latest)
    precision, moment = event.when.precision, moment_in(event.when, zone)
    if precision >= Precision.DAY:
        return f"{moment:%a} {moment.day} {moment:%b %Y}"
    if precision == Precision.MONTH:
        return f"{moment:%b %Y} · no day given"
    return f"{moment.year} · no month given"


class _Footnotes:
    """Sources cited, each given one footnote label (safe, unique) in the order first cited."""

    def __init__(self) -> None:
        self.labels: dict[str, str] = {}

    def label(self, source_id: str) -> str:
        if source_id not in self.labels:
            base = _LABEL_UNSAFE.sub("-", source_id).strip("-")[:40] or "source"
            label, n = base, 1
            while label in self.labels.values():
                n += 1
                label = f"{base}-{n}"
            self.labels[source_id] = label
        return self.labels[source_id]


def to_markdown(
    events: Sequence[Event], timeline: Timeline, *, title: str = "Chronology",
    description: str = "", zone: tzinfo | None = None, notes: Notes | None = None,
) -> str:  # fmt: skip
    """The events (in time order) as a Markdown chronology; `description` says what was
    exported (paths, filter), `notes` adds stars and the analyst's notes."""
    out = [f"# {escape_markdown(title)}", ""]
    if description:
        out += [escape_markdown(description), ""]
    footnotes = _Footnotes()
    heading = None
    for event in events:
        day = day_heading(event, zone)
        if day != heading:
            out += [f"## {escape_markdown(day)}", ""]
            heading = day
        out += _event_lines(event, timeline, zone, footnotes, notes)
    out += _footnote_lines(footnotes, timeline)
    return "\n".join(out).rstrip("\n") + "\n"


def _event_lines(
    event: Event, timeline: Timeline, zone: tzinfo | None, footnotes: _Footnotes,
    notes: Notes | None,
) -> list[str]:  # fmt: skip
    annotation = notes.get(event.id) if notes is not None else None
    star = "★ " if annotation is not None and annotation.star else ""
    clock = _clock(event, zone)
    out = [f"### {star}{clock}{escape_markdown(event.title)}", ""]
    out += [f"- {line}" for line in _facts(event, timeline, zone)]
    out.append("")
    if event.summary.strip():
        out += [*escape_block(event.summary), ""]
    for quote in event.quotes:
        out += [*_quote_lines(quote, timeline), ""]
    if annotation is not None and annotation.note.strip():
        out += ["**Analyst's note:**", *escape_block(annotation.note), ""]
    if annotation is not None and annotation.tags:
        out += [f"**Analyst's tags:** {escape_markdown(', '.join(annotation.tags))}", ""]
    if event.sources:
        cited = " ".join(f"[^{footnotes.label(s)}]" for s in event.sources)
        out += [f"Sources: {cited}", ""]
    return out


def _clock(event: Event, zone: tzinfo | None) -> str:
    when = shown_when(event.when, zone)
    if when.precision < Precision.HOUR or event.bounded or when.unreadable:
        return ""
    moment: datetime = when.moment
    zone_name = f" {moment.tzname()}" if when.zone is not None and moment.tzname() else ""
    return escape_markdown(f"{moment:%H:%M}{zone_name}") + " · "


def _facts(event: Event, timeline: Timeline, zone: tzinfo | None) -> Iterable[str]:
    """The event's short facts, one bullet each: when, status, place, actors, tags."""
    if event.bounded:
        when = bounds_text(event.earliest, event.latest, event.when.approximate)
    elif event.when.unreadable:
        when = "date unreadable"
    else:
        when = shown_when(event.when, zone).display()
    if event.end is not None:
        when += " – " + shown_when(event.end, zone).display()
    yield f"**When:** {escape_markdown(when)}"
    if event.status != "occurred":
        yield f"**Status:** {escape_markdown(event.status)}"
    if event.location:
        yield f"**Where:** {escape_markdown(event.location)}"
    if event.actors:
        names = ", ".join(timeline.actors.name(a) for a in event.actors)
        yield f"**Who:** {escape_markdown(names)}"
    if event.tags:
        yield f"**Tags:** {escape_markdown(', '.join(event.tags))}"
    if event.notes.strip():
        yield f"**Record note:** {escape_markdown(event.notes)}"


def _quote_lines(quote: Quote, timeline: Timeline) -> list[str]:
    text = escape_block(f"“{quote.text.strip()}”")
    lines = [f"> {line}" if line else ">" for line in text]
    if quote.speaker:
        lines += [">", f"> — {escape_markdown(timeline.actors.name(quote.speaker))}"]
    return lines


def _footnote_lines(footnotes: _Footnotes, timeline: Timeline) -> list[str]:
    out = []
    for source_id, label in footnotes.labels.items():
        out += [f"[^{label}]: {source_note(source_id, timeline)}", ""]
    return out


def source_note(source_id: str, timeline: Timeline) -> str:
    """`Title, Publisher, 2025-08-17; graded B (usually reliable). <https://…>`: what is known
    of a source, escaped; the URL is a link only when it is http(s) and holds nothing that
    could end the link."""
    source = timeline.sources.get(source_id)
    if source is None:
        return escape_markdown(f"{source_id} (not defined in the files loaded).")
    parts = [p for p in (source.title or source.id, source.publisher, source.date) if p]
    grade = source_grade(source_id, timeline)
    text = escape_markdown(", ".join(parts) + (f"; {grade}." if grade else "."))
    url = sanitize_line(source.url).strip()
    if _URL_SAFE.match(url):
        text += f" <{url}>"
    elif url:
        text += f" {escape_markdown(url)}"
    return text
