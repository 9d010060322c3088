"""`make bench`: every figure of the performance table, next to its baseline from the same run.

    python -m benchmarks.run [--quick] [--million] [--results FILE]

Each measurement runs in a fresh process (benchmarks/probe.py); times are medians of several
runs. The corpus (100,000 events in 1,000 files) is generated once under /tmp and reused; the
real Ukraine monitor CSV is converted to TOML beside it when it is there. lnav, the baseline
of `timeline list`, is installed with apt-get when it is missing. `--million` adds the figures
at 1,000,000 events in 10,000 files (generated once too; about 4 minutes more).
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from typing import Any

from . import generate

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
REAL_CSV = os.path.join(
    os.path.dirname(REPO), "shared", "data", "real", "csv", "ukraine-monitor-events.csv"
)


@dataclass
class Row:
    figure: str
    ours: str
    baseline: str
    ratio: str
    target: str
    verdict: str


def probe(
    name: str, *args: str, env: dict[str, str] | None = None, timeout: float = 900
) -> dict[str, Any]:
    """Run one probe in a fresh process; its JSON result, with `started_at` (epoch) added."""
    command = [sys.executable, "-m", "benchmarks.probe", name, *args]
    started = time.time()
    done = subprocess.run(
        command, cwd=REPO, env={**os.environ, **(env or {})}, capture_output=True, timeout=timeout,
        stdin=subprocess.DEVNULL,
    )  # fmt: skip
    for line in done.stdout.decode(errors="replace").splitlines()[::-1]:
        if line.startswith("@@RESULT "):
            result = json.loads(line[len("@@RESULT ") :])
            result["started_at"] = started
            return result
    tail = done.stderr.decode(errors="replace").strip().splitlines()[-3:]
    return {"error": f"probe {name} failed (exit {done.returncode}): {' | '.join(tail)}"}


Spec = tuple[str, str, tuple[str, ...], str | tuple[str, ...], dict[str, str]]
# label, probe, args, key (or keys), env


def interleaved(runs: int, specs: list[Spec]) -> dict[str, tuple[float | None, str]]:
    """Medians of several probes run in turns (A B C A B C ...), so that a slow spell of the
    machine (other work on its two cores) weighs on the baseline and on ours alike. Specs with
    the same label pool their values. A spec with several keys gives the first under its
    label and each other under "label.key" (the CPU time of the same runs, say)."""
    values: dict[str, list[float]] = {}
    errors: dict[str, str] = {}
    for _ in range(runs):
        for label, name, args, key, env in specs:
            keys = (key,) if isinstance(key, str) else key
            names = [label, *(f"{label}.{extra}" for extra in keys[1:])]
            for each in names:
                values.setdefault(each, [])
                errors.setdefault(each, "")
            result = probe(name, *args, env=env)
            for each, wanted in zip(names, keys, strict=True):
                if "error" in result:
                    errors[each] = result["error"]
                    continue
                value = result[wanted]
                values[each].append(
                    value - result["started_at"] if wanted.endswith("_at") else value
                )
    return {
        label: ((statistics.median(found) if found else None), errors[label])
        for label, found in values.items()
    }


def ratio_row(figure: str, ours: float | None, base: float | None, limit: float) -> Row:
    """A figure of ours against its baseline, in seconds, with the ratio and its verdict."""
    ratio = ours / base if ours is not None and base else None
    return Row(figure, seconds(ours), seconds(base), f"{ratio:.2f}×" if ratio else "n/a",
               f"≤ {limit}×", verdict(ratio, limit))  # fmt: skip


def verdict(value: float | None, limit: float) -> str:
    return "n/a" if value is None else ("pass" if value <= limit else "FAIL")


def seconds(value: float | None) -> str:
    return "n/a" if value is None else f"{value * 1000:.0f} ms" if value < 10 else f"{value:.1f} s"


def wait_until_settled(root: str) -> None:
    """The cache does not store files changed in the last second: let a new corpus age."""
    newest = max(os.stat(os.path.join(d, f)).st_mtime for d, _, fs in os.walk(root) for f in fs)
    time.sleep(max(0.0, newest + 1.2 - time.time()))


# -- the figures -------------------------------------------------------------------------


def first_paint(runs: int) -> list[Row]:
    found = interleaved(
        runs,
        [
            ("bare", "bare_paint", (), "paint_at", {}),
            ("shown", "app_paint", ("events",), "shown_at", {}),
        ],
    )
    (bare, error), (ours, app_error) = found["bare"], found["shown"]
    if ours is None:
        text = "n/a (app not built)" if "not built" in app_error else f"n/a ({app_error})"
        return [
            Row(
                "first paint, seed timeline (vs bare Textual app)",
                text,
                seconds(bare),
                "n/a",
                "≤ 1.25×",
                "n/a",
            )
        ]
    ratio = ours / bare if bare else None
    rows = [
        Row("first paint, seed timeline shown (vs bare Textual app)", seconds(ours), seconds(bare),
            f"{ratio:.2f}×" if ratio else "n/a", "≤ 1.25×", verdict(ratio, 1.25)),
    ]  # fmt: skip
    if error:
        rows.append(Row(f"  bare app error: {error}", "", "", "", "", ""))
    return rows


def open_files(root: str, label: str, runs: int, cache_dir: str) -> list[Row]:
    cached_env = {"TIMELINE_TUI_CACHE_DIR": cache_dir}
    wait_until_settled(root)
    first = probe("load", root, env=cached_env).get("seconds")  # fills the cache
    found = interleaved(
        runs,
        [
            ("base", "tomli_parse", (root,), ("seconds", "cpu_s"), {}),
            ("cold", "load", (root,), ("seconds", "cpu_s"), {"TIMELINE_TUI_NO_CACHE": "1"}),
            ("hit", "load", (root,), "seconds", cached_env),
            ("hit", "load", (root,), "seconds", cached_env),  # it is quick: twice a round
        ],
    )
    (base, error), (cold, cold_error), (hit, hit_error) = found["base"], found["cold"], found["hit"]
    base_cpu, cold_cpu = found["base.cpu_s"][0], found["cold.cpu_s"][0]
    rows = [
        ratio_row(f"open {label}, cold (no cache), wall", cold, base, 0.7),
        ratio_row(f"open {label}, cold, CPU (parent + workers; tomli's own)", cold_cpu,
                  base_cpu, 1.5),
        ratio_row(f"open {label} again, unchanged (cache)", hit, base, 0.15),
    ]  # fmt: skip
    if first is not None and base:
        label_first = "  (the first open, writing the cache; one run)"
        rows.append(Row(label_first, seconds(first), seconds(base), f"{first / base:.2f}×", "", ""))
    for message in {error, cold_error, hit_error} - {""}:
        rows.append(Row(f"  error: {message}", "", "", "", "", ""))
    return rows


def first_screen(root: str, runs: int) -> list[Row]:
    """The app on the corpus, cold: from process start until rows of real events are drawn."""
    found = interleaved(
        runs,
        [("screen", "first_screen", (root, "first"), ("screen_at", "paint_at"),
          {"TIMELINE_TUI_NO_CACHE": "1"})],
    )  # fmt: skip
    (screen, error), (paint, _) = found["screen"], found["screen.paint_at"]
    rows = [
        Row("first screen of real events, cold open of 100k (app, from process start)",
            seconds(screen), "", "", "≤ 1.0 s", verdict(screen, 1.0)),
    ]  # fmt: skip
    if screen is not None and paint is not None:
        after = seconds(screen - paint)
        rows.append(Row(f"  (the app's first paint at {seconds(paint)}; rows {after} after it)",
                        "", "", "", "", ""))  # fmt: skip
    if error:
        rows.append(Row(f"  error: {error}", "", "", "", "", ""))
    return rows


LIST_ACTOR = "Giulia Okafor"  # a person of the seed-1 corpus (no members): in 1,425 events
LIST_FIGURE = f"`timeline list --actor '{LIST_ACTOR}' --json`, 100k, cache warm (vs lnav -n)"


def lnav() -> str | None:
    """lnav's path, installed with apt-get when it is missing (None if it cannot be)."""
    found = shutil.which("lnav")
    if found is None and shutil.which("apt-get"):
        print("  installing lnav (apt-get install -y lnav)…", flush=True)
        subprocess.run(["apt-get", "install", "-y", "lnav"], capture_output=True, check=False,
                       timeout=600, stdin=subprocess.DEVNULL)  # fmt: skip
        found = shutil.which("lnav")
    return found


