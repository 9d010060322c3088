"""Importers: other formats to our TOML records. Rows that cannot be converted are reported.

    python -m timeline_tui.formats.monitor_csv CSV OUTDIR

reads a Ukraine-monitor style CSV (entry, date, event_group, title, brief description, lat, lon,
country, province, district, town/city, arms/munition, violence level, link, geolocation) and
writes OUTDIR/actors.toml and one OUTDIR/events/YYYY-MM.toml a month.
"""

from __future__ import annotations

import csv
import os
import re
import sys
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

_TITLE_DATE = re.compile(r"^\s*(\d{1,2})/(\d{1,2})/(\d{4})\s*[-–:]?\s*")
_GROUP_PERIOD = re.compile(
    r"\s+(?:(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\s*(?:-\s*[a-z]+)?\s*(?:\d{4})?"
    r"|\d{4})\s*$",
    re.IGNORECASE,
)
_ID = re.compile(r"[^a-z0-9_-]+")
# Spellings met in the data, to one name each; "Other (type name in cell)" means none.
COUNTRY_NAMES = {
    "ukraine": "Ukraine", "ukrain": "Ukraine", "russia": "Russia", "russa": "Russia",
    "belarus": "Belarus", "belaurs": "Belarus", "moldova": "Moldova", "serbia": "Serbia",
    "crimea": "Ukraine", "kursk oblast": "Russia", "other (type name in cell)": "",
}  # fmt: skip


@dataclass
class Problem:
    """A row that was not converted, or was converted with a guess."""

    row: int  # line in the CSV (the header is line 1)
    entry: str
    message: str
    skipped: bool

    def format(self, path: str) -> str:
        what = "skipped" if self.skipped else "note"
        return f"{path}:{self.row}: {what}: {self.entry or '(no entry)'}: {self.message}"


@dataclass
class ImportReport:
    """What a conversion did: rows read, events written, files, and every problem."""

    rows: int = 0
    events: int = 0
    files: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def skipped(self) -> int:
        return sum(1 for problem in self.problems if problem.skipped)

    def summary(self) -> str:
        notes = len(self.problems) - self.skipped
        return (
            f"{self.rows} rows: {self.events} events in {len(self.files)} files; "
            f"{self.skipped} rows skipped, {notes} converted with a note"
        )


@dataclass
class _Record:
    line: int
    id: str
    title: str
    day: date
    fields: dict[str, str]


def convert_csv(csv_path: str, out_dir: str) -> ImportReport:
    """Convert the CSV into TOML files under out_dir (created; files there are replaced)."""
    report = ImportReport()
    records = list(_records(csv_path, report))
    by_month: dict[tuple[int, int], list[_Record]] = defaultdict(list)
    for record in records:
        by_month[(record.day.year, record.day.month)].append(record)
    os.makedirs(os.path.join(out_dir, "events"), exist_ok=True)
    countries = sorted({c for r in records if (c := _country(r.fields.get("country", "")))})
    _write(os.path.join(out_dir, "actors.toml"), _actors_toml(countries))
    for (year, month), month_records in sorted(by_month.items()):
        path = os.path.join(out_dir, "events", f"{year:04d}-{month:02d}.toml")
        month_records.sort(key=lambda r: (r.day, r.line))
        _write(path, _month_toml(year, month, month_records, csv_path))
        report.files.append(path)
    report.events = len(records)
    return report


def _records(csv_path: str, report: ImportReport) -> Iterable[_Record]:
    seen: dict[str, int] = {}
    with open(csv_path, newline="", encoding="utf-8-sig", errors="replace") as handle:
        reader = csv.DictReader(handle)
        end = 1  # the header's line; a row's own line is the one after the last row's end
        for row in reader:
            report.rows += 1
            line, end = end + 1, reader.line_num
            fields = {
                (k or "").strip().lower(): (v or "").strip()
                for k, v in row.items()
                if isinstance(v, str)
            }
            record = _record(fields, line, report)
            if record is None:
                continue
            count = seen.get(record.id, 0) + 1
            seen[record.id] = count
            if count > 1:
                new_id = f"{record.id}-{count}"
                report.problems.append(
                    Problem(line, record.id, f"duplicate entry; written as {new_id!r}", False)
                )
                record.id = new_id
            yield record


