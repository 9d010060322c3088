"""Pure parsing: one TOML text and its path to records and diagnostics. Never raises."""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, tzinfo
from typing import Any, TypeVar

from timeline_tui.core.actors import slug
from timeline_tui.core.bounds import end_of
from timeline_tui.core.dates import DateError, from_toml, with_precision, zone_from_name
from timeline_tui.core.diagnostics import Diagnostic, error, internal_error, warning
from timeline_tui.core.model import (
    ACTOR_KINDS,
    STATUSES,
    UNREADABLE_DATE,
    Actor,
    Event,
    Precision,
    Quote,
    Source,
    When,
)
from timeline_tui.records import schema, toml_reading
from timeline_tui.records.lines import LineIndex

T = TypeVar("T")
_EVENT_KEYS = frozenset(schema.EVENT_KEYS)
_STATUS = {status: status for status in STATUSES}  # one string object for each status
_BOUND_KEYS = frozenset(("earliest", "latest"))
_NO_BOUNDS: tuple[When | None, When | None] = (None, None)


@dataclass(slots=True)
class Meta:
    """A file's defaults: what relative days are relative to, its zone, its source."""

    reference: date | None = None
    zone: tzinfo | None = None
    source: str | None = None


@dataclass(slots=True)
class ParsedFile:
    """What one file holds; `readable` is False when its TOML could not be read at all, `blank`
    is True when the file held nothing but whitespace (as one being saved may, for a moment)."""

    path: str
    events: Sequence[Event] = field(default_factory=list)  # a list, or packed once read
    actors: list[Actor] = field(default_factory=list)
    sources: list[Source] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    readable: bool = True
    blank: bool = False


class _Context:
    """The file being parsed: its path, its line index and the diagnostics so far, each made
    while an event is read marked with that event's line (`event_line`)."""

    def __init__(self, path: str, text: str) -> None:
        self.path = path
        self.lines = LineIndex(text)
        self.result = ParsedFile(path)
        self.strings: dict[str, str] = {}  # one object for each repeated tag, place, status
        self.tuples: dict[tuple[str, ...], tuple[str, ...]] = {}  # ... and list of them
        # The same `when` value read once per file, and with the same precision and approximate.
        self.whens: dict[tuple[object, ...], When] = {}
        self.finals: dict[tuple[object, ...], When] = {}
        self.event_line = 0  # the line of the event being read (0: none)

    def share(self, text: str) -> str:
        return self.strings.setdefault(text, text)

    def shared(self, texts: tuple[str, ...]) -> tuple[str, ...]:
        """An equal tuple of shared strings; the same tuple for equal contents."""
        found = self.tuples.get(texts)
        if found is None:
            found = tuple(map(self.strings.setdefault, texts, texts))
            self.tuples[found] = found
        return found

    def error(self, line: int, column: int, message: str) -> None:
        self.result.diagnostics.append(error(self.path, line, column, message, self.event_line))

    def warn(self, line: int, column: int, message: str) -> None:
        self.result.diagnostics.append(warning(self.path, line, column, message, self.event_line))

    def at_key(self, start: int, key: str) -> tuple[int, int]:
        return self.lines.key_line(start, key)

    def unknown_keys(
        self, raw: dict[str, Any], known: tuple[str, ...], start: int | None, what: str
    ) -> None:
        """Warn of keys not in `known`, in file order; start None is the file's top level."""
        for key in [key for key in raw if key not in known]:
            line, column = self.lines.top_key(key) if start is None else self.at_key(start, key)
            hint = schema.did_you_mean(key, known)
            self.warn(line, column, f"unknown key {key!r} in {what}{hint}; ignored")

    def get(
        self,
        raw: dict[str, Any],
        key: str,
        convert: Callable[[Any, str], T],
        default: T,
        start: int,
    ) -> T:
        """raw[key] converted, or default (with an error at the key's line) if it is wrong."""
        if key not in raw:
            return default
        try:
            return convert(raw[key], key)
        except (schema.SchemaError, DateError) as exc:
            self.error(*self.at_key(start, key), str(exc))
            return default


