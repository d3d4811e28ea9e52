"""Where the built-in rule pack lives, installed (inside the wheel) or in a source checkout."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path


@lru_cache(maxsize=1)
def builtin_rules_dir() -> Path:
    packaged = Path(__file__).parent.parent / "builtin_rules"
    if (packaged / "lexicons").is_dir():
        return packaged
    checkout = Path(__file__).resolve().parent.parent.parent / "rules"
    if checkout.is_dir():
        return checkout
    raise FileNotFoundError("factlint's built-in rule pack is missing from this installation")