def _record(fields: dict[str, str], line: int, report: ImportReport) -> _Record | None:
    entry = fields.get("entry", "")
    raw_title = fields.get("title", "")
    description = fields.get("brief description", "")
    title = _TITLE_DATE.sub("", raw_title).strip() or description or raw_title
    day, guess = _day(fields.get("date", ""), raw_title)
    if day is None:
        report.problems.append(Problem(line, entry, guess, True))
        return None
    if guess:
        report.problems.append(Problem(line, entry, guess, False))
    if not title:
        report.problems.append(Problem(line, entry, "no title and no description", True))
        return None
    record_id = _ID.sub("-", entry.lower()).strip("-")
    if not record_id:
        record_id = f"row-{line}"
        report.problems.append(
            Problem(line, entry, f"no entry id; written as {record_id!r}", False)
        )
    return _Record(line, record_id, title, day, fields)


def _day(text: str, title: str) -> tuple[date | None, str]:
    """The row's day, and a note when it was guessed (or why there is none)."""
    try:
        return date.fromisoformat(text), ""
    except ValueError:
        pass
    match = _TITLE_DATE.match(title)
    if match:
        day, month, year = (int(part) for part in match.groups())
        try:
            found = date(year, month, day)
        except ValueError:
            return (
                None,
                f"date {text!r} unreadable and the title's {match.group(0).strip()!r} is no day",
            )
        what = "blank" if not text else f"{text!r} unreadable"
        return found, f"date {what}; taken from the title ({found.isoformat()})"
    what = "blank" if not text else f"{text!r} is not a date (YYYY-MM-DD)"
    return None, f"date {what}, and the title names none"


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
        ("link", "Link"), ("geolocation", "Geolocation"), ("event_group", "Group"),
    ):  # fmt: skip
        if fields.get(key):
            parts.append(f"{label}: {fields[key]}")
    return "\n".join(parts)


def _month_toml(year: int, month: int, records: list[_Record], source: str) -> str:
    out = [
        f"# {year:04d}-{month:02d}: converted from {os.path.basename(source)}"
        " by timeline_tui.formats.monitor_csv.\n",
        "# Each row's link and coordinates are kept in its notes.\n",
    ]
    for record in records:
        fields = record.fields
        out.append(
            f"\n[[events]]\nid = {toml_string(record.id)}\ntitle = {toml_string(record.title)}\n"
        )
        out.append(f"when = {record.day.isoformat()}\n")
        place = [fields.get(k, "") for k in ("town/city", "district", "province")]
        country = _country(fields.get("country", ""))
        location = ", ".join(part for part in (*place, country) if part)
        if location:
            out.append(f"location = {toml_string(location)}\n")
        if country:
            out.append(f"actors = [{toml_string(country)}]\n")
        tags = _tags(fields)
        if tags:
            out.append(f"tags = [{', '.join(toml_string(tag) for tag in tags)}]\n")
        description = fields.get("brief description", "")
        if description and description != record.title:
            out.append(f"summary = {toml_string(description)}\n")
        notes = _notes(fields)
        if notes:
            out.append(f"notes = {toml_string(notes)}\n")
    return "".join(out)


def _actors_toml(countries: list[str]) -> str:
    out = ["# Countries named in the converted CSV.\n"]
    for name in countries:
        actor_id = _ID.sub("-", name.lower()).strip("-") or "country"
        out.append(
            f"\n[[actors]]\nid = {toml_string(actor_id)}\nname = {toml_string(name)}\n"
            'kind = "country"\n'
        )
    return "".join(out)


def toml_string(text: str) -> str:
    """A TOML basic string holding `text` exactly (control characters escaped)."""
    out = []
    for char in text:
        code = ord(char)
        if char == "\\":
            out.append("\\\\")
        elif char == '"':
            out.append('\\"')
        elif char == "\n":
            out.append("\\n")
        elif char == "\t":
            out.append("\\t")
        elif code < 0x20 or code == 0x7F:
            out.append(f"\\u{code:04X}")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


def _write(path: str, text: str) -> None:
    with open(path, "w", encoding="utf-8", newline="\n") as handle:
        handle.write(text)


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 2:
        print("usage: python -m timeline_tui.formats.monitor_csv CSV OUTDIR", file=sys.stderr)
        return 2
    try:
        report = convert_csv(args[0], args[1])
    except OSError as exc:
        print(f"error: {exc.filename or args[0]}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    for problem in report.problems:
        print(problem.format(args[0]))
    print(report.summary())
    return 0


if __name__ == "__main__":
    sys.exit(main())
