"""Any CSV to records, its columns named by `--map field=COLUMN,...`: `title` and `when` are
needed; `id`, `end`, `location`, `actors`, `tags` (several in a cell split at `;`), `summary`,
`notes`, `status` and `url` (a source) may be mapped too. Cells lose their HTML; a `when` or
`end` is kept as written when the loader reads it (an ISO day as a TOML date), else the row is
skipped."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from pathlib import Path

from timeline_tui.core.dates import DateError, from_text
from timeline_tui.formats.conversion import Converted, Ids, OutputFile, Record, link_sources
from timeline_tui.formats.html_text import Link, strip_html

FIELDS = (
    "id", "title", "when", "end", "location", "actors", "tags", "summary", "notes", "status",
    "url",
)  # fmt: skip
NEEDED = ("title", "when")
_LISTS = frozenset({"actors", "tags"})


class BadMap(ValueError):
    """A `--map` that names an unknown field, or a column the CSV does not have."""


def parse_map(specs: Iterable[str], columns: Iterable[str]) -> dict[str, str]:
    """`field=column` pairs (comma-separated, `--map` may repeat) to field → column (lower
    case), checked against the fields known and the columns found."""
    found = {column.strip().lower() for column in columns}
    mapping: dict[str, str] = {}
    for spec in specs:
        for pair in filter(None, (part.strip() for part in spec.split(","))):
            name, equals, column = pair.partition("=")
            name, column = name.strip().lower(), column.strip().lower()
            if not equals or not column:
                raise BadMap(f"--map {pair!r} is not field=COLUMN")
            if name not in FIELDS:
                raise BadMap(f"--map: no field {name!r} (fields: {', '.join(FIELDS)})")
            if column not in found:
                raise BadMap(f"--map: no column {column!r} in the CSV")
            mapping[name] = column
    missing = [name for name in NEEDED if name not in mapping]
    if missing:
        raise BadMap(f"--map needs {' and '.join(f'{name}=COLUMN' for name in missing)}")
    return mapping


def convert(
    rows: Iterable[tuple[int, dict[str, str]]], mapping: Mapping[str, str], source: str, ids: Ids
) -> Converted:
    """The rows (each with its line, columns in lower case) as records of one file."""
    converted = Converted(source)
    out = OutputFile(f"{Path(source).stem}.toml", [f"Imported from {Path(source).name}."])
    converted.files.append(out)
    for line, row in rows:
        cells = {name: row.get(column, "") for name, column in mapping.items()}
        event = _event(cells, line, ids, converted)
        if event is not None:
            url = strip_html(cells.get("url", "")).text
            sources = link_sources(str(event["id"]), [Link(url, "")] if url else [])
            event["sources"] = [str(s["id"]) for s in sources]
            out.events.append(event)
            out.sources.extend(sources)
    return converted


def _event(cells: Mapping[str, str], line: int, ids: Ids, converted: Converted) -> Record | None:
    text = {name: strip_html(value).text for name, value in cells.items()}
    title = text["title"].replace("\n", " ")
    if not title:
        converted.problems.add("skipped: no title", line, skipped=True)
        return None
    when = _date(text["when"])
    if when is None:
        what = "no date" if not text["when"] else "a date that cannot be read"
        converted.problems.add(f"skipped: {what}", line, skipped=True)
        return None
    end = _date(text.get("end", ""))
    if text.get("end") and end is None:
        converted.problems.add("an end that cannot be read: left out", line)
    event: Record = {name: value for name, value in text.items() if name not in ("url", "id")}
    event.update(id=ids.make(text.get("id", ""), f"row-{line}"), title=title, when=when, end=end)
    for name in _LISTS & event.keys():
        event[name] = [part.strip() for part in str(event[name]).split(";") if part.strip()]
    return event


def _date(text: str) -> date | str | None:
    """An ISO day as a date; other text as written if the loader reads it; else None."""
    text = text.strip()
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        pass
    try:
        from_text(text)
    except (DateError, ValueError, OverflowError):
        return None
    return text
