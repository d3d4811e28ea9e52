"""How sources are read (`ReadOptions`), apart from the readers: a cache key is made of these
options, and a run whose every file is a hit must not import the readers (their front-matter,
dateline, structure and language modules) to make it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

DEFAULT_FRONT_MATTER_KEYS = ("date", "published", "pubDate", "publishDate", "created")


@dataclass(frozen=True)
class ReadOptions:
    """How to read sources: the DCT given by the user and where else to look for one."""

    dct: date | None = None
    front_matter_keys: tuple[str, ...] = DEFAULT_FRONT_MATTER_KEYS
    markup: str | None = None  # force "markdown" or "text"; None: by file suffix
    language: str | None = None  # --language: every file is in it ("auto": detect, ignoring front matter)
    default_language: str | None = None  # the configuration's `language` for this file, after its front matter
