"""Source links as plain data: which URLs may be opened or linked, how a long one is shortened,
and the citation `y` copies. No Textual.

Only `http` and `https` URLs are ever opened or made into terminal hyperlinks; any other scheme
(`file:`, `javascript:`, `data:`), and any URL holding a space or a control character, is shown
as text and nothing more.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote, urlsplit

from timeline_tui.core.model import Event, Source
from timeline_tui.core.provenance import grade_text
from timeline_tui.core.timeline import Timeline
from timeline_tui.view.excerpt import shown_line

MAX_URL = 2048  # longer ones are not links: no browser needs them, a terminal may choke
_SAFE = "/?#[]@!$&'()*+,;=:%~-._"  # characters a URL keeps as they are when made safe


def web_url(url: str) -> str | None:
    """The URL, percent-encoded to printable ASCII, when it is http(s) and well formed;
    else None (it is then shown as text, never opened or linked)."""
    url = url.strip()
    if not url or len(url) > MAX_URL or any(c.isspace() or not c.isprintable() for c in url):
        return None
    try:
        parts = urlsplit(url)
    except ValueError:  # an invalid IPv6 host, for one
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return None
    return quote(url, safe=_SAFE)


def elide_middle(text: str, width: int) -> str:
    """`text` cut to `width` characters by an ellipsis in the middle (both ends kept: a URL's
    host and its last path part say most); text that fits is returned whole."""
    if len(text) <= width:
        return text
    if width <= 1:
        return "…"[:width]
    head = width // 2
    tail = width - 1 - head
    return text[:head] + "…" + (text[-tail:] if tail else "")


@dataclass(frozen=True)
class SourceLine:
    """One source of an event as shown: its label (title · publisher · date) and its URL."""

    source_id: str
    label: str
    url: str  # as written, sanitised for showing
    link: str | None  # the URL to open or link to, when it is a web URL
    grade: str = ""  # its reliability grade as shown (`B (usually reliable)`), and `no date`


def source_lines(event: Event, timeline: Timeline) -> list[SourceLine]:
    """The event's sources in the order cited; one not defined anywhere says so."""
    lines = []
    for source_id in event.sources:
        source = timeline.sources.get(source_id)
        if source is None:
            lines.append(SourceLine(source_id, f"{shown_line(source_id)} (not defined)", "", None))
            continue
        lines.append(_source_line(source))
    return lines


def _source_line(source: Source) -> SourceLine:
    parts = [source.title or source.id, source.publisher, source.date]
    label = shown_line(" · ".join(p for p in parts if p))
    grade = grade_text(source) + ("" if source.date else " · no date")
    return SourceLine(source.id, label, shown_line(source.url), web_url(source.url), grade)


def citation(event: Event, timeline: Timeline) -> str:
    """The event as a citation to paste: title, date, place, then each source with its URL.

    Plain text, every control character made visible: it goes to the clipboard and, from
    there, anywhere.
    """
    head = [event.title, event.when.display()]
    if event.location:
        head.append(event.location)
    lines = [shown_line(" — ".join(head))]
    for line in source_lines(event, timeline):
        lines.append(f"Source: {line.label}" + (f" <{line.url}>" if line.url else ""))
    return "\n".join(lines)
