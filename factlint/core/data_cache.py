"""Parsed YAML data files (lexicons, patterns) kept as JSON by content, so a run that must
analyse a file but has read these files before does not scan their YAML again (PyYAML's
pure-Python scanner took a tenth of a one-file cold run).

The store is the results cache folder, which the engine hands in (`use_store`): this layer
knows no folder. Data that JSON cannot hold exactly (dates, non-string keys) is parsed every
time: an entry is written only when it reads back equal to what the YAML gave.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

Reader = Callable[[str], Any]  # key -> the stored JSON value, or None
Writer = Callable[[str, str], None]  # key, JSON text
_store: list[tuple[Reader, Writer]] = []


def use_store(read: Reader | None, write: Writer | None = None) -> None:
    """Keep parsed data through `read`/`write` from now on (None: keep nothing)."""
    _store.clear()
    if read is not None and write is not None:
        _store.append((read, write))


def load_cached(path: Path, parse: Callable[[str], Any], text: str | None = None) -> Any:
    """`parse(path's text)`, from the store when it holds this very text parsed this way
    (`text`: the file's text as the caller read it, e.g. through the safe reader's size limit)."""
    text = path.read_text(encoding="utf-8") if text is None else text
    if not _store:
        return parse(text)
    read, write = _store[0]
    key = hashlib.sha256(f"{parse.__module__}.{parse.__qualname__}\0{text}".encode("utf-8", "surrogatepass")).hexdigest()
    stored = read(key)
    if isinstance(stored, dict) and "data" in stored:
        return stored["data"]
    data = parse(text)
    try:
        encoded = json.dumps({"data": data})
        if json.loads(encoded)["data"] == data:
            write(key, encoded)
    except (TypeError, ValueError):
        pass  # not JSON data: parsed every time
    return data
