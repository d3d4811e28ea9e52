"""YAML front matter at the top of a Markdown file (`---` ... `---`)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

FRONT_MATTER_OPENING = _OPEN = re.compile(r"---[ \t]*(?:\r\n|\r|\n)")
_CLOSE = re.compile(r"^(?:---|\.\.\.)[ \t]*$", re.MULTILINE)


@dataclass(frozen=True)
class FrontMatter:
    end: int  # source offset just past the closing fence (0: none)
    data: dict[str, Any] = field(default_factory=dict)
    error: str = ""
    error_offset: int = 0


def read_front_matter(source: str) -> FrontMatter:
    opening = _OPEN.match(source)
    if not opening:
        return FrontMatter(0)
    closing = _CLOSE.search(source, opening.end())
    if not closing:
        return FrontMatter(0, error="front matter opened with '---' is never closed", error_offset=0)
    end = closing.end()
    while end < len(source) and source[end] in "\r\n":
        end += 1
        break
    block = source[opening.end() : closing.start()]
    import yaml  # only when there is front matter to read: a cached run reads none

    from factlint.core.safe_yaml import load_string_dates

    try:
        # Dates stay strings: PyYAML's timestamp constructor raises ValueError on
        # `date: 2019-02-30`; the date reader says what is wrong with it instead.
        data = load_string_dates(block)
    except RecursionError:
        return FrontMatter(end, error="front matter is nested too deeply to read", error_offset=opening.end())
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        offset = opening.end()
        if mark is not None:
            offset += mark.index
        problem = getattr(error, "problem", None) or str(error).splitlines()[0]
        return FrontMatter(end, error=f"front matter is not valid YAML: {problem}", error_offset=offset)
    if data is None:
        data = {}
    if not isinstance(data, dict):
        return FrontMatter(end, error="front matter is not a mapping of keys to values", error_offset=opening.end())
    return FrontMatter(end, {str(k): v for k, v in data.items()})