def lnav_command(program: str, jsonl: str) -> tuple[str, ...]:
    """lnav, headless (-n), keeping the lines whose "actors" list names the actor, printed."""
    pattern = f'"actors":\\[[^\\]]*"{LIST_ACTOR}"'
    return (program, "-n", "-c", f":filter-in {pattern}", jsonl)


def list_vs_lnav(root: str, runs: int, cache_dir: str) -> list[Row]:
    """Our `list --actor X --json` with the cache warm against lnav filtering the same
    events, written as JSON lines, for the same actor; both print what they keep."""
    program = lnav()
    if program is None:
        return [Row(LIST_FIGURE, "skipped: lnav is not installed and apt-get could not install "
                    "it", "", "", "≤ 1.0×", "n/a")]  # fmt: skip
    cached_env = {"TIMELINE_TUI_CACHE_DIR": cache_dir}
    jsonl = os.path.join(root, "events.jsonl")  # goes when the corpus is made again
    if not os.path.exists(jsonl):
        made = probe("jsonl", root, jsonl, env=cached_env)
        if "error" in made:
            return [Row(LIST_FIGURE, f"n/a ({made['error']})", "", "", "≤ 1.0×", "n/a")]
    ours_command = (sys.executable, "-m", "timeline_tui", "list", root, "--actor", LIST_ACTOR,
                    "--json")  # fmt: skip
    theirs_command = lnav_command(program, jsonl)
    # a first run of each: it warms the cache, and says how many events each keeps
    ours_out = subprocess.run(ours_command, cwd=REPO, env={**os.environ, **cached_env},
                              capture_output=True, check=False).stdout  # fmt: skip
    theirs_out = subprocess.run(theirs_command, capture_output=True, check=False).stdout
    ours_count, theirs_count = len(json.loads(ours_out or b"[]")), theirs_out.count(b"\n")
    found = interleaved(
        runs,
        [
            ("lnav", "command", theirs_command, ("seconds", "cpu_s"), {}),
            ("ours", "command", ours_command, ("seconds", "cpu_s"), cached_env),
        ],
    )
    (theirs, error), (ours, ours_error) = found["lnav"], found["ours"]
    rows = [
        ratio_row(LIST_FIGURE, ours, theirs, 1.0),
        ratio_row("  the same, CPU", found["ours.cpu_s"][0], found["lnav.cpu_s"][0], 1.0),
        Row(f"  ({ours_count:,} events from ours, {theirs_count:,} lines from lnav "
            f"{' '.join(theirs_command[1:-1])})", "", "", "", "", ""),
    ]  # fmt: skip
    for message in {error, ours_error} - {""}:
        rows.append(Row(f"  error: {message}", "", "", "", "", ""))
    return rows


