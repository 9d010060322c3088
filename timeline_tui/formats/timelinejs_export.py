"""TimelineJS export: the TimelineJS3 JSON a timeline page loads (`{"title", "events"}`).

Dates carry only the parts known (a month is `{"year", "month"}`: no invented 1st), with
`display_date` saying the date as the app does when it is uncertain or coarse ("about Aug
2025"). TimelineJS shows `headline` and `text` as HTML, so every piece of text from a file is
HTML-escaped and only the markup made here (paragraphs, a blockquote, links to http(s)
sources) is left; `group` is the first actor's name when grouping by actor is asked.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from datetime import tzinfo

from timeline_tui.core.bounds import bounds_text
from timeline_tui.core.model import Event, Precision, When
from timeline_tui.core.sanitizer import sanitize, sanitize_line
from timeline_tui.core.timeline import Timeline
from timeline_tui.formats.export_time import moment_in, shown_when
from timeline_tui.formats.json_records import safe_json, source_grade, source_json

_PARTS = (
    (Precision.YEAR, "year"), (Precision.MONTH, "month"), (Precision.DAY, "day"),
    (Precision.HOUR, "hour"), (Precision.MINUTE, "minute"),
)  # fmt: skip


def escaped(text: str, *, attribute: bool = False) -> str:
    """Untrusted text as HTML that shows it literally (quote marks escaped too, in an
    attribute's value)."""
    return html.escape(sanitize(text), quote=attribute)


def to_timelinejs(
    events: Sequence[Event], timeline: Timeline, *, title: str = "Chronology",
    description: str = "", zone: tzinfo | None = None, group_by_actor: bool = False,
) -> str:  # fmt: skip
    """The events as TimelineJS3 JSON text."""
    document: dict[str, object] = {
        "title": {"text": {"headline": escaped(sanitize_line(title)),
                           "text": _paragraphs(description)}},
        "events": [_event(e, timeline, zone, group_by_actor) for e in events],
    }  # fmt: skip
    return safe_json(document) + "\n"


def date_parts(when: When, zone: tzinfo | None) -> dict[str, int]:
    """The parts of the date that are known, in `zone` when a time is known."""
    moment = moment_in(when, zone)
    known = [name for precision, name in _PARTS if when.precision >= precision]
    return {name: getattr(moment, name) for name in known}


def _event(
    event: Event, timeline: Timeline, zone: tzinfo | None, group_by_actor: bool
) -> dict[str, object]:
    if event.bounded:  # from the first bound known to the last: only their known parts
        record: dict[str, object] = {"start_date": date_parts(event.earliest or event.when, zone)}
        if event.earliest is not None and event.latest is not None:
            record["end_date"] = date_parts(event.latest, zone)
    else:
        record = {"start_date": date_parts(event.when, zone)}
        if event.end is not None:
            record["end_date"] = date_parts(event.end, zone)
    record["text"] = {"headline": escaped(sanitize_line(event.title)),
                      "text": _text(event, timeline)}  # fmt: skip
    if group_by_actor and event.actors:
        record["group"] = escaped(sanitize_line(timeline.actors.name(event.actors[0])))
    if event.bounded:
        shown = bounds_text(event.earliest, event.latest, event.when.approximate)
        record["display_date"] = escaped(shown)
    elif event.when.approximate or event.when.precision < Precision.DAY:
        record["display_date"] = escaped(shown_when(event.when, zone).display())
    record["unique_id"] = sanitize_line(event.id)
    return record


def _paragraphs(text: str) -> str:
    blocks = [b.strip() for b in text.strip().split("\n\n") if b.strip()]
    return "".join(f"<p>{escaped(block)}</p>" for block in blocks)


def _text(event: Event, timeline: Timeline) -> str:
    """The summary, the place, the quotes and the sources, as HTML made of escaped text."""
    out = [_paragraphs(event.summary)]
    if event.location:
        out.append(f"<p>{escaped(sanitize_line(event.location))}</p>")
    for quote in event.quotes:
        speaker = timeline.actors.name(quote.speaker) if quote.speaker else ""
        cite = f"<cite>{escaped(sanitize_line(speaker))}</cite>" if speaker else ""
        out.append(f"<blockquote>{escaped(quote.text.strip())}{cite}</blockquote>")
    links = [_source_link(source_id, timeline) for source_id in event.sources]
    if links:
        out.append("<p>Sources: " + "; ".join(links) + "</p>")
    return "".join(out)


def _source_link(source_id: str, timeline: Timeline) -> str:
    source = source_json(source_id, timeline)
    name = escaped(sanitize_line(str(source["title"] or source_id)))
    grade = source_grade(source_id, timeline)
    graded = f", {escaped(grade)}" if grade else ""
    url = sanitize_line(str(source["url"] or "")).strip()
    if url.lower().startswith(("http://", "https://")):
        return f'<a href="{escaped(url, attribute=True)}">{name}</a>{graded}'
    return name + graded
