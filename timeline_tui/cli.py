"""The command line: `timeline [PATH ...]`, `timeline list`, `timeline check`.

Exit status: 0, or 1 when loading found an error (`check`, and `list`, whose output may then
miss events), 2 on a usage error, a missing path or output that cannot be written (a full
disk), 130 on ctrl+c; the app's own status (1 after a crash). A reader that goes away
(`timeline check | head -1`) ends the output quietly and the status is what it would have been.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Iterable, Sequence
from importlib import resources
from typing import NoReturn

from timeline_tui.core.diagnostics import plural
from timeline_tui.core.file_names import escape_undecodable
from timeline_tui.core.model import Event
from timeline_tui.core.query import Index, Query, apply
from timeline_tui.core.sanitizer import sanitize_line
from timeline_tui.core.timeline import Timeline
from timeline_tui.formats import importing
from timeline_tui.formats.json_records import event_json, safe_json
from timeline_tui.loading.workspace import load

USAGE_EXIT = 2
OUTPUT_FAILED_EXIT = 2
COMMANDS = ("list", "check", "import")
HELP = ("-h", "--help")


class _Parser(argparse.ArgumentParser):
    """argparse with a one-line usage error and exit code 2."""

    def error(self, message: str) -> NoReturn:
        print(f"timeline: {shown(message)} (see 'timeline --help')", file=sys.stderr)
        raise SystemExit(USAGE_EXIT)


class OutputFailed(Exception):
    """Standard output could not be written (a full disk, say): the reason, as the OS says it."""


def shown(text: str) -> str:
    """Untrusted text (a path, a message) safe to print on one line: the bytes of a file name
    that are not UTF-8 as `<0xE9>`, then sanitised."""
    return sanitize_line(escape_undecodable(text))


def emit(lines: Iterable[str]) -> None:
    """Print lines to stdout, flushed. A reader that has gone (`| head`) ends the output
    quietly, the command's status unchanged; any other failure is OutputFailed."""
    try:
        for line in lines:
            print(line)
        sys.stdout.flush()
    except BrokenPipeError:
        _detach_stdout()
    except OSError as exc:
        _detach_stdout()
        raise OutputFailed(exc.strerror or str(exc)) from None


def _detach_stdout() -> None:
    """Point stdout at /dev/null, so that what is left in its buffer does not fail again
    when the interpreter flushes it on the way out."""
    try:
        fileno = sys.stdout.fileno()
    except (OSError, ValueError):  # not a real file (tests capture it)
        return
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, fileno)
    os.close(devnull)


def sample_path() -> str:
    """The bundled sample timeline's folder."""
    return str(resources.files("timeline_tui") / "sample" / "events")


def default_paths(paths: Sequence[str]) -> list[str]:
    """The paths given, else ./events if it exists, else the bundled sample."""
    if paths:
        return list(paths)
    return ["events"] if os.path.isdir("events") else [sample_path()]


def _build_parser() -> _Parser:
    parser = _Parser(
        prog="timeline",
        usage="timeline [PATH ...]\n       timeline {list,check} [PATH ...] [options]\n"
        "       timeline import FILE ... --to DIR [options]",
        description="Explore event timelines kept as TOML records. With no command, opens the"
        " app on the files and folders given (./events, else the bundled sample, if none).",
    )
    sub = parser.add_subparsers(dest="command", parser_class=_Parser)
    listing = sub.add_parser("list", help="print matching events in time order")
    listing.add_argument("paths", nargs="*", metavar="PATH")
    listing.add_argument("--actor", action="append", default=[], metavar="NAME")
    listing.add_argument("--search", default="", metavar="TEXT")
    listing.add_argument("--json", action="store_true", help="print one JSON array")
    check = sub.add_parser("check", help="print the problems in event files")
    check.add_argument("paths", nargs="*", metavar="PATH")
    importing.add_arguments(sub.add_parser("import", help=importing.HELP))
    return parser


def _missing(paths: Sequence[str]) -> str | None:
    for path in paths:
        if not os.path.lexists(path):
            return path
    return None


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        return _run(argv)
    except KeyboardInterrupt:
        return 130
    except OutputFailed as exc:
        print(f"timeline: cannot write output: {shown(str(exc))}", file=sys.stderr)
        return OUTPUT_FAILED_EXIT


def _run(argv: list[str]) -> int:
    parser = _build_parser()
    if argv and argv[0] in COMMANDS:
        args = parser.parse_args(argv)
        paths = default_paths(args.paths)
    elif any(a in HELP for a in argv):  # `timeline events --help` too
        emit([parser.format_help().rstrip("\n")])
        return 0
    else:
        args, paths = None, default_paths(argv)
        option = next((a for a in argv if a.startswith("-")), None)
        if option is not None:
            parser.error(f"unknown option {option}")
    missing = _missing(paths)
    if missing is not None:
        print(f"timeline: no such file or folder: {shown(missing)}", file=sys.stderr)
        return USAGE_EXIT
    if args is None:
        return _open_app(paths)
    if args.command == "check":
        return check(paths)
    if args.command == "import":
        return importing.run(paths, args.to, args.format, args.force, args.map)
    return list_events(paths, args.actor, args.search, args.json)


def check(paths: Sequence[str]) -> int:
    """One line per problem on stdout, the counts on stderr; 1 if any was an error."""
    timeline = load(paths)
    emit(diagnostic.format() for diagnostic in timeline.diagnostics)
    errors = timeline.errors
    warnings = len(timeline.diagnostics) - errors
    counts = [
        (len(timeline.files), "file"),
        (len(timeline.events), "event"),
        (errors, "error"),
        (warnings, "warning"),
    ]
    summary = ", ".join(plural(n, noun) for n, noun in counts)
    print(summary, file=sys.stderr)
    return 1 if errors else 0


def _problem_count(timeline: Timeline) -> int:
    """`list`'s word on the problems found loading (on stderr, if any); 1 if any was an error."""
    errors = timeline.errors
    warnings = len(timeline.diagnostics) - errors
    counts = [plural(n, noun) for n, noun in ((errors, "error"), (warnings, "warning")) if n]
    if counts:
        print(f"{', '.join(counts)}: run timeline check", file=sys.stderr)
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
        emit([safe_json([event_json(e, timeline) for e in events])])
    else:
        emit(_event_line(event, timeline) for event in events)
    return _problem_count(timeline)


def _event_line(event: Event, timeline: Timeline) -> str:
    actors = ", ".join(timeline.actors.name(a) for a in event.actors[:4])
    status = "" if event.status == "occurred" else f" [{event.status}]"
    return shown(f"{event.when.display():<28} {event.title}{status}  ({actors})")


def _open_app(paths: list[str]) -> int:
    from timeline_tui.ui.app import make_app  # on use: `timeline list` never loads Textual

    app = make_app(paths, remember=True)
    app.run()
    return app_status(app.return_code)


def app_status(return_code: int | None) -> int:
    """The exit status after the app: its return code (Textual sets 1 after an unhandled
    exception), 0 when it quit without one."""
    return return_code or 0


if __name__ == "__main__":
    raise SystemExit(main())
