"""`python -m factlint`."""

import sys

from factlint.cli import run

sys.exit(run())
