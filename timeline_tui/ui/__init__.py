"""The Textual layer: the app, its screens, dialogs and widgets; the only part that imports
Textual or Rich.

Importing it pauses the cyclic collector until `ui/app.py` is imported, which freezes what
the imports built (storage/heap.py, pause_for_imports: a quicker first frame)."""

from timeline_tui.storage.heap import pause_for_imports

pause_for_imports()
