"""The command line reads the notes of the first folder given: `list --json` and the JSON
export carry stars, notes and analyst tags, `--with-notes` adds them to Markdown and CSV, the
query's is:star / has:note / analyst tags work, and `check` lists the notes file's problems."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import pytest
from support import EVENTS
from test_cli import listed, run

NOTES = """\
[[notes]]
event = "white-house-talks"
star = true
tags = ["follow-up"]
text = "Ask who was in the room [/] \\u001b[31m"

[[notes]]
event = "no-such-event"
text = "kept for an event that went away"
"""


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    copy = tmp_path / "events"
    shutil.copytree(EVENTS, copy)
    (copy / ".timeline").mkdir()
    (copy / ".timeline" / "notes.toml").write_text(NOTES, encoding="utf-8")
    return copy


def test_list_json_carries_star_note_and_tags(capsys, folder: Path) -> None:
    events = {e["id"]: e for e in listed(capsys, str(folder))}
    talks = events["white-house-talks"]
    assert (talks["star"], talks["analyst_tags"]) == (True, ["follow-up"])
    assert talks["analyst_note"] == "Ask who was in the room [/] \x1b[31m"
    other = events["trump-putin-meeting"]
    assert (other["star"], other["analyst_note"], other["analyst_tags"]) == (False, "", [])


def test_list_lines_mark_the_starred_event(capsys, folder: Path) -> None:
    code, out, _ = run(capsys, "list", str(folder))
    starred = [line for line in out.splitlines() if "★" in line]
    assert code == 0 and len(starred) == 1
    assert "★ Zelenskyy meets Trump at the White House" in starred[0]


def test_list_json_without_a_notes_file_is_the_plain_schema(capsys) -> None:
    assert all("star" not in e for e in listed(capsys, str(EVENTS)))


def test_the_query_uses_the_notes(capsys, folder: Path) -> None:
    for query in ("is:star", "has:note", "tag:follow-up", "room"):
        ids = [e["id"] for e in listed(capsys, str(folder), "--query", query)]
        assert ids == ["white-house-talks"], query


def test_json_export_has_them_and_markdown_only_when_asked(capsys, folder: Path) -> None:
    code, out, _ = run(capsys, "export", str(folder), "--format", "json")
    assert code == 0 and any(e["star"] for e in json.loads(out))
    code, out, _ = run(capsys, "export", str(folder), "--format", "md")
    assert "★" not in out and "Analyst" not in out
    code, out, _ = run(capsys, "export", str(folder), "--format", "md", "--with-notes")
    assert "### ★ " in out and "**Analyst's note:**" in out
    assert "**Analyst's tags:** follow-up" in out
    assert "\x1b" not in out


def test_csv_export_with_notes_has_their_columns(capsys, folder: Path) -> None:
    code, out, _ = run(capsys, "export", str(folder), "--format", "csv", "--with-notes")
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO(out, newline=""))}
    assert (rows["white-house-talks"]["star"], rows["white-house-talks"]["analyst_tags"]) == (
        "yes", "follow-up",
    )  # fmt: skip


def test_check_lists_the_notes_file_s_problems(capsys, folder: Path) -> None:
    notes = folder / ".timeline" / "notes.toml"
    notes.write_text("[[notes]]\nevent = 'a'\nstar = 'yes'\n", encoding="utf-8")
    code, out, err = run(capsys, "check", str(folder))
    assert code == 1
    assert f"{notes}:3:1: error: star must be true or false; left out" in out
    code, out, err = run(capsys, "list", str(folder))
    assert "1 problem in the notes file: run timeline check" in err
