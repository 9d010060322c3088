"""Records: one TOML text to events, actors, sources and diagnostics, purely (no file access)."""
