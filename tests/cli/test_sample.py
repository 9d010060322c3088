"""The bundled sample: byte-identical to events/ (seeds/ inside it), used when no path is given."""

from __future__ import annotations

import filecmp
import json
import os
from pathlib import Path

from support import EVENTS, REPO, SEEDS

from timeline_tui.cli import default_paths, main, sample_path
from timeline_tui.loading.workspace import load

SAMPLE = REPO / "timeline_tui" / "sample"


def tree(root: Path) -> dict[str, bytes]:
    """Every file under root (relative name -> bytes), hidden files included."""
    return {
        path.relative_to(root).as_posix(): path.read_bytes()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def test_sample_is_a_byte_identical_copy():
    bundled = tree(SAMPLE / "events")
    assert SEEDS.name in {Path(name).parts[0] for name in bundled}
    assert sorted(bundled) == sorted(tree(EVENTS))
    changed = [name for name, data in bundled.items() if data != (EVENTS / name).read_bytes()]
    assert changed == []


def test_sample_path_is_the_bundled_events_folder():
    assert Path(sample_path()).resolve() == (SAMPLE / "events").resolve()
    assert filecmp.dircmp(sample_path(), EVENTS).diff_files == []


def test_sample_quotes_are_checked_against_the_bundled_article():
    timeline = load([sample_path()])
    assert timeline.diagnostics == ()
    assert len(timeline.events) == 19
    sources = {s.document for s in timeline.sources.values() if s.document}
    assert sources == {str(SAMPLE / "events" / "seeds" / "000_260bfa7d729e786d.txt")}


def test_default_paths_prefer_given_then_events_folder_then_sample(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert default_paths(["x.toml"]) == ["x.toml"]
    assert default_paths([]) == [sample_path()]
    (tmp_path / "events").mkdir()
    assert default_paths([]) == ["events"]


def test_list_with_no_path_in_an_empty_folder_lists_the_sample(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert os.listdir(tmp_path) == []
    assert main(["list", "--json"]) == 0
    events = json.loads(capsys.readouterr().out)
    assert len(events) == 19
    assert {Path(e["file"]).parent for e in events} == {Path(sample_path())}
    assert main(["list", "--actor", "Merz"]) == 0
    assert len(capsys.readouterr().out.splitlines()) == 2


def test_check_with_no_path_in_an_empty_folder_checks_the_sample(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert main(["check"]) == 0
    out, err = capsys.readouterr()
    assert out == ""
    assert "19 events" in err
