"""The benchmark probes measure what `make bench` reports: each runs here on the seed timeline."""

from __future__ import annotations

from support import EVENTS

from benchmarks import probe


def test_the_tomli_baseline_reports_wall_and_cpu_time() -> None:
    result = probe.tomli_parse(str(EVENTS))
    assert result["files"] > 0
    assert result["seconds"] > 0 and result["cpu_s"] > 0


def test_a_load_reports_wall_and_cpu_time(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("TIMELINE_TUI_NO_CACHE", "1")
    result = probe.load(str(EVENTS))
    assert result["events"] > 0
    assert result["seconds"] > 0 and result["cpu_s"] > 0
