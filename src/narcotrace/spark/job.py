"""The application file for spark-submit: `spark-submit [options] job.py scan|network ARGS` runs
`narcotrace spark scan|network ARGS` on the cluster spark-submit set up (docs/spark.md has the recipe)."""

from __future__ import annotations

import sys

from narcotrace.cli import main

if __name__ == "__main__":
    sys.exit(main(["spark", *sys.argv[1:]]))
