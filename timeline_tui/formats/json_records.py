"""Events as JSON: the schema of `timeline list --json` (and of the JSON export).

Every event has DESIGN.md's fields: `id`, `title`, `start` (ISO 8601 to the precision known;
null when only bounds are known or the date is unreadable), `end`, `earliest`, `latest` (the
bounds, or null), `precision`, `approximate`, `status`, `location`, `actors` (canonical names),
`tags`, `summary`, `notes`, `quotes` (`{speaker, text}`), `sources` (`{id, title, publisher,
url, date, reliability}`: reliability is the grade A-F or null), `independent_publishers` (how
many independent publishers those sources come from: core/provenance.py), `related`,
`conflicts` (the ids of the records it names as telling the same happening differently),
`file` and `line`.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence

from timeline_tui.core.file_names import escape_undecodable
from timeline_tui.core.model import Event
from timeline_tui.core.provenance import GRADE_MEANINGS, grade_text, independent_count
from timeline_tui.core.timeline import Timeline
from timeline_tui.core.zones import OWN, DisplayZone

# Characters a terminal acts on, that reorder text or that cannot be seen (C1 controls, bidi
# controls, zero-width and line/paragraph separators, tag characters): JSON may hold them
# raw, so they are escaped (json.dumps escapes the C0 controls itself).
_TERMINAL_UNSAFE = re.compile(
    "[\x7f-\x9f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff\U000e0000-\U000e007f]"
)


def _escaped(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code < 0x10000:
        return f"\\u{code:04x}"
    code -= 0x10000  # beyond the BMP: JSON spells it as a UTF-16 surrogate pair
    return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"


def safe_json(value: object) -> str:
    """JSON with non-ASCII kept readable but control, bidi and invisible characters escaped,
    and the bytes of file names that are not UTF-8 as `<0xE9>` (so the output is UTF-8)."""
    return _made_safe(json.dumps(value, ensure_ascii=False, indent=2))


def safe_json_array(values: Sequence[object]) -> str:
    """A JSON array with one value a line, made safe as safe_json does. Written compact, each
    value is encoded by json's C encoder (indenting takes its Python one: 10x slower, 0.2 s
    for the 1,425 events of a `list` at 100,000)."""
    if not values:
        return "[]"
    lines = ",\n".join([json.dumps(value, ensure_ascii=False) for value in values])
    return _made_safe(f"[\n{lines}\n]")


def _made_safe(text: str) -> str:
    return _TERMINAL_UNSAFE.sub(_escaped, escape_undecodable(text))


def event_json(event: Event, timeline: Timeline, zone: DisplayZone = OWN) -> dict[str, object]:
    """The JSON form of an event, actors and speakers by canonical name, times in `zone`
    (each as given, with its offset, by default)."""
    name = timeline.actors.name
    return {
        "id": event.id,
        "title": event.title,
        "start": (
            zone.shown(event.when).iso() if event.when_given and not event.when.unreadable else None
        ),
        "end": zone.shown(event.end).iso() if event.end else None,
        "earliest": event.earliest.iso() if event.earliest else None,
        "latest": event.latest.iso() if event.latest else None,
        "precision": event.when.precision.label,
        "approximate": event.when.approximate,
        "status": event.status,
        "location": event.location,
        "actors": [name(a) for a in event.actors],
        "tags": list(event.tags),
        "summary": event.summary,
        "notes": event.notes,
        "quotes": [
            {"speaker": name(q.speaker) if q.speaker else None, "text": q.text}
            for q in event.quotes
        ],
        "sources": [source_json(source_id, timeline) for source_id in event.sources],
        "independent_publishers": independent_count(event.sources, timeline.sources),
        "related": list(event.related),
        "conflicts": list(event.conflicts),
        "file": event.file,
        "line": event.line,
    }


def source_json(source_id: str, timeline: Timeline) -> dict[str, object]:
    """A cited source; one defined nowhere has its id and nothing else."""
    source = timeline.sources.get(source_id)
    if source is None:
        return {"id": source_id, "title": None, "publisher": None, "url": None, "date": None,
                "reliability": None}  # fmt: skip
    return {
        "id": source.id,
        "title": source.title or None,
        "publisher": source.publisher or None,
        "url": source.url or None,
        "date": source.date or None,
        "reliability": source.reliability or None,
    }


def source_grade(source_id: str, timeline: Timeline) -> str:
    """`graded B (usually reliable)` for a source the files grade, else "" (the exports that
    write a source's fields say its grade with them; JSON gives `reliability`)."""
    source = timeline.sources.get(source_id)
    graded = source is not None and source.reliability in GRADE_MEANINGS
    return f"graded {grade_text(source)}" if graded and source is not None else ""
