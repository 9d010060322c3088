"""SourceList: an event's sources in the detail pane, each URL on a line of its own, never
wrapped (cut in the middle to fit), a terminal hyperlink when it is http(s); click to open."""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from dataclasses import dataclass

from textual import events
from textual.content import Content
from textual.message import Message
from textual.style import Style

from timeline_tui.ui.widgets.hover import HoverRows
from timeline_tui.view.links import SourceLine, elide_middle

URL_INDENT = "    "


class SourceList(HoverRows):
    """The lines of an event's sources: a label line, then the URL line when there is one."""

    COMPONENT_CLASSES = {"source-list--heading", "source-list--url", "source-list--hover"}
    HEADING = "Sources"

    @dataclass
    class OpenRequested(Message):
        """Open this (http or https) URL in the browser."""

        url: str

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.sources: list[SourceLine] = []
        self._links: dict[int, str] = {}  # line -> the URL to open
        self.summary = ""  # `reported by 2 sources (1 independent publisher)`

    def point_to(self, sources: Sequence[SourceLine], summary: str = "") -> None:
        self.sources, self.summary = list(sources), summary
        self.display = bool(self.sources)
        self.refresh(layout=True)

    def render(self) -> Content:
        return Content("\n").join(line for line, _ in self._lines(self.size.width))

    def get_content_height(self, container, viewport, width: int) -> int:  # type: ignore[no-untyped-def]
        return len(self._lines(width))

    def _lines(self, width: int) -> list[tuple[Content, str | None]]:
        """Every line as drawn at this width, with the URL a click on it opens: labels wrap
        at spaces, URLs are cut in the middle, so that a row is always one line."""
        width = max(width, 8)
        heading = Content.styled(self.HEADING, self.get_visual_style("source-list--heading"))
        lines: list[tuple[Content, str | None]] = [(heading, None)]
        lines += [(Content(part), None) for part in textwrap.wrap(self.summary, width)]
        for source in self.sources:
            label = source.label + (f" · {source.grade}" if source.grade else "")
            wrapped = textwrap.wrap(label, width - 2) or [""]
            lines += [
                (Content(("• " if i == 0 else "  ") + part), None) for i, part in enumerate(wrapped)
            ]
            if source.url:
                lines.append(self._url_line(source, width, len(lines)))
        lines.append((Content(""), None))
        self._links = {row: link for row, (_, link) in enumerate(lines) if link is not None}
        return lines

    def _url_line(self, source: SourceLine, width: int, row: int) -> tuple[Content, str | None]:
        shown = elide_middle(source.url, width - len(URL_INDENT))
        if source.link is None:  # not http(s): text, never a link
            return Content(URL_INDENT + shown), None
        part = "source-list--hover" if row == self._hover else "source-list--url"
        style = self.get_visual_style(part) + Style(link=source.link)
        return Content.assemble(URL_INDENT, (shown, style)), source.link

    def on_resize(self) -> None:
        self.refresh()  # URLs are cut to the width

    def on_click(self, event: events.Click) -> None:
        url = self._links.get(event.y)
        if url is not None:
            event.stop()
            self.post_message(self.OpenRequested(url))

    def hover_key(self, y: int) -> int | None:
        return y if y in self._links else None

    @property
    def first_link(self) -> str | None:
        """The first http(s) URL among the sources, for the open-in-browser key."""
        return next((source.link for source in self.sources if source.link), None)
