"""Shared fixtures: paths to the repository, its seeds, and ../shared when present."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SEED = REPO / "seeds" / "rappler-2019-10-04-duterte-putin.txt"
SHARED = REPO.parent / "shared"


@pytest.fixture
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")
