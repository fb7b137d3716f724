"""`python -m narcotrace` runs the command line."""

import sys

from narcotrace.cli import main

sys.exit(main())