def parse(text: str, path: str) -> ParsedFile:
    """Parse one file's text. Malformed TOML gives one error with tomli's line and column.

    The last-resort guard for the file: anything unexpected outside a record (which has a
    guard of its own, in `_each`) is an "internal error" at 1:1 and leaves the file unreadable,
    so that only this file is lost; KeyboardInterrupt and the like are not caught."""
    ctx = _Context(path, text)
    try:
        _read(text, ctx)
    except Exception as exc:  # noqa: BLE001 - last resort, see above
        found = [*ctx.result.diagnostics, internal_error(path, 1, "file", exc)]
        return ParsedFile(path, diagnostics=found, readable=False)
    return ctx.result


def _read(text: str, ctx: _Context) -> None:
    """The file's records and problems, into ctx.result."""
    document = _load_toml(text, ctx)
    if document is None:
        ctx.result.readable = False
        return
    if not document:
        ctx.warn(1, 1, "no [meta], [[events]], [[actors]] or [[sources]] in this file")
    ctx.unknown_keys(document, schema.TOP_KEYS, None, "the file")
    meta = _meta(document.get("meta"), ctx)
    _each(document, "actors", ctx, lambda raw, line: _actor(raw, line, ctx))
    _each(document, "sources", ctx, lambda raw, line: _source(raw, line, ctx))
    _each(document, "events", ctx, lambda raw, line: _event(raw, line, ctx, meta))


def _load_toml(text: str, ctx: _Context) -> dict[str, Any] | None:
    try:
        return toml_reading.loads(text)
    except toml_reading.TOMLDecodeError as exc:
        line, column = getattr(exc, "lineno", 1), getattr(exc, "colno", 1)
        ctx.error(line, column, f"invalid TOML: {getattr(exc, 'msg', str(exc))}")
    except RecursionError:
        ctx.error(1, 1, "invalid TOML: nesting too deep to read")
    except (ValueError, MemoryError, OverflowError) as exc:
        if not _huge_integer(text, ctx):
            ctx.error(1, 1, f"invalid TOML: {exc}")
    return None


def _huge_integer(text: str, ctx: _Context) -> bool:
    """Report a decimal integer too long for Python to convert, at its place; False if none."""
    limit = sys.get_int_max_str_digits()  # 0: no limit
    pattern = r"[=\[,{][ \t\r\n]*[+-]?([0-9][0-9_]{" + str(limit - 1) + ",})"
    match = re.search(pattern, text) if limit else None
    if match is None:
        return False
    line = ctx.lines.line_of(match.start(1))
    column = match.start(1) - text.rfind("\n", 0, match.start(1))
    digits = len(match.group(1).replace("_", ""))
    ctx.error(line, column, f"invalid TOML: integer too large ({digits} digits)")
    return True


def _each(
    document: dict[str, Any], table: str, ctx: _Context, build: Callable[..., object]
) -> None:
    if table not in document:
        return
    try:
        records = schema.tables(document[table], table)
    except schema.SchemaError as exc:
        ctx.error(*ctx.at_key(1, table), str(exc))
        return
    target = getattr(ctx.result, table)
    for index, raw in enumerate(records):
        record = _guarded(build, raw, table, index, ctx)
        if record is not None:
            target.append(record)


def _guarded(
    build: Callable[[dict[str, Any], int], Any], raw: dict[str, Any], table: str, index: int,
    ctx: _Context,
) -> Any:  # fmt: skip
    """The record built, or None. The last-resort guard for one record: anything unexpected
    while reading it is an "internal error reading this event" (table[:-1]) at its line, and
    the rest of the file loads. Exception, not BaseException: KeyboardInterrupt goes through."""
    line = 1
    try:
        line = ctx.lines.table_line(table, index)
        ctx.event_line = line if table == "events" else 0
        return build(raw, line)
    except Exception as exc:  # noqa: BLE001 - last resort, see above
        problem = internal_error(ctx.path, line, table[:-1], exc, ctx.event_line)
        ctx.result.diagnostics.append(problem)
        return None
    finally:
        ctx.event_line = 0


