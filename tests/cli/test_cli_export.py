"""`timeline export`: every format to stdout or -o FILE, what `list` selects, an existing file
refused without --force, usage errors exit 2."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from support import EVENTS, REPO
from test_cli import listed, run

from timeline_tui.formats.export import FORMATS


@pytest.mark.parametrize("kind", list(FORMATS))
def test_export_writes_each_format_to_stdout(capsys, kind):
    code, out, err = run(capsys, "export", str(EVENTS), "--format", kind)
    assert (code, err) == (0, "")
    assert "Zelenskyy meets Trump at the White House" in out


def test_export_selects_what_list_selects(capsys):
    ids = [e["id"] for e in listed(capsys, str(EVENTS), "--actor", "Merz")]
    code, out, _ = run(capsys, "export", str(EVENTS), "--format", "csv", "--actor", "Merz")
    assert code == 0
    assert [row["id"] for row in csv.DictReader(io.StringIO(out, newline=""))] == ids
    code, out, _ = run(capsys, "export", str(EVENTS), "--format", "json", "--search", "lunch")
    assert [e["id"] for e in json.loads(out)] == ["white-house-working-lunch"]
    code, out, _ = run(capsys, "export", str(EVENTS), "--format", "md", "--search", "lunch")
    assert "1 event from " in out and "filter: lunch" in out


def test_export_to_a_file_refuses_to_replace_it_without_force(capsys, tmp_path: Path):
    target = tmp_path / "out.md"
    code, out, err = run(capsys, "export", str(EVENTS), "--format", "md", "-o", str(target))
    assert (code, out, err) == (0, "", "")
    assert target.read_text(encoding="utf-8").startswith("# Chronology\n")
    target.write_text("mine\n")
    code, out, err = run(capsys, "export", str(EVENTS), "--format", "md", "-o", str(target))
    assert code == 2
    assert err == f"timeline: {target} exists: use --force\n"
    assert target.read_text() == "mine\n"
    code, _, _ = run(capsys, "export", str(EVENTS), "--format", "csv", "-o", str(target), "--force")
    assert code == 0 and target.read_text(encoding="utf-8").startswith("id,title,")


def test_export_to_a_folder_that_cannot_be_written_exits_2(capsys, tmp_path: Path):
    target = tmp_path / "file" / "out.md"
    (tmp_path / "file").write_text("")
    code, _, err = run(capsys, "export", str(EVENTS), "--format", "md", "-o", str(target))
    assert code == 2 and err.startswith(f"timeline: cannot write {target}: ")


@pytest.mark.parametrize(
    "argv",
    [["export", str(EVENTS)], ["export", str(EVENTS), "--format", "pdf"], ["export", "nowhere",
     "--format", "md"]],
)  # fmt: skip
def test_export_usage_errors_exit_2(capsys, argv):
    code, out, err = run(capsys, *argv)
    assert code == 2 and out == "" and err.count("\n") == 1


def test_export_counts_problems_on_stderr_and_exits_1(capsys, write):
    path = write("bad.toml", '[[events]]\nid = "a"\ntitle = "A"\nwhen = 2025-01-01\nx = 1\n')
    write("worse.toml", '[[events]]\nid = "b"\ntitle = "B"\nwhen = "never"\n')
    code, out, err = run(capsys, "export", str(path.parent), "--format", "json")
    assert code == 1
    assert "run timeline check" in err and json.loads(out)[0]["id"] == "a"


def test_export_csv_on_stdout_keeps_crlf_line_ends():
    result = subprocess.run(
        [sys.executable, "-m", "timeline_tui", "export", str(EVENTS), "--format", "csv"],
        capture_output=True, cwd=REPO, check=True,
    )  # fmt: skip
    lines = result.stdout.split(b"\r\n")
    assert lines[-1] == b"" and all(b"\n" not in line for line in lines[:1])
    assert len(list(csv.reader(io.StringIO(result.stdout.decode(), newline="")))) == 20
