"""The command line: `timeline [PATH ...]`, `timeline list`, `timeline check`, `--help`
(every command, a line each) and `--version`.

Exit status: 0, or 1 when loading found an error (`check`, and `list`, whose output may then
miss events), 2 on a usage error, a missing path or output that cannot be written (a full
disk), 130 on ctrl+c; the app's own status (1 after a crash). A reader that goes away
(`timeline check | head -1`) ends the output quietly and the status is what it would have been.
"""

from __future__ import annotations

import argparse
import gc
import os
import sys
from collections.abc import Iterable, Sequence
from importlib import resources
from pathlib import Path
from typing import NoReturn

from timeline_tui.core.actors import fold
from timeline_tui.core.annotation import NO_ANNOTATION, Annotation, Notes, place_in
from timeline_tui.core.bounds import date_text
from timeline_tui.core.dates import DateError
from timeline_tui.core.diagnostics import plural
from timeline_tui.core.file_names import escape_undecodable
from timeline_tui.core.matching import evaluate
from timeline_tui.core.model import Event
from timeline_tui.core.query import Index
from timeline_tui.core.query_syntax import ACTOR, And, Or, QueryError, Term, parse_query
from timeline_tui.core.sanitizer import sanitize_line
from timeline_tui.core.timeline import Timeline
from timeline_tui.core.zones import OWN, DisplayZone, zone_or_local
from timeline_tui.formats import import_arguments
from timeline_tui.formats.json_export import annotate
from timeline_tui.formats.json_records import event_json, safe_json_array
from timeline_tui.loading.config import read_config
from timeline_tui.loading.number_places import placed
from timeline_tui.loading.workspace import load
from timeline_tui.notes.store import notes_of
from timeline_tui.records.schema import closest

USAGE_EXIT = 2
OUTPUT_FAILED_EXIT = 2
COMMANDS = {
    "list": "print the matching events in time order",
    "check": "print each problem with its file, line and column",
    "export": "write what list selects as md, csv, json, ics or timelinejs",
    "import": "turn TimelineJS, iCalendar or CSV files into TOML records in DIR",
    "add": "append one event to a file (the day's file in ./events by default)",
}
_ARGS = {
    "add": "--title T --when W [options]",
    "export": "[PATH ...] --format F [-o FILE]",
    "import": "FILE ... --to DIR",
}
OPEN_APP = "open the app on them (else ./events or the sample)"
HELP = ("-h", "--help")
VERSION = "--version"


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


def version() -> str:
    """The installed package's version, else (run from a source tree) the package's own."""
    from importlib import metadata

    try:
        return metadata.version("timeline-tui")
    except metadata.PackageNotFoundError:
        from timeline_tui import __version__

        return __version__


def _commands_help() -> str:
    """Every command and a line on each, as `timeline --help` lists them."""
    rows = [("timeline [PATH ...]", OPEN_APP)]
    rows += [
        (f"timeline {name} {_ARGS.get(name, '[PATH ...]')}", what)
        for name, what in COMMANDS.items()
    ]
    lines = ["Explore event timelines kept as TOML records.", "", "commands:"]
    for usage, what in rows:
        lines.append(f"  {usage:<27}{what}" if len(usage) < 27 else f"  {usage}\n{'':29}{what}")
    return "\n".join(lines)