def engine(root: str) -> tuple[list[Row], dict[str, Any]]:
    result = probe("engine", root)
    if "error" in result:
        return [Row("engine", f"n/a ({result['error']})", "", "", "", "")], result
    rows = []
    for name, key in (
        ("toggle an actor (engine, 100k events)", "toggle_ms"),
        ("one search keystroke (engine, 100k)", "keystroke_ms"),
        ("a query of three fields and a word (engine, 100k)", "query_ms"),
        ("a query of provenance terms and a word (engine, 100k)", "provenance_ms"),
    ):
        stats = result[key]
        rows.append(
            Row(
                name,
                f"{stats['median']:.1f} ms (p90 {stats['p90']:.1f}, max {stats['max']:.1f})",
                "",
                "",
                "≤ 16 ms median",
                verdict(stats["median"], 16),
            )
        )
    for name, key in (
        ("density strip redraw, every event shown (engine, 100k)", "strip_all_ms"),
        ("density strip redraw, half of them shown (engine, 100k)", "strip_half_ms"),
    ):
        stats = result[key]
        rows.append(
            Row(name, f"{stats['median']:.2f} ms (p90 {stats['p90']:.2f})", "", "",
                "≤ 2 ms median", verdict(stats["median"], 2))
        )  # fmt: skip
    marks = (
        f"{result['marks_ms']:.0f} ms (fingerprints {result['fingerprints_ms']:.0f} ms;"
        f" seen file {result['seen_file_bytes'] / 1e6:.1f} MB)"
    )
    rows.append(Row("new/changed marks known after a load (engine, 100k)", marks, "", "", "", ""))
    rows.extend(completion_rows(result))
    return rows, result


