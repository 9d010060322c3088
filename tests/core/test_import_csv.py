"""The Ukraine monitor CSV importer: a small dirty excerpt, made here, converts into records
that load cleanly."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from timeline_tui.formats.conversion import Converted
from timeline_tui.formats.importing import import_files, run
from timeline_tui.formats.toml_records import toml_string
from timeline_tui.loading.workspace import load

HEADER = [
    "entry", "date", "event_group", "title", "brief description", "lat", "lon", "country",
    "province", "district", "town/city", "arms/munition", "violence level", "link", "geolocation",
]  # fmt: skip


def row(entry: str, day: str, title: str, **fields: str) -> dict[str, str]:
    values = dict.fromkeys(HEADER, "")
    values.update(entry=entry, date=day, title=title, event_group="Bombing or Explosion Feb - June")
    values.update(
        {
            key.replace("_", " ") if key == "brief_description" else key: v
            for key, v in fields.items()
        }
    )
    return values


ROWS = [
    row(
        "UW0001",
        "2022-02-24",
        "24/02/2022 Explosions heard in Kyiv",
        brief_description="Explosions heard in Kyiv",
        country="Ukraine",
        province="Kyiv Oblast",
        **{"town/city": "Kyiv"},
    ),
    row(
        "UW0002",
        "",
        "17/02/2022 Shelling audible",
        brief_description="Shelling audible",
        country="ukrain",
    ),
    row("UW0003", "", "Convoy seen, no date anywhere", country="Belaurs"),
    row(
        "",
        "2022-03-08",
        '08/03/2022 Damage, "several" casualties',
        brief_description="Damage of civilian infrastructure, a line\nbreak and a \\ backslash",
        country="Ukraine",
        **{"violence level": "GRAPHIC"},
    ),
    row(
        "UW0005",
        "2022-03-09",
        "09/03/2022 Convoy of heavy weaponry",
        country="Russia",
        lat="54.6",
        lon="33.1",
    ),
    row(
        "UW0005", "2022-03-09", "09/03/2022 Movement of troops", country="Other (type name in cell)"
    ),
    row("UW0007", "not a date", "Strike on a depot"),
    row(
        "UW0008",
        "2022-04-01",
        "01/04/2022 Destroyed bridge – Irpin",
        country="Ukraine",
        link="https://example.org/x?a=1&b=2",
    ),
]


def convert_csv(csv_path: str, out: str) -> Converted:
    (converted,) = import_files([csv_path], out)
    return converted


def places(report: Converted, text: str) -> list[str]:
    """The rows of the problems whose message holds `text`."""
    return [
        p for kind in report.problems.kinds.values() if text in kind.message for p in kind.places
    ]


@pytest.fixture
def excerpt(tmp_path: Path) -> Path:
    path = tmp_path / "excerpt.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=HEADER)
        writer.writeheader()
        writer.writerows(ROWS)
    return path


def test_converted_records_load_without_errors(excerpt: Path, tmp_path: Path) -> None:
    report = convert_csv(str(excerpt), str(tmp_path / "out"))
    timeline = load([str(tmp_path / "out")])
    assert [d for d in timeline.diagnostics if d.is_error] == []
    assert len(timeline.events) == report.events == 6


def test_rows_that_cannot_be_converted_are_reported_not_dropped_silently(
    excerpt: Path, tmp_path: Path
) -> None:
    report = convert_csv(str(excerpt), str(tmp_path / "out"))
    assert places(report, "skipped") == ["4", "9"]  # row 5 spans two lines
    assert report.problems.skipped == 2


def test_blank_date_is_taken_from_the_title_with_a_note(excerpt: Path, tmp_path: Path) -> None:
    report = convert_csv(str(excerpt), str(tmp_path / "out"))
    assert places(report, "taken from the title") == ["3"]
    event = next(e for e in load([str(tmp_path / "out")]).events if e.id == "uw0002")
    assert event.when.iso() == "2022-02-17"
    assert event.title == "Shelling audible"


def test_missing_and_duplicate_ids_get_new_ones(excerpt: Path, tmp_path: Path) -> None:
    report = convert_csv(str(excerpt), str(tmp_path / "out"))
    ids = {e.id for e in load([str(tmp_path / "out")]).events}
    assert {"row-5", "uw0005", "uw0005-2"} <= ids
    assert places(report, "entry repeated") == ["8"]


def test_text_survives_exactly(excerpt: Path, tmp_path: Path) -> None:
    convert_csv(str(excerpt), str(tmp_path / "out"))
    timeline = load([str(tmp_path / "out")])
    events = {e.id: e for e in timeline.events}
    damaged = events["row-5"]
    assert damaged.title == 'Damage, "several" casualties'
    assert damaged.summary == "Damage of civilian infrastructure, a line\nbreak and a \\ backslash"
    assert "graphic" in damaged.tags and "bombing or explosion" in damaged.tags
    assert events["uw0008"].title == "Destroyed bridge – Irpin"


def test_the_link_is_a_source_with_a_url_not_notes(excerpt: Path, tmp_path: Path) -> None:
    convert_csv(str(excerpt), str(tmp_path / "out"))
    timeline = load([str(tmp_path / "out")])
    bridge = next(e for e in timeline.events if e.id == "uw0008")
    assert "example.org" not in bridge.notes
    assert [timeline.sources[s].url for s in bridge.sources] == ["https://example.org/x?a=1&b=2"]


def test_country_spellings_become_one_actor(excerpt: Path, tmp_path: Path) -> None:
    convert_csv(str(excerpt), str(tmp_path / "out"))
    timeline = load([str(tmp_path / "out")])
    assert {a.name for a in timeline.actors} == {"Ukraine", "Russia"}
    assert timeline.events[0].actors == ("ukraine",)


def test_one_file_a_month(excerpt: Path, tmp_path: Path) -> None:
    report = convert_csv(str(excerpt), str(tmp_path / "out"))
    names = [f.name for f in report.files]
    assert names == ["actors.toml", "events/2022-02.toml", "events/2022-03.toml",
                     "events/2022-04.toml"]  # fmt: skip


def test_toml_string_escapes_control_characters() -> None:
    assert toml_string('a"b\\c\x1b\x7f\td') == '"a\\"b\\\\c\\u001B\\u007F\\td"'


def test_command_line_reports_problems_one_line_a_kind(
    excerpt: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run([str(excerpt)], str(tmp_path / "out"), "auto", False, []) == 1  # rows skipped
    err = capsys.readouterr().err.splitlines()
    assert err[0] == f"{excerpt}: 6 events into {tmp_path / 'out'} (4 files)"
    assert f"{excerpt}: skipped: date blank, and the title names none (1 row: 4)" in err
    assert len(err) == 6
