"""Which files a run checks: the paths given, folders walked (hidden ones skipped)."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from factlint.read.decode import decode_bytes


def discover(paths: Sequence[str], suffixes: Sequence[str]) -> tuple[list[tuple[Path, str]], list[str]]:
    """Files to check (folders recurse; hidden folders skipped) and errors for missing paths."""
    found: list[tuple[Path, str]] = []
    errors: list[str] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for root, dirs, files in os.walk(path, followlinks=False):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(files):
                    if name.lower().endswith(tuple(suffixes)) and not name.startswith("."):
                        full = Path(root) / name
                        found.append((full, full.as_posix()))
        elif path.is_file() or raw == "-":
            found.append((path, raw))
        elif path.exists():
            errors.append(f"{raw}: not a regular file")
        else:
            errors.append(f"{raw}: no such file or directory")
    return found, errors


def decoded_source(data: bytes) -> str:
    """The source text reporters quote, decoded as `read_file` does (without the NLP)."""
    text = decode_bytes(data).text or ""
    return text[1:] if text.startswith("\ufeff") else text
