"""`python -m benchmarks.convert_csv CSV OUTDIR`: the CSV importer (formats.monitor_csv)."""

from __future__ import annotations

import sys

from timeline_tui.formats.monitor_csv import main

if __name__ == "__main__":
    sys.exit(main())
