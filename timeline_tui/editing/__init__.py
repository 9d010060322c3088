"""Writing events back into TOML files: new events and edits, atomically, comments kept."""
