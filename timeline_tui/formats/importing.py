"""`timeline import FILE ... --to DIR [--format auto|timelinejs|ics|csv] [--map F=COL,...]
[--force]`: other formats to TOML records in DIR.

The format is sniffed from the content: a JSON object with an `events` list is TimelineJS,
`BEGIN:VCALENDAR` iCalendar, a CSV with the Ukraine monitor's columns that CSV, one with the
TimelineJS template's (Year, Month, Day, Headline) that, any other CSV a generic one whose
columns `--map` names. `--format` forces one; a file that does not fit it is an error.
A TimelineJS, iCalendar or generic file becomes `DIR/<its name>.toml`; the monitor CSV
`DIR/actors.toml` and `DIR/events/YYYY-MM.toml`. A file that exists is never replaced without
`--force`: the refusal comes before anything is written. Every file is written atomically.

Problems go to stderr, one line a kind ("FILE: skipped: no date (12: 4, 9, 17, …)").
Exit status: 0 when every record was imported, 1 when some were skipped (or none were
found), 2 on a usage or format error (nothing written).
"""

from __future__ import annotations

import csv
import io
import json
import os
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from timeline_tui.core.diagnostics import Diagnostic, plural
from timeline_tui.core.file_names import escape_undecodable
from timeline_tui.core.sanitizer import sanitize_line
from timeline_tui.formats import generic_csv, ics, monitor_csv, timelinejs
from timeline_tui.formats.conversion import Converted, Ids
from timeline_tui.formats.import_arguments import FORMATS
from timeline_tui.formats.toml_records import records_toml
from timeline_tui.loading.atomic import write_atomic
from timeline_tui.loading.foreign import content_kind
from timeline_tui.loading.reading import read_bytes

NAMES = {
    "timelinejs": "TimelineJS JSON", "timelinejs-csv": "TimelineJS spreadsheet CSV",
    "ics": "iCalendar", "monitor-csv": "Ukraine monitor CSV", "csv": "CSV",
}  # fmt: skip
USAGE_EXIT = 2
FILE_MODE = 0o644  # records people share and edit, as an editor would save them


class ImportRefused(Exception):
    """A usage or format error: nothing is written; the message says why, on one line."""


@dataclass
class _Input:
    path: str
    text: str
    kind: str  # a key of NAMES
    columns: list[str]


def import_files(
    paths: Sequence[str],
    to: str,
    form: str = "auto",
    *,
    force: bool = False,
    mapping: Sequence[str] = (),
) -> list[Converted]:
    """Convert every file, then write them all (or nothing: ImportRefused)."""
    if form not in FORMATS:
        raise ImportRefused(f"unknown format {form!r} (one of {', '.join(FORMATS)})")
    if os.path.exists(to) and not os.path.isdir(to):
        raise ImportRefused(f"{to} is not a folder")
    ids = Ids()
    results = [_convert(_read(path, form), ids, mapping) for path in paths]
    targets = _targets(results, Path(to), force)
    for target, text in targets:
        write_atomic(target, text, mode=FILE_MODE)
    return results


def sniff(path: str, text: str) -> tuple[str, list[str]]:
    """The kind of a file (a key of NAMES) and, for a CSV, its columns; ImportRefused for
    one that is none of them."""
    found = content_kind(text)
    if found == "ics":
        return "ics", []
    if found == "json" or text.lstrip("\ufeff \t\r\n").startswith(("{", "[")):
        _timelinejs(path, text)
        return "timelinejs", []
    columns = _columns(text)
    if found == "csv" or len(columns) > 1:
        names = set(columns)
        if names >= monitor_csv.HEADER:
            return "monitor-csv", columns
        if names >= timelinejs.CSV_HEADERS:
            return "timelinejs-csv", columns
        return "csv", columns
    raise ImportRefused(
        f"{path}: not a format timeline import reads (TimelineJS JSON or CSV, iCalendar, CSV)"
    )


def _read(path: str, form: str) -> _Input:
    data = read_bytes(path)
    if isinstance(data, Diagnostic):
        raise ImportRefused(f"{path}: {data.message}")
    text = data.decode("utf-8-sig", errors="replace")
    kind, columns = sniff(path, text)
    family = {"timelinejs-csv": "timelinejs", "monitor-csv": "csv"}.get(kind, kind)
    if form != "auto" and family != form and not (form == "csv" and kind == "timelinejs-csv"):
        wanted = {"timelinejs": "a TimelineJS file", "ics": "an iCalendar file", "csv": "a CSV"}
        raise ImportRefused(
            f"{path}: not {wanted[form]} (it looks like {NAMES[kind]}): "
            "leave out --format, or name the right one"
        )
    return _Input(path, text, kind, columns)


