"""Source links: only http(s) URLs become links, long ones are cut in the middle, and the
citation `y` copies holds the sources with their URLs and no control character."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from support import Write

from timeline_tui.loading.workspace import load
from timeline_tui.view.links import citation, elide_middle, source_lines, web_url


@pytest.mark.parametrize(
    "url",
    [
        "https://example.org/a/b?c=d#e",
        "http://example.org",
        "HTTPS://EXAMPLE.ORG/x",
    ],
)
def test_web_urls_are_links(url: str) -> None:
    assert web_url(url) == url


@pytest.mark.parametrize(
    "url",
    [
        "",
        "file:///etc/passwd",
        "javascript:alert(1)",
        "data:text/html,<b>x</b>",
        "ftp://example.org/x",
        "https://",
        "https://exa mple.org",
        "https://example.org/\x1b]52;c;aGk=\x07",
        "https://example.org/\u202e",
        "https://[::1",
        "https://example.org/" + "a" * 3000,
    ],
)
def test_anything_else_is_never_a_link(url: str) -> None:
    assert web_url(url) is None


def test_a_url_outside_ascii_is_percent_encoded() -> None:
    assert web_url("https://uk.wikipedia.org/wiki/Київ") == (
        "https://uk.wikipedia.org/wiki/%D0%9A%D0%B8%D1%97%D0%B2"
    )


@given(st.text(max_size=80))
def test_a_link_is_always_printable_ascii_without_spaces(url: str) -> None:
    link = web_url("https://example.org/" + url)
    assert link is None or (link.isascii() and link.isprintable() and " " not in link)


URL = "https://example.org/a/very/long/path.html"  # 41 characters


@pytest.mark.parametrize(
    ("width", "expected"),
    [
        (80, URL),
        (41, URL),
        (40, "https://example.org/…very/long/path.html"),
        (15, "https:/…th.html"),
        (1, "…"),
        (0, ""),
    ],
)
def test_elide_middle_keeps_both_ends(width: int, expected: str) -> None:
    assert elide_middle(URL, width) == expected
    assert len(expected) == min(width, len(URL))


def test_the_citation_holds_title_date_place_and_every_source(write: Write) -> None:
    folder = write(
        "story/a.toml",
        """
        [[sources]]
        id = "wire"
        title = "Leaders meet"
        publisher = "Wire\\u001b[31m"
        url = "https://example.org/leaders"

        [[sources]]
        id = "local"
        title = "A local file"
        url = "file:///etc/passwd"

        [[events]]
        id = "meet"
        title = "Leaders meet"
        when = 2025-08-18
        location = "Washington"
        sources = ["wire", "local", "nowhere"]
        """,
    ).parent
    timeline = load([str(folder)])
    (event,) = timeline.events
    text = citation(event, timeline)
    assert text.splitlines() == [
        "Leaders meet — Mon 18 Aug 2025 — Washington",
        "Source: Leaders meet · Wire␛[31m <https://example.org/leaders>",
        "Source: A local file <file:///etc/passwd>",
        "Source: nowhere (not defined)",
    ]
    links = [line.link for line in source_lines(event, timeline)]
    assert links == ["https://example.org/leaders", None, None]
