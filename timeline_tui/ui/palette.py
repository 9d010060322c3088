"""PlainCommands: the command palette's commands, every title and help text shown as typed.

Textual's own provider hands the palette strings, which it parses as markup, and highlights a
search match by parsing the title again: an actor's name (a title of `filter: Only NAME`)
would crash the palette (`[/`) or become a clickable action (`[@click=app.quit]`). Here each
title and help text is sanitised and made Content from plain text, the match marked by offset.
"""

from __future__ import annotations

from collections.abc import Iterable

from textual.app import SystemCommand
from textual.command import DiscoveryHit, Hit, Hits
from textual.content import Content
from textual.fuzzy import Matcher
from textual.system_commands import SystemCommandsProvider

from timeline_tui.core.sanitizer import sanitize_line


def highlighted(matcher: Matcher, title: str) -> Content:
    """The title as plain Content, the letters the query matched styled as Textual does."""
    content = Content(title)
    score, offsets = matcher.fuzzy_search.match(matcher.query, title)
    if score:
        for offset in offsets:
            if not title[offset].isspace():
                content = content.stylize(matcher.match_style, offset, offset + 1)
    return content


class PlainCommands(SystemCommandsProvider):
    """The app's system commands (`App.get_system_commands`), never read as markup."""

    def _commands(self) -> Iterable[tuple[str, str, SystemCommand]]:
        for command in self.app.get_system_commands(self.screen):
            yield sanitize_line(command.title), sanitize_line(command.help), command

    async def discover(self) -> Hits:
        for title, help_text, command in sorted(self._commands(), key=lambda c: c[0]):
            if command.discover:
                # The palette takes Content where it is typed `str` (it makes Content of it
                # with from_markup, which returns Content unchanged).
                yield DiscoveryHit(
                    Content(title),
                    command.callback,
                    text=title,
                    help=Content(help_text),  # type: ignore[arg-type]
                )

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, help_text, command in self._commands():
            score = matcher.match(title)
            if score > 0:
                yield Hit(
                    score,
                    highlighted(matcher, title),
                    command.callback,
                    text=title,
                    help=Content(help_text),  # type: ignore[arg-type]
                )