def _build_parser() -> _Parser:
    parser = _Parser(
        prog="timeline",
        usage="timeline [PATH ...]\n       timeline {list,check,export} [PATH ...] [options]"
        "\n       timeline import FILE ... --to DIR [options]"
        "\n       timeline add --title T --when W [options]"
        "\n       timeline --help | --version",
        description=_commands_help(),
        epilog="'timeline COMMAND --help' shows a command's options.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(VERSION, action="store_true", help="print the version and exit")
    sub = parser.add_subparsers(
        dest="command", parser_class=_Parser, help=argparse.SUPPRESS, prog="timeline"
    )
    listing = sub.add_parser("list", help=COMMANDS["list"], description=COMMANDS["list"])
    listing.add_argument("paths", nargs="*", metavar="PATH")
    listing.add_argument(
        "--actor", action="append", default=[], metavar="NAME",
        help="an actor's name, alias or id (repeat it for any of several)",
    )  # fmt: skip
    listing.add_argument("--search", default="", metavar="TEXT", help="words each event holds")
    listing.add_argument("--query", default="", metavar="Q", help="the search box's language")
    listing.add_argument("--json", action="store_true", help="print one JSON array")
    listing.add_argument(
        "--zone", type=_zone_argument, metavar="Z",
        help="show times and dates in Z: local, UTC, own (each event's) or an IANA name such as"
        " Europe/Kyiv (default: the config file's zone, else local)",
    )  # fmt: skip
    check = sub.add_parser("check", help=COMMANDS["check"], description=COMMANDS["check"])
    check.add_argument("paths", nargs="*", metavar="PATH")
    _add_export_parser(sub)
    _add_parser(sub)
    import_arguments.add_arguments(sub.add_parser("import", help=import_arguments.HELP))
    return parser


def _zone_argument(text: str) -> DisplayZone:
    try:
        return DisplayZone.parse(text)
    except DateError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _add_parser(sub: argparse._SubParsersAction[_Parser]) -> None:
    adding = sub.add_parser("add", help=COMMANDS["add"], description=COMMANDS["add"])
    adding.add_argument("--to", metavar="FILE", help="the file (default: events/<day>.toml)")
    adding.add_argument("--title", required=True, metavar="T")
    adding.add_argument("--when", required=True, metavar="W", help="any date form of the format")
    for option, what in (("--actor", "an actor (repeat it)"), ("--tag", "a tag (repeat it)")):
        adding.add_argument(option, action="append", default=[], help=what)
    adding.add_argument("--location", default="", metavar="L")
    adding.add_argument("--summary", default="", metavar="S")
    adding.add_argument("--source", action="append", default=[], metavar="ID")


def _add_export_parser(sub: argparse._SubParsersAction[_Parser]) -> None:
    from timeline_tui.formats.export import FORMATS

    export = sub.add_parser("export", help=COMMANDS["export"], description=COMMANDS["export"])
    export.add_argument("paths", nargs="*", metavar="PATH")
    export.add_argument("--format", required=True, choices=list(FORMATS))
    export.add_argument("-o", "--output", metavar="FILE", help="write to FILE, not stdout")
    export.add_argument("--force", action="store_true", help="replace FILE if it exists")
    export.add_argument("--actor", action="append", default=[], metavar="NAME")
    export.add_argument("--search", default="", metavar="TEXT")
    export.add_argument("--query", default="", metavar="Q", help="the search box's language")
    export.add_argument("--zone", type=_zone_argument, metavar="Z", help="as for list")
    export.add_argument("--group-by-actor", action="store_true", help="TimelineJS groups")
    export.add_argument(
        "--with-notes", action="store_true",
        help="add stars and analyst notes (md, csv; json has them whenever there are notes)",
    )  # fmt: skip


def _missing(paths: Sequence[str]) -> str | None:
    for path in paths:
        if not os.path.lexists(path):
            return path
    return None


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    collecting = gc.isenabled()
    if argv and argv[0] in COMMANDS:
        gc.disable()  # a command's garbage is small and ends with it: no collections, no freeze
    try:
        return _run(argv)
    except KeyboardInterrupt:
        return 130
    except OutputFailed as exc:
        print(f"timeline: cannot write output: {shown(str(exc))}", file=sys.stderr)
        return OUTPUT_FAILED_EXIT
    finally:
        if collecting:
            gc.enable()


def _run(argv: list[str]) -> int:
    parser = _build_parser()
    if argv and argv[0] == "add":
        return add(parser.parse_args(argv))
    if argv and argv[0] in COMMANDS:
        args = parser.parse_args(argv)
        paths = default_paths(args.paths)
    elif any(a in HELP for a in argv):  # `timeline events --help` too
        emit([parser.format_help().rstrip("\n")])
        return 0
    elif VERSION in argv:
        emit([f"timeline {version()}"])
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
        from timeline_tui.formats import importing  # on use: the importers

        return importing.run(paths, args.to, args.format, args.force, args.map)
    try:
        query = selection(args.actor, args.search, args.query)
    except QueryError as exc:
        print(f"timeline: {shown(exc.message)}", file=sys.stderr)
        return USAGE_EXIT
    if args.command == "export":
        return export_events(paths, query, args)
    return list_events(paths, query, args.json, args.zone, args.actor)


def selection(actors: Sequence[str], search: str, query: str) -> And:
    """`--actor` (any of them), `--search` and `--query` as one query; a QueryError names
    the option and the column of what does not parse."""
    items: list[Term | Or] = []
    named = tuple(Term(ACTOR, name) for name in actors)
    if named:
        items.append(named[0] if len(named) == 1 else Or(named))
    for option, text in (("--search", search), ("--query", query)):
        try:
            items.extend(parse_query(text).items)
        except QueryError as exc:
            message = f"{option} {text!r}: column {exc.column}: {exc.message}"
            raise QueryError(message, exc.column) from None
    return And(tuple(items))


def check(paths: Sequence[str]) -> int:
    """One line per problem on stdout, the counts on stderr; 1 if any was an error, or if
    no `.toml` file was found (nothing checked is not "nothing wrong")."""
    timeline = load(paths)
    emit(diagnostic.format() for diagnostic in placed(timeline.diagnostics))
    notes = notes_of(list(paths))
    notes_errors = sum(1 for p in notes.problems if p.is_error) if notes is not None else 0
    emit(problem.format() for problem in (notes.problems if notes is not None else ()))
    if not timeline.files:
        where = ", ".join(shown(path) for path in paths)
        print(f"timeline: no .toml file found in {where}; nothing was checked", file=sys.stderr)
        return 1
    errors = timeline.errors + notes_errors
    warnings = len(timeline.diagnostics) - timeline.errors
    warnings += len(notes.problems) - notes_errors if notes is not None else 0
    counts = [
        (len(timeline.files), "file"),
        (len(timeline.events), "event"),
        (errors, "error"),
        (warnings, "warning"),
    ]
    summary = ", ".join(plural(n, noun) for n, noun in counts)
    print(summary, file=sys.stderr)
    return 1 if errors else 0


def add(args: argparse.Namespace) -> int:
    """Append one event; print `id  file:line`. Exit 2, the file as it was, when the event
    would not load cleanly or the file cannot be written."""
    from timeline_tui.editing.adding import add_event  # the writer (tomlkit) only for `add`
    from timeline_tui.editing.fields import EventFields
    from timeline_tui.editing.writer import Conflict, Invalid

    fields = EventFields(
        args.title, args.when, location=args.location, actors=tuple(args.actor),
        tags=tuple(args.tag), summary=args.summary, sources=tuple(args.source),
    )  # fmt: skip
    try:
        written = add_event(fields, args.to, "events")
    except Invalid as exc:
        reasons = [p.message for p in exc.problems] or [str(exc)]
        print(
            f"timeline: not added (nothing written): {shown('; '.join(reasons))}", file=sys.stderr
        )
        return USAGE_EXIT
    except (Conflict, OSError) as exc:
        print(f"timeline: cannot add the event: {shown(str(exc))}", file=sys.stderr)
        return USAGE_EXIT
    emit([shown(f"{written.id}  {written.path}:{written.line}")])
    return 0


def _problem_count(timeline: Timeline) -> int:
    """`list`'s word on the problems found loading (on stderr, if any); 1 if any was an error."""
    errors = timeline.errors
    warnings = len(timeline.diagnostics) - errors
    counts = [plural(n, noun) for n, noun in ((errors, "error"), (warnings, "warning")) if n]
    if counts:
        print(f"{', '.join(counts)}: run timeline check", file=sys.stderr)
    return 1 if errors else 0


def list_events(
    paths: Sequence[str], query: And, as_json: bool, zone: DisplayZone | None = None,
    actors: Sequence[str] = (),
) -> int:  # fmt: skip
    """Print the events the query selects in time order, their times in `zone` (the JSON's
    only when a zone is given: its times carry their offsets; the lines' in the config's zone
    otherwise). An `--actor` name no actor has is a usage error, with a "did you mean"."""
    timeline = load(paths)
    notes = analyst_notes(paths)
    events = selected(timeline, query, actors, notes or {})
    if events is None:
        return USAGE_EXIT
    if as_json:
        records = [event_json(e, timeline, zone or OWN) for e in events]
        if notes is not None:  # a notes file: each event says its star, note and tags
            for record, event in zip(records, events, strict=True):
                annotate(record, notes.get(event.id, Annotation()))
        emit([safe_json_array(records)])
    else:
        shown_in = zone or zone_or_local(read_config().settings.zone)
        marks = notes or {}
        emit(_event_line(e, timeline, shown_in, marks.get(e.id)) for e in events)
    return _problem_count(timeline)


def analyst_notes(paths: Sequence[str]) -> Notes | None:
    """The notes of the first folder given (`.timeline/notes.toml`), None when it has no
    notes file; its problems are said on stderr (`check` lists them)."""
    found = notes_of(list(paths))
    if found is None:
        return None
    if found.problems:
        print(f"timeline: {plural(len(found.problems), 'problem')} in the notes file: run"
              " timeline check", file=sys.stderr)  # fmt: skip
    return found.notes if found.data is not None else None


def selected(
    timeline: Timeline, query: And, actors: Sequence[str] = (), notes: Notes | None = None
) -> list[Event] | None:
    """What `list` and `export` select: the events the query matches (stars, notes and
    analyst tags from `notes`), in time order; None (said on stderr, with a "did you mean")
    when an `--actor` name is no actor's."""
    index = Index.build(timeline)
    if notes:
        index.annotate(place_in(notes, timeline))
    unknown = next((name for name in actors if not index.matching_names(name)), None)
    if unknown is not None:
        hint = _actor_like(unknown, timeline)
        print(f"timeline: unknown actor {shown(repr(unknown))}{hint}", file=sys.stderr)
        return None
    found = evaluate(query, index)
    for note in found.notes:
        print(f"timeline: {note}", file=sys.stderr)
    return [timeline.events[p] for p in found.positions]


def export_events(paths: Sequence[str], query: And, args: argparse.Namespace) -> int:
    """`timeline export`: to stdout, or to -o FILE (an existing one only with --force)."""
    from timeline_tui.formats import export  # on use: icalendar only for an export
    from timeline_tui.formats.export_time import export_zone

    timeline = load(paths)
    notes = analyst_notes(paths)
    events = selected(timeline, query, args.actor, notes)
    if events is None:
        return USAGE_EXIT
    filters = [*args.actor, *(text for text in (args.search, args.query) if text)]
    wanted = args.with_notes or (args.format == "json" and notes is not None)
    request = export.ExportRequest(
        args.format, description=export.describe(paths, filters, len(events)),
        group_by_actor=args.group_by_actor, zone=export_zone(args.zone) if args.zone else None,
        notes=(notes or {}) if wanted else None,
    )  # fmt: skip
    text = export.render(request, events, timeline)
    if args.output is None:
        emit([text.removesuffix("\n")])  # print puts it back (CSV's \r\n kept)
        return _problem_count(timeline)
    try:
        export.write_export(Path(args.output), text, force=args.force)
    except export.TargetExists:
        print(f"timeline: {shown(args.output)} exists: use --force", file=sys.stderr)
        return USAGE_EXIT
    except OSError as exc:
        print(f"timeline: cannot write {shown(args.output)}: {exc.strerror}", file=sys.stderr)
        return OUTPUT_FAILED_EXIT
    return _problem_count(timeline)


def _actor_like(name: str, timeline: Timeline) -> str:
    """` (did you mean 'Zelenskyy'?)`: the actor name, alias or id nearest to `name`
    (compared case- and accent-folded), or "" if none is near."""
    names: dict[str, str] = {}  # folded -> as written, the first of a spelling kept
    for actor in timeline.actors:
        for known in (actor.name, *actor.aliases, actor.id):
            names.setdefault(fold(known), known)
    close = closest(fold(name), tuple(names))
    return "" if close is None else f" (did you mean {shown(repr(names[close]))}?)"


def _event_line(
    event: Event, timeline: Timeline, zone: DisplayZone, marked: Annotation | None = None
) -> str:
    """`Mon 18 Aug 2025   ★ Title [scheduled]  (Actor, …)`: the star (★) or a note (✎) of the
    analyst's notes, as the app's rows show them."""
    actors = ", ".join(timeline.actors.name(a) for a in event.actors[:4])
    status = "" if event.status == "occurred" else f" [{event.status}]"
    who = f"  ({actors})" if actors else ""  # no empty () for an event of no one
    mark = (marked or NO_ANNOTATION).mark()  # a space when there is none
    mark = "" if mark == " " else f"{mark} "
    return shown(f"{date_text(event, zone):<28} {mark}{event.title}{status}{who}")


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