def _meta(raw: object, ctx: _Context) -> Meta:
    meta = Meta()
    if raw is None:
        return meta
    start = ctx.lines.table_line("meta", 0)
    if not isinstance(raw, dict):
        ctx.error(start, 1, f"'meta' must be a table, not {schema.type_name(raw)}")
        return meta
    ctx.unknown_keys(raw, schema.META_KEYS, start, "[meta]")
    meta.reference = ctx.get(raw, "reference_date", _reference_date, None, start)
    meta.zone = ctx.get(
        raw, "timezone", lambda v, k: zone_from_name(schema.text(v, k)), None, start
    )
    meta.source = ctx.get(raw, "source", schema.text, None, start)
    return meta


def _reference_date(value: object, key: str) -> date:
    when = from_toml(value)
    if when.precision < Precision.DAY:
        raise schema.SchemaError(f"{key!r} must name a day")
    return when.moment.date()


def _source(raw: dict[str, Any], line: int, ctx: _Context) -> Source | None:
    ctx.unknown_keys(raw, schema.SOURCE_KEYS, line, "[[sources]]")
    source_id = ctx.get(raw, "id", schema.text, "", line).strip()
    if not source_id:
        ctx.error(line, 1, "a source needs an 'id'")
        return None
    document = ctx.get(raw, "document", schema.file_name, "", line)
    if document:
        document = os.path.normpath(os.path.join(os.path.dirname(ctx.path), document))
    return Source(
        id=source_id,
        title=ctx.get(raw, "title", schema.text, "", line),
        publisher=ctx.get(raw, "publisher", schema.text, "", line),
        url=ctx.get(raw, "url", schema.text, "", line),
        date=ctx.get(raw, "date", lambda v, k: from_toml(v).iso(), "", line),
        document=document or None,
        file=ctx.path,
        line=line,
        document_line=ctx.at_key(line, "document")[0] if document else 0,
        reliability=ctx.get(raw, "reliability", schema.grade, "", line),
    )


def _actor(raw: dict[str, Any], line: int, ctx: _Context) -> Actor | None:
    ctx.unknown_keys(raw, schema.ACTOR_KEYS, line, "[[actors]]")
    name = ctx.get(raw, "name", schema.text, "", line).strip()
    actor_id = ctx.get(raw, "id", schema.text, "", line).strip() or (slug(name) if name else "")
    if not actor_id:
        ctx.error(line, 1, "an actor needs an 'id' or a 'name'")
        return None
    kind = ctx.get(raw, "kind", schema.text, "person", line)
    if kind not in ACTOR_KINDS:
        hint = schema.did_you_mean(kind, ACTOR_KINDS)
        ctx.warn(*ctx.at_key(line, "kind"), f"unknown actor kind {kind!r}{hint}")
    return Actor(
        id=actor_id,
        name=name or actor_id,
        kind=kind,
        aliases=ctx.get(raw, "aliases", schema.texts, (), line),
        role=ctx.get(raw, "role", schema.text, "", line),
        affiliations=ctx.get(raw, "affiliations", schema.texts, (), line),
        members=ctx.get(raw, "members", schema.texts, (), line),
        description=ctx.get(raw, "description", schema.text, "", line),
        file=ctx.path,
        line=line,
    )


def _event(raw: dict[str, Any], line: int, ctx: _Context, meta: Meta) -> Event | None:
    if not raw.keys() <= _EVENT_KEYS:
        ctx.unknown_keys(raw, schema.EVENT_KEYS, line, "[[events]]")
    event_id = _event_id(raw, line, ctx)
    earliest, latest = _bounds(raw, line, ctx, meta) if _BOUND_KEYS & raw.keys() else _NO_BOUNDS
    when = _event_when(raw, line, ctx, meta, earliest or latest)
    if when is None:
        when = UNREADABLE_DATE  # still listed, and checked
    elif "when" in raw:
        _outside_bounds(when, earliest, latest, line, ctx)
    title = ctx.get(raw, "title", schema.text, "", line).strip()
    if not title:
        ctx.error(line, 1, f"event {event_id!r} has no 'title'")
    no_sources: tuple[str, ...] = ()
    sources = ctx.get(raw, "sources", schema.texts, no_sources, line)
    sources += ctx.get(raw, "source", lambda v, k: (schema.text(v, k),), no_sources, line)
    if not sources and meta.source:
        sources = ctx.shared((meta.source,))
    elif sources:
        sources = ctx.shared(sources)
    return Event(
        id=event_id,
        title=title or event_id,
        when=when,
        end=_event_end(raw, line, ctx, meta, when),
        status=_status(raw, line, ctx),
        location=ctx.share(ctx.get(raw, "location", schema.text, "", line)),
        actors=ctx.shared(ctx.get(raw, "actors", schema.texts, (), line)),
        tags=ctx.shared(ctx.get(raw, "tags", schema.texts, (), line)),
        summary=ctx.get(raw, "summary", schema.text, "", line).strip(),
        quotes=_quotes(raw, line, ctx, sources[0] if sources else None),
        sources=sources,
        related=ctx.get(raw, "related", schema.texts, (), line),
        notes=ctx.get(raw, "notes", schema.text, "", line),
        file=ctx.path,
        line=line,
        earliest=earliest,
        latest=latest,
        sequence=ctx.get(raw, "sequence", _sequence, 0, line),
        when_given="when" in raw,
        conflicts=ctx.get(raw, "conflicts", schema.texts, (), line),
    )


