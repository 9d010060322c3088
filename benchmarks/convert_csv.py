"""`python -m benchmarks.convert_csv CSV OUTDIR`: the CSV importer (timeline_tui.importers)."""

from __future__ import annotations

import sys

from timeline_tui.importers import main

if __name__ == "__main__":
    sys.exit(main())
