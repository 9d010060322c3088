"""KeyBar: the keys that apply now, on one line at the bottom; click one to press it.

Textual's Footer builds a widget per key and rebuilds them all on every change of focus; at
start-up that was a quarter of the time to first paint. This draws the same line as text.
"""

from __future__ import annotations

from textual import events
from textual.binding import Binding
from textual.content import Content
from textual.screen import Screen
from textual.style import Style
from textual.widget import Widget

PALETTE_LABEL = "palette"
ALWAYS_SHOWN = ("help", "quit")  # actions kept when the keys do not all fit


class KeyBar(Widget):
    """Each shown binding of the focused widget, the screen and the app: key, then what it does."""

    COMPONENT_CLASSES = {"key-bar--key", "key-bar--description"}

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._spans: list[tuple[int, int, str]] = []  # (start, end, key) for clicks

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen: Screen[object]) -> None:
        if screen is self.screen:
            self.refresh()

    def shown_bindings(self) -> list[Binding]:
        """One binding per action (the first key bound to it), in the order Textual lists them."""
        actions: dict[str, Binding] = {}
        palette = self.app.COMMAND_PALETTE_BINDING if self.app.ENABLE_COMMAND_PALETTE else None
        for key, active in self.screen.active_bindings.items():
            binding = active.binding
            if binding.show and key != palette and binding.action not in actions:
                actions[binding.action] = binding
        return list(actions.values())

    def render(self) -> Content:
        key_style = self.get_visual_style("key-bar--key")
        text_style = self.get_visual_style("key-bar--description")
        pieces = []
        for binding in self.shown_bindings():
            key = Content.styled(f" {self.app.get_key_display(binding)} ", key_style)
            pieces.append(
                (
                    binding,
                    Content.assemble(key, Content.styled(f"{binding.description} ", text_style)),
                )
            )
        pieces = self._fitting(pieces, self.content_region.width)
        self._spans, at = [], 0
        for binding, piece in pieces:
            self._spans.append((at, at + piece.cell_length, binding.key))
            at += piece.cell_length
        line = Content("").join(piece for _, piece in pieces)
        palette = self._palette(key_style, text_style)
        room = self.content_region.width - line.cell_length - palette.cell_length
        if palette and room > 0:
            start = line.cell_length + room
            self._spans.append(
                (start, start + palette.cell_length, self.app.COMMAND_PALETTE_BINDING)
            )
            line = Content.assemble(line, " " * room, palette)
        return line

    @staticmethod
    def _fitting(
        pieces: list[tuple[Binding, Content]], width: int
    ) -> list[tuple[Binding, Content]]:
        """All the keys if they fit; else as many as fit, in order, and always help and quit
        (help lists every key), which a narrow terminal would otherwise cut off."""
        if sum(piece.cell_length for _, piece in pieces) <= width:
            return pieces
        kept_always = [bp for bp in pieces if bp[0].action.split(".")[-1] in ALWAYS_SHOWN]
        room = width - sum(piece.cell_length for _, piece in kept_always)
        kept = set()
        for binding, piece in pieces:
            if binding.action.split(".")[-1] in ALWAYS_SHOWN:
                continue
            if piece.cell_length > room:
                break
            kept.add(id(binding))
            room -= piece.cell_length
        return [bp for bp in pieces if id(bp[0]) in kept or bp in kept_always]

    def _palette(self, key_style: Style | str, text_style: Style | str) -> Content:
        if not self.app.ENABLE_COMMAND_PALETTE:
            return Content("")
        key = self.app.COMMAND_PALETTE_BINDING
        shown = self.app.get_key_display(Binding(key, "command_palette"))
        return Content.assemble(
            Content.styled(f" {shown} ", key_style), Content.styled(f"{PALETTE_LABEL} ", text_style)
        )

    def on_click(self, event: events.Click) -> None:
        for start, end, key in self._spans:
            if start <= event.x < end:
                self.app.simulate_key(key.split(",")[0])
                return
