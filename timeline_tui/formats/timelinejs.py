"""TimelineJS to records: its JSON (`{"title": …, "events": […], "eras": […]}`) and the CSV
of its spreadsheet template (Year, Month, Day, Time, End Year, …, Headline, Text, Media, …).

A slide's date parts give `when` to the precision known (a year alone is a year, a year and a
month a month, a time a minute); headline and text lose their HTML and their links become
sources, as does the media's address; `group` becomes a tag; `display_date` is kept in the
notes; the title slide becomes the file's `[meta]` title and description; eras are left out
(our format has none), with one note.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from datetime import date, datetime
from pathlib import Path

from timeline_tui.formats.conversion import Converted, Ids, OutputFile, Record, link_sources
from timeline_tui.formats.html_text import Link, strip_html

# The spreadsheet's columns, to the JSON slide's keys.
CSV_COLUMNS = {
    "year": ("start_date", "year"), "month": ("start_date", "month"),
    "day": ("start_date", "day"), "time": ("start_date", "time"),
    "end year": ("end_date", "year"), "end month": ("end_date", "month"),
    "end day": ("end_date", "day"), "end time": ("end_date", "time"),
    "display date": ("", "display_date"), "headline": ("text", "headline"),
    "text": ("text", "text"), "media": ("media", "url"), "media credit": ("media", "credit"),
    "media caption": ("media", "caption"), "type": ("", "type"), "group": ("", "group"),
}  # fmt: skip
CSV_HEADERS = frozenset({"year", "month", "day", "headline"})  # what sniffing looks for
_TIME = re.compile(r"\s*(\d{1,2})(?::(\d{2}))?(?::(\d{2}))?\s*([ap]\.?m\.?)?\s*\Z", re.IGNORECASE)


class _NoDate(ValueError):
    """A slide whose date cannot be read; the message says why."""


def convert_json(document: Mapping[str, object], source: str, ids: Ids) -> Converted:
    """A TimelineJS JSON document's slides as records of one file."""
    events = document.get("events")
    numbered = list(enumerate(events if isinstance(events, list) else [], start=1))
    slides = [(number, slide) for number, slide in numbered if isinstance(slide, Mapping)]
    converted = _convert(slides, source, ids, "event")
    for number, slide in numbered:
        if not isinstance(slide, Mapping):
            converted.problems.add("skipped: not an object", number, skipped=True)
    title = document.get("title")
    if isinstance(title, Mapping):
        converted.files[0].meta = _meta(title)
    eras = document.get("eras")
    if isinstance(eras, list) and eras:
        names = [_headline(era) or str(number + 1) for number, era in enumerate(eras)]
        for name in names:
            converted.problems.add("eras left out (our format has none)", repr(name), unit="era")
    return converted


def convert_csv(rows: Iterable[tuple[int, dict[str, str]]], source: str, ids: Ids) -> Converted:
    """The spreadsheet template's rows (each with its line, columns named in lower case) as
    records of one file; a row whose Type is `title` is the file's title."""
    slides: list[tuple[int, Mapping[str, object]]] = []
    meta: Record = {}
    for line, row in rows:
        slide = _slide(row)
        if str(slide.get("type", "")).strip().lower() == "title":
            meta = _meta(slide)
        else:
            slides.append((line, slide))
    converted = _convert(slides, source, ids, "row")
    converted.files[0].meta = meta
    return converted


def _slide(row: Mapping[str, str]) -> dict[str, object]:
    slide: dict[str, dict[str, str] | str] = {}
    for column, value in row.items():
        where = CSV_COLUMNS.get(column)
        if where is None or not value.strip():
            continue
        part, key = where
        if not part:
            slide[key] = value
        else:
            table = slide.setdefault(part, {})
            if isinstance(table, dict):
                table[key] = value
    return dict(slide)


def _convert(
    slides: list[tuple[int, Mapping[str, object]]], source: str, ids: Ids, unit: str
) -> Converted:
    """Each slide, numbered as the format counts (an event of the JSON, a row of the CSV)."""
    converted = Converted(source, unit)
    out = OutputFile(f"{Path(source).stem}.toml", [f"Imported from {Path(source).name}."])
    converted.files.append(out)
    for number, slide in slides:
        place = f"{unit} {number}"
        try:
            event, sources = _event(slide, ids, place)
        except _NoDate as exc:
            converted.problems.add(f"skipped: {exc}", number, skipped=True)
            continue
        if any(line.startswith("media: ") for line in str(event["notes"]).split("\n")):
            converted.problems.add("media that is not a web address: kept in the notes", number)
        out.events.append(event)
        out.sources.extend(sources)
    return converted