def _convert(found: _Input, ids: Ids, mapping: Sequence[str]) -> Converted:
    if found.kind == "ics":
        try:
            return ics.convert(found.text.encode("utf-8"), found.path, ids)
        except ics.BadCalendar as exc:
            raise ImportRefused(f"{found.path}: not a readable iCalendar file: {exc}") from None
    if found.kind == "timelinejs":
        return timelinejs.convert_json(_timelinejs(found.path, found.text), found.path, ids)
    rows = _rows(found.text)
    if found.kind == "monitor-csv":
        return monitor_csv.convert(rows, found.path, ids)
    if found.kind == "timelinejs-csv" and not mapping:
        return timelinejs.convert_csv(rows, found.path, ids)
    if not mapping:
        raise ImportRefused(
            f"{found.path}: a CSV with the columns {', '.join(found.columns)}: say which holds"
            " what with --map title=COLUMN,when=COLUMN[,location=...,tags=...]"
        )
    try:
        fields = generic_csv.parse_map(mapping, found.columns)
    except generic_csv.BadMap as exc:
        raise ImportRefused(f"{found.path}: {exc}") from None
    return generic_csv.convert(rows, fields, found.path, ids)


def _timelinejs(path: str, text: str) -> dict[str, object]:
    try:
        document = json.loads(text.lstrip("\ufeff"))
    except (ValueError, RecursionError) as exc:
        raise ImportRefused(f"{path}: not valid JSON: {exc}") from None
    if not isinstance(document, dict) or not isinstance(document.get("events"), list):
        raise ImportRefused(f'{path}: JSON, but not a TimelineJS timeline (no "events" list)')
    return document


def _columns(text: str) -> list[str]:
    first = next(csv.reader(io.StringIO(text[:65536])), [])
    return [column.strip().lower() for column in first]


def _rows(text: str) -> Iterator[tuple[int, dict[str, str]]]:
    """Each row with the line it starts on (the header is line 1) and its cells by column
    name (stripped, in lower case)."""
    reader = csv.DictReader(io.StringIO(text, newline=""))
    end = 1  # the header's line; a row's own line is the one after the last row's end
    for row in reader:
        line, end = end + 1, reader.line_num
        yield (
            line,
            {
                (key or "").strip().lower(): value
                for key, value in row.items()
                if isinstance(value, str)
            },
        )


def _targets(results: list[Converted], folder: Path, force: bool) -> list[tuple[Path, str]]:
    """Each file to write and its text; ImportRefused when two inputs would write one file
    or (without force) a file exists."""
    made: dict[Path, str] = {}
    targets = []
    for result in results:
        for out in result.files:
            target = folder / out.name
            if target in made:
                raise ImportRefused(f"{made[target]} and {result.source} would both write {target}")
            if not force and os.path.lexists(target):
                raise ImportRefused(f"{target} exists: use --force to replace it")
            made[target] = result.source
            text = records_toml(
                out.comment, out.meta, actors=out.actors, sources=out.sources, events=out.events
            )
            targets.append((target, text))
    return targets


def summary(results: list[Converted], to: str) -> list[str]:
    """What was imported, a line a file, then the problems, a line a kind."""
    lines = []
    for result in results:
        files = plural(len(result.files), "file")
        lines.append(f"{result.source}: {plural(result.events, 'event')} into {to} ({files})")
        lines.extend(result.problems.lines(result.source))
    return lines


def status(results: list[Converted]) -> int:
    """0 when everything was imported, 1 when some records were skipped or none found."""
    skipped = any(result.problems.skipped for result in results)
    empty = sum(result.events for result in results) == 0
    return 1 if skipped or empty else 0


def run(paths: Sequence[str], to: str, form: str, force: bool, mapping: Sequence[str]) -> int:
    """The command: import, then the summary on stderr; the exit status (see above)."""
    try:
        results = import_files(paths, to, form, force=force, mapping=mapping)
    except ImportRefused as exc:
        _tell(f"timeline import: {exc}")
        return USAGE_EXIT
    except OSError as exc:
        _tell(f"timeline import: cannot write {exc.filename or to}: {exc.strerror or exc}")
        return USAGE_EXIT
    for line in summary(results, to):
        _tell(line)
    return status(results)


def _tell(line: str) -> None:
    print(sanitize_line(escape_undecodable(line)), file=sys.stderr)
