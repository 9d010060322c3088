"""HTML to plain text, for imports (DESIGN.md: HTML in TimelineJS text is stripped on import).

Tags are dropped, entities unescaped, paragraphs and line breaks become newlines, the text of
`<script>` and `<style>` is dropped whole, and the address of every link is kept apart, so
that it can become a source with a `url`. Nothing is interpreted beyond that.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

_BLOCKS = frozenset(
    {"p", "div", "br", "li", "ul", "ol", "blockquote", "h1", "h2", "h3", "h4", "h5", "h6", "tr"}
)
_HIDDEN = frozenset({"script", "style", "template"})
_SPACES = re.compile(r"[ \t\r\f\v]+")
_BLANK_LINES = re.compile(r"\n\s*\n\s*")
_TAG_LIKE = re.compile(r"<[A-Za-z/!]|&[#A-Za-z0-9]+;")


@dataclass(frozen=True)
class Link:
    """A link's address and the text it was written on."""

    url: str
    text: str


@dataclass
class Stripped:
    """Text without its HTML, and the links it held, in order, each address once."""

    text: str
    links: list[Link] = field(default_factory=list)


class _Stripper(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.links: list[Link] = []
        self._hidden = 0
        self._href: str | None = None
        self._link_text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _HIDDEN:
            self._hidden += 1
        elif tag in _BLOCKS:
            self.parts.append("\n")
        elif tag == "a":
            self._href = next((v for k, v in attrs if k == "href" and v), None)
            self._link_text = []

    def handle_endtag(self, tag: str) -> None:
        if tag in _HIDDEN:
            self._hidden = max(0, self._hidden - 1)
        elif tag in _BLOCKS and tag != "br":
            self.parts.append("\n")
        elif tag == "a" and self._href is not None:
            text = _SPACES.sub(" ", "".join(self._link_text)).strip()
            self.links.append(Link(self._href.strip(), text))
            self._href = None

    def handle_data(self, data: str) -> None:
        if self._hidden:
            return
        self.parts.append(data)
        if self._href is not None:
            self._link_text.append(data)


def strip_html(text: str) -> Stripped:
    """The text of `text` without its markup, and its links (see the module's docstring).
    Text with no tag or entity in it is kept as it is."""
    if not _TAG_LIKE.search(text):
        return Stripped(text.strip())
    stripper = _Stripper()
    stripper.feed(text)
    stripper.close()
    lines = (_SPACES.sub(" ", line).strip() for line in "".join(stripper.parts).split("\n"))
    plain = _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()
    first = {link.url: link for link in reversed(stripper.links) if link.url}
    return Stripped(plain, [link for link in stripper.links if first.get(link.url) is link])
