"""The Textual layer: the app, its screens, dialogs and widgets; the only part that imports
Textual or Rich."""