def _event_id(raw: dict[str, Any], line: int, ctx: _Context) -> str:
    event_id = ctx.get(raw, "id", schema.text, "", line).strip()
    if event_id:
        return event_id
    made = f"{os.path.basename(ctx.path)}:{line}"
    if "id" not in raw:
        ctx.error(line, 1, f"event has no 'id'; calling it {made!r}")
    return made


def _event_when(
    raw: dict[str, Any], line: int, ctx: _Context, meta: Meta, anchor: When | None
) -> When | None:
    """The event's `when` as read, with its precision and approximate; with no `when`, the
    bound it is placed by (`anchor`: earliest, else latest)."""
    if "when" in raw:
        key = _when_key(raw["when"])
        when = _read_when(raw, key, line, ctx, meta)
    elif anchor is not None:
        key, when = None, anchor
    else:
        ctx.error(line, 1, "event has no 'when'; listed under 'date unreadable'")
        return None
    if when is None:
        return None
    approximate = ctx.get(raw, "approximate", schema.flag, False, line)
    precision = ctx.get(raw, "precision", _precision, None, line)
    if precision is not None and precision > when.precision:
        kept = when.precision.label
        message = f"precision {precision.label!r} is finer than the date given; kept {kept!r}"
        ctx.warn(*ctx.at_key(line, "precision"), message)
        precision = None
    precision = precision or when.precision
    if key is None:
        return with_precision(when, precision, approximate)
    final_key = (*key, precision, approximate)
    final = ctx.finals.get(final_key)
    if final is None:
        final = ctx.finals[final_key] = with_precision(when, precision, approximate)
    return final


def _read_when(
    raw: dict[str, Any], key: tuple[object, ...] | None, line: int, ctx: _Context, meta: Meta
) -> When | None:
    """raw["when"] read (once a file for equal values), or None after an error."""
    when = ctx.whens.get(key) if key is not None else None
    if when is None:
        when = ctx.get(raw, "when", _reader(meta), None, line)
        if when is not None and key is not None:
            ctx.whens[key] = when
    return when


def _reader(meta: Meta) -> Callable[[object, str], When]:
    """Reads a date value as the file's meta has it (its reference day and zone)."""
    return lambda value, key: from_toml(value, meta.reference, meta.zone)


def _bounds(
    raw: dict[str, Any], line: int, ctx: _Context, meta: Meta
) -> tuple[When | None, When | None]:
    """`earliest` and `latest`, each None when not given or unreadable; an error when
    earliest comes after latest (both kept: the record keeper must say which is wrong)."""
    earliest = ctx.get(raw, "earliest", _reader(meta), None, line)
    latest = ctx.get(raw, "latest", _reader(meta), None, line)
    if earliest is not None and latest is not None and earliest.instant >= _end(latest):
        message = f"'earliest' ({earliest.iso()}) is after 'latest' ({latest.iso()})"
        ctx.error(*ctx.at_key(line, "latest"), message)
    return earliest, latest


