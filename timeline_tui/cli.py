"""The command line: `timeline [PATH ...]`, `timeline list`, `timeline check`."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from importlib import resources
from typing import NoReturn

from timeline_tui.core.model import Event
from timeline_tui.core.query import Index, Query, apply
from timeline_tui.core.sanitizer import sanitize_line
from timeline_tui.core.timeline import Timeline
from timeline_tui.formats.json_records import event_json, safe_json
from timeline_tui.loading.workspace import load

USAGE_EXIT = 2


class _Parser(argparse.ArgumentParser):
    """argparse with a one-line usage error and exit code 2."""

    def error(self, message: str) -> NoReturn:
        print(f"timeline: {sanitize_line(message)} (see 'timeline --help')", file=sys.stderr)
        raise SystemExit(USAGE_EXIT)


def sample_path() -> str:
    """The bundled sample timeline's folder."""
    return str(resources.files("timeline_tui") / "sample" / "events")


def default_paths(paths: Sequence[str]) -> list[str]:
    """The paths given, else ./events if it exists, else the bundled sample."""
    if paths:
        return list(paths)
    return ["events"] if os.path.isdir("events") else [sample_path()]


def _build_parser() -> _Parser:
    parser = _Parser(prog="timeline", description="Explore event timelines kept as TOML records.")
    sub = parser.add_subparsers(dest="command", parser_class=_Parser)
    listing = sub.add_parser("list", help="print matching events in time order")
    listing.add_argument("paths", nargs="*", metavar="PATH")
    listing.add_argument("--actor", action="append", default=[], metavar="NAME")
    listing.add_argument("--search", default="", metavar="TEXT")
    listing.add_argument("--json", action="store_true", help="print one JSON array")
    check = sub.add_parser("check", help="print the problems in event files")
    check.add_argument("paths", nargs="*", metavar="PATH")
    return parser


def _missing(paths: Sequence[str]) -> str | None:
    for path in paths:
        if not os.path.lexists(path):
            return path
    return None


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0] in ("list", "check") or any(a in ("-h", "--help") for a in argv[:1]):
        args = _build_parser().parse_args(argv)
        paths = default_paths(args.paths)
    else:
        args, paths = None, default_paths(argv)
        if any(a.startswith("-") for a in argv):
            _Parser(prog="timeline").error(
                f"unknown option {next(a for a in argv if a.startswith('-'))}"
            )
    missing = _missing(paths)
    if missing is not None:
        print(f"timeline: no such file or folder: {sanitize_line(missing)}", file=sys.stderr)
        return USAGE_EXIT
    try:
        if args is None:
            return _open_app(paths)
        if args.command == "check":
            return check(paths)
        return list_events(paths, args.actor, args.search, args.json)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `timeline list | head`: the reader has gone
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


def check(paths: Sequence[str]) -> int:
    timeline = load(paths)
    for diagnostic in timeline.diagnostics:
        print(diagnostic.format())
    errors = timeline.errors
    warnings = len(timeline.diagnostics) - errors
    counts = [
        (len(timeline.files), "file"),
        (len(timeline.events), "event"),
        (errors, "error"),
        (warnings, "warning"),
    ]
    summary = ", ".join(f"{n} {noun}{'' if n == 1 else 's'}" for n, noun in counts)
    print(summary, file=sys.stderr)
    return 1 if errors else 0


def list_events(paths: Sequence[str], actors: Sequence[str], search: str, as_json: bool) -> int:
    timeline = load(paths)
    index = Index.build(timeline)
    positions = apply(Query(text=search), index)
    if actors:
        wanted: set[int] = set()
        for name in actors:
            for actor_id in index.matching_names(name):
                wanted |= index.events_of(actor_id)
        positions = [p for p in positions if p in wanted]
    events = [timeline.events[p] for p in positions]
    if as_json:
        print(safe_json([event_json(e, timeline) for e in events]))
    else:
        for event in events:
            print(_event_line(event, timeline))
    return 0


def _event_line(event: Event, timeline: Timeline) -> str:
    actors = ", ".join(timeline.actors.name(a) for a in event.actors[:4])
    status = "" if event.status == "occurred" else f" [{event.status}]"
    return sanitize_line(f"{event.when.display():<28} {event.title}{status}  ({actors})")


def _open_app(paths: list[str]) -> int:
    from timeline_tui.ui.app import make_app  # on use: `timeline list` never loads Textual

    make_app(paths, remember=True).run()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