def completion_rows(result: dict[str, Any]) -> list[Row]:
    """The search box's completion list (the issue's ≤ 10 ms) and a facet's counts."""
    rows = []
    for name, key, limit in (
        ("completion list, one keystroke (engine, 100k)", "completion_ms", 10),
        ("a facet's counts, one change (engine, 100k)", "facet_ms", 16),
    ):
        stats = result[key]
        rows.append(
            Row(name, f"{stats['median']:.2f} ms (p90 {stats['p90']:.2f}, max {stats['max']:.2f})",
                "", "", f"≤ {limit} ms median", verdict(stats["median"], limit))
        )  # fmt: skip
    return rows


def app_figures(root: str, runs: int) -> tuple[list[Row], dict[str, Any]]:
    result = probe("app_engine", root, str(runs))
    if "error" in result and "toggle_actor_ms" not in result:
        text = (
            "n/a (app not built)" if "not built" in result["error"] else f"n/a ({result['error']})"
        )
        return [
            Row(
                "toggle an actor / search keystroke (app, 100k)",
                text,
                "",
                "",
                "≤ 33 ms median, ≤ 50 ms p90",
                "n/a",
            )
        ], result
    rows = []
    for name, key in (
        ("toggle an actor (app, until painted, 100k)", "toggle_actor_ms"),
        ("one search keystroke (app, until painted, 100k)", "search_keystroke_ms"),
    ):
        stats = result[key]
        met = stats["median"] <= 33 and stats["p90"] <= 50
        rows.append(
            Row(
                name,
                f"{stats['median']:.0f} ms (p90 {stats['p90']:.0f}, max {stats['max']:.0f})",
                "",
                "",
                "≤ 33 ms median, ≤ 50 ms p90",
                "pass" if met else "FAIL",
            )
        )
    return rows, result


def memory(root: str, app: dict[str, Any]) -> list[Row]:
    core = probe("memory", root, env={"TIMELINE_TUI_NO_CACHE": "1"})
    rows = []
    if "peak_mib" in app:
        rows.append(
            Row(
                "peak memory, app with 100k events open (toggles, search, a reload)",
                f"{app['peak_mib']:.0f} MiB",
                "",
                "",
                "≤ 100 MiB",
                verdict(app["peak_mib"], 100),
            )
        )
    if "peak_mib" in core:
        text = (
            f"{core['peak_mib']:.0f} MiB (workers {core['worker_peak_mib']:.0f} MiB each at most)"
        )
        rows.append(
            Row(
                "peak memory, load + index of 100k events (no app)",
                text,
                "",
                "",
                "≤ 100 MiB",
                verdict(core["peak_mib"], 100),
            )
        )
    return rows


def million(cache_dir: str) -> list[Row]:
    """1,000,000 events in 10,000 files, cache warm: on screen (app, from process start), one
    search keystroke (app and engine), peak memory of the app. The cache is filled first."""
    print("  generating or reusing the 1,000,000-event corpus…", flush=True)
    root = generate.ensure(1_000_000, 10_000)
    cached_env = {"TIMELINE_TUI_CACHE_DIR": cache_dir}
    wait_until_settled(root)
    print("  filling the cache (a cold open)…", flush=True)
    fill = probe("load", root, env=cached_env, timeout=3600)
    print("  on screen, warm…", flush=True)
    found = interleaved(
        3, [("screen", "first_screen", (root, "whole"), ("screen_at", "peak_mib"), cached_env)]
    )
    (screen, error), (screen_peak, _) = found["screen"], found["screen.peak_mib"]
    print("  the app: toggles and keystrokes (no reload)…", flush=True)
    app = probe("app_engine", root, "5", "no", env=cached_env, timeout=3600)
    print("  the engine…", flush=True)
    core = probe("engine", root, env=cached_env, timeout=3600)
    label = "1M events in 10,000 files, cache warm"
    rows = [Row(f"{label}: on screen (app, from process start)", seconds(screen), "", "",
                "≤ 3 s", verdict(screen, 3.0))]  # fmt: skip
    for name, result, key, limit in (
        ("one search keystroke (app, until painted)", app, "search_keystroke_ms", 50),
        ("one search keystroke (engine)", core, "keystroke_ms", 50),
        ("toggle an actor (app, until painted; no target at 1M)", app, "toggle_actor_ms", None),
    ):
        if key in result:
            stats = result[key]
            text = f"{stats['median']:.0f} ms (p90 {stats['p90']:.0f}, max {stats['max']:.0f})"
            target, met = ("", "") if limit is None else (
                f"≤ {limit} ms median", verdict(stats["median"], limit))  # fmt: skip
            rows.append(Row(f"  {name}", text, "", "", target, met))
        else:
            rows.append(Row(f"  {name}", f"n/a ({result.get('error')})", "", "", "", "n/a"))
    peak = app.get("peak_mib")
    rows.append(Row("  peak memory (app: open, toggles, searches)", "n/a" if peak is None else
                    f"{peak:.0f} MiB", "", "", "≤ 700 MiB", verdict(peak, 700)))  # fmt: skip
    if screen_peak is not None:
        rows.append(Row(f"  (peak memory of the app only opening it: {screen_peak:.0f} MiB; the "
                        f"cold open that filled the cache took {seconds(fill.get('seconds'))})",
                        "", "", "", "", ""))  # fmt: skip
    if error:
        rows.append(Row(f"  error: {error}", "", "", "", "", ""))
    return rows


