"""`timeline import` end to end: sniffing, a forced format that does not fit, `--force`, the
summary, a generic CSV's `--map`, and other formats opened as if they were TOML."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from support import SHARED
from test_cli import listed, run

REAL = SHARED / "data" / "real"
GERMANY = REAL / "ics" / "Germany.ics"
ERAS = REAL / "timelinejs" / "eras.json"
SPREADSHEET = REAL / "timelinejs" / "my-own-timeline.csv"


@pytest.fixture
def disguised(tmp_path: Path) -> dict[str, Path]:
    """Real files under names that say nothing of their format."""
    names = {"ics": GERMANY, "timelinejs": ERAS, "spreadsheet": SPREADSHEET}
    made = {}
    for name, path in names.items():
        made[name] = tmp_path / f"{name}.data"
        shutil.copy(path, made[name])
    return made


@pytest.mark.parametrize(("name", "count"), [("ics", 159), ("timelinejs", 20), ("spreadsheet", 10)])
def test_the_format_is_sniffed_from_the_content(capsys, tmp_path, disguised, name, count) -> None:
    out = tmp_path / "out"
    code, _, err = run(capsys, "import", str(disguised[name]), "--to", str(out))
    assert code == 0, err
    assert err.splitlines()[0] == f"{disguised[name]}: {count} events into {out} (1 file)"
    code, _, err = run(capsys, "check", str(out))
    assert code == 0 and err.strip() == f"1 file, {count} events, 0 errors, 0 warnings"


@pytest.mark.parametrize(
    ("form", "path", "looks"),
    [("ics", ERAS, "TimelineJS JSON"), ("timelinejs", GERMANY, "iCalendar"),
     ("csv", GERMANY, "iCalendar"), ("ics", SPREADSHEET, "TimelineJS spreadsheet CSV")],
)  # fmt: skip
def test_a_forced_format_that_does_not_fit_is_one_error(capsys, tmp_path, form, path, looks):
    code, _, err = run(capsys, "import", str(path), "--to", str(tmp_path / "o"), "--format", form)
    assert code == 2
    assert err.count("\n") == 1 and f"(it looks like {looks})" in err
    assert not (tmp_path / "o").exists()


def test_a_forced_format_that_fits_imports(capsys, tmp_path) -> None:
    out = str(tmp_path / "o")
    assert run(capsys, "import", str(SPREADSHEET), "--to", out, "--format", "timelinejs")[0] == 0
    assert (
        run(capsys, "import", str(SPREADSHEET), "--to", out, "--format", "csv", "--force")[0] == 0
    )


def test_an_existing_file_is_refused_before_anything_is_written(capsys, tmp_path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "eras.toml").write_text("# my notes\n", encoding="utf-8")
    code, _, err = run(capsys, "import", str(GERMANY), str(ERAS), "--to", str(out))
    assert code == 2
    assert err.strip() == f"timeline import: {out / 'eras.toml'} exists: use --force to replace it"
    assert sorted(p.name for p in out.iterdir()) == ["eras.toml"]  # not Germany.toml either
    assert (out / "eras.toml").read_text(encoding="utf-8") == "# my notes\n"
    code, _, err = run(capsys, "import", str(GERMANY), str(ERAS), "--to", str(out), "--force")
    assert code == 0, err
    assert (out / "eras.toml").read_text(encoding="utf-8").startswith("# Imported from eras.json")


def test_two_inputs_that_would_write_one_file_are_refused(capsys, tmp_path, disguised) -> None:
    copy = tmp_path / "again" / "eras.json"
    copy.parent.mkdir()
    shutil.copy(ERAS, copy)
    code, _, err = run(capsys, "import", str(ERAS), str(copy), "--to", str(tmp_path / "o"))
    assert code == 2 and "would both write" in err


def test_problems_are_summarised_one_line_a_kind(capsys, tmp_path) -> None:
    source = tmp_path / "t.json"
    dateless = ",".join('{"text": {"headline": "x"}}' for _ in range(12))
    source.write_text(f'{{"events": [{dateless}, {{"start_date": {{"year": 2000}}}}]}}')
    code, _, err = run(capsys, "import", str(source), "--to", str(tmp_path / "o"))
    assert code == 1  # some were skipped
    assert err.splitlines() == [
        f"{source}: 1 event into {tmp_path / 'o'} (1 file)",
        f"{source}: skipped: no start date (12 events: 1, 2, 3, 4, 5, 6, 7, 8, …)",
    ]


def test_a_generic_csv_needs_a_map_and_the_error_names_its_columns(capsys, tmp_path) -> None:
    source = tmp_path / "g.csv"
    source.write_text(
        "Name,On,Where,Link,Kinds\n"
        'Talks,2025-08-18,"Washington, DC",https://example.org/t,a; b\n'
        "<b>Later</b>,18 Aug 2025 13:15 EDT,,,\n"
        "No date,,,,\n",
        encoding="utf-8",
    )
    out = str(tmp_path / "o")
    code, _, err = run(capsys, "import", str(source), "--to", out)
    assert code == 2
    assert "a CSV with the columns name, on, where, link, kinds: say which holds what" in err
    code, _, err = run(capsys, "import", str(source), "--to", out, "--map", "title=Name,when=Nope")
    assert code == 2 and "no column 'nope'" in err
    mapping = "title=name,when=on,location=where,url=link,tags=kinds"
    code, _, err = run(capsys, "import", str(source), "--to", out, "--map", mapping)
    assert code == 1 and "skipped: no date (1 row: 4)" in err
    talks, later = listed(capsys, out)
    assert (talks["title"], talks["location"], talks["tags"]) == (
        "Talks",
        "Washington, DC",
        ["a", "b"],
    )
    assert talks["sources"][0]["url"] == "https://example.org/t"
    assert (later["title"], later["start"]) == ("Later", "2025-08-18T13:15-04:00")


def test_a_file_of_no_known_format_is_one_error(capsys, tmp_path) -> None:
    source = tmp_path / "x.txt"
    source.write_text("just some words\n", encoding="utf-8")
    code, _, err = run(capsys, "import", str(source), "--to", str(tmp_path / "o"))
    assert code == 2 and "not a format timeline import reads" in err
    code, _, err = run(capsys, "import", str(tmp_path / "missing.ics"), "--to", str(tmp_path))
    assert code == 2 and "no such file" in err


@pytest.mark.parametrize(
    ("path", "kind"), [(GERMANY, "an iCalendar file"), (ERAS, "a JSON file"),
                       (SPREADSHEET, "a CSV file")],
)  # fmt: skip
def test_opening_another_format_says_use_timeline_import(capsys, path, kind) -> None:
    code, out, _ = run(capsys, "check", str(path))
    assert code == 1
    assert out == (
        f"{path}:1:1: error: this looks like {kind}, not TOML: use timeline import FILE --to DIR\n"
    )


def test_a_toml_file_named_json_still_loads(capsys, tmp_path) -> None:
    source = tmp_path / "events.json"
    source.write_text('[[events]]\nid = "a"\ntitle = "A"\nwhen = 2025-08-18\n', encoding="utf-8")
    assert run(capsys, "check", str(source))[0] == 0
