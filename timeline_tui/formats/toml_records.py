"""Writing records as TOML text: the one writer every importer uses.

`records_toml` writes `[meta]`, `[[actors]]`, `[[sources]]` and `[[events]]` tables, keeping
only the keys of our format (records/schema.py) in the schema's order and leaving out empty
values. Every string is a TOML basic string that reads back exactly (quotes, backslashes,
newlines and control characters escaped); dates are TOML dates, datetimes TOML datetimes
(UTC as `Z`, another zone as its offset, a floating time without one).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime, timedelta

from timeline_tui.records import schema

Record = Mapping[str, object]
_TABLES = (
    ("actors", schema.ACTOR_KEYS),
    ("sources", schema.SOURCE_KEYS),
    ("events", schema.EVENT_KEYS),
)
_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\t": "\\t", "\r": "\\r", "\b": "\\b"}


def toml_string(text: str) -> str:
    """A TOML basic string holding `text` exactly (control characters escaped)."""
    out = []
    for char in text:
        escaped = _ESCAPES.get(char)
        if escaped is not None:
            out.append(escaped)
        elif ord(char) < 0x20 or ord(char) == 0x7F:
            out.append(f"\\u{ord(char):04X}")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


def toml_value(value: object) -> str:
    """A string, boolean, integer, date, datetime or list of those, as TOML."""
    if isinstance(value, str):
        return toml_string(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, datetime):
        return _datetime(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return "[" + ", ".join(toml_value(item) for item in value) + "]"
    raise TypeError(f"no TOML form for {type(value).__name__}")


def _datetime(value: datetime) -> str:
    spec = "seconds" if value.second or value.microsecond else "minutes"
    text = value.replace(tzinfo=None, microsecond=0).isoformat(timespec=spec)
    if spec == "minutes":
        text += ":00"  # TOML needs the seconds
    offset = value.utcoffset()
    if offset is None:
        return text
    if offset == timedelta(0):
        return text + "Z"
    sign, offset = ("-", -offset) if offset < timedelta(0) else ("+", offset)
    hours, rest = divmod(int(offset.total_seconds()) // 60, 60)
    return f"{text}{sign}{hours:02d}:{rest:02d}"


def _empty(value: object) -> bool:
    return value is None or value == "" or (isinstance(value, list | tuple) and not value)


def _table(name: str, record: Record, keys: Sequence[str]) -> str:
    lines = [f"[{name}]" if name == "meta" else f"[[{name}]]"]
    for key in keys:
        value = record.get(key)
        if not _empty(value) and key != "quotes":
            lines.append(f"{key} = {toml_value(value)}")
    quotes = record.get("quotes") if name == "events" else None
    for quote in quotes if isinstance(quotes, list) else ():
        lines.append("\n[[events.quotes]]")
        lines.extend(
            f"{key} = {toml_value(quote[key])}"
            for key in schema.QUOTE_KEYS
            if not _empty(quote.get(key))
        )
    return "\n".join(lines) + "\n"


def records_toml(
    comment: Iterable[str] = (),
    meta: Record | None = None,
    **records: Iterable[Record],
) -> str:
    """A TOML file: comment lines, then `[meta]` and the `actors`, `sources` and `events`
    given (each a list of records: key to value); keys our format does not have are left out."""
    parts = ["".join(f"# {line}\n" for line in comment)]
    if meta:
        parts.append(_table("meta", meta, schema.META_KEYS))
    unknown = set(records) - {name for name, _ in _TABLES}
    if unknown:
        raise TypeError(f"no such table: {', '.join(sorted(unknown))}")
    for name, keys in _TABLES:
        parts.extend(_table(name, record, keys) for record in records.get(name, ()))
    return "\n".join(part for part in parts if part)