# -- output ------------------------------------------------------------------------------


def table(rows: list[Row]) -> str:
    head = Row("figure", "ours", "baseline", "ratio", "target", "result")
    lines = [f"| {' | '.join(vars(head).values())} |", "|---|---|---|---|---|---|"]
    lines += [f"| {' | '.join(vars(row).values())} |" for row in rows]
    return "\n".join(lines)


def real_corpus(root: str) -> str | None:
    """The Ukraine monitor CSV as TOML (one file a month), converted once."""
    if not os.path.exists(REAL_CSV):
        return None
    from timeline_tui.formats.importing import import_files, summary

    out = os.path.join(root, "ukraine-monitor")
    if not os.path.exists(os.path.join(out, ".converted")):
        results = import_files([REAL_CSV], out, force=True)
        with open(os.path.join(out, ".converted"), "w", encoding="utf-8") as handle:
            handle.write("\n".join(summary(results, out)))
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.run", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--quick", action="store_true", help="fewer runs of each measurement")
    parser.add_argument(
        "--results", metavar="FILE", help="also write the table as Markdown to FILE"
    )
    parser.add_argument(
        "--million",
        action="store_true",
        help="also 1,000,000 events in 10,000 files, cache warm (a few minutes more)",
    )
    args = parser.parse_args(argv)
    runs = 3 if args.quick else 5
    started = time.time()
    print("generating or reusing the 100,000-event corpus…", flush=True)
    big = generate.ensure(100_000, 1000)
    cache_dir = tempfile.mkdtemp(prefix="timeline-bench-cache-")
    rows: list[Row] = []
    print("first paint…", flush=True)
    rows += first_paint(runs)
    print("open 100k events in 1,000 files…", flush=True)
    rows += open_files(big, "100,000 events in 1,000 files", 3, cache_dir)
    print("first screen of a cold open (app)…", flush=True)
    rows += first_screen(big, 3)
    print("list --actor X --json against lnav…", flush=True)
    rows += list_vs_lnav(big, runs, cache_dir)
    print("engine…", flush=True)
    engine_rows, _ = engine(big)
    rows += engine_rows
    print("app at 100k (loads the corpus in the app first)…", flush=True)
    app_rows, app = app_figures(big, 5 if args.quick else 10)
    rows += app_rows
    print("memory…", flush=True)
    rows += memory(big, app)
    if args.million:
        print("1,000,000 events in 10,000 files…", flush=True)
        rows += million(cache_dir)
    real = real_corpus(generate.corpus_root())
    if real is not None:
        print("real data (Ukraine monitor CSV as TOML)…", flush=True)
        rows += open_files(real, "6,650 real events (CSV as TOML, by month)", 3, cache_dir)
    text = table(rows)
    when = datetime.datetime.now().strftime("%Y-%m-%d %H:%M")
    python = f"{platform.python_implementation()} {platform.python_version()}"
    info = f"{when}, {python}, {os.cpu_count()} cores, {time.time() - started:.0f} s"
    print()
    print(text)
    print(
        f"\n{info}; app figures: {app.get('events', 'n/a')} events, "
        f"first paint {seconds(app.get('first_paint_s'))}, "
        f"shown after {seconds(app.get('timeline_shown_s'))}, "
        f"reloaded by hand (r) in {seconds(app.get('reload_s'))}"
    )
    if args.results:
        with open(args.results, "w", encoding="utf-8") as handle:
            handle.write(f"# Benchmark results\n\n`python -m benchmarks.run` ({info})\n\n{text}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