def _event(slide: Mapping[str, object], ids: Ids, place: str) -> tuple[Record, list[Record]]:
    start = _part(slide, "start_date")
    if not start:
        raise _NoDate("no start date")
    when = _when(start, "start date")
    text = _part(slide, "text")
    headline = strip_html(text.get("headline", ""))
    body = strip_html(text.get("text", ""))
    title = headline.text.replace("\n", " ") or _first_line(body.text) or place
    unique = str(slide.get("unique_id", "") or "")
    event_id = ids.make(unique or title, place)
    links = [*headline.links, *body.links]
    notes = []
    display = start.get("display_date", "") or str(slide.get("display_date", "") or "")
    if display.strip():
        notes.append(f"display date: {strip_html(display).text}")
    media = _part(slide, "media")
    links.extend(_media_links(media, notes))
    end = _part(slide, "end_date")
    location = _part(slide, "location")
    group = str(slide.get("group", "") or "").strip()
    hour_only = start.get("hour", "").strip() and not start.get("minute", "").strip()
    event: Record = {
        "id": event_id,
        "title": title,
        "when": when,
        "precision": "hour" if hour_only and isinstance(when, datetime) else None,
        "end": _when(end, "end date") if end else None,
        "location": str(location.get("name", "") or ""),
        "tags": [group] if group else [],
        "summary": body.text if body.text != title else "",
        "notes": "\n".join(notes),
    }
    sources = link_sources(event_id, links)
    event["sources"] = [str(s["id"]) for s in sources]
    return event, sources


def _media_links(media: Mapping[str, str], notes: list[str]) -> list[Link]:
    """The media's address as a link (titled by its caption), and the links of its credit;
    media that is not an address (an embedded quote, a relative path) goes in the notes."""
    caption = strip_html(media.get("caption", "")).text
    credit = strip_html(media.get("credit", ""))
    url = media.get("url", "").strip()
    links = []
    if url:
        stripped = strip_html(url)
        if url.lower().startswith(("http://", "https://", "//")):
            links.append(Link(url, caption or credit.text))
        else:
            notes.append(f"media: {stripped.text}")
            links.extend(stripped.links)
    return [*links, *credit.links]


def _part(table: Mapping[str, object], key: str) -> dict[str, str]:
    value = table.get(key)
    if not isinstance(value, Mapping):
        return {} if not isinstance(value, str) else {"": value}
    return {str(k): "" if v is None else str(v) for k, v in value.items()}


def _headline(table: object) -> str:
    if not isinstance(table, Mapping):
        return ""
    return strip_html(_part(table, "text").get("headline", "")).text


def _meta(title: Mapping[str, object]) -> Record:
    text = _part(title, "text")
    return {
        "title": strip_html(text.get("headline", "")).text.replace("\n", " "),
        "description": strip_html(text.get("text", "")).text,
    }


def _first_line(text: str) -> str:
    return text.split("\n", 1)[0][:120]


def _number(parts: Mapping[str, str], key: str, what: str) -> int | None:
    text = parts.get(key, "").strip()
    if not text:
        return None
    if not re.fullmatch(r"-?\d{1,6}(\.0*)?", text):
        raise _NoDate(f"{what} {key} {text!r} is not a number")
    return int(text.split(".")[0])


def _when(parts: Mapping[str, str], what: str) -> object:
    """A TOML value for `when` or `end` to the precision the parts give: "1850", "1850-07",
    a date, or a (floating) datetime."""
    year = _number(parts, "year", what)
    if year is None:
        raise _NoDate(f"{what} without a year")
    if not 1 <= year <= 9999:
        raise _NoDate(f"{what} year {year} is outside 1 to 9999")
    month = _number(parts, "month", what)
    if month is None:
        return f"{year:04d}"
    day = _number(parts, "day", what)
    if not 1 <= month <= 12:
        raise _NoDate(f"{what} month {month} is not a month")
    if day is None:
        return f"{year:04d}-{month:02d}"
    try:
        found = date(year, month, day)
    except ValueError:
        raise _NoDate(f"{what} {year}-{month}-{day} is not a day") from None
    hour, minute, second = _clock(parts, what)
    if hour is None:
        return found
    try:
        return datetime(year, month, day, hour, minute or 0, second or 0)
    except ValueError:
        raise _NoDate(f"{what} time {hour}:{minute}:{second} is not a time") from None


def _clock(parts: Mapping[str, str], what: str) -> tuple[int | None, int | None, int | None]:
    if parts.get("time", "").strip():
        match = _TIME.match(parts["time"])
        if match is None:
            raise _NoDate(f"{what} time {parts['time']!r} cannot be read")
        hour, minute, second, half = match.groups()
        hours = int(hour)
        if half:  # 12 am is 0, 12 pm is 12
            hours = hours % 12 + (12 if half[0].lower() == "p" else 0)
        return hours, int(minute or 0), int(second or 0)
    return (
        _number(parts, "hour", what),
        _number(parts, "minute", what),
        _number(parts, "second", what),
    )
