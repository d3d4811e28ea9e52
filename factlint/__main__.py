"""`python -m factlint`."""

import sys

from factlint.shells.cli import run

sys.exit(run())
