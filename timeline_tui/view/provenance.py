"""Provenance as the screen shows it, in plain text: the records an event conflicts with, what
became of each quote's check, a row of the sources screen, and one account of a happening for
the side-by-side view. No Textual.
"""

from __future__ import annotations

from dataclasses import dataclass

from timeline_tui.core import provenance
from timeline_tui.core.model import Event, Quote
from timeline_tui.core.timeline import Timeline
from timeline_tui.view.excerpt import shown_line

_CHECK_TEXTS = {
    provenance.FOUND: "found",
    provenance.NOT_FOUND: "NOT found",
    provenance.UNCHECKED: "unchecked (document not read)",
    provenance.NO_DOCUMENT: "not checked (no document)",
}


def conflicting_ids(event: Event, timeline: Timeline) -> list[str]:
    """The ids of the records told differently from this one: those it names (loaded or not)
    and those naming it, in that order, each once."""
    ids = list(event.conflicts)
    position = timeline.index_of(event.id)
    if position is not None:
        events = timeline.events
        for other in timeline.columns.fields.conflicts.get(position, ()):
            ids.append(events[other].id)
    return [other for other in dict.fromkeys(ids) if other != event.id]


def quote_check(quote: Quote, event: Event, timeline: Timeline) -> str:
    """`checked against 'gazette-web': found` (in the source's document), or why it was not
    checked."""
    status = timeline.quote_checks.status(quote, event.file, timeline.sources)
    if status == provenance.UNDEFINED:
        cited = quote.source or "no source"
        return f"not checked: source {cited!r} is not defined"
    return f"checked against {quote.source!r}: {_CHECK_TEXTS[status]}"


@dataclass(frozen=True)
class SourceRow:
    """One line of the sources screen."""

    source_id: str
    grade: str  # the letter, or "-" when ungraded
    label: str  # title · publisher · date (or "no date")
    events: int  # how many events cite it
    quotes: str  # `3 quotes: 2 found, 1 not found`, `no quotes checked`


def source_rows(timeline: Timeline) -> list[SourceRow]:
    """Every source defined, and every one cited but defined nowhere, by id."""
    cited = timeline.columns.fields.sources
    rows = []
    for source_id in sorted(set(timeline.sources) | set(cited)):
        source = timeline.sources.get(source_id)
        count = len(cited.get(source_id, ()))
        tally = timeline.quote_checks.tallies.get(source_id, provenance.QuoteTally())
        if source is None:
            rows.append(SourceRow(source_id, "?", "(not defined)", count, _tally_text(tally)))
            continue
        parts = [source.title or source.id, source.publisher, source.date or "no date"]
        label = shown_line(" · ".join(part for part in parts if part))
        rows.append(
            SourceRow(source_id, source.reliability or "-", label, count, _tally_text(tally))
        )
    return rows


def _tally_text(tally: provenance.QuoteTally) -> str:
    total = tally.found + tally.not_found + tally.unchecked
    if not total:
        return "no quotes checked"
    parts = [
        f"{count} {name}"
        for count, name in (
            (tally.found, "found"),
            (tally.not_found, "not found"),
            (tally.unchecked, "unchecked"),
        )  # fmt: skip
        if count
    ]
    return f"{total} quote{'s' if total != 1 else ''}: " + ", ".join(parts)


def account_text(event: Event, timeline: Timeline) -> str:
    """One account of a happening, for the side-by-side view: what it says and who says it."""
    name = timeline.actors.name
    lines = [event.title, "", f"When: {event.when.display()}"]
    lines.append(f"Where: {event.location or '(not given)'}")
    lines.append(f"Status: {event.status}")
    lines.append("Who: " + (", ".join(name(a) for a in event.actors) or "(nobody named)"))
    lines += ["", provenance.reported_by(event.sources, timeline.sources)]
    for source_id in event.sources:
        source = timeline.sources.get(source_id)
        if source is None:
            lines.append(f"• {source_id} (not defined)")
        else:
            dated = source.date or "no date"
            lines.append(
                f"• {source.title or source.id} · {dated} · {provenance.grade_text(source)}"
            )
    if event.summary:
        lines += ["", event.summary]
    for quote in event.quotes:
        lines += ["", f"“{quote.text}” — {name(quote.speaker) if quote.speaker else '?'}"]
    return "\n".join(lines)


def differences_text(one: Event, other: Event, timeline: Timeline) -> str:
    """What differs, a line a field: `date: 2031-03-01 | 2031-03-02`."""
    found = provenance.differences(one, other, timeline.actors.name)
    if not found:
        return "The two accounts agree on date, place, status, actors and figures."
    return "\n".join(f"{d.field}: {d.one}  |  {d.other}" for d in found)
