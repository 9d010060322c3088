"""What every importer shares: the records it made, the files they go to, its problems counted
by kind, unique ids, and links made into sources."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from timeline_tui.core.actors import slug
from timeline_tui.core.diagnostics import plural
from timeline_tui.formats.html_text import Link

Record = dict[str, object]
SHOWN_PLACES = 8  # rows (or events) named in a problem's summary line
_WEB = re.compile(r"https?://\S+\Z", re.IGNORECASE)


@dataclass
class Kind:
    """One kind of problem and where it happened (rows or events, as the format counts)."""

    message: str  # "skipped: no date", "recurring: imported once, the rule in its notes"
    skipped: bool  # records left out (else converted, with a guess or a note)
    unit: str  # what a place counts: "row", "event", "era"
    places: list[str] = field(default_factory=list)

    def line(self, source: str) -> str:
        """`SOURCE: MESSAGE (12 rows: 4, 9, 17, …)`."""
        shown = ", ".join(self.places[:SHOWN_PLACES])
        more = ", …" if len(self.places) > SHOWN_PLACES else ""
        return f"{source}: {self.message} ({plural(len(self.places), self.unit)}: {shown}{more})"


class Problems:
    """A conversion's problems, one Kind each, in the order first met; places are rows or
    events (`unit`), each named once a kind."""

    def __init__(self, unit: str = "row") -> None:
        self.unit = unit
        self.kinds: dict[str, Kind] = {}

    def add(self, message: str, place: object, *, skipped: bool = False, unit: str = "") -> None:
        kind = self.kinds.setdefault(message, Kind(message, skipped, unit or self.unit))
        if not kind.places or kind.places[-1] != str(place):
            kind.places.append(str(place))

    @property
    def skipped(self) -> int:
        return sum(len(kind.places) for kind in self.kinds.values() if kind.skipped)

    def lines(self, source: str) -> list[str]:
        """One summary line a kind."""
        return [kind.line(source) for kind in self.kinds.values()]


@dataclass
class OutputFile:
    """One TOML file to write: its path under the target folder and its records."""

    name: str  # relative to the target folder, `/`-separated
    comment: list[str] = field(default_factory=list)
    meta: Record = field(default_factory=dict)
    events: list[Record] = field(default_factory=list)
    actors: list[Record] = field(default_factory=list)
    sources: list[Record] = field(default_factory=list)


@dataclass
class Converted:
    """What one input file became."""

    source: str  # the input's path, as given
    unit: str = "row"  # what the input's problems count: rows of a CSV, events of the others
    files: list[OutputFile] = field(default_factory=list)
    problems: Problems = field(init=False)

    def __post_init__(self) -> None:
        self.problems = Problems(self.unit)

    @property
    def events(self) -> int:
        return sum(len(file.events) for file in self.files)


class Ids:
    """Unique ids made from names: a name's slug, with `-2`, `-3`… after the first."""

    def __init__(self) -> None:
        self._used: set[str] = set()

    def make(self, name: str, fallback: str) -> str:
        base = slug(name if any(char.isalnum() for char in name) else fallback)
        made, count = base, 1
        while made in self._used:
            count += 1
            made = f"{base}-{count}"
        self._used.add(made)
        return made


def web_url(text: str) -> str | None:
    """An http(s) address (a `//host/...` one taken as https), or None."""
    text = text.strip()
    if text.startswith("//"):
        text = "https:" + text
    return text if _WEB.match(text) else None


def link_sources(event_id: str, links: list[Link]) -> list[Record]:
    """A source for each web link of an event, ids `EVENT-link`, `EVENT-link-2`…; links to
    anything but http(s) are left out (only those are ever opened)."""
    sources: list[Record] = []
    seen: set[str] = set()
    for link in links:
        url = web_url(link.url)
        if url is None or url in seen:
            continue
        seen.add(url)
        number = f"-{len(sources) + 1}" if sources else ""
        sources.append({"id": f"{event_id}-link{number}", "title": link.text, "url": url})
    return sources
