"""Formats: other formats to our TOML records and back (imports and exports)."""
