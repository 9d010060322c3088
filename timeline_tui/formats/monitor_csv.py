"""The Ukraine monitor CSV to records (entry, date, event_group, title, brief description, lat,
lon, country, province, district, town/city, arms/munition, violence level, link, geolocation):
`actors.toml` (the countries named) and one `events/YYYY-MM.toml` a month.

A row's link becomes a source with a `url`; its coordinates, arms and violence level go in the
notes. A blank or unreadable date is taken from the title's `dd/mm/yyyy` when it has one (a
note), else the row is skipped; a missing entry id or a repeated one gets a new id (a note).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date

from timeline_tui.core.actors import slug
from timeline_tui.formats.conversion import Converted, Ids, OutputFile, Record, web_url

_TITLE_DATE = re.compile(r"^\s*(\d{1,2})/(\d{1,2})/(\d{4})\s*[-–:]?\s*")
_GROUP_PERIOD = re.compile(
    r"\s+(?:(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\s*(?:-\s*[a-z]+)?\s*(?:\d{4})?"
    r"|\d{4})\s*$",
    re.IGNORECASE,
)
_ID = re.compile(r"[^a-z0-9_-]+")
HEADER = frozenset({"entry", "date", "event_group", "title", "brief description"})
# Spellings met in the data, to one name each; "Other (type name in cell)" means none.
COUNTRY_NAMES = {
    "ukraine": "Ukraine", "ukrain": "Ukraine", "russia": "Russia", "russa": "Russia",
    "belarus": "Belarus", "belaurs": "Belarus", "moldova": "Moldova", "serbia": "Serbia",
    "crimea": "Ukraine", "kursk oblast": "Russia", "other (type name in cell)": "",
}  # fmt: skip


@dataclass
class _Record:
    line: int
    id: str
    title: str
    day: date
    fields: dict[str, str]


def convert(rows: Iterable[tuple[int, dict[str, str]]], source: str, ids: Ids) -> Converted:
    """The rows (each with its line in the CSV, its columns named in lower case) as records."""
    converted = Converted(source)
    records = list(_records(rows, converted, ids))
    by_month: dict[tuple[int, int], list[_Record]] = defaultdict(list)
    for record in records:
        by_month[(record.day.year, record.day.month)].append(record)
    countries = sorted({c for r in records if (c := _country(r.fields.get("country", "")))})
    converted.files.append(
        OutputFile(
            "actors.toml",
            ["Countries named in the converted CSV."],
            actors=[{"id": slug(name), "name": name, "kind": "country"} for name in countries],
        )
    )
    for (year, month), month_records in sorted(by_month.items()):
        month_records.sort(key=lambda r: (r.day, r.line))
        out = OutputFile(
            f"events/{year:04d}-{month:02d}.toml",
            [f"{year:04d}-{month:02d}: imported from the Ukraine monitor CSV."],
        )
        for record in month_records:
            event, sources = _event(record)
            out.events.append(event)
            out.sources.extend(sources)
        converted.files.append(out)
    return converted


def _records(
    rows: Iterable[tuple[int, dict[str, str]]], converted: Converted, ids: Ids
) -> Iterator[_Record]:
    for line, row in rows:
        fields = {key: value.strip() for key, value in row.items()}
        record = _record(fields, line, converted)
        if record is None:
            continue
        wanted = record.id
        record.id = ids.make(wanted, f"row-{line}")
        if record.id != wanted:
            converted.problems.add("entry repeated: given a new id (ENTRY-2, ENTRY-3, …)", line)
        yield record


def _record(fields: dict[str, str], line: int, converted: Converted) -> _Record | None:
    entry = fields.get("entry", "")
    raw_title = fields.get("title", "")
    description = fields.get("brief description", "")
    title = _TITLE_DATE.sub("", raw_title).strip() or description or raw_title
    day, problem = _day(fields.get("date", ""), raw_title)
    if problem:
        converted.problems.add(problem, line, skipped=day is None)
    if day is None:
        return None
    if not title:
        converted.problems.add("skipped: no title and no description", line, skipped=True)
        return None
    record_id = _ID.sub("-", entry.lower()).strip("-")
    if not record_id:
        record_id = f"row-{line}"
        converted.problems.add("no entry id: written as row-LINE", line)
    return _Record(line, record_id, title, day, fields)


def _day(text: str, title: str) -> tuple[date | None, str]:
    """The row's day, and the kind of problem when it was guessed (or why there is none)."""
    try:
        return date.fromisoformat(text), ""
    except ValueError:
        pass
    what = "blank" if not text else "not a date (YYYY-MM-DD)"
    match = _TITLE_DATE.match(title)
    if match:
        day, month, year = (int(part) for part in match.groups())
        try:
            return date(year, month, day), f"date {what}: taken from the title"
        except ValueError:
            return None, f"skipped: date {what}, and the title's is no day"
    return None, f"skipped: date {what}, and the title names none"


def _country(raw: str) -> str:
    name = COUNTRY_NAMES.get(raw.strip().lower())
    return raw.strip() if name is None else name


def _tags(fields: dict[str, str]) -> list[str]:
    tags = []
    group = _GROUP_PERIOD.sub("", fields.get("event_group", "")).strip().lower()
    if group:
        tags.append(group)
    if fields.get("violence level", "").strip().lower() == "graphic":
        tags.append("graphic")
    return tags


def _notes(fields: dict[str, str]) -> str:
    parts = []
    lat, lon = fields.get("lat", ""), fields.get("lon", "")
    if lat or lon:
        parts.append(f"Coordinates: {lat}, {lon}")
    for key, label in (
        ("arms/munition", "Arms or munition"), ("violence level", "Violence level"),
        ("geolocation", "Geolocation"), ("event_group", "Group"),
    ):  # fmt: skip
        if fields.get(key):
            parts.append(f"{label}: {fields[key]}")
    return "\n".join(parts)


def _event(record: _Record) -> tuple[Record, list[Record]]:
    fields = record.fields
    place = [fields.get(k, "") for k in ("town/city", "district", "province")]
    country = _country(fields.get("country", ""))
    description = fields.get("brief description", "")
    link = fields.get("link", "")
    url = web_url(link)
    notes = _notes(fields)
    if link and url is None:
        notes = "\n".join(part for part in (notes, f"Link: {link}") if part)
    sources: list[Record] = [{"id": f"{record.id}-link", "url": url}] if url else []
    event: Record = {
        "id": record.id,
        "title": record.title,
        "when": record.day,
        "location": ", ".join(part for part in (*place, country) if part),
        "actors": [country] if country else [],
        "tags": _tags(fields),
        "summary": description if description != record.title else "",
        "notes": notes,
        "sources": [f"{record.id}-link"] if url else [],
    }
    return event, sources
