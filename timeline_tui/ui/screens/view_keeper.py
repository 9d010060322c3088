"""ViewKeeper: the main screen's saved views, `ctrl+s` (name the view shown) and `v` (the
views: restore, rename, delete), over loading/view_store.py; the app keeps the last view
through it at quit and brings it back at start (view/saved.py: to and from the state)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from timeline_tui.core.sanitizer import sanitize_line
from timeline_tui.loading.view_store import (
    SavedView,
    delete_view,
    read_views,
    rename_view,
    save_last,
    save_view,
)
from timeline_tui.view.saved import saved_view, view_summary

if TYPE_CHECKING:
    from timeline_tui.ui.screens.main import MainScreen


class ViewKeeper:
    """Saved views of the paths the screen's app has open."""

    def __init__(self, screen: MainScreen) -> None:
        self.screen = screen

    @property
    def roots(self) -> list[str]:
        return list(self.screen.app.workspace.roots)  # type: ignore[attr-defined]

    def current(self, name: str = "") -> SavedView:
        return saved_view(name, self.screen.state, self.screen.zone)

    def ask_name(self) -> None:
        """`ctrl+s`: name the view shown (a name taken replaces that view)."""
        from timeline_tui.ui.dialogs.saved_views import NameViewScreen

        about = view_summary(self.current(), self.screen.timeline)
        dialog = NameViewScreen("Save this view", self.screen.state.search_text.strip(), about)
        self.screen.app.push_screen(dialog, self._named)

    def _named(self, name: str | None) -> None:
        if name is not None:
            self._said(
                save_view(self.roots, self.current(name)), f"View {name!r} saved (v lists them)."
            )

    def show_list(self, highlighted: int = 0) -> None:
        """`v`: the saved views, to restore, rename or delete."""
        from timeline_tui.ui.dialogs.saved_views import ViewsScreen

        views = read_views(self.roots)
        if views.problem:
            self._warn(f"Saved views not read: {views.problem}")
            return
        if not views.views:
            self.screen.notify("No saved views yet: ctrl+s saves the view shown.", markup=False)
            return
        lines = [(v.name, view_summary(v, self.screen.timeline)) for v in views.views]
        self.screen.app.push_screen(ViewsScreen(lines, highlighted), self._chosen)

    def _chosen(self, choice: tuple[str, str] | None) -> None:
        if choice is None:
            return
        what, name = choice
        if what == "restore":
            view = read_views(self.roots).named(name)
            if view is not None:
                self.screen.restore_view(view)
                self.screen.notify(
                    f"View {sanitize_line(name)!r} restored.", markup=False, timeout=3
                )
        elif what == "delete":
            self._said(delete_view(self.roots, name), f"View {name!r} deleted.")
            self.show_list()
        else:
            from timeline_tui.ui.dialogs.saved_views import NameViewScreen

            dialog = NameViewScreen("Rename the view", name)
            self.screen.app.push_screen(dialog, lambda new: self._renamed(name, new))

    def _renamed(self, old: str, new: str | None) -> None:
        if new is not None and new != old:
            self._said(rename_view(self.roots, old, new), f"View {old!r} renamed {new!r}.")
        self.show_list()

    def keep_last(self) -> str | None:
        """The view shown, kept for the next start (at quit)."""
        return save_last(self.roots, self.current())

    def last(self) -> SavedView | None:
        """The view at the last quit, if it can be read (else said)."""
        views = read_views(self.roots)
        if views.problem:
            self._warn(f"The last view was not restored: {views.problem}")
        return views.last

    def _said(self, why: str | None, done: str) -> None:
        if why is None:
            self.screen.notify(sanitize_line(done), markup=False, timeout=3)
        else:
            self._warn(f"Views not changed: {why}")

    def _warn(self, text: str) -> None:
        self.screen.notify(sanitize_line(text), markup=False, severity="warning", timeout=8)