def _outside_bounds(
    when: When, earliest: When | None, latest: When | None, line: int, ctx: _Context
) -> None:
    """Warn when a `when` given falls outside its own bounds."""
    if earliest is not None and when.instant < earliest.instant:
        ctx.warn(*ctx.at_key(line, "when"), f"'when' is before 'earliest' ({earliest.iso()})")
    if latest is not None and when.instant >= _end(latest):
        ctx.warn(*ctx.at_key(line, "when"), f"'when' is after 'latest' ({latest.iso()})")


def _end(when: When) -> float:
    return end_of(when).timestamp()


def _sequence(value: object, key: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise schema.SchemaError(f"{key!r} must be a whole number, not {schema.type_name(value)}")
    if not -1_000_000 <= value <= 1_000_000:
        raise schema.SchemaError(f"{key!r} must be between -1000000 and 1000000")
    return value


def _when_key(value: object) -> tuple[object, ...] | None:
    """What a `when` value read in this file depends on, so equal values are read once.

    Aware datetimes that are equal as instants may differ in offset: the key keeps it.
    """
    if isinstance(value, datetime):
        return (datetime, value, value.utcoffset(), value.tzinfo, value.tzname())
    if isinstance(value, (date, str)):
        return (type(value), value)
    return None


def _event_end(
    raw: dict[str, Any], line: int, ctx: _Context, meta: Meta, start: When
) -> When | None:
    """The event's `end`, with a warning when it is before the start."""
    end = ctx.get(raw, "end", _reader(meta), None, line)
    if end is not None and not start.unreadable and _ends_before(end, start):
        message = f"'end' ({end.display()}) is before the start ({start.display()})"
        ctx.warn(*ctx.at_key(line, "end"), message)
    return end


def _ends_before(end: When, start: When) -> bool:
    """Whether `end` is before `start` at the coarser of their precisions, on the end's
    clock (an end on 18 Aug is not before a start at 13:15 that day)."""
    try:
        begun = start.moment.astimezone(end.moment.tzinfo)
    except (OverflowError, ValueError):  # near year 1 or 9999: nothing to compare
        return False
    fields = min(end.precision, start.precision)
    m, b = end.moment, begun
    return (m.year, m.month, m.day, m.hour, m.minute)[:fields] < (
        b.year, b.month, b.day, b.hour, b.minute
    )[:fields]  # fmt: skip


def _precision(value: object, key: str) -> Precision:
    precision = Precision.parse(schema.text(value, key))
    if precision is None:
        names = tuple(p.label for p in Precision)
        hint = schema.did_you_mean(str(value), names)
        raise schema.SchemaError(f"{key!r} must be one of {', '.join(names)}{hint}")
    return precision


def _status(raw: dict[str, Any], line: int, ctx: _Context) -> str:
    """One of STATUSES (in any case), or an unknown status as written, with an error."""
    written = ctx.get(raw, "status", schema.text, "occurred", line).strip()
    status = written.lower()
    if status in _STATUS:
        return _STATUS[status]
    hint = schema.did_you_mean(status, STATUSES)
    ctx.error(*ctx.at_key(line, "status"), f"unknown status {written!r}{hint}; shown as written")
    return ctx.share(written)


def _quotes(raw: dict[str, Any], line: int, ctx: _Context, source: str | None) -> tuple[Quote, ...]:
    none: list[dict[str, object]] = []
    records = ctx.get(raw, "quotes", lambda v, k: schema.tables(v, "events.quotes"), none, line)
    quotes = []
    for index, item in enumerate(records):
        at = ctx.lines.sub_table_line(line, "events.quotes", index)
        quote = _quote(item, at, ctx, source)
        if quote is not None:
            quotes.append(quote)
    return tuple(quotes)


def _quote(raw: dict[str, Any], line: int, ctx: _Context, source: str | None) -> Quote | None:
    ctx.unknown_keys(raw, schema.QUOTE_KEYS, line, "[[events.quotes]]")
    text = ctx.get(raw, "text", schema.text, "", line).strip()
    if not text:
        ctx.error(line, 1, "a quote needs its 'text'; left out")
        return None
    speaker = ctx.get(raw, "speaker", schema.text, "", line).strip()
    if not speaker:
        ctx.warn(line, 1, "a quote has no 'speaker'; shown as unattributed")
    own_source = ctx.get(raw, "source", schema.text, "", line).strip()
    return Quote(speaker, text, own_source or source, line)
