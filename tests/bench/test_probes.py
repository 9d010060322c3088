"""The benchmark probes measure what `make bench` reports: each runs here on the seed timeline."""

from __future__ import annotations

from support import EVENTS

from benchmarks import generate, probe


def test_the_tomli_baseline_reports_wall_and_cpu_time() -> None:
    result = probe.tomli_parse(str(EVENTS))
    assert result["files"] > 0
    assert result["seconds"] > 0 and result["cpu_s"] > 0


def test_a_load_reports_wall_and_cpu_time(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("TIMELINE_TUI_NO_CACHE", "1")
    result = probe.load(str(EVENTS))
    assert result["events"] > 0
    assert result["seconds"] > 0 and result["cpu_s"] > 0


def test_the_first_screen_of_a_cold_open_is_timed_until_rows_are_drawn(
    tmp_path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("TIMELINE_TUI_NO_CACHE", "1")
    corpus = generate.generate(str(tmp_path / "corpus"), 400, 40)  # too many files for one frame
    result = probe.first_screen(corpus)
    assert "error" not in result
    assert result["paint_at"] <= result["screen_at"] <= result["whole_at"]
    assert 0 < result["screen_events"] <= result["events"] == 400
